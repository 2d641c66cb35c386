/* contrib-timeline-legend.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What the timeline's colours mean: a swatch and a word for each outcome,
 * and the Cancel mark. The swatches look their colours up as the bars do
 * (contrib_timeline_lookup_color()), so both follow the style together.
 */

#include "config.h"

#include "contrib-timeline-legend.h"

#include <glib/gi18n.h>

#include "contrib-timeline.h"

#define SWATCH_SIZE 12

/* A swatch is only colour: screen readers read the label beside it */
#define CONTRIB_TYPE_TIMELINE_SWATCH (contrib_timeline_swatch_get_type ())
G_DECLARE_FINAL_TYPE (ContribTimelineSwatch, contrib_timeline_swatch,
                      CONTRIB, TIMELINE_SWATCH, GtkWidget)

struct _ContribTimelineSwatch
{
  GtkWidget              parent_instance;

  ContribTimelineOutcome outcome;
  gboolean               marker;         /* the Cancel mark: a line */
};

struct _ContribTimelineLegend
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (ContribTimelineSwatch, contrib_timeline_swatch, GTK_TYPE_WIDGET)
G_DEFINE_FINAL_TYPE (ContribTimelineLegend, contrib_timeline_legend, GTK_TYPE_WIDGET)

static void
contrib_timeline_swatch_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  ContribTimelineSwatch *self = CONTRIB_TIMELINE_SWATCH (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;

  contrib_timeline_lookup_color (widget, self->outcome, &color);
  if (self->marker)
    gtk_snapshot_append_color (snapshot, &color,
                               &GRAPHENE_RECT_INIT (width / 2.0 - 1, 0, 2, height));
  else
    gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
contrib_timeline_swatch_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  *minimum = *natural = SWATCH_SIZE;
}

static void
contrib_timeline_swatch_css_changed (GtkWidget         *widget,
                                     GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (contrib_timeline_swatch_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
contrib_timeline_swatch_class_init (ContribTimelineSwatchClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = contrib_timeline_swatch_snapshot;
  widget_class->measure = contrib_timeline_swatch_measure;
  widget_class->css_changed = contrib_timeline_swatch_css_changed;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
contrib_timeline_swatch_init (ContribTimelineSwatch *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

static void
add_entry (ContribTimelineLegend  *self,
           ContribTimelineOutcome  outcome,
           gboolean                marker,
           const char             *label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  ContribTimelineSwatch *swatch = g_object_new (CONTRIB_TYPE_TIMELINE_SWATCH, NULL);

  GtkWidget *flow = gtk_widget_get_first_child (GTK_WIDGET (self));
  GtkWidget *child;

  swatch->outcome = outcome;
  swatch->marker = marker;
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (swatch));
  gtk_box_append (GTK_BOX (box), gtk_label_new (label));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), box);
  /* Something to read, not to pick */
  child = gtk_widget_get_parent (box);
  gtk_widget_set_focusable (child, FALSE);
  gtk_widget_set_can_target (child, FALSE);
}

static void
contrib_timeline_legend_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (contrib_timeline_legend_parent_class)->dispose (object);
}

static void
contrib_timeline_legend_class_init (ContribTimelineLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrib_timeline_legend_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timeline-legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
contrib_timeline_legend_init (ContribTimelineLegend *self)
{
  GtkWidget *flow = gtk_flow_box_new ();

  /* Wraps on a narrow window */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), CONTRIB_TIMELINE_N_OUTCOMES + 1);
  gtk_widget_set_parent (flow, GTK_WIDGET (self));
  for (ContribTimelineOutcome outcome = 0; outcome < CONTRIB_TIMELINE_N_OUTCOMES; outcome++)
    add_entry (self, outcome, FALSE, contrib_timeline_outcome_get_label (outcome));
  /* Translators: in the legend, the line where the user pressed Cancel */
  add_entry (self, CONTRIB_TIMELINE_OUTCOME_AFTER_CANCEL, TRUE, C_("timeline", "Cancel"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Legend"),
                                  -1);
}

GtkWidget *
contrib_timeline_legend_new (void)
{
  return g_object_new (CONTRIB_TYPE_TIMELINE_LEGEND, NULL);
}
