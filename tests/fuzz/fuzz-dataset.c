/* fuzz-dataset.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * A dataset file for the fake GitHub (--dataset takes any path), read
 * with gh_dataset_new_from_data(). A dataset that loads must hold what
 * its documentation in gh-dataset.h promises.
 */

#include "config.h"

#include <string.h>

#include "gh-dataset.h"

#include "fuzz.h"

static void
check_dataset (GhDataset *dataset)
{
  guint n_repos = gh_dataset_get_n_repos (dataset);

  g_assert_nonnull (gh_dataset_get_org (dataset));
  g_assert_cmpint (gh_dataset_get_org_id (dataset), >, 0);
  gh_dataset_get_repos_latency_ms (dataset);
  gh_dataset_get_n_logins (dataset);

  for (guint i = 0; i < n_repos; i++)
    {
      const char *name = gh_dataset_get_repo_name (dataset, i);
      const GhDatasetContributor *contributors;
      guint n_contributors = 0;

      /* Names are unique case-insensitively, ids unique */
      g_assert_nonnull (name);
      g_assert_cmpint (gh_dataset_find_repo (dataset, name), ==, i);
      g_assert_cmpint (gh_dataset_get_repo_id (dataset, i), >, 0);
      g_assert_cmpint (gh_dataset_find_repo_by_id (dataset, gh_dataset_get_repo_id (dataset, i)),
                       ==, i);
      gh_dataset_get_repo_latency_ms (dataset, i);
      gh_dataset_get_repo_fault (dataset, i);

      contributors = gh_dataset_get_repo_contributors (dataset, i, &n_contributors);
      if (gh_dataset_get_repo_empty (dataset, i))
        g_assert_cmpuint (n_contributors, ==, 0);
      for (guint j = 0; j < n_contributors; j++)
        {
          g_assert_nonnull (contributors[j].login);
          g_assert_cmpint (contributors[j].id, >=, 1000);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = NULL;

  dataset = gh_dataset_new_from_data ((const char *) data, size, &error);
  if (dataset == NULL)
    {
      g_assert_true (error->domain == GH_DATASET_ERROR);
      return 0;
    }

  g_assert_no_error (error);
  check_dataset (dataset);

  return 0;
}
