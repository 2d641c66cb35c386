/* test-e2e-cancel-before-start.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * A load cancelled before its coroutine has started must still end: the
 * caller gets G_IO_ERROR_CANCELLED, as after any other cancel. The window
 * can do this to PROGRESS and CHANNELS, whose coroutine starts on
 * another thread: a click on Cancel may be handled first.
 *
 * A coroutine cancelled before it starts never runs its body, which is
 * what delivers the final result; test-e2e-soak found the window left
 * "loading" for good.
 */

#include "config.h"

#include "e2e-utils.h"

#define FINAL_RESULT_TIMEOUT_MS 5000

typedef struct
{
  gboolean done;
  GError  *error;
} Result;

static void
on_update (ContribUpdate *update,
           const GError  *error,
           gpointer       user_data)
{
  Result *result = user_data;

  if (error != NULL)
    result->error = g_error_copy (error);
  if (error != NULL || contrib_update_is_completed (update))
    result->done = TRUE;
}

static gboolean
is_done (gpointer user_data)
{
  Result *result = user_data;

  return result->done;
}

static void
test_cancel_before_start (gconstpointer data)
{
  ContribVariant variant = GPOINTER_TO_INT (data);
  g_autoptr(GhDataset) dataset = NULL;
  g_autoptr(E2eServer) server = NULL;
  g_autoptr(GhService) client = NULL;
  g_autoptr(ContribLoader) loader = NULL;
  g_autoptr(GError) error = NULL;
  Result result = { FALSE, NULL };

  dataset = gh_dataset_new_from_name ("tutorial", &error);
  g_assert_no_error (error);
  /* Slow enough that no answer can come before the cancel, even when a
   * busy machine deschedules this thread in between: a coroutine on a
   * worker thread may well have sent its first request by then. */
  server = e2e_server_new (dataset, 1.0);
  client = e2e_server_new_client (server, 0);
  loader = contrib_loader_new (client, variant, "kotlin");

  /* No iteration of any main context in between */
  contrib_loader_start (loader, on_update, &result, NULL);
  contrib_loader_cancel (loader);

  e2e_wait_until (is_done, &result, FINAL_RESULT_TIMEOUT_MS);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);

  contrib_loader_abandon (loader);
  e2e_wait_no_coroutines (FINAL_RESULT_TIMEOUT_MS);
}

int
main (int   argc,
      char *argv[])
{
  /* Every variant that runs as coroutines */
  static const ContribVariant variants[] = {
    CONTRIB_VARIANT_SUSPEND,
    CONTRIB_VARIANT_CONCURRENT,
    CONTRIB_VARIANT_NOT_CANCELLABLE,
    CONTRIB_VARIANT_PROGRESS,
    CONTRIB_VARIANT_CHANNELS,
  };

  /* No G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the directories it sets per test */
  g_test_init (&argc, &argv, NULL);
  gh_log_set_writer (e2e_log_writer, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *path = g_strdup_printf ("/e2e/cancel-before-start/%s",
                                               contrib_variant_get_id (variants[i]));

      g_test_add_data_func (path, GINT_TO_POINTER (variants[i]), test_cancel_before_start);
    }

  return g_test_run ();
}
