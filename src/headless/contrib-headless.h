/* contrib-headless.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int contrib_headless_main (int    argc,
                           char **argv);

G_END_DECLS
