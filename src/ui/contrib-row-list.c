/* contrib-row-list.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The ranking's places as a GListModel of ContribRow. A new ranking only
 * adds or removes places at the end; the places whose holder changed say
 * so with ::notify::user, which only the rows on screen listen to. A view
 * that shows every row as it is needs nothing more; a search or a sort,
 * which GTK only re-runs on items-changed, asks for the changed places to
 * be announced as well, as the same objects (so no row is made again).
 *
 * A place is only made when something asks for it: a table shows a few
 * hundred of a ranking's 21,000 places, and making them all, one object
 * each, held up the update that brought them.
 */

#include "config.h"

#include "contrib-row-list.h"

#include <gh.h>

#include "contrib-row.h"

struct _ContribRowList
{
  GObject    parent_instance;

  GPtrArray *users;  /* (nullable) (unowned): the ranking's, best first */
  GPtrArray *rows;   /* (element-type ContribRow): NULL where not asked for yet */
};

static GType
contrib_row_list_get_item_type (GListModel *model)
{
  return CONTRIB_TYPE_ROW;
}

static guint
contrib_row_list_get_n_items (GListModel *model)
{
  return CONTRIB_ROW_LIST (model)->rows->len;
}

static gpointer
contrib_row_list_get_item (GListModel *model,
                           guint       position)
{
  ContribRowList *self = CONTRIB_ROW_LIST (model);
  ContribRow *row;

  if (position >= self->rows->len)
    return NULL;

  row = g_ptr_array_index (self->rows, position);
  if (row == NULL)
    {
      row = contrib_row_new (position + 1);
      contrib_row_set_user (row, g_ptr_array_index (self->users, position));
      self->rows->pdata[position] = row;
    }
  return g_object_ref (row);
}

static void
contrib_row_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = contrib_row_list_get_item_type;
  iface->get_n_items = contrib_row_list_get_n_items;
  iface->get_item = contrib_row_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (ContribRowList, contrib_row_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, contrib_row_list_model_init))

static void
contrib_row_list_finalize (GObject *object)
{
  ContribRowList *self = CONTRIB_ROW_LIST (object);

  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (contrib_row_list_parent_class)->finalize (object);
}

static void
contrib_row_list_class_init (ContribRowListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = contrib_row_list_finalize;
}

static void
row_free (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

static void
contrib_row_list_init (ContribRowList *self)
{
  self->rows = g_ptr_array_new_with_free_func (row_free);
}

ContribRowList *
contrib_row_list_new (void)
{
  return g_object_new (CONTRIB_TYPE_ROW_LIST, NULL);
}

/**
 * contrib_row_list_set_users:
 * @self: a list
 * @users: (nullable) (element-type GhUser): the ranking, best first
 * @announce: whether places whose holder changed are also announced with
 *   items-changed, in the same one as the places added or removed
 * @first_changed: (out) (optional): the first place, from 0, whose holder
 *   changed, among those that were there before and still are
 * @n_changed: (out) (optional): how many places from there up to the last
 *   that changed; 0 if none did
 *
 * Puts @users in the places, best first: places are only added or removed
 * at the end. The list borrows @users until the next call, which the
 * caller makes before @users goes.
 */
void
contrib_row_list_set_users (ContribRowList *self,
                            GPtrArray      *users,
                            gboolean        announce,
                            guint          *first_changed,
                            guint          *n_changed)
{
  guint old_n, new_n, common, first = G_MAXUINT, last = 0;

  g_return_if_fail (CONTRIB_IS_ROW_LIST (self));

  old_n = self->rows->len;
  new_n = users != NULL ? users->len : 0;
  common = MIN (old_n, new_n);

  for (guint i = 0; i < common; i++)
    {
      ContribRow *row = g_ptr_array_index (self->rows, i);
      GhUser *user = g_ptr_array_index (users, i);

      if (row != NULL ? contrib_row_set_user (row, user)
                      : g_ptr_array_index (self->users, i) != (gpointer) user)
        {
          first = MIN (first, i);
          last = i;
        }
    }

  /* A place that goes may outlive the list (a row widget holds it): it
   * must not keep pointing at a user it borrowed. */
  for (guint i = new_n; i < old_n; i++)
    if (g_ptr_array_index (self->rows, i) != NULL)
      contrib_row_set_user (g_ptr_array_index (self->rows, i), NULL);
  g_ptr_array_set_size (self->rows, new_n);
  self->users = users;

  /* One change: from the first place that changed, or else from the end */
  if (announce && first != G_MAXUINT)
    g_list_model_items_changed (G_LIST_MODEL (self), first,
                                MAX (last + 1, old_n) - first, MAX (last + 1, new_n) - first);
  else if (old_n != new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), common, old_n - common, new_n - common);

  if (first_changed != NULL)
    *first_changed = first != G_MAXUINT ? first : 0;
  if (n_changed != NULL)
    *n_changed = first != G_MAXUINT ? last - first + 1 : 0;
}

/* For tests: how many places were asked for, and so made */
guint
contrib_row_list_get_n_made (ContribRowList *self)
{
  guint n = 0;

  g_return_val_if_fail (CONTRIB_IS_ROW_LIST (self), 0);

  for (guint i = 0; i < self->rows->len; i++)
    n += g_ptr_array_index (self->rows, i) != NULL;
  return n;
}
