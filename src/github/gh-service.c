/* gh-service.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-service-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "coro.h"
#include "gh-error.h"

/**
 * GhService:
 *
 * The GitHub API as the loader variants see it.
 *
 * Each endpoint comes in three calling styles that return the same
 * #GhResponse for the same server state:
 *
 * - blocking (`_sync`): returns when the answer is in; may be called from
 *   any thread;
 * - callback (`_async`/`_finish`): GIO style; the callback runs on the
 *   thread-default main context of the thread that started the call;
 * - suspend (`_suspend`): may only be called from a coroutine; it suspends
 *   the coroutine instead of blocking the thread, and fails with
 *   %G_IO_ERROR_CANCELLED when the coroutine is cancelled.
 *
 * Failures are #GError: %GH_ERROR for everything GitHub answered (see
 * #GhError), GIO errors for transport failures, %G_IO_ERROR_CANCELLED for
 * cancellation.
 */

G_DEFINE_INTERFACE (GhService, gh_service, G_TYPE_OBJECT)

/* The default suspend style: the implementation's callback style, awaited.
 * The arguments must outlive a cancelled wait, so they are copied. */
typedef struct
{
  GhService *service;
  char      *org_or_owner;
  char      *repo;          /* NULL for the repositories endpoint */
} SuspendCall;

static void
suspend_call_free (SuspendCall *call)
{
  g_object_unref (call->service);
  g_free (call->org_or_owner);
  g_free (call->repo);
  g_free (call);
}

static void
suspend_call_start (gpointer             data,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  SuspendCall *call = data;
  GhServiceInterface *iface = GH_SERVICE_GET_IFACE (call->service);

  if (call->repo == NULL)
    iface->get_org_repos_async (call->service, call->org_or_owner, cancellable,
                                callback, user_data);
  else
    iface->get_repo_contributors_async (call->service, call->org_or_owner, call->repo,
                                        cancellable, callback, user_data);
}

static gpointer
suspend_call_finish (gpointer       data,
                     GAsyncResult  *result,
                     GError       **error)
{
  SuspendCall *call = data;
  GhServiceInterface *iface = GH_SERVICE_GET_IFACE (call->service);

  if (call->repo == NULL)
    return iface->get_org_repos_finish (call->service, result, error);

  return iface->get_repo_contributors_finish (call->service, result, error);
}

static GhResponse *
await_async_call (GhService   *self,
                  const char  *org_or_owner,
                  const char  *repo,
                  GError     **error)
{
  SuspendCall *call = g_new0 (SuspendCall, 1);

  call->service = g_object_ref (self);
  call->org_or_owner = g_strdup (org_or_owner);
  call->repo = g_strdup (repo);

  return coro_await_async (suspend_call_start, suspend_call_finish, call,
                           (GDestroyNotify) suspend_call_free,
                           (GDestroyNotify) gh_response_unref, error);
}

/* Calling a suspend function outside a coroutine is a programming error,
 * reported like coro_run_blocking() does: a critical and an error */
static gboolean
require_coroutine (const char  *function,
                   GError     **error)
{
  if (coro_is_in_coroutine ())
    return TRUE;

  g_critical ("%s: must be called from a coroutine", function);
  g_set_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE,
               "%s must be called from a coroutine", function);
  return FALSE;
}

/**
 * _gh_service_await_org_repos:
 * @self: a #GhService
 * @org: the organization
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine on the callback style of @self; what
 * gh_service_get_org_repos_suspend() does for implementations without a
 * suspend vfunc.
 *
 * Returns: (transfer full): the repositories, or %NULL on error
 */
GhResponse *
_gh_service_await_org_repos (GhService   *self,
                             const char  *org,
                             GError     **error)
{
  return await_async_call (self, org, NULL, error);
}

/**
 * _gh_service_await_repo_contributors:
 * @self: a #GhService
 * @owner: the repository's owner
 * @repo: the repository's name
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine on the callback style of @self.
 *
 * Returns: (transfer full): the contributors, or %NULL on error
 */
GhResponse *
_gh_service_await_repo_contributors (GhService   *self,
                                     const char  *owner,
                                     const char  *repo,
                                     GError     **error)
{
  return await_async_call (self, owner, repo, error);
}

static void
gh_service_default_init (GhServiceInterface *iface)
{
}

/**
 * gh_service_get_org_repos_sync:
 * @self: a #GhService
 * @org: the organization
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Lists the repositories of @org, following pagination, and blocks the
 * calling thread until done.
 *
 * Returns: (transfer full): the repositories (#GhRepo), or %NULL on error
 */
GhResponse *
gh_service_get_org_repos_sync (GhService     *self,
                               const char    *org,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_return_val_if_fail (GH_IS_SERVICE (self), NULL);
  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return GH_SERVICE_GET_IFACE (self)->get_org_repos_sync (self, org, cancellable, error);
}

/**
 * gh_service_get_org_repos_async:
 * @self: a #GhService
 * @org: the organization
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the calling thread
 * @user_data: data for @callback
 *
 * Lists the repositories of @org, following pagination, without blocking.
 * Finish with gh_service_get_org_repos_finish().
 */
void
gh_service_get_org_repos_async (GhService           *self,
                                const char          *org,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GH_IS_SERVICE (self));
  g_return_if_fail (org != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  GH_SERVICE_GET_IFACE (self)->get_org_repos_async (self, org, cancellable, callback, user_data);
}

/**
 * gh_service_get_org_repos_finish:
 * @self: a #GhService
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the repositories (#GhRepo), or %NULL on error
 */
GhResponse *
gh_service_get_org_repos_finish (GhService     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (GH_IS_SERVICE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return GH_SERVICE_GET_IFACE (self)->get_org_repos_finish (self, result, error);
}

/**
 * gh_service_get_org_repos_suspend:
 * @self: a #GhService
 * @org: the organization
 * @error: return location for a #GError
 *
 * Lists the repositories of @org, following pagination. Suspends the
 * calling coroutine; must be called from a coroutine. Cancelling the
 * coroutine cancels the request.
 *
 * Returns: (transfer full): the repositories (#GhRepo), or %NULL on error
 */
GhResponse *
gh_service_get_org_repos_suspend (GhService   *self,
                                  const char  *org,
                                  GError     **error)
{
  GhServiceInterface *iface;

  g_return_val_if_fail (GH_IS_SERVICE (self), NULL);
  g_return_val_if_fail (org != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!require_coroutine (G_STRFUNC, error))
    return NULL;

  iface = GH_SERVICE_GET_IFACE (self);
  if (iface->get_org_repos_suspend == NULL)
    return _gh_service_await_org_repos (self, org, error);

  return iface->get_org_repos_suspend (self, org, error);
}

/**
 * gh_service_get_repo_contributors_sync:
 * @self: a #GhService
 * @owner: the repository's owner (the tutorial passes the organization)
 * @repo: the repository's name
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Lists the contributors of @owner/@repo, following pagination, and blocks
 * the calling thread until done. An empty repository (HTTP 204) gives an
 * empty list, not an error.
 *
 * Returns: (transfer full): the contributors (#GhUser), or %NULL on error
 */
GhResponse *
gh_service_get_repo_contributors_sync (GhService     *self,
                                       const char    *owner,
                                       const char    *repo,
                                       GCancellable  *cancellable,
                                       GError       **error)
{
  g_return_val_if_fail (GH_IS_SERVICE (self), NULL);
  g_return_val_if_fail (owner != NULL, NULL);
  g_return_val_if_fail (repo != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return GH_SERVICE_GET_IFACE (self)->get_repo_contributors_sync (self, owner, repo,
                                                                 cancellable, error);
}

/**
 * gh_service_get_repo_contributors_async:
 * @self: a #GhService
 * @owner: the repository's owner
 * @repo: the repository's name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the calling thread
 * @user_data: data for @callback
 *
 * Lists the contributors of @owner/@repo without blocking. Finish with
 * gh_service_get_repo_contributors_finish().
 */
void
gh_service_get_repo_contributors_async (GhService           *self,
                                        const char          *owner,
                                        const char          *repo,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (GH_IS_SERVICE (self));
  g_return_if_fail (owner != NULL);
  g_return_if_fail (repo != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  GH_SERVICE_GET_IFACE (self)->get_repo_contributors_async (self, owner, repo, cancellable,
                                                           callback, user_data);
}

/**
 * gh_service_get_repo_contributors_finish:
 * @self: a #GhService
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the contributors (#GhUser), or %NULL on error
 */
GhResponse *
gh_service_get_repo_contributors_finish (GhService     *self,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (GH_IS_SERVICE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return GH_SERVICE_GET_IFACE (self)->get_repo_contributors_finish (self, result, error);
}

/**
 * gh_service_get_repo_contributors_suspend:
 * @self: a #GhService
 * @owner: the repository's owner
 * @repo: the repository's name
 * @error: return location for a #GError
 *
 * Lists the contributors of @owner/@repo. Suspends the calling coroutine;
 * must be called from a coroutine. Cancelling the coroutine cancels the
 * request.
 *
 * Returns: (transfer full): the contributors (#GhUser), or %NULL on error
 */
GhResponse *
gh_service_get_repo_contributors_suspend (GhService   *self,
                                          const char  *owner,
                                          const char  *repo,
                                          GError     **error)
{
  GhServiceInterface *iface;

  g_return_val_if_fail (GH_IS_SERVICE (self), NULL);
  g_return_val_if_fail (owner != NULL, NULL);
  g_return_val_if_fail (repo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!require_coroutine (G_STRFUNC, error))
    return NULL;

  iface = GH_SERVICE_GET_IFACE (self);
  if (iface->get_repo_contributors_suspend == NULL)
    return _gh_service_await_repo_contributors (self, owner, repo, error);

  return iface->get_repo_contributors_suspend (self, owner, repo, error);
}

/**
 * gh_service_set_request_sink:
 * @self: a service
 * @sink: (nullable): where to record each HTTP request from now on
 *
 * A service that makes no requests of its own, such as a wrapper, hands
 * @sink on to the one that does; one without @set_request_sink ignores it.
 */
void
gh_service_set_request_sink (GhService     *self,
                             GhRequestSink *sink)
{
  GhServiceInterface *iface;

  g_return_if_fail (GH_IS_SERVICE (self));

  iface = GH_SERVICE_GET_IFACE (self);
  if (iface->set_request_sink != NULL)
    iface->set_request_sink (self, sink);
}

/* GitHub's rule for organization and user names */
#define GH_MAX_ORG_NAME_CHARS 39

/**
 * gh_validate_org_name:
 * @org: a name as a user typed it
 * @error: return location for a #GError
 *
 * Checks @org against GitHub's rule for organization names: letters,
 * digits, hyphens and underscores, starting with a letter or digit, at
 * most 39 characters. A name that breaks it could never be found, and one
 * such as `../etc` would change the request's path, so it is refused
 * before any request is made.
 *
 * Returns: %TRUE if @org is a valid name; otherwise %FALSE with
 *   %GH_ERROR_INVALID_NAME and a message saying what is wrong
 */
gboolean
gh_validate_org_name (const char  *org,
                      GError     **error)
{
  gsize length;

  g_return_val_if_fail (org != NULL, FALSE);

  length = strlen (org);
  if (length == 0)
    {
      g_set_error_literal (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                           _("Enter the organization whose contributors to load, for example “kotlin”."));
      return FALSE;
    }

  if (length > GH_MAX_ORG_NAME_CHARS)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                   g_dngettext (GETTEXT_PACKAGE, "An organization name has at most %d character.",
                                "An organization name has at most %d characters.", GH_MAX_ORG_NAME_CHARS),
                   GH_MAX_ORG_NAME_CHARS);
      return FALSE;
    }

  if (!g_ascii_isalnum (org[0]))
    {
      g_set_error_literal (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                           _("An organization name starts with a letter or a digit."));
      return FALSE;
    }

  for (const char *p = org; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        {
          g_set_error_literal (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                               _("An organization name has only letters, digits, hyphens and underscores."));
          return FALSE;
        }
    }

  return TRUE;
}
