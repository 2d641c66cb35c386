/* contrib-status-bar.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CONTRIB_TYPE_STATUS_BAR (contrib_status_bar_get_type ())

G_DECLARE_FINAL_TYPE (ContribStatusBar, contrib_status_bar, CONTRIB, STATUS_BAR, GtkWidget)

void        contrib_status_bar_set_status    (ContribStatusBar *self,
                                              const char       *status);
const char *contrib_status_bar_get_status    (ContribStatusBar *self);
void        contrib_status_bar_set_busy      (ContribStatusBar *self,
                                              gboolean          busy);
void        contrib_status_bar_set_outcome   (ContribStatusBar *self,
                                              const char       *icon_name,
                                              const char       *status);
void        contrib_status_bar_set_fraction  (ContribStatusBar *self,
                                              double            fraction);
void        contrib_status_bar_set_failures  (ContribStatusBar *self,
                                              GPtrArray        *failures);
void        contrib_status_bar_set_details   (ContribStatusBar *self,
                                              const char       *details);

G_END_DECLS
