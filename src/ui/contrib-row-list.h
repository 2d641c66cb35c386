/* contrib-row-list.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CONTRIB_TYPE_ROW_LIST (contrib_row_list_get_type ())

G_DECLARE_FINAL_TYPE (ContribRowList, contrib_row_list, CONTRIB, ROW_LIST, GObject)

ContribRowList *contrib_row_list_new        (void);
void            contrib_row_list_set_users  (ContribRowList *self,
                                             GPtrArray      *users,
                                             gboolean        announce,
                                             guint          *first_changed,
                                             guint          *n_changed);
guint           contrib_row_list_get_n_made (ContribRowList *self);

G_END_DECLS
