/* test-e2e-variants.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Every variant, end to end: ContribLoader on this thread's main loop, the
 * real GhClient, real HTTP to the fake GitHub, in real time. All of them
 * must find the ranking the dataset implies, computed here from the
 * dataset itself, with the same failed repositories. No timing is
 * asserted.
 *
 * The demo dataset runs in full (160 repositories, pagination, a failing
 * and an empty repository) at a latency scale that keeps each run short; a
 * small dataset made here adds a repository of three pages and a 404.
 */

#include "config.h"

#include <string.h>

#include "aggregation.h"
#include "e2e-utils.h"

#define DEMO_LATENCY_SCALE 0.01

typedef struct
{
  GhDataset  *dataset;
  GPtrArray  *expected;        /* GhUser: the tutorial's aggregate, in repository order */
  GHashTable *failed;          /* repository names */
  guint       n_repos;
} Expectation;

static void
expectation_free (Expectation *self)
{
  g_object_unref (self->dataset);
  g_ptr_array_unref (self->expected);
  g_hash_table_unref (self->failed);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Expectation, expectation_free)

/* What a correct load of @dataset finds, straight from the data */
static Expectation *
expectation_new (GhDataset *dataset)
{
  Expectation *self = g_new0 (Expectation, 1);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  self->dataset = g_object_ref (dataset);
  self->failed = g_hash_table_new (g_str_hash, g_str_equal);
  self->n_repos = gh_dataset_get_n_repos (dataset);

  for (guint i = 0; i < self->n_repos; i++)
    {
      const GhFakeFault *fault = gh_dataset_get_repo_fault (dataset, i);
      const GhDatasetContributor *contributors;
      guint n;

      if (fault != NULL)
        {
          /* Only faults that fail every request: others would make the
           * expectation depend on retries and timing */
          g_assert_cmpint (fault->kind, ==, GH_FAKE_FAULT_STATUS);
          g_assert_cmpuint (fault->skip, ==, 0);
          g_assert_cmpuint (fault->times, ==, 0);
          g_hash_table_add (self->failed, (gpointer) gh_dataset_get_repo_name (dataset, i));
          continue;
        }

      contributors = gh_dataset_get_repo_contributors (dataset, i, &n);
      for (guint j = 0; j < n; j++)
        g_ptr_array_add (all, gh_user_new (contributors[j].login, contributors[j].contributions));
    }

  self->expected = contrib_aggregate (all);
  return self;
}

static char *
describe (GPtrArray *users)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < users->len && i < 10; i++)
    g_string_append_printf (out, "%s %" G_GINT64_FORMAT ", ",
                            gh_user_get_login (g_ptr_array_index (users, i)),
                            gh_user_get_contributions (g_ptr_array_index (users, i)));
  g_string_append_printf (out, "… (%u users)", users->len);
  return g_string_free (out, FALSE);
}

static void
assert_same_users (Expectation    *expectation,
                   ContribUpdate  *update,
                   gboolean        same_order)
{
  GPtrArray *users = contrib_update_get_users (update);
  g_autoptr(GHashTable) totals = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (users->len, ==, expectation->expected->len);
  g_assert_cmpuint (users->len, >, 0);

  for (guint i = 0; i < expectation->expected->len; i++)
    {
      GhUser *user = g_ptr_array_index (expectation->expected, i);

      g_hash_table_insert (totals, (gpointer) gh_user_get_login (user), user);
    }

  for (guint i = 0; i < users->len; i++)
    {
      GhUser *user = g_ptr_array_index (users, i);
      GhUser *expected = g_hash_table_lookup (totals, gh_user_get_login (user));

      if (expected == NULL)
        g_error ("unexpected user %s", gh_user_get_login (user));
      g_assert_cmpint (gh_user_get_contributions (user), ==, gh_user_get_contributions (expected));
      if (i > 0)
        g_assert_cmpint (gh_user_get_contributions (g_ptr_array_index (users, i - 1)), >=,
                         gh_user_get_contributions (user));
      if (same_order && !gh_user_equal (user, g_ptr_array_index (expectation->expected, i)))
        {
          g_autofree char *got = describe (users);
          g_autofree char *want = describe (expectation->expected);

          g_error ("rank %u differs:\n got  %s\n want %s", i, got, want);
        }
    }
}

static void
assert_same_failures (Expectation   *expectation,
                      ContribUpdate *update)
{
  GPtrArray *failures = contrib_update_get_failures (update);

  g_assert_cmpuint (failures->len, ==, g_hash_table_size (expectation->failed));
  for (guint i = 0; i < failures->len; i++)
    {
      ContribFailure *failure = g_ptr_array_index (failures, i);

      if (!g_hash_table_contains (expectation->failed, failure->repo))
        g_error ("unexpected failure of %s: %s", failure->repo, failure->error->message);
      g_assert_true (failure->error->domain == GH_ERROR);
      g_assert_cmpuint (gh_error_get_http_status (failure->error), >=, 400);
    }
}

/* The variants that aggregate once, from the results in repository order,
 * give exactly the tutorial's ranking, ties included. The others see the
 * results in another order (CALLBACKS and CHANNELS: as they complete) or
 * re-rank after each (PROGRESS), which may order equal totals otherwise. */
static gboolean
ranks_in_repository_order (ContribVariant variant)
{
  switch (variant)
    {
    case CONTRIB_VARIANT_BLOCKING:
    case CONTRIB_VARIANT_BACKGROUND:
    case CONTRIB_VARIANT_SUSPEND:
    case CONTRIB_VARIANT_CONCURRENT:
    case CONTRIB_VARIANT_NOT_CANCELLABLE:
      return TRUE;

    case CONTRIB_VARIANT_CALLBACKS:
    case CONTRIB_VARIANT_PROGRESS:
    case CONTRIB_VARIANT_CHANNELS:
    default:
      return FALSE;
    }
}

static void
run_variant (GhDataset      *dataset,
             double          latency_scale,
             ContribVariant  variant)
{
  g_autoptr(Expectation) expectation = expectation_new (dataset);
  g_autoptr(E2eServer) server = e2e_server_new (dataset, latency_scale);
  g_autoptr(GhService) client = e2e_server_new_client (server, 0);
  g_autoptr(E2eOutcome) outcome = NULL;

  outcome = e2e_run_loader (client, variant, gh_dataset_get_org (dataset), NULL, NULL);
  g_assert_no_error (outcome->error);
  g_assert_nonnull (outcome->update);
  g_assert_true (contrib_update_is_completed (outcome->update));

  assert_same_users (expectation, outcome->update, ranks_in_repository_order (variant));
  assert_same_failures (expectation, outcome->update);

  if (contrib_variant_has_progress (variant))
    g_assert_cmpuint (outcome->n_updates, ==, expectation->n_repos);
  else
    g_assert_cmpuint (outcome->n_updates, ==, 1);

  /* Every repository was asked for, and nothing twice: one repositories
   * call plus one per repository, or more with pagination */
  g_assert_true (gh_fake_server_wait_idle (server->server, 5000 * e2e_timeout_factor ()));
  g_assert_cmpuint (gh_fake_server_count_requests (server->server, "/repos/*/contributors"), ==,
                    expectation->n_repos);

  e2e_wait_no_coroutines (5000);
}

static void
test_demo (gconstpointer data)
{
  ContribVariant variant = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = gh_dataset_new_from_name ("demo", &error);

  g_assert_no_error (error);
  run_variant (dataset, DEMO_LATENCY_SCALE, variant);
}

/* Logins that repeat across repositories, so that the totals add up, and
 * a spread of latencies, so that the concurrent variants finish out of
 * order */
static GhDataset *
small_dataset (void)
{
  g_autoptr(GString) json = g_string_new ("{\"org\": \"acme\", \"org_id\": 7, \"repos_latency_ms\": 20, \"repos\": [");
  g_autoptr(GError) error = NULL;
  GhDataset *dataset;

  /* Three pages of contributors */
  g_string_append (json, "{\"name\": \"big\", \"latency_ms\": 15, \"contributors\": [");
  for (guint i = 0; i < 250; i++)
    g_string_append_printf (json, "%s{\"login\": \"dev-%u\", \"contributions\": %u}",
                            i > 0 ? ", " : "", i, 1 + (i * 7) % 40);
  g_string_append (json, "]}");

  for (guint r = 0; r < 10; r++)
    {
      g_string_append_printf (json, ", {\"name\": \"lib-%u\", \"latency_ms\": %u, \"contributors\": [",
                              r, 5 + (r * 13) % 45);
      for (guint i = 0; i < 6; i++)
        g_string_append_printf (json, "%s{\"login\": \"dev-%u\", \"contributions\": %u}",
                                i > 0 ? ", " : "", (r * 3 + i * 11) % 30, 1 + (r + i) % 5);
      g_string_append (json, "]}");
    }

  /* "broken" answers 500, which the client does not retry: it fails at once */
  g_string_append (json, ", {\"name\": \"empty\", \"latency_ms\": 10, \"empty\": true}"
                         ", {\"name\": \"broken\", \"latency_ms\": 10,"
                         "   \"fault\": {\"kind\": \"status\", \"status\": 500, \"message\": \"Server Error\"},"
                         "   \"contributors\": [{\"login\": \"ghost\", \"contributions\": 99}]}"
                         ", {\"name\": \"gone\", \"latency_ms\": 5,"
                         "   \"fault\": {\"kind\": \"status\", \"status\": 404, \"message\": \"Not Found\"},"
                         "   \"contributors\": [{\"login\": \"phantom\", \"contributions\": 5}]}"
                         "]}");

  dataset = gh_dataset_new_from_data (json->str, json->len, &error);
  g_assert_no_error (error);
  return dataset;
}

static void
test_small (gconstpointer data)
{
  ContribVariant variant = GPOINTER_TO_UINT (data);
  g_autoptr(GhDataset) dataset = small_dataset ();

  run_variant (dataset, 1.0, variant);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the directories it sets per test */
  g_test_init (&argc, &argv, NULL);
  gh_log_set_writer (e2e_log_writer, NULL, NULL);

  for (guint i = 0; i < CONTRIB_N_VARIANTS; i++)
    {
      g_autofree char *id = g_ascii_strdown (contrib_variant_get_id ((ContribVariant) i), -1);
      g_autofree char *demo_path = NULL;
      g_autofree char *small_path = NULL;

      g_strdelimit (id, "_", '-');
      demo_path = g_strdup_printf ("/e2e/variants/demo/%s", id);
      small_path = g_strdup_printf ("/e2e/variants/small/%s", id);
      g_test_add_data_func (demo_path, GUINT_TO_POINTER (i), test_demo);
      g_test_add_data_func (small_path, GUINT_TO_POINTER (i), test_small);
    }

  return g_test_run ();
}
