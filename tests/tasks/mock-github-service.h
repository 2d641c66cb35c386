/* mock-github-service.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>
#include <gh-dataset.h>

G_BEGIN_DECLS

#define MOCK_TYPE_GITHUB_SERVICE (mock_github_service_get_type ())

G_DECLARE_FINAL_TYPE (MockGithubService, mock_github_service, MOCK, GITHUB_SERVICE, GObject)

/**
 * MockCallStyle:
 * @MOCK_CALL_SYNC: a blocking call (BLOCKING, BACKGROUND)
 * @MOCK_CALL_ASYNC: a callback-style call (CALLBACKS)
 * @MOCK_CALL_SUSPEND: a suspending call (the coroutine variants)
 */
typedef enum
{
  MOCK_CALL_SYNC,
  MOCK_CALL_ASYNC,
  MOCK_CALL_SUSPEND,
} MockCallStyle;

/**
 * MockCall:
 * @path: "orgs/ORG/repos" or "repos/OWNER/REPO/contributors"
 * @style: how it was called
 * @thread: the thread that made the request
 * @started_ms: coro_current_time() when the request started: virtual time
 *   on the test dispatcher
 * @ended_ms: the same when it ended
 * @ended: whether it ended (%FALSE while in flight or held)
 * @cancelled: whether it ended because it was cancelled
 * @subject: the organization or repository
 * @caller_thread: the thread's name, interned
 * @caller_coroutine: the coroutine's name, interned, or %NULL
 * @caller_coroutine_id: its id
 * @sink: (nullable): where it is recorded
 *
 * One request, as the mock saw it.
 */
typedef struct
{
  char          *path;
  MockCallStyle  style;
  GThread       *thread;
  gint64         started_ms;
  gint64         ended_ms;
  gboolean       ended;
  gboolean       cancelled;
  char          *subject;
  const char    *caller_thread;
  const char    *caller_coroutine;
  guint64        caller_coroutine_id;
  GhRequestSink *sink;
} MockCall;

MockGithubService *mock_github_service_new                  (GhDataset         *dataset);
MockGithubService *mock_github_service_new_for_name         (const char        *dataset_name);
void               mock_github_service_fail_repos           (MockGithubService *self,
                                                             const GError      *error);
void               mock_github_service_set_hold             (MockGithubService *self,
                                                             gboolean           hold);
guint              mock_github_service_get_n_held           (MockGithubService *self);
gboolean           mock_github_service_wait_held            (MockGithubService *self,
                                                             guint              n_held,
                                                             gint64             timeout_ms);
GPtrArray         *mock_github_service_get_calls            (MockGithubService *self);
guint              mock_github_service_count_calls          (MockGithubService *self,
                                                             gboolean           cancelled);
guint              mock_github_service_get_n_users_alive    (MockGithubService *self);
guint              mock_github_service_count_users_freed_on (MockGithubService *self,
                                                             GThread           *thread);

G_END_DECLS
