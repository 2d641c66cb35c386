/* bench-utils.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

double bench_median    (GArray     *values);
void   bench_quiet_log (const char *line,
                        gpointer    user_data);

G_END_DECLS
