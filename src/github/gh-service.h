/* gh-service.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

#include "gh-request-log.h"
#include "gh-response.h"

G_BEGIN_DECLS

#define GH_TYPE_SERVICE (gh_service_get_type ())

G_DECLARE_INTERFACE (GhService, gh_service, GH, SERVICE, GObject)

/**
 * GhServiceInterface:
 * @get_org_repos_sync: blocking `GET orgs/{org}/repos?per_page=100`
 * @get_org_repos_async: start it, GIO style
 * @get_org_repos_finish: finish it
 * @get_org_repos_suspend: the same from a coroutine; %NULL uses
 *   @get_org_repos_async through coro_await_async()
 * @get_repo_contributors_sync: blocking
 *   `GET repos/{owner}/{repo}/contributors?per_page=100`
 * @get_repo_contributors_async: start it, GIO style
 * @get_repo_contributors_finish: finish it
 * @get_repo_contributors_suspend: the same from a coroutine; %NULL uses
 *   @get_repo_contributors_async through coro_await_async()
 * @set_request_sink: from now on, record every HTTP request in @sink;
 *   %NULL stops. A call records where it was started, also after this
 *   changes. %NULL where the service makes no requests of its own
 *
 * The two GitHub endpoints the tutorial uses, in its three calling styles
 * (Retrofit's Call.execute(), Call.enqueue() and suspend functions). The
 * real client (#GhClient) and in-memory mocks implement the same vfuncs, so
 * the loader variants can run against either.
 */
struct _GhServiceInterface
{
  GTypeInterface parent_iface;

  GhResponse *(*get_org_repos_sync)            (GhService            *self,
                                                const char           *org,
                                                GCancellable         *cancellable,
                                                GError              **error);
  void        (*get_org_repos_async)           (GhService            *self,
                                                const char           *org,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  GhResponse *(*get_org_repos_finish)          (GhService            *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  GhResponse *(*get_org_repos_suspend)         (GhService            *self,
                                                const char           *org,
                                                GError              **error);

  GhResponse *(*get_repo_contributors_sync)    (GhService            *self,
                                                const char           *owner,
                                                const char           *repo,
                                                GCancellable         *cancellable,
                                                GError              **error);
  void        (*get_repo_contributors_async)   (GhService            *self,
                                                const char           *owner,
                                                const char           *repo,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
  GhResponse *(*get_repo_contributors_finish)  (GhService            *self,
                                                GAsyncResult         *result,
                                                GError              **error);
  GhResponse *(*get_repo_contributors_suspend) (GhService            *self,
                                                const char           *owner,
                                                const char           *repo,
                                                GError              **error);

  void        (*set_request_sink)              (GhService            *self,
                                                GhRequestSink        *sink);

  /*< private >*/
  gpointer padding[7];
};

GhResponse *gh_service_get_org_repos_sync            (GhService            *self,
                                                      const char           *org,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
void        gh_service_get_org_repos_async           (GhService            *self,
                                                      const char           *org,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GhResponse *gh_service_get_org_repos_finish          (GhService            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
GhResponse *gh_service_get_org_repos_suspend         (GhService            *self,
                                                      const char           *org,
                                                      GError              **error);

GhResponse *gh_service_get_repo_contributors_sync    (GhService            *self,
                                                      const char           *owner,
                                                      const char           *repo,
                                                      GCancellable         *cancellable,
                                                      GError              **error);
void        gh_service_get_repo_contributors_async   (GhService            *self,
                                                      const char           *owner,
                                                      const char           *repo,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GhResponse *gh_service_get_repo_contributors_finish  (GhService            *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
GhResponse *gh_service_get_repo_contributors_suspend (GhService            *self,
                                                      const char           *owner,
                                                      const char           *repo,
                                                      GError              **error);

void        gh_service_set_request_sink              (GhService            *self,
                                                      GhRequestSink        *sink);

gboolean    gh_validate_org_name                     (const char           *org,
                                                      GError              **error);

G_END_DECLS
