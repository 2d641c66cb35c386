/* contrib-update.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "contrib-update.h"
#include "contrib-update-private.h"

#include <coro.h>

struct _ContribUpdate
{
  gint       ref_count;
  GPtrArray *users;
  GPtrArray *failures;
  gboolean   completed;
  gboolean   has_ranking;
  guint      loaded;
  guint      failed;
  guint      total;
};

static void
failure_free (gpointer data)
{
  ContribFailure *failure = data;

  g_free (failure->repo);
  g_clear_error (&failure->error);
  g_free (failure);
}

static gpointer
failure_copy (gconstpointer src,
              gpointer      data)
{
  const ContribFailure *failure = src;
  ContribFailure *copy = g_new0 (ContribFailure, 1);

  copy->repo = g_strdup (failure->repo);
  copy->error = g_error_copy (failure->error);
  return copy;
}

/**
 * contrib_failures_new:
 *
 * Returns: (transfer full) (element-type ContribFailure): an empty list
 */
GPtrArray *
contrib_failures_new (void)
{
  return g_ptr_array_new_with_free_func (failure_free);
}

/**
 * contrib_failures_take:
 * @failures: (element-type ContribFailure): the load's failures
 * @repo: the repository that failed
 * @error: (inout): its error
 *
 * The partial-failure rule of every variant: one repository's failure is
 * recorded and the load goes on, but a cancellation stops the load.
 *
 * Returns: %TRUE if the failure was recorded (and @error cleared), %FALSE
 *   for a cancellation, left in @error for the caller to return
 */
gboolean
contrib_failures_take (GPtrArray  *failures,
                       const char *repo,
                       GError    **error)
{
  ContribFailure *failure;

  g_return_val_if_fail (error != NULL && *error != NULL, FALSE);

  if (coro_error_is_cancelled (*error))
    return FALSE;

  failure = g_new0 (ContribFailure, 1);
  failure->repo = g_strdup (repo);
  failure->error = g_steal_pointer (error);
  g_ptr_array_add (failures, failure);
  return TRUE;
}

/**
 * contrib_update_new:
 * @users: (transfer full) (element-type GhUser): the ranking
 * @failures: (nullable) (element-type ContribFailure): failures so far,
 *   copied
 * @completed: whether this is the last update
 *
 * Returns: (transfer full): an update
 */
ContribUpdate *
contrib_update_new (GPtrArray *users,
                    GPtrArray *failures,
                    gboolean   completed)
{
  ContribUpdate *self = g_new0 (ContribUpdate, 1);

  self->ref_count = 1;
  self->users = users;
  self->failures = failures != NULL ? g_ptr_array_copy (failures, failure_copy, NULL)
                                    : contrib_failures_new ();
  g_ptr_array_set_free_func (self->failures, failure_free);
  self->completed = completed;
  self->has_ranking = TRUE;
  return self;
}

/**
 * contrib_update_new_progress:
 * @loaded: repositories whose contributors arrived
 * @failed: repositories whose contributors failed to load
 * @total: repositories in the organization, or 0 while not known
 *
 * An update with no ranking, only how far the load has come.
 *
 * Returns: (transfer full): an update
 */
ContribUpdate *
contrib_update_new_progress (guint loaded,
                             guint failed,
                             guint total)
{
  ContribUpdate *self = contrib_update_new (g_ptr_array_new_with_free_func (g_object_unref),
                                            NULL, FALSE);

  self->has_ranking = FALSE;
  _contrib_update_set_progress (self, loaded, failed, total);
  return self;
}

/**
 * _contrib_update_set_progress:
 * @self: an update not handed out yet
 * @loaded: repositories whose contributors arrived
 * @failed: repositories whose contributors failed to load
 * @total: repositories in the organization, or 0 while not known
 *
 * For the loader, which knows the progress when it hands the update out,
 * rather than the tutorial's loaders that make it.
 */
void
_contrib_update_set_progress (ContribUpdate *self,
                              guint          loaded,
                              guint          failed,
                              guint          total)
{
  g_assert (self != NULL);

  self->loaded = loaded;
  self->failed = failed;
  self->total = total;
}

ContribUpdate *
contrib_update_ref (ContribUpdate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
contrib_update_unref (ContribUpdate *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_ptr_array_unref (self->users);
  g_ptr_array_unref (self->failures);
  g_free (self);
}

/**
 * contrib_update_get_users:
 * @self: an update
 *
 * Returns: (transfer none) (element-type GhUser): the ranking
 */
GPtrArray *
contrib_update_get_users (ContribUpdate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->users;
}

/**
 * contrib_update_get_failures:
 * @self: an update
 *
 * Returns: (transfer none) (element-type ContribFailure): the repositories
 *   that failed so far
 */
GPtrArray *
contrib_update_get_failures (ContribUpdate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->failures;
}

guint
contrib_update_get_n_failures (ContribUpdate *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->failures->len;
}

gboolean
contrib_update_is_completed (ContribUpdate *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->completed;
}

/**
 * contrib_update_has_ranking:
 * @self: an update
 *
 * Returns: %FALSE for an update that only says how far the load has come
 *   (its users are empty, and say nothing about the table)
 */
gboolean
contrib_update_has_ranking (ContribUpdate *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->has_ranking;
}

/**
 * contrib_update_get_progress:
 * @self: an update
 * @loaded: (out) (optional): repositories whose contributors arrived
 * @failed: (out) (optional): repositories whose contributors failed to
 *   load (a cancelled request is neither)
 * @total: (out) (optional): repositories in the organization, or 0 while
 *   the list has not arrived
 *
 * How far the load had come when the update was handed out: "@loaded of
 * @total repositories". @loaded + @failed reaches @total when every
 * repository is done. Counted per request, so CHANNELS may count a
 * repository whose users are still on their way to the ranking.
 */
void
contrib_update_get_progress (ContribUpdate *self,
                             guint         *loaded,
                             guint         *failed,
                             guint         *total)
{
  g_return_if_fail (self != NULL);

  if (loaded != NULL)
    *loaded = self->loaded;
  if (failed != NULL)
    *failed = self->failed;
  if (total != NULL)
    *total = self->total;
}

/**
 * contrib_update_to_string:
 * @self: an update
 *
 * Returns: (transfer full): the ranking as "[user-2 100, user-3 60]", the
 *   tutorial's way of showing it, for logs and tests
 */
char *
contrib_update_to_string (ContribUpdate *self)
{
  GString *out = g_string_new ("[");

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->users->len; i++)
    {
      GhUser *user = g_ptr_array_index (self->users, i);

      g_string_append_printf (out, "%s%s %" G_GINT64_FORMAT, i > 0 ? ", " : "",
                              gh_user_get_login (user), gh_user_get_contributions (user));
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}
