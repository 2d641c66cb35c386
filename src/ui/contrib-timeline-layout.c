/* contrib-timeline-layout.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Which lane each request of a timeline goes in, for both ways of laying
 * them out, kept up to date batch by batch.
 *
 * Packed lanes are the greedy interval partition: bars in order of start,
 * each in the first lane free at its start. Taken in that order, the
 * lanes a bar cannot use all hold a bar running at its start, so there
 * are exactly as many lanes as requests were ever in flight at once. A
 * log receives requests as they end, so a new one may start before bars
 * already placed; the greedy pass then runs again from the earliest new
 * start only. Cutting each lane back to its bars that start before that
 * point gives exactly the state the pass had there, and those bars keep
 * their lanes. The re-run part is what started while the new requests ran:
 * a few hundred bars at most, whatever the log's size.
 *
 * Every lane keeps its bars in order of start, with the longest one it
 * ever held: the bars that may show between two times are found by two
 * binary searches, whatever the number of bars.
 */

#include "config.h"

#include "contrib-timeline-layout.h"

#define N_MODES 2

typedef struct
{
  const GhRequestEvent *event;
  guint                 lane[N_MODES];
} Bar;

typedef struct
{
  GArray *bars;             /* guint, indices of Bar by (start, index) */
  gint64  end_us;           /* packed lanes: where the last bar ends */
  gint64  max_duration_us;  /* may overstate after a repack: only costs a look further back */
} Lane;

struct _ContribTimelineLayout
{
  GArray     *bars;          /* Bar, in the log's order */
  GArray     *by_start;      /* guint, every bar by (start, index) */
  GPtrArray  *lanes[N_MODES];
  GHashTable *callers;       /* "c:<coroutine id>" or "t:<thread>" → lane + 1 */
  gint64      min_start_us;
  gint64      max_end_us;
};

static Lane *
lane_new (void)
{
  Lane *lane = g_new0 (Lane, 1);

  lane->bars = g_array_new (FALSE, FALSE, sizeof (guint));
  lane->end_us = G_MININT64;
  return lane;
}

static void
lane_free (gpointer data)
{
  Lane *lane = data;

  g_array_unref (lane->bars);
  g_free (lane);
}

static inline const GhRequestEvent *
event_of (ContribTimelineLayout *self,
          guint                  bar)
{
  return g_array_index (self->bars, Bar, bar).event;
}

/* A request cannot end before it starts; the drawing and the packing both
 * count on it. */
static inline gint64
end_of (const GhRequestEvent *event)
{
  return MAX (event->start_us, event->end_us);
}

/* The order of every list of bars: by start, then by arrival */
static inline gboolean
bar_before (ContribTimelineLayout *self,
            guint                  a,
            guint                  b)
{
  gint64 start_a = event_of (self, a)->start_us;
  gint64 start_b = event_of (self, b)->start_us;

  return start_a < start_b || (start_a == start_b && a < b);
}

/* The first position in @array (sorted) whose bar is not before @bar */
static guint
lower_bound (ContribTimelineLayout *self,
             GArray                *array,
             guint                  bar)
{
  guint low = 0;
  guint high = array->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (bar_before (self, g_array_index (array, guint, middle), bar))
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

static int
compare_bars (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  guint bar_a = *(const guint *) a;
  guint bar_b = *(const guint *) b;

  if (bar_a == bar_b)
    return 0;
  return bar_before (user_data, bar_a, bar_b) ? -1 : 1;
}

static void
lane_note_duration (Lane                 *lane,
                    const GhRequestEvent *event)
{
  lane->max_duration_us = MAX (lane->max_duration_us, end_of (event) - event->start_us);
}

static void
place_by_caller (ContribTimelineLayout *self,
                 guint                  bar)
{
  const GhRequestEvent *event = event_of (self, bar);
  GPtrArray *lanes = self->lanes[CONTRIB_TIMELINE_LANES_BY_CALLER];
  g_autofree char *key = NULL;
  guint lane_index;
  Lane *lane;

  if (event->coroutine_id != 0)
    key = g_strdup_printf ("c:%" G_GUINT64_FORMAT, event->coroutine_id);
  else
    key = g_strdup_printf ("t:%s", event->thread != NULL ? event->thread : "");

  lane_index = GPOINTER_TO_UINT (g_hash_table_lookup (self->callers, key));
  if (lane_index == 0)
    {
      g_ptr_array_add (lanes, lane_new ());
      lane_index = lanes->len;
      g_hash_table_insert (self->callers, g_steal_pointer (&key), GUINT_TO_POINTER (lane_index));
    }
  lane_index--;

  /* A caller's requests mostly come in order, so this inserts at the end */
  lane = g_ptr_array_index (lanes, lane_index);
  g_array_insert_val (lane->bars, lower_bound (self, lane->bars, bar), bar);
  lane_note_duration (lane, event);
  g_array_index (self->bars, Bar, bar).lane[CONTRIB_TIMELINE_LANES_BY_CALLER] = lane_index;
}

/* @added: the new bars, sorted */
static void
repack (ContribTimelineLayout *self,
        GArray                *added)
{
  GPtrArray *lanes = self->lanes[CONTRIB_TIMELINE_LANES_PACKED];
  guint first = g_array_index (added, guint, 0);
  guint position = lower_bound (self, self->by_start, first);
  g_autoptr(GArray) tail = g_array_sized_new (FALSE, FALSE, sizeof (guint),
                                              self->by_start->len - position + added->len);
  guint i = position;
  guint j = 0;

  /* The bars from the earliest new start on, old and new, merged */
  while (i < self->by_start->len || j < added->len)
    {
      guint old_bar = i < self->by_start->len ? g_array_index (self->by_start, guint, i) : 0;
      guint new_bar = j < added->len ? g_array_index (added, guint, j) : 0;

      if (j == added->len || (i < self->by_start->len && bar_before (self, old_bar, new_bar)))
        {
          g_array_append_val (tail, old_bar);
          i++;
        }
      else
        {
          g_array_append_val (tail, new_bar);
          j++;
        }
    }
  g_array_set_size (self->by_start, position);
  g_array_append_vals (self->by_start, tail->data, tail->len);

  /* Back to the state of the greedy pass at that point */
  for (guint l = 0; l < lanes->len; l++)
    {
      Lane *lane = g_ptr_array_index (lanes, l);
      guint cut = lower_bound (self, lane->bars, first);

      g_array_set_size (lane->bars, cut);
      lane->end_us = cut > 0 ? end_of (event_of (self, g_array_index (lane->bars, guint, cut - 1)))
                             : G_MININT64;
    }

  for (guint k = 0; k < tail->len; k++)
    {
      guint bar = g_array_index (tail, guint, k);
      const GhRequestEvent *event = event_of (self, bar);
      Lane *lane = NULL;
      guint l;

      /* One ending as another starts does not overlap it, as for the
       * log's peak */
      for (l = 0; l < lanes->len; l++)
        {
          lane = g_ptr_array_index (lanes, l);
          if (lane->end_us <= event->start_us)
            break;
        }
      if (l == lanes->len)
        {
          lane = lane_new ();
          g_ptr_array_add (lanes, lane);
        }
      g_array_append_val (lane->bars, bar);
      lane->end_us = end_of (event);
      lane_note_duration (lane, event);
      g_array_index (self->bars, Bar, bar).lane[CONTRIB_TIMELINE_LANES_PACKED] = l;
    }

  /* The pass is the same as one over every bar, which leaves no lane
   * empty; kept safe all the same */
  while (lanes->len > 0 && ((Lane *) g_ptr_array_index (lanes, lanes->len - 1))->bars->len == 0)
    g_ptr_array_remove_index (lanes, lanes->len - 1);
}

ContribTimelineLayout *
contrib_timeline_layout_new (void)
{
  ContribTimelineLayout *self = g_new0 (ContribTimelineLayout, 1);

  self->bars = g_array_new (FALSE, FALSE, sizeof (Bar));
  self->by_start = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint mode = 0; mode < N_MODES; mode++)
    self->lanes[mode] = g_ptr_array_new_with_free_func (lane_free);
  self->callers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->min_start_us = G_MAXINT64;
  self->max_end_us = G_MININT64;
  return self;
}

void
contrib_timeline_layout_free (ContribTimelineLayout *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->bars);
  g_array_unref (self->by_start);
  for (guint mode = 0; mode < N_MODES; mode++)
    g_ptr_array_unref (self->lanes[mode]);
  g_hash_table_unref (self->callers);
  g_free (self);
}

/* @events: they must live as long as @self (a log keeps its own) */
void
contrib_timeline_layout_add (ContribTimelineLayout  *self,
                             const GhRequestEvent  **events,
                             guint                   n_events)
{
  g_autoptr(GArray) added = NULL;

  if (n_events == 0)
    return;

  added = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_events);
  for (guint i = 0; i < n_events; i++)
    {
      Bar bar = { .event = events[i] };
      guint index = self->bars->len;

      g_array_append_val (self->bars, bar);
      g_array_append_val (added, index);
      self->min_start_us = MIN (self->min_start_us, events[i]->start_us);
      self->max_end_us = MAX (self->max_end_us, end_of (events[i]));
      place_by_caller (self, index);
    }
  g_array_sort_with_data (added, compare_bars, self);
  repack (self, added);
}

guint
contrib_timeline_layout_get_n_bars (ContribTimelineLayout *self)
{
  return self->bars->len;
}

const GhRequestEvent *
contrib_timeline_layout_get_event (ContribTimelineLayout *self,
                                   guint                  bar)
{
  g_assert (bar < self->bars->len);

  return event_of (self, bar);
}

guint
contrib_timeline_layout_get_lane (ContribTimelineLayout *self,
                                  ContribTimelineLanes   mode,
                                  guint                  bar)
{
  g_assert (bar < self->bars->len);

  return g_array_index (self->bars, Bar, bar).lane[mode];
}

guint
contrib_timeline_layout_get_n_lanes (ContribTimelineLayout *self,
                                     ContribTimelineLanes   mode)
{
  return self->lanes[mode]->len;
}

/* Returns: the lane's bars, by start */
const guint *
contrib_timeline_layout_get_lane_bars (ContribTimelineLayout *self,
                                       ContribTimelineLanes   mode,
                                       guint                  lane,
                                       guint                 *n_bars)
{
  Lane *l = g_ptr_array_index (self->lanes[mode], lane);

  *n_bars = l->bars->len;
  return (const guint *) l->bars->data;
}

/* Returns: the position in the lane's bars of the first that may still
 * run at @from_us; none before it does */
guint
contrib_timeline_layout_find_first (ContribTimelineLayout *self,
                                    ContribTimelineLanes   mode,
                                    guint                  lane,
                                    gint64                 from_us)
{
  Lane *l = g_ptr_array_index (self->lanes[mode], lane);
  gint64 earliest = from_us - l->max_duration_us;
  guint low = 0;
  guint high = l->bars->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (event_of (self, g_array_index (l->bars, guint, middle))->start_us < earliest)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* Returns: the earliest start, or G_MAXINT64 without bars */
gint64
contrib_timeline_layout_get_min_start_us (ContribTimelineLayout *self)
{
  return self->min_start_us;
}

/* Returns: the latest end, or G_MININT64 without bars */
gint64
contrib_timeline_layout_get_max_end_us (ContribTimelineLayout *self)
{
  return self->max_end_us;
}
