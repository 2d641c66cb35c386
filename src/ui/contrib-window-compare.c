/* contrib-window-compare.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The window's comparison: every load that ends becomes a row of the
 * Compare view, and Compare All runs the variants one after another on
 * the current settings. Cancel stops the series with the load it cancels.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "contrib-window-private.h"

static void
series_next (ContribWindow *self);

static gboolean
series_next_cb (gpointer data)
{
  ContribWindow *self = data;

  self->series_next_id = 0;
  series_next (self);
  return G_SOURCE_REMOVE;
}

static void
series_next (ContribWindow *self)
{
  ContribVariant variant;
  g_autofree char *details = NULL;

  if (self->series == NULL)
    return;
  /* A load the user started in between ends the series */
  if (self->loader != NULL)
    {
      _contrib_window_series_stop (self);
      return;
    }
  if (self->series->len == 0)
    {
      g_autofree char *done = NULL;

      /* Translators: after Compare All ran this many variants */
      done = g_strdup_printf (ngettext ("Compared %u variant", "Compared %u variants", self->series_length),
                              self->series_length);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (done));
      _contrib_window_series_stop (self);
      return;
    }

  variant = g_array_index (self->series, ContribVariant, 0);
  g_array_remove_index (self->series, 0);
  _contrib_window_load_variant (self, variant);
  if (self->loader == NULL)
    {
      /* Settings that cannot work: the pane or the error page says why */
      _contrib_window_series_stop (self);
      return;
    }

  /* Translators: Compare All's progress: which load of how many, and its
   * variant, such as CONCURRENT */
  details = g_strdup_printf (_("Compare All: %u of %u, %s"), self->series_length - self->series->len,
                             self->series_length, contrib_variant_get_id (variant));
  contrib_status_bar_set_details (self->status_bar, details);
}

void
_contrib_window_series_stop (ContribWindow *self)
{
  g_clear_handle_id (&self->series_next_id, g_source_remove);
  g_clear_pointer (&self->series, g_array_unref);
  self->series_length = 0;
}

static void
compare_all_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ContribWindow *self = CONTRIB_WINDOW (widget);
  gboolean blocking = contrib_compare_page_get_include_blocking (self->compare_page);

  if (self->loader != NULL)
    return;

  _contrib_window_series_stop (self);
  self->series = g_array_new (FALSE, FALSE, sizeof (ContribVariant));
  for (guint i = 0; i < CONTRIB_N_VARIANTS; i++)
    {
      ContribVariant variant = i;

      /* BLOCKING freezes the window by design: only when asked for */
      if (variant != CONTRIB_VARIANT_BLOCKING || blocking)
        g_array_append_val (self->series, variant);
    }
  self->series_length = self->series->len;
  series_next (self);
}

static ContribRunOutcome
outcome_of (ContribUpdate *update,
            const GError  *error,
            guint         *n_errors)
{
  *n_errors = update != NULL ? contrib_update_get_n_failures (update) : 0;
  if (update != NULL)
    return *n_errors > 0 ? CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS : CONTRIB_RUN_OUTCOME_COMPLETED;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return CONTRIB_RUN_OUTCOME_CANCELED;
  return CONTRIB_RUN_OUTCOME_FAILED;
}

/**
 * _contrib_window_load_ended:
 * @self: a window
 * @loader: the load
 * @update: (nullable): its final update
 * @error: (nullable): or how it ended without one
 *
 * Adds the load to the comparison, and goes on with Compare All: to the
 * next variant, unless this one was cancelled or failed, which ends the
 * series.
 */
void
_contrib_window_load_ended (ContribWindow *self,
                            ContribLoader *loader,
                            ContribUpdate *update,
                            const GError  *error)
{
  ContribApplication *application = CONTRIB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  GhRequestLog *requests = contrib_loader_get_request_log (loader);
  g_autofree char *org = contrib_settings_pane_dup_org (self->settings_pane);
  g_autofree char *source = contrib_settings_pane_describe_source (self->settings_pane);
  g_autoptr(ContribRun) run = NULL;
  ContribRunOutcome outcome;
  guint n_errors;

  /* What came in with the final update counts */
  gh_request_log_flush (requests);
  outcome = outcome_of (update, error, &n_errors);
  run = contrib_run_new (contrib_loader_get_variant (loader), org, source,
                         (g_get_monotonic_time () - self->started_us) / 1000,
                         gh_request_log_get_n_events (requests), gh_request_log_get_peak (requests),
                         contrib_heartbeat_get_max_block_ms (self->heartbeat), outcome, n_errors,
                         error != NULL ? error->message : NULL,
                         application != NULL ? contrib_settings_pane_get_ideal_ms (self->settings_pane, application)
                                             : -1);
  contrib_compare_page_add_run (self->compare_page, run);

  if (self->series == NULL)
    return;
  if (outcome == CONTRIB_RUN_OUTCOME_CANCELED || outcome == CONTRIB_RUN_OUTCOME_FAILED)
    _contrib_window_series_stop (self);
  else if (self->series_next_id == 0)
    /* Once this load has finished with the window */
    self->series_next_id = g_idle_add (series_next_cb, self);
}

void
_contrib_window_install_compare (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.compare-all", NULL, compare_all_activated);
}
