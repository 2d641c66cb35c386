/* test-gui-progress.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * "N of M repositories" for every variant as it loads, and what Cancel
 * says it kept, including NOT_CANCELLABLE's requests that carry on.
 */

#include "config.h"

#include <string.h>

#include "gui-test-utils.h"

typedef struct
{
  GuiFixture *fixture;
  GPtrArray  *statuses;        /* the status lines shown while loading */
  guint       n_partial;       /* progress between 0 and 1 while loading */
} Watch;

static void
on_status (GtkLabel *label,
           GParamSpec *pspec,
           Watch    *watch)
{
  if (contrib_window_is_loading (watch->fixture->window))
    g_ptr_array_add (watch->statuses, g_strdup (gtk_label_get_label (label)));
}

static void
on_fraction (GtkProgressBar *bar,
             GParamSpec     *pspec,
             Watch          *watch)
{
  double fraction = gtk_progress_bar_get_fraction (bar);

  if (contrib_window_is_loading (watch->fixture->window) && fraction > 0 && fraction < 1)
    watch->n_partial++;
}

static gboolean
saw_status (Watch      *watch,
            const char *text)
{
  for (guint i = 0; i < watch->statuses->len; i++)
    if (strstr (g_ptr_array_index (watch->statuses, i), text) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_gui_progress_counts (GuiFixture    *fixture,
                          gconstpointer  data)
{
  ContribVariant variant = GPOINTER_TO_INT (data);
  g_autoptr(GPtrArray) statuses = g_ptr_array_new_with_free_func (g_free);
  Watch watch = { fixture, statuses, 0 };
  GtkWidget *label, *bar;

  g_test_summary ("Every variant shows how many repositories it has loaded, of how many, as it goes");
  gui_fixture_use_variant (fixture, variant);
  label = gui_find_by_id (GTK_WIDGET (fixture->window), "status_label");
  bar = gui_find_by_id (GTK_WIDGET (fixture->window), "progress_bar");
  g_signal_connect (label, "notify::label", G_CALLBACK (on_status), &watch);
  g_signal_connect (bar, "notify::fraction", G_CALLBACK (on_fraction), &watch);

  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_signal_handlers_disconnect_by_data (label, &watch);
  g_signal_handlers_disconnect_by_data (bar, &watch);

  g_assert_true (g_str_has_prefix (contrib_window_get_status (fixture->window), "Completed in"));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)), ==, 1.0);

  /* BLOCKING cannot show anything while it blocks: that is its lesson. */
  if (variant == CONTRIB_VARIANT_BLOCKING)
    return;
  g_assert_true (saw_status (&watch, " of 3 repositories · "));
  g_assert_cmpuint (watch.n_partial, >, 0);
}

static gboolean
contributors_requested (gpointer data)
{
  GuiFixture *fixture = data;

  return gh_fake_server_count_requests (fixture->server, "*contributors*") >= 3;
}

static gboolean
some_rows_shown (gpointer data)
{
  GuiFixture *fixture = data;

  return g_list_model_get_n_items (contrib_window_get_results (fixture->window)) > 0;
}

static gboolean
repos_listed (gpointer data)
{
  GuiFixture *fixture = data;

  return strstr (contrib_window_get_status (fixture->window), " of 3 repositories") != NULL;
}

static gboolean
status_counts_down (gpointer data)
{
  GuiFixture *fixture = data;

  return strstr (contrib_window_get_status (fixture->window), "still running") == NULL;
}

static void
cancel (GuiFixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.cancel", NULL));
  g_assert_true (gui_wait_for_load (fixture));
}

static void
test_gui_cancel_concurrent (GuiFixture    *fixture,
                            gconstpointer  data)
{
  g_test_summary ("Cancel during CONCURRENT says nothing was kept of the three repositories");
  gh_fake_server_set_latency_scale (fixture->server, 1.0);
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_CONCURRENT);
  gui_load (fixture);
  g_assert_true (gui_wait_until (contributors_requested, fixture, 20000));
  cancel (fixture);

  g_assert_true (gui_wait_until (status_counts_down, fixture, 5000));
  g_assert_true (g_str_has_prefix (contrib_window_get_status (fixture->window), "Canceled after "));
  g_assert_true (g_str_has_suffix (contrib_window_get_status (fixture->window), ": 0 of 3 repositories loaded"));
}

static void
test_gui_cancel_progress (GuiFixture    *fixture,
                          gconstpointer  data)
{
  g_autofree char *text = NULL;

  g_test_summary ("Cancel during PROGRESS keeps the partial ranking and says how much it holds");
  gh_fake_server_set_latency_scale (fixture->server, 1.0);
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_PROGRESS);
  gui_load (fixture);
  g_assert_true (gui_wait_until (some_rows_shown, fixture, 20000));
  cancel (fixture);

  /* The first repository, repo-1, has user-1 with 10 and user-2 with 10. */
  text = gui_results_text (fixture);
  g_assert_cmpstr (text, !=, "");
  g_assert_true (gui_wait_until (status_counts_down, fixture, 5000));
  g_assert_true (g_str_has_suffix (contrib_window_get_status (fixture->window), ": 1 of 3 repositories loaded"));
}

static void
test_gui_cancel_not_cancellable (GuiFixture    *fixture,
                                 gconstpointer  data)
{
  const char *status;

  g_test_summary ("After Cancel, NOT_CANCELLABLE shows its requests still running, counting down to none");
  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_NOT_CANCELLABLE);
  gui_load (fixture);
  g_assert_true (gui_wait_until (repos_listed, fixture, 20000));
  cancel (fixture);

  /* Its three coroutines wait 3 s before they send anything. */
  status = contrib_window_get_status (fixture->window);
  g_assert_nonnull (strstr (status, "\n3 requests still running"));
  g_assert_true (gui_wait_until (status_counts_down, fixture, 20000));
  g_assert_true (g_str_has_suffix (contrib_window_get_status (fixture->window), ": 0 of 3 repositories loaded"));

  /* They did reach the server, after Cancel: that is the lesson. */
  g_assert_true (gh_fake_server_wait_idle (fixture->server, 5000));
  g_assert_cmpuint (gh_fake_server_count_requests (fixture->server, "*contributors*"), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  for (ContribVariant variant = 0; variant < CONTRIB_N_VARIANTS; variant++)
    {
      g_autofree char *path = g_strdup_printf ("/gui/progress/counts/%s", contrib_variant_get_id (variant));

      g_test_add (path, GuiFixture, GINT_TO_POINTER (variant),
                  gui_fixture_setup, test_gui_progress_counts, gui_fixture_teardown);
    }
  g_test_add ("/gui/cancel/says-what-was-kept/CONCURRENT", GuiFixture, NULL,
              gui_fixture_setup, test_gui_cancel_concurrent, gui_fixture_teardown);
  g_test_add ("/gui/cancel/says-what-was-kept/PROGRESS", GuiFixture, NULL,
              gui_fixture_setup, test_gui_cancel_progress, gui_fixture_teardown);
  g_test_add ("/gui/cancel/says-what-was-kept/NOT_CANCELLABLE", GuiFixture, NULL,
              gui_fixture_setup, test_gui_cancel_not_cancellable, gui_fixture_teardown);

  return gui_test_run ();
}
