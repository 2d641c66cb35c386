/* test-gh-dataset-ideal.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * gh_dataset_get_ideal_ms() against figures worked out by hand and, for
 * the slot simulation, against ideals() in bench/variants-bench, which it
 * ports: python3 -c "…; print(ideals(load_dataset('demo'), 1, 8))" from a
 * copy of the bench gives the demo figures below.
 */

#include "config.h"

#include "gh-fake-github.h"

static GhDataset *
load (const char *name)
{
  g_autoptr(GError) error = NULL;
  GhDataset *dataset = gh_dataset_new_from_name (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static void
append_repo (GString    *json,
             const char *name,
             guint       latency_ms,
             guint       n_contributors)
{
  g_string_append_printf (json, "%s{\"name\": \"%s\", \"latency_ms\": %u, \"contributors\": [",
                          json->str[json->len - 1] == '[' ? "" : ", ", name, latency_ms);
  for (guint i = 0; i < n_contributors; i++)
    g_string_append_printf (json, "%s{\"login\": \"user-%u\", \"contributions\": 1}",
                            i > 0 ? ", " : "", i);
  g_string_append (json, "]}");
}

/* repos_latency 50 ms; "big" has 250 contributors (3 pages of 100 ms),
 * "slow" one page of 250 ms, "mid" 101 contributors (2 pages of 50 ms) */
static GhDataset *
make_multi_page (void)
{
  g_autoptr(GString) json = g_string_new ("{\"org\": \"o\", \"org_id\": 1, "
                                          "\"repos_latency_ms\": 50, \"repos\": [");
  g_autoptr(GError) error = NULL;
  GhDataset *dataset;

  append_repo (json, "big", 100, 250);
  append_repo (json, "slow", 250, 1);
  append_repo (json, "mid", 50, 101);
  g_string_append (json, "]}");

  dataset = gh_dataset_new_from_data (json->str, -1, &error);
  g_assert_no_error (error);
  return dataset;
}

static void
test_ideal_tutorial (void)
{
  g_autoptr(GhDataset) dataset = load ("tutorial");

  g_test_summary ("The tutorial's data: the repository list, then its slowest repository");

  /* 1000 ms of repository list, then repo-2's 1200 */
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 3), ==, 2200);
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 100), ==, 2200);
}

static void
test_ideal_one_slot (void)
{
  g_autoptr(GhDataset) dataset = load ("tutorial");

  g_test_summary ("With one request at a time every repository waits for the one before");

  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 1), ==, 1000 + 1000 + 1200 + 800);
  /* repo-1 and repo-2 start together; repo-3 takes repo-1's slot at 1000 */
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 2), ==, 1000 + 1000 + 800);
}

static void
test_ideal_scale (void)
{
  g_autoptr(GhDataset) dataset = load ("tutorial");

  g_test_summary ("The latency scale shrinks every delay alike");

  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 0.1, 3), ==, 220);
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 0.1, 1), ==, 400);
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 0.0, 3), ==, 0);
}

static void
test_ideal_multi_page (void)
{
  g_autoptr(GhDataset) dataset = make_multi_page ();

  g_test_summary ("A repository's contributors pages follow one another");

  /* 50 + big's 3 × 100, which beats slow's 250 */
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 3), ==, 350);
  /* everything in a row: 50 + 300 + 250 + 2 × 50 */
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 1), ==, 700);
  /* big's pages hold one slot from 0 to 300 (each next page is ready when
   * the slot frees); slow holds the other until 250, then mid's two pages
   * run to 350: the end is 350, plus the list */
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 2), ==, 400);
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 0.5, 2), ==, 200);
}

static void
test_ideal_repo_pages (void)
{
  g_autoptr(GString) json = g_string_new ("{\"org\": \"o\", \"org_id\": 1, "
                                          "\"repos_latency_ms\": 100, \"repos\": [");
  g_autoptr(GhDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("150 repositories take two pages of the repository list");

  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *name = g_strdup_printf ("repo-%u", i);

      append_repo (json, name, 10, 1);
    }
  g_string_append (json, "]}");
  dataset = gh_dataset_new_from_data (json->str, -1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 150), ==, 2 * 100 + 10);
  /* 150 pages of 10 ms over 7 slots: 22 rounds, the last one partial */
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 7), ==, 2 * 100 + 22 * 10);
}

static void
test_ideal_demo (void)
{
  g_autoptr(GhDataset) dataset = load ("demo");

  g_test_summary ("The demo dataset's figures are the benchmark's");

  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 160), ==, 1616);
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 100), ==, 1922);
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 8), ==, 7641);
}

static void
test_ideal_bad_arguments (void)
{
  g_autoptr(GhDataset) dataset = load ("tutorial");

  if (!g_test_undefined ())
    return;

  g_test_expect_message ("GhFake", G_LOG_LEVEL_CRITICAL, "*max_in_flight >= 1*");
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, 1.0, 0), ==, -1);
  g_test_assert_expected_messages ();

  g_test_expect_message ("GhFake", G_LOG_LEVEL_CRITICAL, "*latency_scale >= 0*");
  g_assert_cmpint (gh_dataset_get_ideal_ms (dataset, -1.0, 3), ==, -1);
  g_test_assert_expected_messages ();
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake-github/ideal/tutorial", test_ideal_tutorial);
  g_test_add_func ("/fake-github/ideal/one-slot", test_ideal_one_slot);
  g_test_add_func ("/fake-github/ideal/scale", test_ideal_scale);
  g_test_add_func ("/fake-github/ideal/multi-page", test_ideal_multi_page);
  g_test_add_func ("/fake-github/ideal/repo-pages", test_ideal_repo_pages);
  g_test_add_func ("/fake-github/ideal/demo", test_ideal_demo);
  g_test_add_func ("/fake-github/ideal/bad-arguments", test_ideal_bad_arguments);

  return g_test_run ();
}
