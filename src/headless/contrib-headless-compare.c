/* contrib-headless-compare.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * --compare: every variant in the tutorial's order against the same server,
 * one after another, each with a client of its own.
 */

#include "config.h"

#include "contrib-headless-compare.h"

/**
 * contrib_headless_compare:
 * @backend: where to load from
 * @error: return location for an error making a client
 *
 * Returns: (transfer full) (element-type ContribRunResult): one result per
 *   variant, in the order of #ContribVariant
 */
GPtrArray *
contrib_headless_compare (ContribHeadlessBackend  *backend,
                          GError                 **error)
{
  g_autoptr(GPtrArray) results = NULL;

  g_return_val_if_fail (backend != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) contrib_run_result_free);
  for (guint i = 0; i < CONTRIB_N_VARIANTS; i++)
    {
      ContribVariant variant = (ContribVariant) i;
      g_autoptr(GhService) service = contrib_headless_backend_new_service (backend, error);

      if (service == NULL)
        return NULL;

      gh_log_info ("Loading with %s", contrib_variant_get_id (variant));
      g_ptr_array_add (results, contrib_headless_run (service, variant,
                                                      contrib_headless_backend_get_org (backend), -1,
                                                      contrib_headless_backend_get_server (backend)));
    }

  return g_steal_pointer (&results);
}

/**
 * contrib_headless_compare_reference:
 * @results: (element-type ContribRunResult): the results of
 *   contrib_headless_compare()
 *
 * The result the others are checked against: SUSPEND's, the tutorial's
 * plain coroutine version, or the first that completed if it did not.
 *
 * Returns: its index, or G_MAXUINT if no variant completed
 */
guint
contrib_headless_compare_reference (GPtrArray *results)
{
  g_return_val_if_fail (results != NULL, G_MAXUINT);

  for (guint i = 0; i < results->len; i++)
    {
      ContribRunResult *result = g_ptr_array_index (results, i);

      if (result->variant == CONTRIB_VARIANT_SUSPEND && result->status == CONTRIB_RUN_COMPLETED)
        return i;
    }

  for (guint i = 0; i < results->len; i++)
    {
      ContribRunResult *result = g_ptr_array_index (results, i);

      if (result->status == CONTRIB_RUN_COMPLETED)
        return i;
    }

  return G_MAXUINT;
}
