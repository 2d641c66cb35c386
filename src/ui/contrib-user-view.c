/* contrib-user-view.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The table's rows (ContribRow, places that stay put) seen as the users
 * they show: what the ranking gives to whoever reads the results, so that
 * reading them does not depend on how the table keeps its rows. It holds
 * nothing of its own: it passes the rows' changes on, and is told when
 * rows changed their user without a change of the rows themselves.
 */

#include "config.h"

#include "contrib-user-view.h"

#include <gh.h>

#include "contrib-row.h"

struct _ContribUserView
{
  GObject     parent_instance;

  GListModel *rows;  /* (element-type ContribRow) */
  gboolean    held;
};

static GType
contrib_user_view_get_item_type (GListModel *model)
{
  return GH_TYPE_USER;
}

static guint
contrib_user_view_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (CONTRIB_USER_VIEW (model)->rows);
}

static gpointer
contrib_user_view_get_item (GListModel *model,
                            guint       position)
{
  g_autoptr(ContribRow) row = g_list_model_get_item (CONTRIB_USER_VIEW (model)->rows, position);
  GhUser *user = row != NULL ? contrib_row_get_user (row) : NULL;

  return user != NULL ? g_object_ref (user) : NULL;
}

static void
contrib_user_view_model_init (GListModelInterface *iface)
{
  iface->get_item_type = contrib_user_view_get_item_type;
  iface->get_n_items = contrib_user_view_get_n_items;
  iface->get_item = contrib_user_view_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (ContribUserView, contrib_user_view, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, contrib_user_view_model_init))

static void
on_rows_changed (ContribUserView *self,
                 guint            position,
                 guint            removed,
                 guint            added)
{
  if (!self->held)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
contrib_user_view_dispose (GObject *object)
{
  ContribUserView *self = CONTRIB_USER_VIEW (object);

  if (self->rows != NULL)
    g_signal_handlers_disconnect_by_data (self->rows, self);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (contrib_user_view_parent_class)->dispose (object);
}

static void
contrib_user_view_class_init (ContribUserViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = contrib_user_view_dispose;
}

static void
contrib_user_view_init (ContribUserView *self)
{
}

/**
 * contrib_user_view_new:
 * @rows: (transfer none): a list of ContribRow
 *
 * Returns: (transfer full): the users of @rows, in their order
 */
ContribUserView *
contrib_user_view_new (GListModel *rows)
{
  ContribUserView *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (rows), NULL);

  self = g_object_new (CONTRIB_TYPE_USER_VIEW, NULL);
  self->rows = g_object_ref (rows);
  g_signal_connect_swapped (rows, "items-changed", G_CALLBACK (on_rows_changed), self);
  return self;
}

/**
 * contrib_user_view_hold:
 * @self: a view
 *
 * Stops passing the rows' changes on, until contrib_user_view_release()
 * says them all at once.
 */
void
contrib_user_view_hold (ContribUserView *self)
{
  g_return_if_fail (CONTRIB_IS_USER_VIEW (self));
  g_return_if_fail (!self->held);

  self->held = TRUE;
}

/**
 * contrib_user_view_release:
 * @self: a view held with contrib_user_view_hold()
 * @position: where the users changed since
 * @removed: how many there were from there on before
 * @added: how many there are now
 *
 * Says in one items-changed what changed while the view was held: rows
 * added or removed, and rows that changed their user while the rows
 * stayed the same.
 */
void
contrib_user_view_release (ContribUserView *self,
                           guint            position,
                           guint            removed,
                           guint            added)
{
  g_return_if_fail (CONTRIB_IS_USER_VIEW (self));
  g_return_if_fail (self->held);
  g_return_if_fail (position + added <= g_list_model_get_n_items (self->rows));

  self->held = FALSE;
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}
