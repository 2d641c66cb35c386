/* contrib-user-list.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CONTRIB_TYPE_USER_LIST (contrib_user_list_get_type ())

G_DECLARE_FINAL_TYPE (ContribUserList, contrib_user_list, CONTRIB, USER_LIST, GObject)

ContribUserList *contrib_user_list_new        (void);
void             contrib_user_list_set_users  (ContribUserList *self,
                                               GPtrArray       *users);
GPtrArray       *contrib_user_list_get_users  (ContribUserList *self);

G_END_DECLS
