/* contrib-window.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <adwaita.h>

#include "contrib-application.h"

G_BEGIN_DECLS

#define CONTRIB_TYPE_WINDOW (contrib_window_get_type ())

G_DECLARE_FINAL_TYPE (ContribWindow, contrib_window, CONTRIB, WINDOW, AdwApplicationWindow)

ContribWindow *contrib_window_new             (ContribApplication *application);
gboolean       contrib_window_is_loading      (ContribWindow      *self);
GListModel    *contrib_window_get_results     (ContribWindow      *self);
const char    *contrib_window_get_status      (ContribWindow      *self);
const char    *contrib_window_get_error       (ContribWindow      *self);
const char    *contrib_window_get_warning     (ContribWindow      *self);
gint64         contrib_window_get_blocked_ms  (ContribWindow      *self);

G_END_DECLS
