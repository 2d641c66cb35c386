/* contrib-headless-json.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "contrib-headless-backend.h"
#include "contrib-headless-run.h"

G_BEGIN_DECLS

char *contrib_headless_json_run     (ContribHeadlessBackend *backend,
                                     ContribRunResult       *result);
char *contrib_headless_json_compare (ContribHeadlessBackend *backend,
                                     GPtrArray              *results,
                                     guint                   reference);

G_END_DECLS
