/* contrib-settings-pane.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>
#include <gtk/gtk.h>

#include "contrib-application.h"
#include "contrib-token-store.h"

G_BEGIN_DECLS

#define CONTRIB_TYPE_SETTINGS_PANE (contrib_settings_pane_get_type ())

G_DECLARE_FINAL_TYPE (ContribSettingsPane, contrib_settings_pane, CONTRIB, SETTINGS_PANE, GtkWidget)

void        contrib_settings_pane_setup         (ContribSettingsPane  *self,
                                                 GSettings            *settings,
                                                 ContribTokenStore    *tokens);
char       *contrib_settings_pane_dup_org       (ContribSettingsPane  *self);
gboolean    contrib_settings_pane_is_demo       (ContribSettingsPane  *self);
GhService  *contrib_settings_pane_make_service  (ContribSettingsPane  *self,
                                                 ContribApplication   *application,
                                                 GtkWidget           **invalid_field,
                                                 GError              **error);
char       *contrib_settings_pane_describe_source (ContribSettingsPane *self);
gint64      contrib_settings_pane_get_ideal_ms  (ContribSettingsPane  *self,
                                                 ContribApplication   *application);
void        contrib_settings_pane_save_token    (ContribSettingsPane  *self);
GtkWidget  *contrib_settings_pane_get_token_row (ContribSettingsPane  *self);

G_END_DECLS
