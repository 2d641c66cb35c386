/* aggregation.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The tutorial's aggregate(): group users by login, sum their
 * contributions, sort by the sum, descending. The sort is stable: ties keep
 * the order in which logins first appeared. Across updates, "first" means
 * the previous ranking's order, because the tutorial aggregates the
 * previous ranking followed by the new users; its progress expectations
 * rely on that ([user-2 50, user-1 50] at 3200 ms).
 *
 * PROGRESS and CHANNELS snapshot once per repository, so a snapshot must not
 * re-sort every login. The aggregator keeps a login-to-total map and the
 * ranking itself, sorted as of the last snapshot; adding only grows totals
 * and remembers which entries it touched. Totals never shrink (a GhUser's
 * contributions are at least 0, and the sums saturate), so an untouched
 * entry is still in order with the ones around it: at the next snapshot only
 * the touched entries move, and only towards the front. Moving them one by
 * one, in ranking order, is an insertion sort that skips the untouched
 * entries; it costs a binary search per touched entry plus shifting the
 * pointers it passes. When that would be a lot (many touched entries, or
 * long moves) the snapshot sorts everything instead, so it never costs much
 * more than the full sort it used to make every time.
 *
 * What is left is building the result: one reference per login and update,
 * which the callers' contract (a new array they own) requires.
 */

#include "config.h"

#include "aggregation.h"

#include <string.h>

typedef struct
{
  char     *login;
  gint64    total;
  guint     pos;       /* index in ranked when the snapshot starts */
  gboolean  touched;   /* in touched */
  GhUser   *user;      /* the last snapshot's, reused while the total holds */
  GhUser   *first;     /* (nullable) the first seen, for its profile links */
} Entry;

struct _ContribAggregator
{
  GHashTable *by_login;   /* login -> Entry, borrowed from ranked */

  /* Entry, owned: the last snapshot's ranking, followed by the logins seen
   * since, in first-appearance order. That order is also the tie-break
   * order of the next snapshot. Untouched entries are sorted by total,
   * descending. */
  GPtrArray  *ranked;

  /* Entry, borrowed: the ones whose total grew since the last snapshot and
   * the new ones, each once. */
  GPtrArray  *touched;
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->login);
  g_clear_object (&entry->user);
  g_clear_object (&entry->first);
  g_free (entry);
}

/**
 * contrib_aggregator_new:
 *
 * Returns: (transfer full): an empty aggregator
 */
ContribAggregator *
contrib_aggregator_new (void)
{
  ContribAggregator *self = g_new0 (ContribAggregator, 1);

  self->by_login = g_hash_table_new (g_str_hash, g_str_equal);
  self->ranked = g_ptr_array_new_with_free_func (entry_free);
  self->touched = g_ptr_array_new ();
  return self;
}

void
contrib_aggregator_free (ContribAggregator *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_unref (self->by_login);
  g_ptr_array_unref (self->touched);
  g_ptr_array_unref (self->ranked);
  g_free (self);
}

static void
add_contributions (ContribAggregator *self,
                   GhUser            *user)
{
  const char *login = gh_user_get_login (user);
  gint64 contributions = gh_user_get_contributions (user);
  Entry *entry = g_hash_table_lookup (self->by_login, login);
  gint64 total;

  /* GhUser's property range guarantees it; the ranking relies on it. */
  g_assert (contributions >= 0);

  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->login = g_strdup (login);
      /* Only a reference: most users have links, and copying them would
       * cost more than keeping the page's user alive. */
      if (gh_user_get_html_url (user) != NULL || gh_user_get_avatar_url (user) != NULL)
        entry->first = g_object_ref (user);
      entry->pos = self->ranked->len;
      g_ptr_array_add (self->ranked, entry);
      g_hash_table_insert (self->by_login, entry->login, entry);
    }

  /* Saturating, so that a total never wraps around and shrinks. */
  total = contributions > G_MAXINT64 - entry->total ? G_MAXINT64 : entry->total + contributions;

  /* A new entry needs its place and a user even with 0 contributions. */
  if (!entry->touched && (total != entry->total || entry->user == NULL))
    {
      entry->touched = TRUE;
      g_ptr_array_add (self->touched, entry);
    }
  entry->total = total;
}

/**
 * contrib_aggregator_add:
 * @self: an aggregator
 * @users: (element-type GhUser): one repository's contributors
 *
 * Adds each user's contributions to its login's total.
 */
void
contrib_aggregator_add (ContribAggregator *self,
                        GPtrArray         *users)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (users != NULL);

  for (guint i = 0; i < users->len; i++)
    {
      add_contributions (self, g_ptr_array_index (users, i));
    }
}

static gint
compare_ranks (gconstpointer a,
               gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a;
  const Entry *y = *(const Entry * const *) b;

  /* Positions break ties, so stability does not depend on the sort. */
  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return x->pos < y->pos ? -1 : (x->pos > y->pos ? 1 : 0);
}

static gint
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a;
  const Entry *y = *(const Entry * const *) b;

  return x->pos < y->pos ? -1 : (x->pos > y->pos ? 1 : 0);
}

/* Like move_touched(), this leaves positions stale: the snapshot renumbers
 * them all anyway, as it walks the ranking to build its result. */
static void
sort_all (ContribAggregator *self)
{
  g_ptr_array_sort (self->ranked, compare_ranks);
}

/* Moves each touched entry up to its place, and returns FALSE, with the
 * ranking only partly sorted, when that gets too long.
 *
 * Touched entries go in ascending position order. Before the current one,
 * that leaves the entries that were before it, sorted: an untouched entry
 * in between has a total no greater than any before it (it did not grow,
 * they did not shrink), so it stays where it is. Entries move only from
 * before the current one to before it, so it is still at its position.
 * As all the entries before it come first on ties, it goes behind the last
 * of them whose total is at least its own.
 *
 * Positions are left as they were, the tie-break order, and each move only
 * passes smaller totals: sort_all() can take over from any partly sorted
 * ranking. */
static gboolean
move_touched (ContribAggregator *self)
{
  Entry **entries = (Entry **) self->ranked->pdata;
  /* Many entries sit in the long tail of small totals, and a repository's
   * users climb across a good part of it: on the large dataset a snapshot
   * shifts about 6 n pointers. Shifting one costs a tiny fraction of what
   * sorting costs per entry (0.15 ns against 15 ns, measured with 20k
   * logins), so giving up after 32 n wastes at most a third of a sort, and
   * it rarely happens. */
  gsize budget = (gsize) self->ranked->len * 32;
  gsize spent = 0;

  g_ptr_array_sort (self->touched, compare_positions);
  for (guint i = 0; i < self->touched->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->touched, i);
      guint from = entry->pos;
      guint lo = 0;
      guint hi = from;

      g_assert (entries[from] == entry);

      /* The first entry before it with a smaller total. */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (entries[mid]->total >= entry->total)
            lo = mid + 1;
          else
            hi = mid;
        }
      if (lo == from)
        continue;

      spent += from - lo;
      if (spent > budget)
        return FALSE;

      memmove (&entries[lo + 1], &entries[lo], (from - lo) * sizeof (Entry *));
      entries[lo] = entry;
    }
  return TRUE;
}

/**
 * contrib_aggregator_snapshot:
 * @self: an aggregator
 *
 * Returns: (transfer full) (element-type GhUser): one user per login with
 *   its total, most contributions first, ties in the previous snapshot's
 *   order, then in first-appearance order
 */
GPtrArray *
contrib_aggregator_snapshot (ContribAggregator *self)
{
  Entry **entries;
  GPtrArray *users;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  n = self->ranked->len;

  /* With many touched entries (say a single snapshot after adding
   * everything, as BLOCKING, SUSPEND and CONCURRENT do), ordering them by
   * position alone costs nearly a full sort, and their moves would mostly
   * exceed the budget anyway. */
  if (self->touched->len > n / 8 || !move_touched (self))
    sort_all (self);

  entries = (Entry **) self->ranked->pdata;
  users = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      Entry *entry = entries[i];

      entry->pos = i;
      /* Users are immutable. Only new logins and those whose total moved
       * are touched, so an update allocates for that repository's users,
       * and the others keep theirs. */
      if (entry->touched)
        {
          g_clear_object (&entry->user);
          entry->user = entry->first == NULL
                          ? gh_user_new (entry->login, entry->total)
                          : gh_user_new_full (entry->login, entry->total,
                                              gh_user_get_html_url (entry->first),
                                              gh_user_get_avatar_url (entry->first));
          entry->touched = FALSE;
        }
      g_ptr_array_add (users, g_object_ref (entry->user));
    }
  g_ptr_array_set_size (self->touched, 0);
  return users;
}

/**
 * contrib_aggregate:
 * @users: (element-type GhUser): contributors, logins repeating
 *
 * Returns: (transfer full) (element-type GhUser): the aggregated ranking
 */
GPtrArray *
contrib_aggregate (GPtrArray *users)
{
  g_autoptr(ContribAggregator) aggregator = contrib_aggregator_new ();

  g_return_val_if_fail (users != NULL, NULL);

  contrib_aggregator_add (aggregator, users);
  return contrib_aggregator_snapshot (aggregator);
}
