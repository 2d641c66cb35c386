/* gh-json-prescan-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* json-glib 1.6 recurses once per nesting level and has no limit of its
 * own: 100 000 '[' overflow the stack. GitHub's answers nest 3 deep. */
#define GH_JSON_MAX_DEPTH 64

gboolean  _gh_json_prescan  (const char  *data,
                             gsize        length,
                             guint        max_depth,
                             char       **reason);

G_END_DECLS
