/* contrib-row.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * One place of the ranking: rank N, and whoever holds it now. The table's
 * rows are these places, not the users, so a new ranking moves users
 * between rows that stay put: a row's widgets are made once and only
 * change their text, where rows keyed by user would be torn down and made
 * again for every user whose total changed.
 *
 * A row borrows its user from the ranking that the table shows, which
 * holds them all: no reference is taken or dropped per row at each update,
 * and the last reference to a ranking stays where its owner drops it (off
 * the main thread, see the window). A change of user is said with
 * ::user-changed, and only while someone watches the row (a row on
 * screen): a signal emitted to nobody still costs a lookup, and an update
 * moves thousands of users while a screen shows some twenty rows.
 */

#include "config.h"

#include "contrib-row.h"

struct _ContribRow
{
  GObject  parent_instance;

  guint    rank;
  GhUser  *user;  /* (nullable) (unowned) */
  guint    n_watchers;
};

enum {
  PROP_0,
  PROP_RANK,
  PROP_USER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  USER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ContribRow, contrib_row, G_TYPE_OBJECT)

static void
contrib_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ContribRow *self = CONTRIB_ROW (object);

  switch (prop_id)
    {
    case PROP_RANK:
      g_value_set_uint (value, self->rank);
      break;

    case PROP_USER:
      g_value_set_object (value, self->user);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrib_row_class_init (ContribRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = contrib_row_get_property;

  properties[PROP_RANK] =
    g_param_spec_uint ("rank", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Changes are said by ::user-changed, not ::notify */
  properties[PROP_USER] =
    g_param_spec_object ("user", NULL, NULL, GH_TYPE_USER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ContribRow::user-changed:
   * @self: the row
   *
   * Someone else holds the place now.
   */
  signals[USER_CHANGED] =
    g_signal_new ("user-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
contrib_row_init (ContribRow *self)
{
}

/**
 * contrib_row_new:
 * @rank: the place, from 1
 *
 * Returns: (transfer full): an empty place
 */
ContribRow *
contrib_row_new (guint rank)
{
  ContribRow *self = g_object_new (CONTRIB_TYPE_ROW, NULL);

  self->rank = rank;
  return self;
}

guint
contrib_row_get_rank (ContribRow *self)
{
  g_return_val_if_fail (CONTRIB_IS_ROW (self), 0);

  return self->rank;
}

/**
 * contrib_row_get_user:
 * @self: a row
 *
 * Returns: (nullable) (transfer none): who holds the place now
 */
GhUser *
contrib_row_get_user (ContribRow *self)
{
  g_return_val_if_fail (CONTRIB_IS_ROW (self), NULL);

  return self->user;
}

/**
 * contrib_row_set_user:
 * @self: a row
 * @user: (nullable) (transfer none): who holds the place now, which the
 *   caller keeps alive for as long as the row shows it
 *
 * Returns: whether that is someone else than before (then ::user-changed
 *   was emitted, if someone watches the row)
 */
gboolean
contrib_row_set_user (ContribRow *self,
                      GhUser     *user)
{
  g_return_val_if_fail (CONTRIB_IS_ROW (self), FALSE);

  if (self->user == user)
    return FALSE;
  self->user = user;
  if (self->n_watchers > 0)
    g_signal_emit (self, signals[USER_CHANGED], 0);
  return TRUE;
}

/**
 * contrib_row_watch:
 * @self: a row
 *
 * Asks for ::user-changed, until as many contrib_row_unwatch() calls.
 */
void
contrib_row_watch (ContribRow *self)
{
  g_return_if_fail (CONTRIB_IS_ROW (self));

  self->n_watchers++;
}

void
contrib_row_unwatch (ContribRow *self)
{
  g_return_if_fail (CONTRIB_IS_ROW (self));
  g_return_if_fail (self->n_watchers > 0);

  self->n_watchers--;
}
