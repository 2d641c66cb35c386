/* contrib-headless-report.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <stdio.h>

#include "contrib-headless-run.h"

G_BEGIN_DECLS

/**
 * CONTRIB_HEADLESS_MAX_SMOOTH_BLOCK_MS:
 *
 * The longest the main loop may be blocked without a window dropping a
 * frame at 60 Hz.
 */
#define CONTRIB_HEADLESS_MAX_SMOOTH_BLOCK_MS 16

char *contrib_headless_format_elapsed  (gint64             elapsed_ms,
                                        gboolean           translate);
char *contrib_headless_format_status   (ContribRunResult  *result,
                                        gboolean           translate);
void  contrib_headless_write_table     (ContribUpdate     *update,
                                        FILE              *stream);
char *contrib_headless_format_failures (ContribUpdate     *update);
char *contrib_headless_format_compare  (GPtrArray         *results,
                                        guint              reference);

G_END_DECLS
