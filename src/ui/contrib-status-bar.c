/* contrib-status-bar.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The line under the ranking: a progress bar, the status with a spinner or
 * an icon for how the load ended, the repositories that failed behind a
 * button, and a line of details. Every part keeps its room whether it has
 * anything to say or not, so the ranking above never moves.
 */

#include "config.h"

#include "contrib-status-bar.h"

#include <glib/gi18n.h>
#include <tasks.h>

struct _ContribStatusBar
{
  GtkWidget       parent_instance;

  GtkProgressBar *progress_bar;
  GtkStack       *status_icon;
  GtkSpinner     *spinner;
  GtkImage       *status_image;
  GtkLabel       *status_label;
  GtkMenuButton  *failures_button;
  GtkLabel       *failures_label;
  GtkLabel       *blocked_label;
};

G_DEFINE_FINAL_TYPE (ContribStatusBar, contrib_status_bar, GTK_TYPE_WIDGET)

/* The full text is the tooltip too: two lines may not hold it all. It is
 * read when the tooltip shows: setting a tooltip asks the X server where
 * the pointer is, a round trip at every tick of the clock and every update
 * of a load. */
static gboolean
on_status_query_tooltip (GtkLabel   *label,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip)
{
  const char *status = gtk_label_get_label (label);

  if (status == NULL || status[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, status);
  return TRUE;
}

static void
contrib_status_bar_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CONTRIB_TYPE_STATUS_BAR);
  /* The template's children are this widget's own: a plain GtkWidget
   * leaves them to its subclass. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (contrib_status_bar_parent_class)->dispose (object);
}

static void
contrib_status_bar_class_init (ContribStatusBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrib_status_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contributors/Contributors/contrib-status-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ContribStatusBar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ContribStatusBar, status_icon);
  gtk_widget_class_bind_template_child (widget_class, ContribStatusBar, spinner);
  gtk_widget_class_bind_template_child (widget_class, ContribStatusBar, status_image);
  gtk_widget_class_bind_template_child (widget_class, ContribStatusBar, status_label);
  gtk_widget_class_bind_template_child (widget_class, ContribStatusBar, failures_button);
  gtk_widget_class_bind_template_child (widget_class, ContribStatusBar, failures_label);
  gtk_widget_class_bind_template_child (widget_class, ContribStatusBar, blocked_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
contrib_status_bar_init (ContribStatusBar *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->status_label), TRUE);
  g_signal_connect (self->status_label, "query-tooltip", G_CALLBACK (on_status_query_tooltip), NULL);
  contrib_status_bar_set_busy (self, FALSE);
}

void
contrib_status_bar_set_status (ContribStatusBar *self,
                               const char       *status)
{
  g_return_if_fail (CONTRIB_IS_STATUS_BAR (self));

  gtk_label_set_label (self->status_label, status);
}

const char *
contrib_status_bar_get_status (ContribStatusBar *self)
{
  g_return_val_if_fail (CONTRIB_IS_STATUS_BAR (self), NULL);

  return gtk_label_get_label (self->status_label);
}

/**
 * contrib_status_bar_set_busy:
 * @self: a status bar
 * @busy: whether a load runs: a spinner turns where the icon of the last
 *   outcome was
 */
void
contrib_status_bar_set_busy (ContribStatusBar *self,
                             gboolean          busy)
{
  g_return_if_fail (CONTRIB_IS_STATUS_BAR (self));

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_stack_set_visible_child_name (self->status_icon, busy ? "loading" : "done");
}

/**
 * contrib_status_bar_set_outcome:
 * @self: a status bar
 * @icon_name: how the load ended, as a symbolic icon
 * @status: what the status says
 */
void
contrib_status_bar_set_outcome (ContribStatusBar *self,
                                const char       *icon_name,
                                const char       *status)
{
  g_return_if_fail (CONTRIB_IS_STATUS_BAR (self));

  gtk_image_set_from_icon_name (self->status_image, icon_name);
  contrib_status_bar_set_status (self, status);
}

void
contrib_status_bar_set_fraction (ContribStatusBar *self,
                                 double            fraction)
{
  g_return_if_fail (CONTRIB_IS_STATUS_BAR (self));

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

/**
 * contrib_status_bar_set_failures:
 * @self: a status bar
 * @failures: (nullable) (element-type ContribFailure): the repositories
 *   that failed to load
 */
void
contrib_status_bar_set_failures (ContribStatusBar *self,
                                 GPtrArray        *failures)
{
  g_autofree char *title = NULL;
  g_autoptr(GString) list = NULL;

  g_return_if_fail (CONTRIB_IS_STATUS_BAR (self));

  gtk_widget_set_visible (GTK_WIDGET (self->failures_button), failures != NULL && failures->len > 0);
  if (failures == NULL || failures->len == 0)
    return;

  /* Translators: a button that lists the repositories that failed */
  title = g_strdup_printf (ngettext ("%u failed", "%u failed", failures->len), failures->len);
  list = g_string_new (NULL);
  for (guint i = 0; i < failures->len; i++)
    {
      ContribFailure *failure = g_ptr_array_index (failures, i);
      g_autofree char *repo = gh_text_sanitize (failure->repo, GH_TEXT_MAX_NAME_CHARS, NULL);
      g_autofree char *message = gh_text_sanitize (failure->error->message, GH_TEXT_MAX_MESSAGE_CHARS, NULL);

      g_string_append_printf (list, "%s%s: %s", i > 0 ? "\n" : "", repo, message);
    }
  gtk_menu_button_set_label (self->failures_button, title);
  gtk_label_set_label (self->failures_label, list->str);
}

void
contrib_status_bar_set_details (ContribStatusBar *self,
                                const char       *details)
{
  g_return_if_fail (CONTRIB_IS_STATUS_BAR (self));

  gtk_label_set_label (self->blocked_label, details);
}
