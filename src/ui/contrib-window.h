/* contrib-window.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <adwaita.h>

#include "contrib-application.h"

G_BEGIN_DECLS

/**
 * ContribExportKind:
 * @CONTRIB_EXPORT_COMPARISON_CSV: the Compare view's rows as CSV
 * @CONTRIB_EXPORT_COMPARISON_JSON: the same as JSON
 * @CONTRIB_EXPORT_RANKING_CSV: the ranking shown, as CSV
 * @CONTRIB_EXPORT_TIMELINE_TRACE: the last load's requests as a trace
 *   (Trace Event Format)
 */
typedef enum
{
  CONTRIB_EXPORT_COMPARISON_CSV,
  CONTRIB_EXPORT_COMPARISON_JSON,
  CONTRIB_EXPORT_RANKING_CSV,
  CONTRIB_EXPORT_TIMELINE_TRACE,
} ContribExportKind;

#define CONTRIB_TYPE_WINDOW (contrib_window_get_type ())

G_DECLARE_FINAL_TYPE (ContribWindow, contrib_window, CONTRIB, WINDOW, AdwApplicationWindow)

ContribWindow *contrib_window_new             (ContribApplication *application);
gboolean       contrib_window_is_loading      (ContribWindow      *self);
GListModel    *contrib_window_get_results     (ContribWindow      *self);
const char    *contrib_window_get_status      (ContribWindow      *self);
const char    *contrib_window_get_error       (ContribWindow      *self);
const char    *contrib_window_get_warning     (ContribWindow      *self);
gint64         contrib_window_get_blocked_ms  (ContribWindow      *self);
gboolean       contrib_window_export          (ContribWindow      *self,
                                               ContribExportKind   kind,
                                               GFile              *file,
                                               GError            **error);

G_END_DECLS
