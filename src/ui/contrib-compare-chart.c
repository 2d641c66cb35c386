/* contrib-compare-chart.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The Compare view's picture: one horizontal bar per run, in the model's
 * order (the table's), as long as the load took, coloured by how it ended,
 * with the ideal time marked: one line across all bars when the runs share
 * it, a tick on each bar that has one when they do not. Drawn with
 * GtkSnapshot from libadwaita's named colours, which follow the light and
 * dark styles. Screen readers get one sentence (an image's description):
 * the table beside it has the figures.
 */

#include "config.h"

#include "contrib-compare-chart.h"

#include <glib/gi18n.h>
#include <tasks.h>

#include "contrib-compare-chart-private.h"

#define ROW_HEIGHT   28
#define BAR_HEIGHT   16
#define BAR_RADIUS   3
#define LABEL_GAP    12   /* between the labels and the bars */
#define VALUE_GAP    6    /* between a bar and its value */
#define MIN_SPAN     80   /* the longest bar, at the least */
#define NAT_SPAN     360  /* … and as the chart would like it */
#define IDEAL_WIDTH  2
#define LEGEND_GAP   10   /* above the legend */
#define SWATCH       10
#define LEGEND_SPACE 16   /* between two entries of the legend */

typedef enum
{
  COLOR_FG,
  COLOR_COMPLETED,
  COLOR_ERRORS,
  COLOR_CANCELED,
  COLOR_FAILED,
  COLOR_IDEAL,
  N_COLORS
} ChartColor;

typedef struct
{
  PangoLayout       *label;
  PangoLayout       *value;
  gint64             total_ms;
  gint64             ideal_ms;
  ContribRunOutcome  outcome;
} Bar;

typedef struct
{
  float label_width;  /* the widest label */
  float value_width;  /* the widest value */
  float line_height;
  float top;          /* the first row's */
  float bar_x;        /* where every bar starts */
  float bar_span;     /* how long a bar of scale_ms is */
} Geometry;

struct _ContribCompareChart
{
  GtkWidget    parent_instance;

  GListModel  *model;        /* (nullable) */
  GArray      *bars;         /* of Bar */
  gint64       shared_ideal_ms;  /* -1 unless every run has this ideal */
  gint64       scale_ms;     /* the longest time shown: a full-length bar */
  PangoLayout *ideal_label;  /* (nullable): with shared_ideal_ms */
  GPtrArray   *legend;       /* of PangoLayout, one per ChartColor shown */
  GArray      *legend_colors;  /* of ChartColor, the legend's */
  char        *description;
  GdkRGBA      colors[N_COLORS];
  gboolean     colors_valid;
};

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ContribCompareChart, contrib_compare_chart, GTK_TYPE_WIDGET)

/* libadwaita 1.2's named colours; each is meant to be legible on the
 * window background in its style, so the bars keep their contrast in
 * both. The fallbacks are the light style's, for a window without
 * libadwaita's stylesheet. */
static const struct {
  const char *name;
  const char *fallback;
} named_colors[N_COLORS] = {
  [COLOR_FG] = { NULL, "rgba(0,0,0,0.8)" },
  [COLOR_COMPLETED] = { "success_color", "#1b8553" },
  [COLOR_ERRORS] = { "warning_color", "#9c6e03" },
  [COLOR_CANCELED] = { NULL, "rgba(0,0,0,0.4)" },
  [COLOR_FAILED] = { "error_color", "#c01c28" },
  [COLOR_IDEAL] = { "accent_color", "#1c71d8" },
};

static const char *legend_labels[N_COLORS] = {
  [COLOR_COMPLETED] = N_("Completed"),
  [COLOR_ERRORS] = N_("With errors"),
  [COLOR_CANCELED] = N_("Canceled"),
  [COLOR_FAILED] = N_("Failed"),
  [COLOR_IDEAL] = N_("Ideal"),
};

static void
bar_clear (gpointer data)
{
  Bar *bar = data;

  g_clear_object (&bar->label);
  g_clear_object (&bar->value);
}

static ChartColor
outcome_color (ContribRunOutcome outcome)
{
  switch (outcome)
    {
    case CONTRIB_RUN_OUTCOME_COMPLETED:
      return COLOR_COMPLETED;

    case CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS:
      return COLOR_ERRORS;

    case CONTRIB_RUN_OUTCOME_CANCELED:
      return COLOR_CANCELED;

    case CONTRIB_RUN_OUTCOME_FAILED:
    default:
      return COLOR_FAILED;
    }
}

static void
lookup_colors (ContribCompareChart *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  for (guint i = 0; i < N_COLORS; i++)
    if (named_colors[i].name == NULL ||
        !gtk_style_context_lookup_color (context, named_colors[i].name, &self->colors[i]))
      gdk_rgba_parse (&self->colors[i], named_colors[i].fallback);

  /* The text's own colour, and a cancelled run as a dimmer shade of it */
  gtk_style_context_get_color (context, &self->colors[COLOR_FG]);
  G_GNUC_END_IGNORE_DEPRECATIONS
  self->colors[COLOR_CANCELED] = self->colors[COLOR_FG];
  self->colors[COLOR_CANCELED].alpha *= 0.45f;

  self->colors_valid = TRUE;
}

static PangoLayout *
make_layout (ContribCompareChart *self,
             const char          *text,
             gboolean             numeric)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  /* Tabular figures: values of the same length line up */
  if (numeric)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attrs);
    }
  return layout;
}

static float
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
update_description (ContribCompareChart *self)
{
  g_autofree char *text = NULL;
  const Bar *fastest = NULL;

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);

      /* A cancelled or failed load was not fast, only short */
      if ((bar->outcome == CONTRIB_RUN_OUTCOME_COMPLETED ||
           bar->outcome == CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS) &&
          (fastest == NULL || bar->total_ms < fastest->total_ms))
        fastest = bar;
    }

  if (self->bars->len == 0)
    text = g_strdup (_("No runs"));
  else
    text = g_strdup_printf (ngettext ("%u run", "%u runs", self->bars->len), self->bars->len);

  if (fastest != NULL)
    {
      char *longer = g_strdup_printf (/* Translators: "3 runs; fastest CONCURRENT 2.2 s" */
                                      _("%s; fastest %s %s"), text,
                                      pango_layout_get_text (fastest->label),
                                      pango_layout_get_text (fastest->value));

      g_free (text);
      text = longer;
    }
  if (self->shared_ideal_ms >= 0)
    {
      g_autofree char *ideal = contrib_format_duration (self->shared_ideal_ms);
      char *longer = g_strdup_printf (/* Translators: "3 runs; …; ideal 2.2 s" */
                                      _("%s; ideal %s"), text, ideal);

      g_free (text);
      text = longer;
    }

  g_free (self->description);
  self->description = g_steal_pointer (&text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

/* The legend names the colours shown, always in the same order */
static void
make_legend (ContribCompareChart *self,
             const gboolean       shown[N_COLORS])
{
  for (ChartColor color = 0; color < N_COLORS; color++)
    if (shown[color])
      {
        g_array_append_val (self->legend_colors, color);
        g_ptr_array_add (self->legend, make_layout (self, _(legend_labels[color]), FALSE));
      }
}

/* Reads the runs again: on a change of the model, and of the font (the
 * layouts are the widget's). There are a handful of runs, so all of it. */
static void
rebuild (ContribCompareChart *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  gboolean shared = n > 0;
  gboolean shown[N_COLORS] = { FALSE, };

  g_array_set_size (self->bars, 0);
  g_ptr_array_set_size (self->legend, 0);
  g_array_set_size (self->legend_colors, 0);
  g_clear_object (&self->ideal_label);
  self->scale_ms = 1;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ContribRun) run = g_list_model_get_item (self->model, i);
      g_autofree char *value = contrib_format_duration (contrib_run_get_total_ms (run));
      Bar bar = {
        .label = make_layout (self, contrib_run_get_variant_id (run), FALSE),
        .value = make_layout (self, value, TRUE),
        .total_ms = contrib_run_get_total_ms (run),
        .ideal_ms = contrib_run_get_ideal_ms (run),
        .outcome = contrib_run_get_outcome (run),
      };

      g_array_append_val (self->bars, bar);
      self->scale_ms = MAX (self->scale_ms, MAX (bar.total_ms, bar.ideal_ms));
      shared = shared && bar.ideal_ms >= 0 &&
               bar.ideal_ms == g_array_index (self->bars, Bar, 0).ideal_ms;
      shown[COLOR_IDEAL] = shown[COLOR_IDEAL] || bar.ideal_ms >= 0;
      shown[outcome_color (bar.outcome)] = TRUE;
    }

  self->shared_ideal_ms = shared ? g_array_index (self->bars, Bar, 0).ideal_ms : -1;
  if (shared)
    {
      g_autofree char *ideal = contrib_format_duration (self->shared_ideal_ms);
      /* Translators: the label of the ideal time's line on the chart, "ideal 2.2 s" */
      g_autofree char *text = g_strdup_printf (_("ideal %s"), ideal);

      self->ideal_label = make_layout (self, text, TRUE);
      /* The line has its own label */
      shown[COLOR_IDEAL] = FALSE;
    }
  make_legend (self, shown);

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
get_geometry (ContribCompareChart *self,
              int                  width,
              Geometry            *geometry)
{
  int line_height = 0;
  g_autoptr(PangoLayout) probe = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");

  pango_layout_get_pixel_size (probe, NULL, &line_height);
  *geometry = (Geometry) { .line_height = line_height };

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);

      geometry->label_width = MAX (geometry->label_width, layout_width (bar->label));
      geometry->value_width = MAX (geometry->value_width, layout_width (bar->value));
    }

  geometry->top = self->ideal_label != NULL ? line_height + 4 : 0;
  geometry->bar_x = geometry->label_width + LABEL_GAP;
  geometry->bar_span = MAX (1, width - geometry->bar_x - VALUE_GAP - geometry->value_width);
}

static float
x_of (ContribCompareChart *self,
      const Geometry      *geometry,
      gint64               ms)
{
  return geometry->bar_x + geometry->bar_span * (double) ms / self->scale_ms;
}

/* Even an instant run gets a sliver, so that its row is not empty */
static graphene_rect_t
bar_rect (ContribCompareChart *self,
          const Geometry      *geometry,
          guint                index)
{
  const Bar *bar = &g_array_index (self->bars, Bar, index);
  float length = MAX (2, x_of (self, geometry, bar->total_ms) - geometry->bar_x);

  return GRAPHENE_RECT_INIT (geometry->bar_x,
                             geometry->top + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                             length, BAR_HEIGHT);
}

static int
ceil_px (float size)
{
  int whole = (int) size;

  return whole < size ? whole + 1 : whole;
}

static float
legend_width (ContribCompareChart *self)
{
  float width = 0;

  for (guint i = 0; i < self->legend->len; i++)
    width += (i > 0 ? LEGEND_SPACE : 0) + SWATCH + 4 + layout_width (g_ptr_array_index (self->legend, i));
  return width;
}

static void
on_items_changed (GListModel          *model,
                  guint                position,
                  guint                removed,
                  guint                added,
                  ContribCompareChart *self)
{
  rebuild (self);
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             float          x,
             float          y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_legend (ContribCompareChart *self,
                 GtkSnapshot         *snapshot,
                 const Geometry      *geometry)
{
  float y = geometry->top + self->bars->len * ROW_HEIGHT + LEGEND_GAP;
  float x = 0;

  for (guint i = 0; i < self->legend->len; i++)
    {
      PangoLayout *label = g_ptr_array_index (self->legend, i);
      ChartColor color = g_array_index (self->legend_colors, ChartColor, i);
      float swatch_y = y + (geometry->line_height - SWATCH) / 2;

      if (color == COLOR_IDEAL)
        gtk_snapshot_append_color (snapshot, &self->colors[color],
                                   &GRAPHENE_RECT_INIT (x + (SWATCH - IDEAL_WIDTH) / 2.f,
                                                        y, IDEAL_WIDTH, geometry->line_height));
      else
        gtk_snapshot_append_color (snapshot, &self->colors[color],
                                   &GRAPHENE_RECT_INIT (x, swatch_y, SWATCH, SWATCH));
      append_text (snapshot, label, x + SWATCH + 4, y, &self->colors[COLOR_FG]);
      x += SWATCH + 4 + layout_width (label) + LEGEND_SPACE;
    }
}

static void
contrib_compare_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  ContribCompareChart *self = CONTRIB_COMPARE_CHART (widget);
  Geometry geometry;

  if (self->bars->len == 0)
    return;
  if (!self->colors_valid)
    lookup_colors (self);
  get_geometry (self, gtk_widget_get_width (widget), &geometry);

  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      float y = geometry.top + i * ROW_HEIGHT;
      graphene_rect_t rect = bar_rect (self, &geometry, i);
      GskRoundedRect rounded;

      append_text (snapshot, bar->label, 0, y + (ROW_HEIGHT - geometry.line_height) / 2,
                   &self->colors[COLOR_FG]);

      gsk_rounded_rect_init_from_rect (&rounded, &rect, MIN (BAR_RADIUS, rect.size.width / 2));
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &self->colors[outcome_color (bar->outcome)], &rect);
      gtk_snapshot_pop (snapshot);

      if (self->ideal_label == NULL && bar->ideal_ms >= 0)
        gtk_snapshot_append_color (snapshot, &self->colors[COLOR_IDEAL],
                                   &GRAPHENE_RECT_INIT (x_of (self, &geometry, bar->ideal_ms) - IDEAL_WIDTH / 2.f,
                                                        y + 2, IDEAL_WIDTH, ROW_HEIGHT - 4));
    }

  /* The ideal over the bars, to show how far past it each one goes */
  if (self->ideal_label != NULL)
    {
      float x = x_of (self, &geometry, self->shared_ideal_ms);
      float label_x = CLAMP (x - layout_width (self->ideal_label) / 2, geometry.bar_x,
                             gtk_widget_get_width (widget) - layout_width (self->ideal_label));

      append_text (snapshot, self->ideal_label, label_x, 0, &self->colors[COLOR_IDEAL]);
      gtk_snapshot_append_color (snapshot, &self->colors[COLOR_IDEAL],
                                 &GRAPHENE_RECT_INIT (x - IDEAL_WIDTH / 2.f, geometry.top,
                                                      IDEAL_WIDTH, self->bars->len * ROW_HEIGHT));
    }

  /* The values last: the ideal's line may cross one */
  for (guint i = 0; i < self->bars->len; i++)
    {
      const Bar *bar = &g_array_index (self->bars, Bar, i);
      graphene_rect_t rect = bar_rect (self, &geometry, i);
      float y = geometry.top + i * ROW_HEIGHT;

      append_text (snapshot, bar->value, rect.origin.x + rect.size.width + VALUE_GAP,
                   y + (ROW_HEIGHT - geometry.line_height) / 2, &self->colors[COLOR_FG]);
    }

  snapshot_legend (self, snapshot, &geometry);
}

static void
contrib_compare_chart_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  ContribCompareChart *self = CONTRIB_COMPARE_CHART (widget);
  Geometry geometry;

  *minimum = *natural = 0;
  if (self->bars->len == 0)
    return;

  get_geometry (self, 0, &geometry);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      float fixed = geometry.bar_x + VALUE_GAP + geometry.value_width;

      *minimum = ceil_px (MAX (fixed + MIN_SPAN, legend_width (self)));
      *natural = ceil_px (MAX (fixed + NAT_SPAN, legend_width (self)));
    }
  else
    *minimum = *natural = ceil_px (geometry.top + self->bars->len * ROW_HEIGHT +
                                 LEGEND_GAP + geometry.line_height);
}

/* A new style (light to dark, a new font): new colours and layouts */
static void
contrib_compare_chart_css_changed (GtkWidget         *widget,
                                   GtkCssStyleChange *change)
{
  ContribCompareChart *self = CONTRIB_COMPARE_CHART (widget);

  GTK_WIDGET_CLASS (contrib_compare_chart_parent_class)->css_changed (widget, change);

  self->colors_valid = FALSE;
  rebuild (self);
  gtk_widget_queue_draw (widget);
}

static void
contrib_compare_chart_dispose (GObject *object)
{
  ContribCompareChart *self = CONTRIB_COMPARE_CHART (object);

  contrib_compare_chart_set_model (self, NULL);

  G_OBJECT_CLASS (contrib_compare_chart_parent_class)->dispose (object);
}

static void
contrib_compare_chart_finalize (GObject *object)
{
  ContribCompareChart *self = CONTRIB_COMPARE_CHART (object);

  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->legend, g_ptr_array_unref);
  g_clear_pointer (&self->legend_colors, g_array_unref);
  g_clear_object (&self->ideal_label);
  g_free (self->description);

  G_OBJECT_CLASS (contrib_compare_chart_parent_class)->finalize (object);
}

static void
contrib_compare_chart_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ContribCompareChart *self = CONTRIB_COMPARE_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrib_compare_chart_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ContribCompareChart *self = CONTRIB_COMPARE_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      contrib_compare_chart_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrib_compare_chart_class_init (ContribCompareChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrib_compare_chart_dispose;
  object_class->finalize = contrib_compare_chart_finalize;
  object_class->get_property = contrib_compare_chart_get_property;
  object_class->set_property = contrib_compare_chart_set_property;
  widget_class->snapshot = contrib_compare_chart_snapshot;
  widget_class->measure = contrib_compare_chart_measure;
  widget_class->css_changed = contrib_compare_chart_css_changed;

  /**
   * ContribCompareChart:model: (type GListModel(ContribRun))
   *
   * The runs to draw, one bar each, in this order.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "comparechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
contrib_compare_chart_init (ContribCompareChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, bar_clear);
  self->legend = g_ptr_array_new_with_free_func (g_object_unref);
  self->legend_colors = g_array_new (FALSE, FALSE, sizeof (ChartColor));
  self->shared_ideal_ms = -1;
  self->scale_ms = 1;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Run times"),
                                  -1);
  update_description (self);
}

GtkWidget *
contrib_compare_chart_new (void)
{
  return g_object_new (CONTRIB_TYPE_COMPARE_CHART, NULL);
}

/**
 * contrib_compare_chart_set_model:
 * @self: a chart
 * @model: (nullable): a #GListModel of #ContribRun
 *
 * Draws @model's runs, and follows its changes.
 */
void
contrib_compare_chart_set_model (ContribCompareChart *self,
                                 GListModel          *model)
{
  g_return_if_fail (CONTRIB_IS_COMPARE_CHART (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed), self, 0);

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * contrib_compare_chart_get_model:
 * @self: a chart
 *
 * Returns: (transfer none) (nullable): the runs drawn
 */
GListModel *
contrib_compare_chart_get_model (ContribCompareChart *self)
{
  g_return_val_if_fail (CONTRIB_IS_COMPARE_CHART (self), NULL);

  return self->model;
}

/**
 * contrib_compare_chart_get_description:
 * @self: a chart
 *
 * Returns: what the chart shows in a sentence, its accessible
 *   description: "3 runs; fastest CONCURRENT 2.2 s; ideal 2.2 s"
 */
const char *
contrib_compare_chart_get_description (ContribCompareChart *self)
{
  g_return_val_if_fail (CONTRIB_IS_COMPARE_CHART (self), NULL);

  return self->description;
}

guint
_contrib_compare_chart_get_n_bars (ContribCompareChart *self)
{
  g_return_val_if_fail (CONTRIB_IS_COMPARE_CHART (self), 0);

  return self->bars->len;
}

gboolean
_contrib_compare_chart_get_bar (ContribCompareChart  *self,
                                guint                 index,
                                const char          **label,
                                const char          **value,
                                graphene_rect_t      *rect)
{
  const Bar *bar;
  Geometry geometry;

  g_return_val_if_fail (CONTRIB_IS_COMPARE_CHART (self), FALSE);

  if (index >= self->bars->len)
    return FALSE;

  bar = &g_array_index (self->bars, Bar, index);
  get_geometry (self, gtk_widget_get_width (GTK_WIDGET (self)), &geometry);
  *label = pango_layout_get_text (bar->label);
  *value = pango_layout_get_text (bar->value);
  *rect = bar_rect (self, &geometry, index);
  return TRUE;
}

gboolean
_contrib_compare_chart_get_ideal_line (ContribCompareChart  *self,
                                       const char          **label,
                                       float                *x)
{
  Geometry geometry;

  g_return_val_if_fail (CONTRIB_IS_COMPARE_CHART (self), FALSE);

  if (self->ideal_label == NULL)
    return FALSE;

  get_geometry (self, gtk_widget_get_width (GTK_WIDGET (self)), &geometry);
  *label = pango_layout_get_text (self->ideal_label);
  *x = x_of (self, &geometry, self->shared_ideal_ms);
  return TRUE;
}

gboolean
_contrib_compare_chart_get_tick (ContribCompareChart *self,
                                 guint                index,
                                 float               *x)
{
  const Bar *bar;
  Geometry geometry;

  g_return_val_if_fail (CONTRIB_IS_COMPARE_CHART (self), FALSE);

  if (index >= self->bars->len || self->ideal_label != NULL)
    return FALSE;
  bar = &g_array_index (self->bars, Bar, index);
  if (bar->ideal_ms < 0)
    return FALSE;

  get_geometry (self, gtk_widget_get_width (GTK_WIDGET (self)), &geometry);
  *x = x_of (self, &geometry, bar->ideal_ms);
  return TRUE;
}
