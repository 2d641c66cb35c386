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
 * The aggregator keeps a login-to-total map across updates, so that the
 * PROGRESS and CHANNELS variants pay for each repository's users plus one
 * sort per update, instead of re-aggregating everything from scratch.
 */

#include "config.h"

#include "aggregation.h"

typedef struct
{
  char   *login;
  gint64  total;
  guint   order;
  GhUser *user;    /* the last snapshot's, reused while the total holds */
} Entry;

struct _ContribAggregator
{
  GHashTable *by_login;   /* login -> Entry, owned */
  GPtrArray  *entries;    /* Entry, in first-appearance order */
};

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->login);
  g_clear_object (&entry->user);
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
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  return self;
}

void
contrib_aggregator_free (ContribAggregator *self)
{
  g_return_if_fail (self != NULL);

  g_hash_table_unref (self->by_login);
  g_ptr_array_unref (self->entries);
  g_free (self);
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
      GhUser *user = g_ptr_array_index (users, i);
      const char *login = gh_user_get_login (user);
      Entry *entry = g_hash_table_lookup (self->by_login, login);

      if (entry == NULL)
        {
          entry = g_new0 (Entry, 1);
          entry->login = g_strdup (login);
          entry->order = self->entries->len;
          g_ptr_array_add (self->entries, entry);
          g_hash_table_insert (self->by_login, entry->login, entry);
        }
      entry->total += gh_user_get_contributions (user);
    }
}

static gint
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = *(const Entry * const *) a;
  const Entry *y = *(const Entry * const *) b;

  /* qsort is not stable: the first-appearance order makes it so. */
  if (x->total != y->total)
    return x->total > y->total ? -1 : 1;
  return x->order < y->order ? -1 : (x->order > y->order ? 1 : 0);
}

/**
 * contrib_aggregator_snapshot:
 * @self: an aggregator
 *
 * Returns: (transfer full) (element-type GhUser): one user per login with
 *   its total, most contributions first, ties in first-appearance order
 */
GPtrArray *
contrib_aggregator_snapshot (ContribAggregator *self)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GPtrArray *users;

  g_return_val_if_fail (self != NULL, NULL);

  /* The copy would inherit entry_free: it only borrows the entries. */
  sorted = g_ptr_array_copy (self->entries, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_entries);

  users = g_ptr_array_new_full (sorted->len, g_object_unref);
  for (guint i = 0; i < sorted->len; i++)
    {
      Entry *entry = g_ptr_array_index (sorted, i);

      /* From now on ties keep this ranking's order, exactly as the
       * tutorial's (allUsers + users).aggregate() does: at 3200 ms it gives
       * [user-2 50, user-1 50] although user-1 appeared first. */
      entry->order = i;

      /* Users are immutable: only a login whose total moved gets a new one,
       * so an update allocates for that repository's users, not for all. */
      if (entry->user == NULL || gh_user_get_contributions (entry->user) != entry->total)
        {
          g_clear_object (&entry->user);
          entry->user = gh_user_new (entry->login, entry->total);
        }
      g_ptr_array_add (users, g_object_ref (entry->user));
    }
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
