/* contrib-headless-compare.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "contrib-headless-backend.h"
#include "contrib-headless-run.h"

G_BEGIN_DECLS

GPtrArray *contrib_headless_compare           (ContribHeadlessBackend  *backend,
                                               GError                 **error);
guint      contrib_headless_compare_reference (GPtrArray               *results);

G_END_DECLS
