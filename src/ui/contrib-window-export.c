/* contrib-window-export.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Exports: the comparison as CSV or JSON, the ranking as CSV and the last
 * load's requests as a trace, each through a save dialog of the desktop's.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "contrib-window-private.h"

static const struct
{
  const char *file_name;
  const char *mime_type;
  const char *filter_name;
} kinds[] = {
  [CONTRIB_EXPORT_COMPARISON_CSV] = { "contributors-comparison.csv", "text/csv", N_("CSV files") },
  [CONTRIB_EXPORT_COMPARISON_JSON] = { "contributors-comparison.json", "application/json", N_("JSON files") },
  [CONTRIB_EXPORT_RANKING_CSV] = { "contributors-ranking.csv", "text/csv", N_("CSV files") },
  [CONTRIB_EXPORT_TIMELINE_TRACE] = { "contributors-timeline.json", "application/json", N_("Trace files (JSON)") },
};

/* What @kind writes; NULL if there is nothing to write yet */
static char *
contents_of (ContribWindow     *self,
             ContribExportKind  kind)
{
  GListModel *runs = contrib_compare_page_get_runs (self->compare_page);

  switch (kind)
    {
    case CONTRIB_EXPORT_COMPARISON_CSV:
      return g_list_model_get_n_items (runs) > 0 ? contrib_export_runs_csv (runs) : NULL;

    case CONTRIB_EXPORT_COMPARISON_JSON:
      return g_list_model_get_n_items (runs) > 0 ? contrib_export_runs_json (runs) : NULL;

    case CONTRIB_EXPORT_RANKING_CSV:
      return self->shown != NULL ? contrib_export_ranking_csv (contrib_update_get_users (self->shown)) : NULL;

    case CONTRIB_EXPORT_TIMELINE_TRACE:
      if (self->requests == NULL)
        return NULL;
      gh_request_log_flush (self->requests);
      return gh_request_log_to_trace (self->requests, self->requests_title);

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * contrib_window_export:
 * @self: a window
 * @kind: what to export
 * @file: where to
 * @error: return location for a #GError
 *
 * Writes what the save dialog for @kind would, without the dialog.
 *
 * Returns: whether @file was written; %FALSE with @error when it could not
 *   be, or when there is nothing to export yet (%G_IO_ERROR_NOT_FOUND)
 */
gboolean
contrib_window_export (ContribWindow      *self,
                       ContribExportKind   kind,
                       GFile              *file,
                       GError            **error)
{
  g_autofree char *contents = NULL;

  g_return_val_if_fail (CONTRIB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (kind < G_N_ELEMENTS (kinds), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  contents = contents_of (self, kind);
  if (contents == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is nothing to export yet"));
      return FALSE;
    }
  return g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

typedef struct
{
  ContribWindow     *window;
  ContribExportKind  kind;
} Export;

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         data)
{
  Export *export = data;
  ContribWindow *self = export->window;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *markup = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    {
      name = g_file_get_parse_name (file);
      if (contrib_window_export (self, export->kind, file, &error))
        /* Translators: %s is where a file was saved */
        message = g_strdup_printf (_("Saved to “%s”"), name);
      else
        /* Translators: a file name, then why it could not be saved */
        message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
      markup = g_markup_escape_text (message, -1);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (export->window);
  g_free (export);
}

static void
ask_where (ContribWindow     *self,
           ContribExportKind  kind,
           const char        *title)
{
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter = gtk_file_filter_new ();
  Export *export = g_new0 (Export, 1);

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), kinds[kind].file_name);
  gtk_file_filter_set_name (filter, _(kinds[kind].filter_name));
  gtk_file_filter_add_mime_type (filter, kinds[kind].mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);

  export->window = g_object_ref (self);
  export->kind = kind;
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_comparison_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  gboolean json = g_strcmp0 (g_variant_get_string (parameter, NULL), "json") == 0;

  ask_where (CONTRIB_WINDOW (widget), json ? CONTRIB_EXPORT_COMPARISON_JSON : CONTRIB_EXPORT_COMPARISON_CSV,
             json ? _("Export the Comparison as JSON") : _("Export the Comparison as CSV"));
}

static void
export_ranking_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ask_where (CONTRIB_WINDOW (widget), CONTRIB_EXPORT_RANKING_CSV, _("Export the Ranking as CSV"));
}

static void
export_timeline_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ask_where (CONTRIB_WINDOW (widget), CONTRIB_EXPORT_TIMELINE_TRACE, _("Export the Timeline as a Trace"));
}

/**
 * _contrib_window_update_exports:
 * @self: a window
 *
 * Offers each export once there is something to export.
 */
void
_contrib_window_update_exports (ContribWindow *self)
{
  GListModel *runs = contrib_compare_page_get_runs (self->compare_page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-comparison", g_list_model_get_n_items (runs) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-ranking", self->shown != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-timeline", self->requests != NULL);
}

void
_contrib_window_install_export (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-comparison", "s", export_comparison_activated);
  gtk_widget_class_install_action (widget_class, "win.export-ranking", NULL, export_ranking_activated);
  gtk_widget_class_install_action (widget_class, "win.export-timeline", NULL, export_timeline_activated);
}
