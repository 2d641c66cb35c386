/* contrib-compare-page.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The Compare view: every finished or cancelled load of the session, as a
 * chart and a table, with a toolbar to run every variant, export and
 * clear. The page owns the runs; the window adds them and implements the
 * win.* actions its buttons name (compare-all, export-comparison).
 */

#include "config.h"

#include "contrib-compare-page.h"

#include <glib/gi18n.h>

#include "contrib-compare-chart.h"

typedef enum
{
  COLUMN_VARIANT,
  COLUMN_ORGANIZATION,
  COLUMN_SOURCE,
  COLUMN_TIME,
  COLUMN_REQUESTS,
  COLUMN_PEAK,
  COLUMN_BLOCKED,
  COLUMN_OUTCOME,
  N_COLUMNS
} Column;

struct _ContribComparePage
{
  GtkWidget       parent_instance;

  GListStore     *runs;

  GtkCheckButton *include_blocking_check;
  GtkMenuButton  *export_button;
  GtkStack       *content_stack;
  ContribCompareChart *chart;
  GtkColumnView  *column_view;
};

enum {
  PROP_0,
  PROP_INCLUDE_BLOCKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ContribComparePage, contrib_compare_page, GTK_TYPE_WIDGET)

static const struct {
  const char *title;
  gboolean    numeric;
} columns[N_COLUMNS] = {
  [COLUMN_VARIANT] = { N_("Variant"), FALSE },
  [COLUMN_ORGANIZATION] = { N_("Organization"), FALSE },
  [COLUMN_SOURCE] = { N_("Source"), FALSE },
  /* Translators: how long a load took */
  [COLUMN_TIME] = { N_("Time"), TRUE },
  [COLUMN_REQUESTS] = { N_("Requests"), TRUE },
  /* Translators: the most requests under way at once */
  [COLUMN_PEAK] = { N_("Peak in flight"), TRUE },
  /* Translators: the longest the window could not respond */
  [COLUMN_BLOCKED] = { N_("UI blocked"), TRUE },
  [COLUMN_OUTCOME] = { N_("Outcome"), FALSE },
};

#define COLUMN_KEY "contrib-compare-column"

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  Column column = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  if (columns[column].numeric)
    {
      /* Right-aligned tabular figures: the digits line up down a column */
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  else
    gtk_label_set_xalign (GTK_LABEL (label), 0);

  /* Names may be long; the rest is short, and whole */
  if (column == COLUMN_ORGANIZATION || column == COLUMN_SOURCE)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  g_object_set_data (G_OBJECT (label), COLUMN_KEY, data);
  gtk_list_item_set_child (item, label);
}

/* The organization, the source and a failure's message may quote the
 * server: shown escaped and bounded, as every such text is. A run never
 * changes, so a cell is set once per bind. */
static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  ContribRun *run = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;

  switch ((Column) GPOINTER_TO_INT (data))
    {
    case COLUMN_VARIANT:
      text = g_strdup (contrib_run_get_variant_id (run));
      tooltip = g_strdup (contrib_variant_get_label (contrib_run_get_variant (run)));
      break;

    case COLUMN_ORGANIZATION:
      text = gh_text_sanitize (contrib_run_get_organization (run), GH_TEXT_MAX_NAME_CHARS, NULL);
      tooltip = g_strdup (text);
      break;

    case COLUMN_SOURCE:
      text = gh_text_sanitize (contrib_run_get_source (run), GH_TEXT_MAX_NAME_CHARS, NULL);
      tooltip = g_strdup (text);
      break;

    case COLUMN_TIME:
      text = contrib_format_duration (contrib_run_get_total_ms (run));
      if (contrib_run_get_ideal_ms (run) >= 0)
        {
          g_autofree char *ideal = contrib_format_duration (contrib_run_get_ideal_ms (run));

          /* Translators: the tooltip of a run's time, "Ideal: 2.2 s" */
          tooltip = g_strdup_printf (_("Ideal: %s"), ideal);
        }
      break;

    case COLUMN_REQUESTS:
      text = g_strdup_printf ("%u", contrib_run_get_n_requests (run));
      break;

    case COLUMN_PEAK:
      text = g_strdup_printf ("%u", contrib_run_get_peak_in_flight (run));
      break;

    case COLUMN_BLOCKED:
      text = contrib_format_duration (contrib_run_get_blocked_ms (run));
      break;

    case COLUMN_OUTCOME:
      text = contrib_run_dup_outcome_label (run);
      tooltip = gh_text_sanitize (contrib_run_get_message (run), GH_TEXT_MAX_MESSAGE_CHARS, NULL);
      break;

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
}

static void
add_columns (ContribComparePage *self)
{
  for (Column i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      /* The last column takes what room is left, so the table fills the page */
      gtk_column_view_column_set_expand (column, i == COLUMN_OUTCOME);
      gtk_column_view_append_column (self->column_view, column);
    }
}

static void
on_runs_changed (GListModel         *runs,
                 guint               position,
                 guint               removed,
                 guint               added,
                 ContribComparePage *self)
{
  gboolean any = g_list_model_get_n_items (runs) > 0;

  gtk_stack_set_visible_child_name (self->content_stack, any ? "runs" : "empty");
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), any);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.clear", any);
}

static void
on_include_blocking_toggled (ContribComparePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_BLOCKING]);
}

static void
clear_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  contrib_compare_page_clear (CONTRIB_COMPARE_PAGE (widget));
}

static void
contrib_compare_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ContribComparePage *self = CONTRIB_COMPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_BLOCKING:
      g_value_set_boolean (value, contrib_compare_page_get_include_blocking (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrib_compare_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ContribComparePage *self = CONTRIB_COMPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_INCLUDE_BLOCKING:
      contrib_compare_page_set_include_blocking (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrib_compare_page_dispose (GObject *object)
{
  ContribComparePage *self = CONTRIB_COMPARE_PAGE (object);
  GtkWidget *child;

  if (self->runs != NULL)
    g_signal_handlers_disconnect_by_func (self->runs, on_runs_changed, self);

  gtk_widget_dispose_template (GTK_WIDGET (object), CONTRIB_TYPE_COMPARE_PAGE);
  /* A plain GtkWidget leaves its template's children to its subclass */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->runs);

  G_OBJECT_CLASS (contrib_compare_page_parent_class)->dispose (object);
}

static void
contrib_compare_page_class_init (ContribComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrib_compare_page_dispose;
  object_class->get_property = contrib_compare_page_get_property;
  object_class->set_property = contrib_compare_page_set_property;

  /**
   * ContribComparePage:include-blocking:
   *
   * Whether Compare All should run BLOCKING too, which freezes the window
   * for as long as its load takes. The check button in the toolbar.
   */
  properties[PROP_INCLUDE_BLOCKING] =
    g_param_spec_boolean ("include-blocking", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CONTRIB_TYPE_COMPARE_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contributors/Contributors/contrib-compare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ContribComparePage, include_blocking_check);
  gtk_widget_class_bind_template_child (widget_class, ContribComparePage, export_button);
  gtk_widget_class_bind_template_child (widget_class, ContribComparePage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ContribComparePage, chart);
  gtk_widget_class_bind_template_child (widget_class, ContribComparePage, column_view);

  gtk_widget_class_install_action (widget_class, "compare.clear", NULL, clear_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
contrib_compare_page_init (ContribComparePage *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->runs = g_list_store_new (CONTRIB_TYPE_RUN);
  g_signal_connect (self->runs, "items-changed", G_CALLBACK (on_runs_changed), self);
  g_signal_connect_swapped (self->include_blocking_check, "notify::active",
                            G_CALLBACK (on_include_blocking_toggled), self);

  add_columns (self);
  /* A table to read, not to pick from */
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->runs)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  contrib_compare_chart_set_model (self->chart, G_LIST_MODEL (self->runs));

  on_runs_changed (G_LIST_MODEL (self->runs), 0, 0, 0, self);
}

GtkWidget *
contrib_compare_page_new (void)
{
  return g_object_new (CONTRIB_TYPE_COMPARE_PAGE, NULL);
}

/**
 * contrib_compare_page_add_run:
 * @self: a page
 * @run: a finished or cancelled load
 *
 * Adds @run as the last row of the table and the last bar of the chart.
 */
void
contrib_compare_page_add_run (ContribComparePage *self,
                              ContribRun         *run)
{
  g_return_if_fail (CONTRIB_IS_COMPARE_PAGE (self));
  g_return_if_fail (CONTRIB_IS_RUN (run));

  g_list_store_append (self->runs, run);
}

/**
 * contrib_compare_page_get_runs:
 * @self: a page
 *
 * Returns: (transfer none): the runs, oldest first: a #GListModel of
 *   #ContribRun that follows every change (for the exports)
 */
GListModel *
contrib_compare_page_get_runs (ContribComparePage *self)
{
  g_return_val_if_fail (CONTRIB_IS_COMPARE_PAGE (self), NULL);

  return G_LIST_MODEL (self->runs);
}

/**
 * contrib_compare_page_clear:
 * @self: a page
 *
 * Forgets every run: the page shows its empty state again.
 */
void
contrib_compare_page_clear (ContribComparePage *self)
{
  g_return_if_fail (CONTRIB_IS_COMPARE_PAGE (self));

  g_list_store_remove_all (self->runs);
}

/**
 * contrib_compare_page_get_include_blocking:
 * @self: a page
 *
 * Returns: whether Compare All should run BLOCKING too (the check button)
 */
gboolean
contrib_compare_page_get_include_blocking (ContribComparePage *self)
{
  g_return_val_if_fail (CONTRIB_IS_COMPARE_PAGE (self), FALSE);

  return gtk_check_button_get_active (self->include_blocking_check);
}

void
contrib_compare_page_set_include_blocking (ContribComparePage *self,
                                           gboolean            include_blocking)
{
  g_return_if_fail (CONTRIB_IS_COMPARE_PAGE (self));

  /* The button's notify::active notifies the property, once, if it changed */
  gtk_check_button_set_active (self->include_blocking_check, include_blocking);
}
