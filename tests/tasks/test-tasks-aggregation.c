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

/* The reference is the tutorial's definition, written as plainly as
 * possible: on each snapshot, aggregate the previous ranking followed by
 * the users added since, then stable-sort by total. */
typedef struct
{
  char   *login;
  gint64  total;
  GhUser *shown;   /* the aggregator's user for it in the last snapshot */
} RefEntry;

typedef struct
{
  GPtrArray  *ranking;    /* RefEntry, owned */
  GHashTable *by_login;   /* login -> RefEntry */
  GPtrArray  *pending;    /* GhUser */
} Reference;

static void
ref_entry_free (gpointer data)
{
  RefEntry *entry = data;

  g_free (entry->login);
  g_clear_object (&entry->shown);
  g_free (entry);
}

static void
reference_init (Reference *ref)
{
  ref->ranking = g_ptr_array_new_with_free_func (ref_entry_free);
  ref->by_login = g_hash_table_new (g_str_hash, g_str_equal);
  ref->pending = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
reference_clear (Reference *ref)
{
  g_hash_table_unref (ref->by_login);
  g_ptr_array_unref (ref->ranking);
  g_ptr_array_unref (ref->pending);
}

static void
reference_snapshot (Reference *ref)
{
  RefEntry **entries;

  /* Appending to the previous ranking is aggregating it followed by the
   * new users: known logins keep their place, new ones come last in the
   * order they appeared. */
  for (guint i = 0; i < ref->pending->len; i++)
    {
      GhUser *user = g_ptr_array_index (ref->pending, i);
      RefEntry *entry = g_hash_table_lookup (ref->by_login, gh_user_get_login (user));

      if (entry == NULL)
        {
          entry = g_new0 (RefEntry, 1);
          entry->login = g_strdup (gh_user_get_login (user));
          g_ptr_array_add (ref->ranking, entry);
          g_hash_table_insert (ref->by_login, entry->login, entry);
        }
      entry->total += gh_user_get_contributions (user);
    }
  g_ptr_array_set_size (ref->pending, 0);

  /* Insertion sort: stable by construction, and quick on a nearly sorted
   * ranking. */
  entries = (RefEntry **) ref->ranking->pdata;
  for (guint i = 1; i < ref->ranking->len; i++)
    {
      RefEntry *moving = entries[i];
      guint j = i;

      for (; j > 0 && entries[j - 1]->total < moving->total; j--)
        entries[j] = entries[j - 1];
      entries[j] = moving;
    }
}

static char *
reference_to_string (Reference *ref)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < ref->ranking->len; i++)
    {
      RefEntry *entry = g_ptr_array_index (ref->ranking, i);

      g_string_append_printf (out, "%s%s %" G_GINT64_FORMAT, i > 0 ? ", " : "",
                              entry->login, entry->total);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static void
add_to_both (ContribAggregator *aggregator,
             Reference         *ref,
             GPtrArray         *users)
{
  contrib_aggregator_add (aggregator, users);
  for (guint i = 0; i < users->len; i++)
    g_ptr_array_add (ref->pending, g_object_ref (g_ptr_array_index (users, i)));
}

/* Snapshots both, compares them, and checks that each login whose total
 * held since the previous snapshot kept its user. */
static void
check_snapshot (ContribAggregator *aggregator,
                Reference         *ref)
{
  g_autoptr(GPtrArray) snapshot = contrib_aggregator_snapshot (aggregator);
  gboolean same;

  reference_snapshot (ref);
  same = snapshot->len == ref->ranking->len;
  for (guint i = 0; same && i < snapshot->len; i++)
    {
      GhUser *user = g_ptr_array_index (snapshot, i);
      RefEntry *entry = g_ptr_array_index (ref->ranking, i);

      same = g_str_equal (gh_user_get_login (user), entry->login) &&
             gh_user_get_contributions (user) == entry->total;
    }
  /* Comparing as text is slow (under valgrind) but tells what differs. */
  if (!same)
    {
      g_autofree char *actual = to_string (snapshot);
      g_autofree char *expected = reference_to_string (ref);

      g_assert_cmpstr (actual, ==, expected);
    }

  for (guint i = 0; i < snapshot->len; i++)
    {
      GhUser *user = g_ptr_array_index (snapshot, i);
      RefEntry *entry = g_ptr_array_index (ref->ranking, i);

      if (entry->shown != NULL && gh_user_get_contributions (entry->shown) == entry->total)
        g_assert_true (entry->shown == user);
      g_set_object (&entry->shown, user);
    }
}

/* A repository of random users from a pool of pool_size logins, the first
 * ones more popular, with small contributions (often 0) so that totals tie
 * often, and now and then a big one so that a user climbs far. */
static GPtrArray *
random_repo (guint pool_size,
             guint max_users)
{
  GPtrArray *users = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_users = g_test_rand_int_range (1, max_users + 1);

  for (guint i = 0; i < n_users; i++)
    {
      double r = g_test_rand_double ();
      guint which = (guint) (r * r * pool_size);
      g_autofree char *login = g_strdup_printf ("u%u", which);
      gint64 contributions;

      switch (g_test_rand_int_range (0, 10))
        {
        case 0:
        case 1:
        case 2:
          contributions = 0;
          break;

        case 3:
          contributions = g_test_rand_int_range (20, 200);
          break;

        default:
          contributions = g_test_rand_int_range (1, 4);
          break;
        }
      /* A login may repeat within a repository, as in the tutorial test. */
      g_ptr_array_add (users, gh_user_new (login, contributions));
    }
  return users;
}

static void
run_random_updates (guint pool_size,
                    guint max_users,
                    guint n_steps)
{
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  Reference ref;

  reference_init (&ref);
  for (guint step = 0; step < n_steps; step++)
    {
      g_autoptr(GPtrArray) repo = random_repo (pool_size, max_users);

      add_to_both (aggregator, &ref, repo);
      /* Mostly one snapshot per repository, as PROGRESS does; sometimes a
       * few repositories between two snapshots. */
      if (g_test_rand_int_range (0, 4) != 0)
        check_snapshot (aggregator, &ref);
    }
  check_snapshot (aggregator, &ref);
  reference_clear (&ref);
}

static void
test_aggregation_random_updates (void)
{
  g_test_summary ("Snapshots after random updates, a few users each, match the tutorial's "
                  "definition recomputed from scratch");

  for (guint run = 0; run < 10; run++)
    {
      run_random_updates (300, 12, 150);
      run_random_updates (60, 4, 150);
    }
}

static void
test_aggregation_many_touched (void)
{
  g_test_summary ("Snapshots after updates that touch many logins at once match the "
                  "definition too");

  for (guint run = 0; run < 10; run++)
    {
      run_random_updates (40, 60, 40);
      run_random_updates (8, 10, 60);
    }
}

static void
test_aggregation_long_moves (void)
{
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  g_autoptr(GPtrArray) everyone = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) climbers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) later = users_of ("u5", 104, "u1999", 1, "u1000", 200, NULL);
  Reference ref;

  g_test_summary ("Users that each climb the whole ranking, a tenth of them at once: far "
                  "more moving than a snapshot allows itself before sorting everything");

  reference_init (&ref);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *login = g_strdup_printf ("u%u", i);

      g_ptr_array_add (everyone, gh_user_new (login, 1));
    }
  add_to_both (aggregator, &ref, everyone);
  check_snapshot (aggregator, &ref);

  /* The last 200 climb over 1800 users each (about 180 times the ranking's
   * length in all), in ties of 20. */
  for (guint i = 1800; i < 2000; i++)
    {
      g_autofree char *login = g_strdup_printf ("u%u", i);

      g_ptr_array_add (climbers, gh_user_new (login, 100 + i % 10));
    }
  add_to_both (aggregator, &ref, climbers);
  check_snapshot (aggregator, &ref);

  /* And the ranking that the full sort left behind is a sound start. */
  add_to_both (aggregator, &ref, later);
  check_snapshot (aggregator, &ref);

  reference_clear (&ref);
}

static GhUser *
find_user (GPtrArray  *users,
           const char *login)
{
  for (guint i = 0; i < users->len; i++)
    if (g_str_equal (gh_user_get_login (g_ptr_array_index (users, i)), login))
      return g_ptr_array_index (users, i);
  return NULL;
}

static void
test_aggregation_keeps_users (void)
{
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  g_autoptr(GPtrArray) repo1 = users_of ("ann", 5, "bob", 3, "cid", 1, NULL);
  g_autoptr(GPtrArray) repo2 = users_of ("bob", 4, "cid", 0, "dan", 2, NULL);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autofree char *text = NULL;

  g_test_summary ("A login whose total holds keeps its GhUser across snapshots; one whose "
                  "total moved gets a new one");

  /* Enough logins that the second snapshot only moves the touched ones. */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *login = g_strdup_printf ("zero-%u", i);

      g_ptr_array_add (repo1, gh_user_new (login, 0));
    }

  contrib_aggregator_add (aggregator, repo1);
  first = contrib_aggregator_snapshot (aggregator);
  contrib_aggregator_add (aggregator, repo2);
  second = contrib_aggregator_snapshot (aggregator);
  text = to_string (second);

  g_assert_true (g_str_has_prefix (text, "[bob 7, ann 5, dan 2, cid 1, zero-0 0, zero-1 0, "));
  g_assert_cmpuint (second->len, ==, 34);
  /* Untouched, and touched without a change. */
  g_assert_true (find_user (second, "ann") == find_user (first, "ann"));
  g_assert_true (find_user (second, "cid") == find_user (first, "cid"));
  g_assert_true (find_user (second, "zero-29") == find_user (first, "zero-29"));
  g_assert_true (find_user (second, "bob") != find_user (first, "bob"));
  g_assert_cmpint (gh_user_get_contributions (find_user (first, "bob")), ==, 3);
}

static void
test_aggregation_keeps_links (void)
{
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();
  g_autoptr(GPtrArray) repo1 = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) repo2 = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) ranking = NULL;

  g_test_summary ("A login's profile links survive aggregation, from the first page that had them");
  g_ptr_array_add (repo1, gh_user_new_full ("ann", 5, "https://github.com/ann", "https://a/ann"));
  g_ptr_array_add (repo1, gh_user_new ("bob", 1));
  g_ptr_array_add (repo2, gh_user_new_full ("ann", 2, "https://github.com/other", NULL));
  g_ptr_array_add (repo2, gh_user_new ("bob", 1));

  contrib_aggregator_add (aggregator, repo1);
  g_clear_pointer (&repo1, g_ptr_array_unref);
  contrib_aggregator_add (aggregator, repo2);
  ranking = contrib_aggregator_snapshot (aggregator);

  g_assert_cmpint (gh_user_get_contributions (find_user (ranking, "ann")), ==, 7);
  g_assert_cmpstr (gh_user_get_html_url (find_user (ranking, "ann")), ==, "https://github.com/ann");
  g_assert_cmpstr (gh_user_get_avatar_url (find_user (ranking, "ann")), ==, "https://a/ann");
  g_assert_null (gh_user_get_html_url (find_user (ranking, "bob")));
}

static void
test_aggregation_saturates (void)
{
  g_autoptr(GPtrArray) users = users_of ("small", 1, NULL);
  g_autoptr(GPtrArray) aggregated = NULL;
  g_autofree char *text = NULL;

  g_test_summary ("Totals stop at G_MAXINT64 instead of wrapping around");

  g_ptr_array_add (users, gh_user_new ("big", G_MAXINT64 - 1));
  g_ptr_array_add (users, gh_user_new ("big", 2));
  g_ptr_array_add (users, gh_user_new ("big", G_MAXINT64));
  aggregated = contrib_aggregate (users);
  text = to_string (aggregated);

  g_assert_cmpstr (text, ==, "[big 9223372036854775807, small 1]");
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
  g_test_add_func ("/tasks/aggregation/random-updates", test_aggregation_random_updates);
  g_test_add_func ("/tasks/aggregation/many-touched", test_aggregation_many_touched);
  g_test_add_func ("/tasks/aggregation/long-moves", test_aggregation_long_moves);
  g_test_add_func ("/tasks/aggregation/keeps-users", test_aggregation_keeps_users);
  g_test_add_func ("/tasks/aggregation/keeps-links", test_aggregation_keeps_links);
  g_test_add_func ("/tasks/aggregation/saturates", test_aggregation_saturates);

  return g_test_run ();
}
