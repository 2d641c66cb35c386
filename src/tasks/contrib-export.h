/* contrib-export.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char *contrib_export_runs_csv     (GListModel *runs);
char *contrib_export_runs_json    (GListModel *runs);
char *contrib_export_ranking_csv  (GPtrArray  *users);

G_END_DECLS
