/* contrib-row.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>

G_BEGIN_DECLS

#define CONTRIB_TYPE_ROW (contrib_row_get_type ())

G_DECLARE_FINAL_TYPE (ContribRow, contrib_row, CONTRIB, ROW, GObject)

ContribRow *contrib_row_new       (guint       rank);
guint       contrib_row_get_rank  (ContribRow *self);
GhUser     *contrib_row_get_user  (ContribRow *self);
gboolean    contrib_row_set_user  (ContribRow *self,
                                   GhUser     *user);
void        contrib_row_watch     (ContribRow *self);
void        contrib_row_unwatch   (ContribRow *self);

G_END_DECLS
