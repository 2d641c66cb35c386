/* contrib-user-view.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CONTRIB_TYPE_USER_VIEW (contrib_user_view_get_type ())

G_DECLARE_FINAL_TYPE (ContribUserView, contrib_user_view, CONTRIB, USER_VIEW, GObject)

ContribUserView *contrib_user_view_new      (GListModel      *rows);
void             contrib_user_view_hold     (ContribUserView *self);
void             contrib_user_view_release  (ContribUserView *self,
                                             guint            position,
                                             guint            removed,
                                             guint            added);

G_END_DECLS
