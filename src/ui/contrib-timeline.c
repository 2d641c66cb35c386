/* contrib-timeline.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Every request of a load as a bar on a time axis, coloured by how it
 * ended. A load may make thousands; the widget draws only the bars in
 * view (ContribTimelineLayout finds them) and lays out only what each
 * batch of the log brings. While the load runs, the axis reaches "now" at
 * every frame so the view is live.
 *
 * Units: times are microseconds on the log's clock; the axis reads them
 * relative to the log's origin. The adjustments are in pixels of the
 * whole drawing: horizontal PAD + time × scale, vertical the lanes under
 * the axis, which stays in place.
 */

#include "config.h"

#include "contrib-timeline.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "contrib-timeline-layout.h"
#include "contrib-timeline-private.h"

static void contrib_timeline_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ContribTimeline, contrib_timeline, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      contrib_timeline_scrollable_init))

G_DEFINE_ENUM_TYPE (ContribTimelineLanes, contrib_timeline_lanes,
                    G_DEFINE_ENUM_VALUE (CONTRIB_TIMELINE_LANES_PACKED, "packed"),
                    G_DEFINE_ENUM_VALUE (CONTRIB_TIMELINE_LANES_BY_CALLER, "by-caller"))

enum
{
  PROP_0,
  PROP_LOG,
  PROP_RUNNING,
  PROP_LANES,
  PROP_ZOOM,
  PROP_FIT,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

static GParamSpec *properties[N_PROPS];

/* Sets the scale (if it follows the width) and the adjustments, keeping
 * the horizontal value at @value, or the current one if negative */
static void
update_adjustments (ContribTimeline *self,
                    double           value)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  guint n_lanes = contrib_timeline_layout_get_n_lanes (self->layout, self->lanes);
  gint64 from, to;
  double upper, fit;

  fit = _contrib_timeline_fit_scale (self);
  self->scale = self->fit ? fit : CLAMP (self->scale, fit, MAX_SCALE);
  _contrib_timeline_get_range (self, &from, &to);

  if (self->hadjustment != NULL)
    {
      upper = MAX (width, 2 * PAD_X + (to - from) * self->scale);
      if (value < 0)
        value = gtk_adjustment_get_value (self->hadjustment);
      gtk_adjustment_configure (self->hadjustment, CLAMP (value, 0, upper - width), 0, upper,
                                width * 0.1, width * 0.9, width);
    }
  if (self->vadjustment != NULL)
    {
      upper = MAX (height, AXIS_HEIGHT + n_lanes * LANE_PITCH + PAD_BOTTOM);
      value = CLAMP (gtk_adjustment_get_value (self->vadjustment), 0, upper - height);
      gtk_adjustment_configure (self->vadjustment, value, 0, upper,
                                LANE_PITCH, height * 0.9, height);
    }
}

/* What a screen reader says instead of the picture: once per batch */
static void
update_summary (ContribTimeline *self)
{
  guint n = contrib_timeline_layout_get_n_bars (self->layout);

  g_free (self->summary);
  if (n == 0)
    self->summary = g_strdup (_("No requests yet"));
  else
    {
      /* Packed lanes are the peak overlap */
      guint peak = contrib_timeline_layout_get_n_lanes (self->layout,
                                                        CONTRIB_TIMELINE_LANES_PACKED);
      gint64 span = gh_request_log_get_end_us (self->log) -
                    gh_request_log_get_origin_us (self->log);
      double seconds = span / (double) G_USEC_PER_SEC;

      /* Translators: a summary of the time line, such as
       * "161 requests, at most 8 at once, 1.9 s" */
      self->summary = g_strdup_printf (ngettext ("%u request, at most %u at once, %.1f s",
                                                 "%u requests, at most %u at once, %.1f s", n),
                                       n, peak, MAX (seconds, 0.0));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);
}

#define LIVE_REDRAW_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)

/* --- live updates --------------------------------------------------------- */

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  ContribTimeline *self = CONTRIB_TIMELINE (widget);
  double upper = gtk_adjustment_get_upper (self->hadjustment);
  double page = gtk_adjustment_get_page_size (self->hadjustment);
  gboolean at_end = _contrib_timeline_hvalue (self) >= upper - page - 1.0;
  gint64 frame_us = gdk_frame_clock_get_frame_time (frame_clock);

  /* The axis growing with the clock reads as smooth at ten frames a
   * second; every frame would leave less of the main loop to the load */
  if (frame_us - self->live_frame_us < LIVE_REDRAW_INTERVAL_US)
    return G_SOURCE_CONTINUE;
  self->live_frame_us = frame_us;
  self->now_us = gh_request_log_now (self->log);
  /* Zoomed in at the end, the view follows the end as it grows */
  update_adjustments (self, at_end ? G_MAXDOUBLE : -1);
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

static void
update_tick (ContribTimeline *self)
{
  gboolean want = self->running && self->log != NULL && self->hadjustment != NULL &&
                  gtk_widget_get_mapped (GTK_WIDGET (self));

  if (want && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
on_events_added (GhRequestLog    *log,
                 guint            position,
                 guint            n_added,
                 ContribTimeline *self)
{
  g_autofree const GhRequestEvent **events = g_new (const GhRequestEvent *, MAX (n_added, 1));

  for (guint i = 0; i < n_added; i++)
    events[i] = gh_request_log_get_event (log, position + i);
  contrib_timeline_layout_add (self->layout, events, n_added);

  update_summary (self);
  update_adjustments (self, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_adjustment_value_changed (GtkAdjustment   *adjustment,
                             ContribTimeline *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* --- input ------------------------------------------------------------------ */

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           ContribTimeline          *self)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  /* Without Ctrl, the scrolled window pans */
  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;
  contrib_timeline_zoom_at (self, pow (1.25, -dy), self->pointer_x);
  return TRUE;
}

static void
on_motion (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           ContribTimeline          *self)
{
  self->pointer_x = x;
}

static void
on_leave (GtkEventControllerMotion *controller,
          ContribTimeline          *self)
{
  self->pointer_x = -1;
}

/* For the zoom keys */
static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            ContribTimeline *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ContribTimeline *self = CONTRIB_TIMELINE (widget);

  if (g_str_equal (action_name, "timeline.zoom-to-fit"))
    contrib_timeline_zoom_to_fit (self);
  else
    contrib_timeline_zoom_at (self, g_str_equal (action_name, "timeline.zoom-in") ? 1.5 : 1 / 1.5,
                              self->pointer_x);
}

/* --- GtkWidget --------------------------------------------------------------- */

static void
contrib_timeline_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  /* Small: the scrolled window gives the rest, the adjustments scroll */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 120;
  else
    *minimum = *natural = (int) (AXIS_HEIGHT + 2 * LANE_PITCH);
}

static void
contrib_timeline_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  update_adjustments (CONTRIB_TIMELINE (widget), -1);
}

static void
contrib_timeline_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (contrib_timeline_parent_class)->map (widget);
  update_tick (CONTRIB_TIMELINE (widget));
}

static void
contrib_timeline_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (contrib_timeline_parent_class)->unmap (widget);
  update_tick (CONTRIB_TIMELINE (widget));
}

static void
contrib_timeline_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  ContribTimeline *self = CONTRIB_TIMELINE (widget);

  GTK_WIDGET_CLASS (contrib_timeline_parent_class)->css_changed (widget, change);
  /* Light to dark, or another accent: looked up again at the next frame */
  self->colors_valid = FALSE;
  gtk_widget_queue_draw (widget);
}

static gboolean
contrib_timeline_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  ContribTimeline *self = CONTRIB_TIMELINE (widget);
  guint bar = _contrib_timeline_hit_test (self, x, y);
  const GhRequestEvent *event;
  g_autofree char *text = NULL;
  gint64 from, to;
  double x0, x1, top;

  if (bar == G_MAXUINT)
    return FALSE;

  /* Plain text: the URL comes from the server */
  event = contrib_timeline_layout_get_event (self->layout, bar);
  text = _contrib_timeline_describe_event (event);
  gtk_tooltip_set_text (tooltip, text);

  /* The tooltip moves on with the pointer to the next bar */
  _contrib_timeline_get_range (self, &from, &to);
  x0 = _contrib_timeline_time_to_x (self, from, event->start_us);
  x1 = MAX (_contrib_timeline_time_to_x (self, from, event->end_us), x0 + MIN_BAR_WIDTH);
  top = _contrib_timeline_lane_top (self, contrib_timeline_layout_get_lane (self->layout,
                                                                            self->lanes, bar));
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
    (int) floor (x0) - 1, (int) floor (top), (int) ceil (x1 - x0) + 2, (int) BAR_HEIGHT });
  return TRUE;
}

/* --- GtkScrollable ----------------------------------------------------------- */

static void
contrib_timeline_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
set_adjustment (ContribTimeline  *self,
                GtkAdjustment   **field,
                GtkAdjustment    *adjustment)
{
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  if (*field == adjustment)
    return;

  if (*field != NULL)
    g_signal_handlers_disconnect_by_func (*field, on_adjustment_value_changed, self);
  g_set_object (field, g_object_ref_sink (adjustment));
  g_object_unref (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed), self);
  update_adjustments (self, -1);
  update_tick (self);
}

/* --- GObject ----------------------------------------------------------------- */

static void
contrib_timeline_dispose (GObject *object)
{
  ContribTimeline *self = CONTRIB_TIMELINE (object);

  g_clear_signal_handler (&self->events_added_id, self->log);
  g_clear_object (&self->log);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, on_adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (contrib_timeline_parent_class)->dispose (object);
}

static void
contrib_timeline_finalize (GObject *object)
{
  ContribTimeline *self = CONTRIB_TIMELINE (object);

  g_clear_pointer (&self->layout, contrib_timeline_layout_free);
  g_free (self->summary);

  G_OBJECT_CLASS (contrib_timeline_parent_class)->finalize (object);
}

static void
contrib_timeline_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ContribTimeline *self = CONTRIB_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_LOG:
      g_value_set_object (value, self->log);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_LANES:
      g_value_set_enum (value, self->lanes);
      break;

    case PROP_ZOOM:
      g_value_set_double (value, contrib_timeline_get_zoom (self));
      break;

    case PROP_FIT:
      g_value_set_boolean (value, self->fit);
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrib_timeline_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ContribTimeline *self = CONTRIB_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_LOG:
      contrib_timeline_set_log (self, g_value_get_object (value));
      break;

    case PROP_RUNNING:
      contrib_timeline_set_running (self, g_value_get_boolean (value));
      break;

    case PROP_LANES:
      contrib_timeline_set_lanes (self, g_value_get_enum (value));
      break;

    case PROP_ZOOM:
      contrib_timeline_set_zoom (self, g_value_get_double (value));
      break;

    case PROP_FIT:
      if (g_value_get_boolean (value))
        contrib_timeline_zoom_to_fit (self);
      else if (self->fit)
        contrib_timeline_set_zoom (self, contrib_timeline_get_zoom (self));
      break;

    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;

    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrib_timeline_class_init (ContribTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrib_timeline_dispose;
  object_class->finalize = contrib_timeline_finalize;
  object_class->get_property = contrib_timeline_get_property;
  object_class->set_property = contrib_timeline_set_property;

  widget_class->snapshot = _contrib_timeline_snapshot;
  widget_class->measure = contrib_timeline_measure;
  widget_class->size_allocate = contrib_timeline_size_allocate;
  widget_class->map = contrib_timeline_map;
  widget_class->unmap = contrib_timeline_unmap;
  widget_class->css_changed = contrib_timeline_css_changed;
  widget_class->query_tooltip = contrib_timeline_query_tooltip;

  properties[PROP_LOG] =
    g_param_spec_object ("log", NULL, NULL, GH_TYPE_REQUEST_LOG,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANES] =
    g_param_spec_enum ("lanes", NULL, NULL,
                       CONTRIB_TYPE_TIMELINE_LANES, CONTRIB_TIMELINE_LANES_PACKED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Pixels per second */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0, MAX_SCALE * G_USEC_PER_SEC, 100,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the zoom shows the whole load, whatever the width */
  properties[PROP_FIT] =
    g_param_spec_boolean ("fit", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-to-fit", NULL, zoom_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0,
                                       "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "timeline.zoom-to-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "timeline.zoom-to-fit", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
contrib_timeline_init (ContribTimeline *self)
{
  GtkEventController *controller;

  self->layout = contrib_timeline_layout_new ();
  self->fit = TRUE;
  self->scale = 100.0 / G_USEC_PER_SEC;
  self->pointer_x = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  g_signal_connect (controller, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_summary (self);
}

/* --- public API -------------------------------------------------------------- */

GtkWidget *
contrib_timeline_new (void)
{
  return g_object_new (CONTRIB_TYPE_TIMELINE, NULL);
}

/**
 * contrib_timeline_set_log:
 * @self: a timeline
 * @log: (nullable): the requests to show, as they come
 */
void
contrib_timeline_set_log (ContribTimeline *self,
                          GhRequestLog    *log)
{
  g_return_if_fail (CONTRIB_IS_TIMELINE (self));
  g_return_if_fail (log == NULL || GH_IS_REQUEST_LOG (log));

  if (self->log == log)
    return;

  g_clear_signal_handler (&self->events_added_id, self->log);
  g_set_object (&self->log, log);
  g_clear_pointer (&self->layout, contrib_timeline_layout_free);
  self->layout = contrib_timeline_layout_new ();
  self->fit = TRUE;

  if (log != NULL)
    {
      self->now_us = gh_request_log_now (log);
      self->events_added_id = g_signal_connect (log, "events-added",
                                                G_CALLBACK (on_events_added), self);
      on_events_added (log, 0, gh_request_log_get_n_events (log), self);
    }
  else
    {
      update_summary (self);
      update_adjustments (self, 0);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  update_tick (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
}

/* Returns: (transfer none) (nullable): the log shown */
GhRequestLog *
contrib_timeline_get_log (ContribTimeline *self)
{
  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), NULL);

  return self->log;
}

/**
 * contrib_timeline_set_running:
 * @self: a timeline
 * @running: whether the load goes on
 *
 * While running, the axis reaches the log's clock at every frame.
 */
void
contrib_timeline_set_running (ContribTimeline *self,
                              gboolean         running)
{
  g_return_if_fail (CONTRIB_IS_TIMELINE (self));

  running = !!running;
  if (self->running == running)
    return;

  self->running = running;
  if (self->log != NULL)
    self->now_us = gh_request_log_now (self->log);
  update_tick (self);
  update_adjustments (self, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

gboolean
contrib_timeline_get_running (ContribTimeline *self)
{
  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), FALSE);

  return self->running;
}

void
contrib_timeline_set_lanes (ContribTimeline      *self,
                            ContribTimelineLanes  lanes)
{
  g_return_if_fail (CONTRIB_IS_TIMELINE (self));
  g_return_if_fail (lanes == CONTRIB_TIMELINE_LANES_PACKED ||
                    lanes == CONTRIB_TIMELINE_LANES_BY_CALLER);

  if (self->lanes == lanes)
    return;

  /* Both layouts are kept as the batches come: switching is free */
  self->lanes = lanes;
  update_adjustments (self, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANES]);
}

ContribTimelineLanes
contrib_timeline_get_lanes (ContribTimeline *self)
{
  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), CONTRIB_TIMELINE_LANES_PACKED);

  return self->lanes;
}

/* Returns: the lanes in the current mode */
guint
contrib_timeline_get_n_lanes (ContribTimeline *self)
{
  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), 0);

  return contrib_timeline_layout_get_n_lanes (self->layout, self->lanes);
}

/**
 * contrib_timeline_set_zoom:
 * @self: a timeline
 * @pixels_per_second: the scale; no smaller than the one that fits
 *
 * Stops following the width: the view keeps this scale as the load grows.
 */
void
contrib_timeline_set_zoom (ContribTimeline *self,
                           double           pixels_per_second)
{
  g_return_if_fail (CONTRIB_IS_TIMELINE (self));
  g_return_if_fail (pixels_per_second > 0);

  self->fit = FALSE;
  self->scale = pixels_per_second / G_USEC_PER_SEC;
  update_adjustments (self, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
}

/* Returns: pixels per second */
double
contrib_timeline_get_zoom (ContribTimeline *self)
{
  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), 0);

  return self->scale * G_USEC_PER_SEC;
}

/**
 * contrib_timeline_zoom_at:
 * @self: a timeline
 * @factor: above 1 to zoom in
 * @x: the point of the widget that keeps its time, or -1 for the middle
 *
 * What Ctrl+scroll does. Zooming out as far as the whole load goes back
 * to following the width.
 */
void
contrib_timeline_zoom_at (ContribTimeline *self,
                          double           factor,
                          double           x)
{
  double fit;
  double time_us;
  gint64 from, to;

  g_return_if_fail (CONTRIB_IS_TIMELINE (self));
  g_return_if_fail (factor > 0);

  if (x < 0)
    x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  _contrib_timeline_get_range (self, &from, &to);
  time_us = _contrib_timeline_x_to_time (self, from, x);

  fit = _contrib_timeline_fit_scale (self);
  self->scale = CLAMP (self->scale * factor, fit, MAX_SCALE);
  self->fit = self->scale <= fit;
  update_adjustments (self, PAD_X + (time_us - from) * self->scale - x);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
}

/* Shows the whole load, and keeps doing so as it grows */
void
contrib_timeline_zoom_to_fit (ContribTimeline *self)
{
  g_return_if_fail (CONTRIB_IS_TIMELINE (self));

  self->fit = TRUE;
  update_adjustments (self, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
}

gboolean
contrib_timeline_get_fit (ContribTimeline *self)
{
  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), FALSE);

  return self->fit;
}

/**
 * contrib_timeline_get_visible_range:
 * @self: a timeline
 * @from_us: (out) (optional): the time at the left edge, from the origin
 * @to_us: (out) (optional): and at the right edge
 */
void
contrib_timeline_get_visible_range (ContribTimeline *self,
                                    gint64          *from_us,
                                    gint64          *to_us)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  gint64 origin, from, to;

  g_return_if_fail (CONTRIB_IS_TIMELINE (self));

  origin = self->log != NULL ? gh_request_log_get_origin_us (self->log) : 0;
  _contrib_timeline_get_range (self, &from, &to);
  if (from_us != NULL)
    *from_us = (gint64) _contrib_timeline_x_to_time (self, from, 0) - origin;
  if (to_us != NULL)
    *to_us = (gint64) _contrib_timeline_x_to_time (self, from, width) - origin;
}

/**
 * contrib_timeline_get_event_at:
 * @self: a timeline
 * @x: a point of the widget
 * @y: the same
 *
 * The tooltip's hit test.
 *
 * Returns: (transfer none) (nullable): the request under the point
 */
const GhRequestEvent *
contrib_timeline_get_event_at (ContribTimeline *self,
                               double           x,
                               double           y)
{
  guint bar;

  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), NULL);

  bar = _contrib_timeline_hit_test (self, x, y);
  return bar != G_MAXUINT ? contrib_timeline_layout_get_event (self->layout, bar) : NULL;
}

/**
 * contrib_timeline_get_tooltip_at:
 * @self: a timeline
 * @x: a point of the widget
 * @y: the same
 *
 * Returns: (transfer full) (nullable): the tooltip's text there: URL,
 *   status or outcome, duration, and who asked
 */
char *
contrib_timeline_get_tooltip_at (ContribTimeline *self,
                                 double           x,
                                 double           y)
{
  const GhRequestEvent *event;

  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), NULL);

  event = contrib_timeline_get_event_at (self, x, y);
  return event != NULL ? _contrib_timeline_describe_event (event) : NULL;
}

/**
 * contrib_timeline_get_event_point:
 * @self: a timeline
 * @event: one of its log's events
 * @x: (out): a point of the widget in the middle of its bar
 * @y: (out): the same
 *
 * Returns: whether @event has a bar
 */
gboolean
contrib_timeline_get_event_point (ContribTimeline      *self,
                                  const GhRequestEvent *event,
                                  double               *x,
                                  double               *y)
{
  gint64 from, to;
  guint bar, lane;

  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  /* A bar's index is its event's in the log */
  for (bar = 0; bar < contrib_timeline_layout_get_n_bars (self->layout); bar++)
    if (contrib_timeline_layout_get_event (self->layout, bar) == event)
      break;
  if (bar == contrib_timeline_layout_get_n_bars (self->layout))
    return FALSE;

  _contrib_timeline_get_range (self, &from, &to);
  lane = contrib_timeline_layout_get_lane (self->layout, self->lanes, bar);
  *x = _contrib_timeline_time_to_x (self, from,
                                    (event->start_us + MAX (event->start_us, event->end_us)) / 2.0);
  *y = _contrib_timeline_lane_top (self, lane) + BAR_HEIGHT / 2;
  return TRUE;
}

void
contrib_timeline_get_bar_color (ContribTimeline      *self,
                                const GhRequestEvent *event,
                                GdkRGBA              *color)
{
  g_return_if_fail (CONTRIB_IS_TIMELINE (self));
  g_return_if_fail (event != NULL);

  _contrib_timeline_ensure_colors (self);
  *color = self->colors[contrib_timeline_outcome_of (event)];
}

/* The Cancel marker's colour */
void
contrib_timeline_get_marker_color (ContribTimeline *self,
                                   GdkRGBA         *color)
{
  g_return_if_fail (CONTRIB_IS_TIMELINE (self));

  _contrib_timeline_ensure_colors (self);
  *color = self->colors[CONTRIB_TIMELINE_OUTCOME_AFTER_CANCEL];
}

/* Returns: what the accessible description says, such as
 * "161 requests, at most 8 at once, 1.9 s" */
const char *
contrib_timeline_get_summary (ContribTimeline *self)
{
  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), NULL);

  return self->summary;
}

guint
contrib_timeline_get_n_bars (ContribTimeline *self)
{
  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), 0);

  return contrib_timeline_layout_get_n_bars (self->layout);
}

/* For tests: the bars the last frame drew */
guint
contrib_timeline_get_n_drawn (ContribTimeline *self)
{
  g_return_val_if_fail (CONTRIB_IS_TIMELINE (self), 0);

  return self->n_drawn;
}
