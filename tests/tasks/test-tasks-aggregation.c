/* test-tasks-aggregation.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "aggregation.h"

static GPtrArray *
users_of (const char *first_login,
          ...)
{
  GPtrArray *users = g_ptr_array_new_with_free_func (g_object_unref);
  const char *login = first_login;
  va_list args;

  va_start (args, first_login);
  while (login != NULL)
    {
      g_ptr_array_add (users, gh_user_new (login, va_arg (args, int)));
      login = va_arg (args, const char *);
    }
  va_end (args);

  return users;
}

static char *
to_string (GPtrArray *users)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < users->len; i++)
    g_string_append_printf (out, "%s%s %" G_GINT64_FORMAT, i > 0 ? ", " : "",
                            gh_user_get_login (g_ptr_array_index (users, i)),
                            gh_user_get_contributions (g_ptr_array_index (users, i)));
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static void
test_aggregation_tutorial (void)
{
  g_autoptr(GPtrArray) users = users_of ("Alice", 1, "Bob", 3, "Alice", 2, "Bob", 7, "Charlie", 3,
                                         "Alice", 5, NULL);
  g_autoptr(GPtrArray) aggregated = contrib_aggregate (users);
  g_autofree char *text = to_string (aggregated);

  g_test_summary ("The tutorial's AggregationKtTest");
  g_assert_cmpstr (text, ==, "[Bob 10, Alice 8, Charlie 3]");
}

static void
test_aggregation_ties_keep_first_appearance (void)
{
  g_autoptr(GPtrArray) users = users_of ("user-2", 20, "user-1", 10, "user-2", 30, "user-1", 40,
                                         "zed", 50, "amy", 50, NULL);
  g_autoptr(GPtrArray) aggregated = contrib_aggregate (users);
  g_autofree char *text = to_string (aggregated);

  g_test_summary ("The sort is stable: ties keep first-appearance order, not login order");
  g_assert_cmpstr (text, ==, "[user-2 50, user-1 50, zed 50, amy 50]");
}

static void
test_aggregation_incremental (void)
{
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  g_autoptr(GPtrArray) repo1 = users_of ("user-1", 10, "user-2", 20, NULL);
  g_autoptr(GPtrArray) repo2 = users_of ("user-2", 30, "user-1", 40, NULL);
  g_autoptr(GPtrArray) repo3 = users_of ("user-2", 50, "user-3", 60, NULL);
  g_autoptr(GPtrArray) snapshot = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  contrib_aggregator_add (aggregator, repo1);
  snapshot = contrib_aggregator_snapshot (aggregator);
  first = to_string (snapshot);
  g_clear_pointer (&snapshot, g_ptr_array_unref);

  contrib_aggregator_add (aggregator, repo2);
  snapshot = contrib_aggregator_snapshot (aggregator);
  second = to_string (snapshot);
  g_clear_pointer (&snapshot, g_ptr_array_unref);

  contrib_aggregator_add (aggregator, repo3);
  snapshot = contrib_aggregator_snapshot (aggregator);
  third = to_string (snapshot);

  g_assert_cmpstr (first, ==, "[user-2 20, user-1 10]");
  g_assert_cmpstr (second, ==, "[user-2 50, user-1 50]");
  g_assert_cmpstr (third, ==, "[user-2 100, user-3 60, user-1 50]");
}

static void
test_aggregation_empty (void)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new ();
  g_autoptr(GPtrArray) aggregated = contrib_aggregate (users);

  g_assert_cmpuint (aggregated->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tasks/aggregation/tutorial", test_aggregation_tutorial);
  g_test_add_func ("/tasks/aggregation/ties", test_aggregation_ties_keep_first_appearance);
  g_test_add_func ("/tasks/aggregation/incremental", test_aggregation_incremental);
  g_test_add_func ("/tasks/aggregation/empty", test_aggregation_empty);

  return g_test_run ();
}
