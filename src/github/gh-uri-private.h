/* gh-uri-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* GitHub's names are at most 100 characters (repositories); anything longer
 * is a mistake, not a name. */
#define GH_MAX_NAME_BYTES 100

GUri     *_gh_uri_parse_api_url        (const char  *url,
                                        GError     **error);
gboolean  _gh_uri_is_loopback_host     (const char  *host);
gboolean  _gh_uri_is_github_cloud_host (const char  *host);
guint     _gh_uri_max_requests         (GUri        *api_uri);
gboolean  _gh_uri_is_valid_host        (const char  *host);
gboolean  _gh_uri_same_origin          (GUri        *a,
                                        GUri        *b);
gboolean  _gh_validate_name            (const char  *what,
                                        const char  *name,
                                        GError     **error);
char     *_gh_escape_segment           (const char  *name);
char     *_gh_link_find_next           (const char  *link_header);

G_END_DECLS
