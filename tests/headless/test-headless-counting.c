/* test-headless-counting.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The counting decorator: it forwards each calling style unchanged, and
 * counts calls, calls under way and the peak, and repositories loaded,
 * failed and in the list, from any thread.
 */

#include "config.h"

#include <coro.h>

#include "contrib-counting-service.h"
#include "mock-github-service.h"
#include "tasks-test-utils.h"

/* A service with no suspend functions, as GhClient was before it grew
 * them: the decorator must fall back to awaiting the callback style. */

#define TEST_TYPE_ASYNC_ONLY (test_async_only_get_type ())
G_DECLARE_FINAL_TYPE (TestAsyncOnly, test_async_only, TEST, ASYNC_ONLY, GObject)

struct _TestAsyncOnly
{
  GObject    parent_instance;
  GhService *inner;
};

static void test_async_only_iface_init (GhServiceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestAsyncOnly, test_async_only, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GH_TYPE_SERVICE, test_async_only_iface_init))

static GhResponse *
async_only_repos_sync (GhService *service, const char *org, GCancellable *cancellable, GError **error)
{
  return gh_service_get_org_repos_sync (TEST_ASYNC_ONLY (service)->inner, org, cancellable, error);
}

static void
async_only_repos_async (GhService *service, const char *org, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  gh_service_get_org_repos_async (TEST_ASYNC_ONLY (service)->inner, org, cancellable, callback, user_data);
}

static GhResponse *
async_only_repos_finish (GhService *service, GAsyncResult *result, GError **error)
{
  return gh_service_get_org_repos_finish (TEST_ASYNC_ONLY (service)->inner, result, error);
}

static GhResponse *
async_only_users_sync (GhService *service, const char *owner, const char *repo,
                       GCancellable *cancellable, GError **error)
{
  return gh_service_get_repo_contributors_sync (TEST_ASYNC_ONLY (service)->inner, owner, repo,
                                                cancellable, error);
}

static void
async_only_users_async (GhService *service, const char *owner, const char *repo,
                        GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  gh_service_get_repo_contributors_async (TEST_ASYNC_ONLY (service)->inner, owner, repo,
                                          cancellable, callback, user_data);
}

static GhResponse *
async_only_users_finish (GhService *service, GAsyncResult *result, GError **error)
{
  return gh_service_get_repo_contributors_finish (TEST_ASYNC_ONLY (service)->inner, result, error);
}

static void
test_async_only_iface_init (GhServiceInterface *iface)
{
  iface->get_org_repos_sync = async_only_repos_sync;
  iface->get_org_repos_async = async_only_repos_async;
  iface->get_org_repos_finish = async_only_repos_finish;
  iface->get_repo_contributors_sync = async_only_users_sync;
  iface->get_repo_contributors_async = async_only_users_async;
  iface->get_repo_contributors_finish = async_only_users_finish;
}

static void
test_async_only_dispose (GObject *object)
{
  g_clear_object (&TEST_ASYNC_ONLY (object)->inner);
  G_OBJECT_CLASS (test_async_only_parent_class)->dispose (object);
}

static void
test_async_only_class_init (TestAsyncOnlyClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = test_async_only_dispose;
}

static void
test_async_only_init (TestAsyncOnly *self)
{
}

static void
assert_counts (ContribCountingService *counting,
               guint                   n_requests,
               guint                   in_flight,
               guint                   peak)
{
  g_assert_cmpuint (contrib_counting_service_get_n_requests (counting), ==, n_requests);
  g_assert_cmpuint (contrib_counting_service_get_in_flight (counting), ==, in_flight);
  g_assert_cmpuint (contrib_counting_service_get_peak_in_flight (counting), ==, peak);
}

static void
assert_repos (ContribCountingService *counting,
              guint                   loaded,
              guint                   failed,
              guint                   total,
              guint                   pending)
{
  guint actual_loaded;
  guint actual_failed;
  guint actual_total;

  contrib_counting_service_get_progress (counting, &actual_loaded, &actual_failed, &actual_total);
  g_assert_cmpuint (actual_loaded, ==, loaded);
  g_assert_cmpuint (actual_failed, ==, failed);
  g_assert_cmpuint (actual_total, ==, total);
  g_assert_cmpuint (contrib_counting_service_get_n_repos_pending (counting), ==, pending);
}

static void
test_counting_sync (void)
{
  g_autoptr(MockGithubService) mock = mock_github_service_new_for_name ("tutorial");
  g_autoptr(ContribCountingService) counting = contrib_counting_service_new (GH_SERVICE (mock));
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(GhResponse) users = NULL;
  g_autoptr(GhResponse) direct = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (contrib_counting_service_get_inner (counting) == GH_SERVICE (mock));
  assert_counts (counting, 0, 0, 0);
  assert_repos (counting, 0, 0, 0, 0);

  repos = gh_service_get_org_repos_sync (GH_SERVICE (counting), "org", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gh_response_get_n_items (repos), ==, 3);
  assert_repos (counting, 0, 0, 3, 3);

  users = gh_service_get_repo_contributors_sync (GH_SERVICE (counting), "org", "repo-2", NULL, &error);
  g_assert_no_error (error);
  direct = gh_service_get_repo_contributors_sync (GH_SERVICE (mock), "org", "repo-2", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gh_response_equal_items (users, direct));

  assert_counts (counting, 2, 0, 1);
  assert_repos (counting, 1, 0, 3, 2);

  contrib_counting_service_reset (counting);
  assert_counts (counting, 0, 0, 0);
  assert_repos (counting, 0, 0, 0, 0);
}

typedef struct
{
  guint n_calls;
  guint n_repos;
} ReposSeen;

static void
record_repos (GhResponse *repos,
              gpointer    user_data)
{
  ReposSeen *seen = user_data;

  seen->n_calls++;
  seen->n_repos = gh_response_get_n_items (repos);
}

static void
free_repos_seen (gpointer data)
{
  ReposSeen *seen = data;

  /* Freed with the service, after the last call */
  g_assert_cmpuint (seen->n_calls, ==, 1);
  g_free (seen);
}

static void
test_counting_repos_func (void)
{
  g_autoptr(MockGithubService) mock = mock_github_service_new_for_name ("tutorial");
  ContribCountingService *counting = contrib_counting_service_new (GH_SERVICE (mock));
  ReposSeen *seen = g_new0 (ReposSeen, 1);
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(GhResponse) users = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("The repository-list hook sees the list as soon as it arrives, once");

  contrib_counting_service_set_repos_func (counting, record_repos, seen, free_repos_seen);
  repos = gh_service_get_org_repos_sync (GH_SERVICE (counting), "org", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->n_calls, ==, 1);
  g_assert_cmpuint (seen->n_repos, ==, 3);

  users = gh_service_get_repo_contributors_sync (GH_SERVICE (counting), "org", "repo-2", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->n_calls, ==, 1);

  g_assert_finalize_object (counting);
}

static void
test_counting_sync_error (void)
{
  g_autoptr(MockGithubService) mock = mock_github_service_new_for_name ("tutorial");
  g_autoptr(ContribCountingService) counting = contrib_counting_service_new (GH_SERVICE (mock));
  g_autoptr(GError) failure = g_error_new_literal (GH_ERROR, GH_ERROR_NOT_FOUND, "Not Found");
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(GError) error = NULL;

  mock_github_service_fail_repos (mock, failure);
  repos = gh_service_get_org_repos_sync (GH_SERVICE (counting), "org", NULL, &error);
  g_assert_null (repos);
  g_assert_error (error, GH_ERROR, GH_ERROR_NOT_FOUND);
  assert_counts (counting, 1, 0, 1);
  /* No list, no total */
  assert_repos (counting, 0, 0, 0, 0);
}

static void
test_counting_failed_repo (void)
{
  g_autoptr(MockGithubService) mock = tasks_mock_new_from_data (tasks_dataset_faulty_repo);
  g_autoptr(ContribCountingService) counting = contrib_counting_service_new (GH_SERVICE (mock));
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(GhResponse) users = NULL;
  g_autoptr(GError) error = NULL;

  repos = gh_service_get_org_repos_sync (GH_SERVICE (counting), "org", NULL, &error);
  g_assert_no_error (error);
  users = gh_service_get_repo_contributors_sync (GH_SERVICE (counting), "org", "repo-1", NULL, &error);
  g_assert_no_error (error);

  /* A caller that does not ask for the error still has it counted */
  g_assert_null (gh_service_get_repo_contributors_sync (GH_SERVICE (counting), "org", "repo-2", NULL, NULL));
  assert_repos (counting, 1, 1, 3, 1);
}

typedef struct
{
  ContribCountingService *counting;
  GPtrArray              *responses;
  GError                 *error;
  guint                   pending;
} AsyncState;

static void
on_users (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncState *state = user_data;
  GhResponse *response;

  /* The caller finishes with the object it called, as the tutorial's
   * CALLBACKS does with its source */
  g_assert_true (source == G_OBJECT (state->counting));
  response = gh_service_get_repo_contributors_finish (GH_SERVICE (source), result,
                                                      state->error == NULL ? &state->error : NULL);
  if (response != NULL)
    g_ptr_array_add (state->responses, response);
  state->pending--;
}

static void
on_repos (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncState *state = user_data;
  GhResponse *response;

  g_assert_true (source == G_OBJECT (state->counting));
  response = gh_service_get_org_repos_finish (GH_SERVICE (source), result, &state->error);
  if (response != NULL)
    g_ptr_array_add (state->responses, response);
  state->pending--;
}

static void
test_counting_async (void)
{
  g_autoptr(MockGithubService) mock = mock_github_service_new_for_name ("tutorial");
  g_autoptr(ContribCountingService) counting = contrib_counting_service_new (GH_SERVICE (mock));
  AsyncState state = { counting, g_ptr_array_new_with_free_func ((GDestroyNotify) gh_response_unref) };
  const char *repos[] = { "repo-1", "repo-2", "repo-3" };

  gh_service_get_org_repos_async (GH_SERVICE (counting), "org", NULL, on_repos, &state);
  state.pending++;
  for (guint i = 0; i < G_N_ELEMENTS (repos); i++)
    {
      gh_service_get_repo_contributors_async (GH_SERVICE (counting), "org", repos[i], NULL,
                                              on_users, &state);
      state.pending++;
    }

  /* The mock answers from an idle, so all four are under way together */
  assert_counts (counting, 4, 4, 4);

  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (state.error);
  g_assert_cmpuint (state.responses->len, ==, 4);
  assert_counts (counting, 4, 0, 4);
  assert_repos (counting, 3, 0, 3, 0);
  g_ptr_array_unref (state.responses);
}

static void
test_counting_async_cancel (void)
{
  g_autoptr(MockGithubService) mock = mock_github_service_new_for_name ("tutorial");
  g_autoptr(ContribCountingService) counting = contrib_counting_service_new (GH_SERVICE (mock));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncState state = { counting, g_ptr_array_new_with_free_func ((GDestroyNotify) gh_response_unref) };

  mock_github_service_set_hold (mock, TRUE);
  gh_service_get_repo_contributors_async (GH_SERVICE (counting), "org", "repo-1", cancellable,
                                          on_users, &state);
  state.pending++;

  /* Held: still under way however long the loop runs */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (state.pending, ==, 1);
  assert_counts (counting, 1, 1, 1);

  g_cancellable_cancel (cancellable);
  while (state.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_counts (counting, 1, 0, 1);
  /* Neither loaded nor failed */
  assert_repos (counting, 0, 0, 0, 0);
  g_clear_error (&state.error);
  g_ptr_array_unref (state.responses);
}

typedef struct
{
  GhService *service;
  const char *repo;
} SuspendCall;

static gpointer
call_suspend (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  SuspendCall *call = data;

  if (call->repo == NULL)
    return gh_service_get_org_repos_suspend (call->service, "org", error);
  return gh_service_get_repo_contributors_suspend (call->service, "org", call->repo, error);
}

static gpointer
suspend_body (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  ContribCountingService *counting = data;
  SuspendCall calls[] = {
    { GH_SERVICE (counting), NULL },
    { GH_SERVICE (counting), "repo-1" },
    { GH_SERVICE (counting), "repo-2" },
    { GH_SERVICE (counting), "repo-3" },
  };
  CoroDeferred *deferreds[G_N_ELEMENTS (calls)];
  g_autoptr(GPtrArray) results = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    deferreds[i] = coro_async (scope, call_suspend, &calls[i], NULL, (GDestroyNotify) gh_response_unref);

  /* Each waits its latency; the first to finish is repo-3's, at 800 ms */
  if (coro_delay (700, error))
    {
      assert_counts (counting, 4, 4, 4);
      assert_repos (counting, 0, 0, 0, 0);
    }

  /* The results belong to the deferreds */
  results = coro_await_all (deferreds, G_N_ELEMENTS (deferreds), error);
  if (results != NULL)
    {
      g_assert_cmpuint (gh_response_get_n_items (g_ptr_array_index (results, 0)), ==, 3);
      g_assert_cmpuint (gh_response_get_n_items (g_ptr_array_index (results, 2)), ==, 2);
      assert_counts (counting, 4, 0, 4);
      assert_repos (counting, 3, 0, 3, 0);
    }

  for (guint i = 0; i < G_N_ELEMENTS (deferreds); i++)
    coro_job_unref (deferreds[i]);
  return NULL;
}

static void
test_counting_suspend (void)
{
  g_autoptr(MockGithubService) mock = mock_github_service_new_for_name ("tutorial");
  g_autoptr(ContribCountingService) counting = contrib_counting_service_new (GH_SERVICE (mock));
  g_autoptr(GError) error = NULL;

  coro_run_test (suspend_body, counting, &error);
  g_assert_no_error (error);
  assert_counts (counting, 4, 0, 4);
}

static gpointer
cancel_body (CoroJob  *scope,
             gpointer  data,
             GError  **error)
{
  ContribCountingService *counting = data;
  SuspendCall call = { GH_SERVICE (counting), "repo-2" };
  g_autoptr(CoroDeferred) deferred = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer result;

  deferred = coro_async (scope, call_suspend, &call, NULL, (GDestroyNotify) gh_response_unref);
  if (!coro_delay (100, error))
    return NULL;
  assert_counts (counting, 1, 1, 1);

  coro_job_cancel (deferred);
  result = coro_deferred_await (deferred, &local_error);
  g_assert_null (result);
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_counts (counting, 1, 0, 1);
  assert_repos (counting, 0, 0, 0, 0);
  return NULL;
}

static void
test_counting_suspend_cancel (void)
{
  g_autoptr(MockGithubService) mock = mock_github_service_new_for_name ("tutorial");
  g_autoptr(ContribCountingService) counting = contrib_counting_service_new (GH_SERVICE (mock));
  g_autoptr(GError) error = NULL;

  coro_run_test (cancel_body, counting, &error);
  g_assert_no_error (error);
}

static gpointer
fallback_body (CoroJob  *scope,
               gpointer  data,
               GError  **error)
{
  ContribCountingService *counting = data;
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(GhResponse) users = NULL;

  repos = gh_service_get_org_repos_suspend (GH_SERVICE (counting), "org", error);
  if (repos == NULL)
    return NULL;
  users = gh_service_get_repo_contributors_suspend (GH_SERVICE (counting), "org", "repo-3", error);
  if (users == NULL)
    return NULL;

  g_assert_cmpuint (gh_response_get_n_items (repos), ==, 3);
  g_assert_cmpuint (gh_response_get_n_items (users), ==, 2);
  g_assert_cmpstr (gh_user_get_login (gh_response_get_user (users, 0)), ==, "user-2");
  return NULL;
}

static void
test_counting_suspend_fallback (void)
{
  g_autoptr(MockGithubService) mock = mock_github_service_new_for_name ("tutorial");
  g_autoptr(TestAsyncOnly) async_only = g_object_new (TEST_TYPE_ASYNC_ONLY, NULL);
  g_autoptr(ContribCountingService) counting = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;

  async_only->inner = g_object_ref (GH_SERVICE (mock));
  counting = contrib_counting_service_new (GH_SERVICE (async_only));

  coro_run_blocking (fallback_body, counting, &error);
  g_assert_no_error (error);
  assert_counts (counting, 2, 0, 1);
  /* It went through the callback style */
  calls = mock_github_service_get_calls (mock);
  g_assert_cmpuint (calls->len, ==, 2);
  for (guint i = 0; i < calls->len; i++)
    g_assert_cmpint (((MockCall *) g_ptr_array_index (calls, i))->style, ==, MOCK_CALL_ASYNC);
}

#define N_THREADS 4
#define N_CALLS_PER_THREAD 250

static gpointer
hammer (gpointer data)
{
  ContribCountingService *counting = data;

  for (guint i = 0; i < N_CALLS_PER_THREAD; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhResponse) users = NULL;

      users = gh_service_get_repo_contributors_sync (GH_SERVICE (counting), "org", "repo-1", NULL, &error);
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_counting_threads (void)
{
  g_autoptr(MockGithubService) mock = mock_github_service_new_for_name ("tutorial");
  g_autoptr(ContribCountingService) counting = contrib_counting_service_new (GH_SERVICE (mock));
  GThread *threads[N_THREADS];

  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("hammer", hammer, counting);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);

  g_assert_cmpuint (contrib_counting_service_get_n_requests (counting), ==, N_THREADS * N_CALLS_PER_THREAD);
  g_assert_cmpuint (contrib_counting_service_get_in_flight (counting), ==, 0);
  g_assert_cmpuint (contrib_counting_service_get_peak_in_flight (counting), >=, 1);
  g_assert_cmpuint (contrib_counting_service_get_peak_in_flight (counting), <=, N_THREADS);
  assert_repos (counting, N_THREADS * N_CALLS_PER_THREAD, 0, 0, 0);
}

static void
count_change (gpointer user_data)
{
  guint *n_changes = user_data;

  g_atomic_int_inc (n_changes);
}

static void
forget_changes (gpointer user_data)
{
  guint *n_changes = user_data;

  *n_changes = G_MAXUINT;
}

static void
test_counting_changed (void)
{
  g_autoptr(MockGithubService) mock = mock_github_service_new_for_name ("tutorial");
  ContribCountingService *counting = contrib_counting_service_new (GH_SERVICE (mock));
  g_autoptr(GhResponse) repos = NULL;
  g_autoptr(GhResponse) users = NULL;
  guint n_changes = 0;

  g_test_summary ("Every call tells the owner twice: when it begins and when it ends");

  contrib_counting_service_set_changed_func (counting, count_change, &n_changes, forget_changes);
  repos = gh_service_get_org_repos_sync (GH_SERVICE (counting), "org", NULL, NULL);
  g_assert_cmpuint (n_changes, ==, 2);
  users = gh_service_get_repo_contributors_sync (GH_SERVICE (counting), "org", "repo-1", NULL, NULL);
  g_assert_cmpuint (n_changes, ==, 4);

  g_assert_finalize_object (counting);
  g_assert_cmpuint (n_changes, ==, G_MAXUINT);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the directories it sets per test */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/headless/counting/sync", test_counting_sync);
  g_test_add_func ("/headless/counting/sync-error", test_counting_sync_error);
  g_test_add_func ("/headless/counting/repos-func", test_counting_repos_func);
  g_test_add_func ("/headless/counting/failed-repo", test_counting_failed_repo);
  g_test_add_func ("/headless/counting/async", test_counting_async);
  g_test_add_func ("/headless/counting/async-cancel", test_counting_async_cancel);
  g_test_add_func ("/headless/counting/suspend", test_counting_suspend);
  g_test_add_func ("/headless/counting/suspend-cancel", test_counting_suspend_cancel);
  g_test_add_func ("/headless/counting/suspend-fallback", test_counting_suspend_fallback);
  g_test_add_func ("/headless/counting/threads", test_counting_threads);
  g_test_add_func ("/headless/counting/changed", test_counting_changed);

  return g_test_run ();
}
