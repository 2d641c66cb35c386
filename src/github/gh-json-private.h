/* gh-json-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib-object.h>

#include "gh-json-prescan-private.h"

G_BEGIN_DECLS

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
