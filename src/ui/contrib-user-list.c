/* contrib-user-list.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The ranking as a GListModel that only borrows the update's array: showing
 * a new ranking is one reference swap and one items-changed, however many
 * rows it has, where a GListStore would copy and reference every row.
 */

#include "config.h"

#include "contrib-user-list.h"

#include <gh.h>

struct _ContribUserList
{
  GObject    parent_instance;

  GPtrArray *users;  /* (element-type GhUser) (nullable), shared, never modified */
};

static GType
contrib_user_list_get_item_type (GListModel *model)
{
  return GH_TYPE_USER;
}

static guint
contrib_user_list_get_n_items (GListModel *model)
{
  ContribUserList *self = CONTRIB_USER_LIST (model);

  return self->users != NULL ? self->users->len : 0;
}

static gpointer
contrib_user_list_get_item (GListModel *model,
                            guint       position)
{
  ContribUserList *self = CONTRIB_USER_LIST (model);

  if (self->users == NULL || position >= self->users->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->users, position));
}

static void
contrib_user_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = contrib_user_list_get_item_type;
  iface->get_n_items = contrib_user_list_get_n_items;
  iface->get_item = contrib_user_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (ContribUserList, contrib_user_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, contrib_user_list_model_init))

static void
contrib_user_list_dispose (GObject *object)
{
  ContribUserList *self = CONTRIB_USER_LIST (object);

  g_clear_pointer (&self->users, g_ptr_array_unref);

  G_OBJECT_CLASS (contrib_user_list_parent_class)->dispose (object);
}

static void
contrib_user_list_class_init (ContribUserListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = contrib_user_list_dispose;
}

static void
contrib_user_list_init (ContribUserList *self)
{
}

/**
 * contrib_user_list_new:
 *
 * Returns: (transfer full): an empty list
 */
ContribUserList *
contrib_user_list_new (void)
{
  return g_object_new (CONTRIB_TYPE_USER_LIST, NULL);
}

/**
 * contrib_user_list_set_users:
 * @self: a list
 * @users: (nullable) (element-type GhUser) (transfer none): the rows, which
 *   the list references and which nobody may change from now on
 *
 * Replaces every row at once, with a single items-changed that spans from
 * the first row that differs to the last.
 */
void
contrib_user_list_set_users (ContribUserList *self,
                             GPtrArray       *users)
{
  g_autoptr(GPtrArray) old = NULL;
  guint old_n, new_n, prefix = 0, suffix = 0;

  g_return_if_fail (CONTRIB_IS_USER_LIST (self));

  if (users == self->users)
    return;

  old = g_steal_pointer (&self->users);
  old_n = old != NULL ? old->len : 0;
  self->users = users != NULL ? g_ptr_array_ref (users) : NULL;
  new_n = self->users != NULL ? self->users->len : 0;

  /* The ranking reuses a user object while its total holds, so the rows at
   * either end are often the very same: the view then only looks at the
   * middle, where GTK 4.8 would otherwise take every row of the range. */
  while (prefix < old_n && prefix < new_n
         && old->pdata[prefix] == self->users->pdata[prefix])
    prefix++;
  while (suffix < old_n - prefix && suffix < new_n - prefix
         && old->pdata[old_n - 1 - suffix] == self->users->pdata[new_n - 1 - suffix])
    suffix++;

  /* The old rows stay alive until the handlers have seen the change. */
  if (old_n - prefix - suffix > 0 || new_n - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_n - prefix - suffix, new_n - prefix - suffix);
}

/**
 * contrib_user_list_get_users:
 * @self: a list
 *
 * Returns: (nullable) (transfer none) (element-type GhUser): the rows shown
 */
GPtrArray *
contrib_user_list_get_users (ContribUserList *self)
{
  g_return_val_if_fail (CONTRIB_IS_USER_LIST (self), NULL);

  return self->users;
}
