/* contrib-update.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>

G_BEGIN_DECLS

/**
 * ContribFailure:
 * @repo: the repository whose contributors could not be loaded
 * @error: why
 *
 * One repository that failed while the others still loaded.
 */
typedef struct
{
  char   *repo;
  GError *error;
} ContribFailure;

/**
 * ContribUpdate:
 *
 * What a load has to say so far, immutable once handed out. Two kinds:
 *
 * - a ranking (contrib_update_has_ranking() is %TRUE): the users so far
 *   (PROGRESS, CHANNELS) or the final ones (contrib_update_is_completed()),
 *   with the repositories that failed;
 * - progress only (contrib_update_has_ranking() is %FALSE): how far the
 *   load has come, for the variants with no ranking to show until the end
 *   (and for the moments between two rankings). Its users and failures are
 *   empty arrays, never %NULL, and it is never completed.
 *
 * Both carry the progress at the time they were handed out:
 * contrib_update_get_progress(). A #ContribLoader fills it in; an update
 * made by a loader function directly says 0 of 0.
 */
typedef struct _ContribUpdate ContribUpdate;

/**
 * ContribUpdateFunc:
 * @update: (nullable): the ranking so far, the final one, or progress only
 *   (see #ContribUpdate)
 * @error: (nullable): set instead of @update when the load failed or was
 *   cancelled; no update follows it
 * @user_data: the data given with the function
 *
 * Receives a loader's results: the tutorial's updateResults().
 */
typedef void (*ContribUpdateFunc) (ContribUpdate *update,
                                   const GError  *error,
                                   gpointer       user_data);

GPtrArray     *contrib_failures_new             (void);
gboolean       contrib_failures_take            (GPtrArray      *failures,
                                                 const char     *repo,
                                                 GError        **error);

ContribUpdate *contrib_update_new               (GPtrArray      *users,
                                                 GPtrArray      *failures,
                                                 gboolean        completed);
ContribUpdate *contrib_update_new_progress      (guint           loaded,
                                                 guint           failed,
                                                 guint           total);
ContribUpdate *contrib_update_ref               (ContribUpdate  *self);
void           contrib_update_unref             (ContribUpdate  *self);
GPtrArray     *contrib_update_get_users         (ContribUpdate  *self);
GPtrArray     *contrib_update_get_failures      (ContribUpdate  *self);
guint          contrib_update_get_n_failures    (ContribUpdate  *self);
gboolean       contrib_update_is_completed      (ContribUpdate  *self);
gboolean       contrib_update_has_ranking       (ContribUpdate  *self);
void           contrib_update_get_progress      (ContribUpdate  *self,
                                                 guint          *loaded,
                                                 guint          *failed,
                                                 guint          *total);
char          *contrib_update_to_string         (ContribUpdate  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContribUpdate, contrib_update_unref)

G_END_DECLS
