/* contrib-timeline-outcome.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What a bar of the timeline says, in colour and in words: its outcome,
 * the colour and legend word for it, its tooltip, and the axis' labels.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "contrib-timeline-private.h"

/* Theme colours first: libadwaita's named colours follow the dark style
 * and the high-contrast one; the fallbacks are for a plain GTK theme. */
static const struct
{
  const char *name;
  double      alpha;
  GdkRGBA     fallback;
  const char *label;
} palette[CONTRIB_TIMELINE_N_OUTCOMES] = {
  [CONTRIB_TIMELINE_OUTCOME_OK] =
    { "accent_color", 1.0, { 0.21, 0.52, 0.89, 1.0 }, N_("Items") },
  [CONTRIB_TIMELINE_OUTCOME_EMPTY] =
    { "accent_color", 0.4, { 0.21, 0.52, 0.89, 1.0 }, N_("Empty") },
  [CONTRIB_TIMELINE_OUTCOME_FAILED] =
    { "error_color", 1.0, { 0.75, 0.11, 0.16, 1.0 }, N_("Failed") },
  [CONTRIB_TIMELINE_OUTCOME_CANCELLED] =
    { "window_fg_color", 0.3, { 0.5, 0.5, 0.5, 1.0 }, N_("Canceled") },
  /* Translators: a request that went on running after the user pressed Cancel */
  [CONTRIB_TIMELINE_OUTCOME_AFTER_CANCEL] =
    { "warning_color", 1.0, { 0.90, 0.55, 0.0, 1.0 }, N_("After Cancel") },
};

char *
_contrib_timeline_format_seconds (double seconds,
                double step_seconds)
{
  int decimals = step_seconds >= 1.0 ? 0 : (int) ceil (-log10 (step_seconds) - 1e-9);
  g_autofree char *number = g_strdup_printf ("%.*f", decimals, seconds);
  gsize len = strlen (number);

  /* "1.50" → "1.5", "2.0" → "2", whatever the decimal separator */
  if (decimals > 0)
    {
      while (len > 0 && number[len - 1] == '0')
        number[--len] = '\0';
      if (len > 0 && !g_ascii_isdigit (number[len - 1]))
        number[--len] = '\0';
    }
  if (strcmp (number, "-0") == 0)
    strcpy (number, "0");

  /* Translators: a time on the axis, in seconds */
  return g_strdup_printf (_("%s s"), number);
}

/* 1, 2 or 5 times a power of ten, from 1 ms on, at least @min_us */
gint64
_contrib_timeline_tick_step (double min_us)
{
  gint64 power = 1000;

  for (;;)
    {
      if (power >= min_us)
        return power;
      if (2 * power >= min_us)
        return 2 * power;
      if (5 * power >= min_us)
        return 5 * power;
      if (power > G_MAXINT64 / 100)
        return power;
      power *= 10;
    }
}

char *
_contrib_timeline_describe_event (const GhRequestEvent *event)
{
  ContribTimelineOutcome outcome = contrib_timeline_outcome_of (event);
  double ms = (MAX (event->start_us, event->end_us) - event->start_us) / 1000.0;
  GString *text = g_string_new (event->url != NULL ? event->url : "");

  g_string_append_c (text, '\n');
  if (event->status != 0)
    {
      g_string_append_printf (text, _("HTTP %u"), event->status);
      if (outcome != CONTRIB_TIMELINE_OUTCOME_OK)
        g_string_append_printf (text, " · %s", contrib_timeline_outcome_get_label (outcome));
    }
  else
    g_string_append (text, contrib_timeline_outcome_get_label (outcome));

  g_string_append_c (text, '\n');
  /* Translators: how long a request took, in milliseconds */
  g_string_append_printf (text, _("%.*f ms"), ms < 10 ? 1 : 0, ms);

  g_string_append_c (text, '\n');
  if (event->coroutine != NULL || event->coroutine_id != 0)
    {
      const char *name = event->coroutine != NULL ? event->coroutine : "";
      g_autofree char *coroutine = g_strdup_printf ("%s#%" G_GUINT64_FORMAT, name,
                                                    event->coroutine_id);

      g_string_append_printf (text, _("Coroutine %s on thread %s"), coroutine,
                              event->thread != NULL ? event->thread : "?");
    }
  else
    g_string_append_printf (text, _("Thread %s"), event->thread != NULL ? event->thread : "?");

  return g_string_free (text, FALSE);
}

ContribTimelineOutcome
contrib_timeline_outcome_of (const GhRequestEvent *event)
{
  g_return_val_if_fail (event != NULL, CONTRIB_TIMELINE_OUTCOME_OK);

  if (event->after_cancel)
    return CONTRIB_TIMELINE_OUTCOME_AFTER_CANCEL;
  switch (event->outcome)
    {
    case GH_REQUEST_EMPTY:
      return CONTRIB_TIMELINE_OUTCOME_EMPTY;

    case GH_REQUEST_FAILED:
      return CONTRIB_TIMELINE_OUTCOME_FAILED;

    case GH_REQUEST_CANCELLED:
      return CONTRIB_TIMELINE_OUTCOME_CANCELLED;

    case GH_REQUEST_OK:
    default:
      return CONTRIB_TIMELINE_OUTCOME_OK;
    }
}

/* Returns: the legend's name for @outcome, translated */
const char *
contrib_timeline_outcome_get_label (ContribTimelineOutcome outcome)
{
  g_return_val_if_fail (outcome < CONTRIB_TIMELINE_N_OUTCOMES, NULL);

  return _(palette[outcome].label);
}

/**
 * contrib_timeline_lookup_color:
 * @widget: where the colour shows, for its style
 * @outcome: what the colour says
 * @color: (out): the colour
 *
 * Shared with the legend, so that its swatches match the bars.
 */
void
contrib_timeline_lookup_color (GtkWidget              *widget,
                               ContribTimelineOutcome  outcome,
                               GdkRGBA                *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (outcome < CONTRIB_TIMELINE_N_OUTCOMES);

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget),
                                       palette[outcome].name, color))
    *color = palette[outcome].fallback;
  color->alpha *= palette[outcome].alpha;
}
