/* contrib-timeline-page.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The Timeline view: the time line of a load's requests with its lanes
 * switch, zoom-to-fit button and legend, or a status page before the
 * first load.
 */

#include "config.h"

#include "contrib-timeline-page.h"

#include <adwaita.h>

#include "contrib-timeline-legend.h"

struct _ContribTimelinePage
{
  GtkWidget        parent_instance;

  GtkStack        *stack;
  GtkToggleButton *packed_button;
  GtkToggleButton *caller_button;
  ContribTimeline *timeline;
};

G_DEFINE_FINAL_TYPE (ContribTimelinePage, contrib_timeline_page, GTK_TYPE_WIDGET)

static void
on_lanes_button_toggled_cb (ContribTimelinePage *self,
                            GtkToggleButton     *button)
{
  /* A group of two: only the one turned on speaks */
  if (!gtk_toggle_button_get_active (button))
    return;
  contrib_timeline_set_lanes (self->timeline,
                              button == self->caller_button ? CONTRIB_TIMELINE_LANES_BY_CALLER
                                                            : CONTRIB_TIMELINE_LANES_PACKED);
}

static void
on_zoom_fit_button_clicked_cb (ContribTimelinePage *self)
{
  contrib_timeline_zoom_to_fit (self->timeline);
}

static void
contrib_timeline_page_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), CONTRIB_TYPE_TIMELINE_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (contrib_timeline_page_parent_class)->dispose (object);
}

static void
contrib_timeline_page_class_init (ContribTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrib_timeline_page_dispose;

  g_type_ensure (CONTRIB_TYPE_TIMELINE);
  g_type_ensure (CONTRIB_TYPE_TIMELINE_LEGEND);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contributors/Contributors/contrib-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ContribTimelinePage, stack);
  gtk_widget_class_bind_template_child (widget_class, ContribTimelinePage, packed_button);
  gtk_widget_class_bind_template_child (widget_class, ContribTimelinePage, caller_button);
  gtk_widget_class_bind_template_child (widget_class, ContribTimelinePage, timeline);
  gtk_widget_class_bind_template_callback (widget_class, on_lanes_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_zoom_fit_button_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
contrib_timeline_page_init (ContribTimelinePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
contrib_timeline_page_new (void)
{
  return g_object_new (CONTRIB_TYPE_TIMELINE_PAGE, NULL);
}

/**
 * contrib_timeline_page_set_log:
 * @self: a page
 * @log: (nullable): the requests of a load, or %NULL before the first
 */
void
contrib_timeline_page_set_log (ContribTimelinePage *self,
                               GhRequestLog        *log)
{
  g_return_if_fail (CONTRIB_IS_TIMELINE_PAGE (self));
  g_return_if_fail (log == NULL || GH_IS_REQUEST_LOG (log));

  contrib_timeline_set_log (self->timeline, log);
  gtk_stack_set_visible_child_name (self->stack, log != NULL ? "timeline" : "empty");
}

void
contrib_timeline_page_set_running (ContribTimelinePage *self,
                                   gboolean             running)
{
  g_return_if_fail (CONTRIB_IS_TIMELINE_PAGE (self));

  contrib_timeline_set_running (self->timeline, running);
}

/* Returns: (transfer none): the page's time line */
ContribTimeline *
contrib_timeline_page_get_timeline (ContribTimelinePage *self)
{
  g_return_val_if_fail (CONTRIB_IS_TIMELINE_PAGE (self), NULL);

  return self->timeline;
}
