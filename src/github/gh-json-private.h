/* gh-json-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* json-glib 1.6 recurses once per nesting level and has no limit of its
 * own: 100 000 '[' overflow the stack. GitHub's answers nest 3 deep. */
#define GH_JSON_MAX_DEPTH 64

gboolean  _gh_json_prescan          (const char  *data,
                                     gsize        length,
                                     guint        max_depth,
                                     char       **reason);
gboolean  _gh_json_parse_items      (GType        item_type,
                                     const char  *data,
                                     gsize        length,
                                     GPtrArray   *items,
                                     int         *anonymous_index,
                                     char       **reason);
char     *_gh_json_extract_message  (const char  *data,
                                     gsize        length);
gboolean  _gh_json_parse_rate_limit (const char  *data,
                                     gsize        length,
                                     gint64      *limit,
                                     gint64      *remaining,
                                     gint64      *reset,
                                     char       **reason);

G_END_DECLS
