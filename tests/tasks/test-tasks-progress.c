/* test-tasks-progress.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * "N of M repositories" as every variant goes: the updates that carry it,
 * ranking or not.
 */

#include "config.h"

#include "tasks-test-utils.h"

static void
assert_progress (ContribUpdate *update,
                 guint          loaded,
                 guint          failed,
                 guint          total)
{
  guint actual_loaded = G_MAXUINT;
  guint actual_failed = G_MAXUINT;
  guint actual_total = G_MAXUINT;

  contrib_update_get_progress (update, &actual_loaded, &actual_failed, &actual_total);
  g_assert_cmpuint (actual_loaded, ==, loaded);
  g_assert_cmpuint (actual_failed, ==, failed);
  g_assert_cmpuint (actual_total, ==, total);
}

static void
test_update_progress_only (void)
{
  g_autoptr(ContribUpdate) update = contrib_update_new_progress (57, 2, 160);

  g_test_summary ("A progress-only update is safe for code that expects a ranking");

  g_assert_false (contrib_update_has_ranking (update));
  g_assert_false (contrib_update_is_completed (update));
  g_assert_nonnull (contrib_update_get_users (update));
  g_assert_cmpuint (contrib_update_get_users (update)->len, ==, 0);
  g_assert_cmpuint (contrib_update_get_n_failures (update), ==, 0);
  assert_progress (update, 57, 2, 160);
  contrib_update_get_progress (update, NULL, NULL, NULL);
}

static void
test_update_ranking (void)
{
  g_autoptr(ContribUpdate) update = contrib_update_new (g_ptr_array_new_with_free_func (g_object_unref),
                                                        NULL, TRUE);

  g_assert_true (contrib_update_has_ranking (update));
  /* Made outside a loader: no one counted */
  assert_progress (update, 0, 0, 0);
}

int
main (int    argc,
      char **argv)
{
  tasks_test_init (&argc, &argv);

  g_test_add_func ("/tasks/update/progress-only", test_update_progress_only);
  g_test_add_func ("/tasks/update/ranking", test_update_ranking);

  return g_test_run ();
}
