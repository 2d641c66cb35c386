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

typedef struct _ContribUpdate ContribUpdate;

/**
 * ContribUpdateFunc:
 * @update: (nullable): the ranking so far, or the final one
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
ContribUpdate *contrib_update_ref               (ContribUpdate  *self);
void           contrib_update_unref             (ContribUpdate  *self);
GPtrArray     *contrib_update_get_users         (ContribUpdate  *self);
GPtrArray     *contrib_update_get_failures      (ContribUpdate  *self);
guint          contrib_update_get_n_failures    (ContribUpdate  *self);
gboolean       contrib_update_is_completed      (ContribUpdate  *self);
char          *contrib_update_to_string         (ContribUpdate  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContribUpdate, contrib_update_unref)

G_END_DECLS
