/* gh-error-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "gh-error.h"

G_BEGIN_DECLS

void _gh_error_set_details (GError     *error,
                            const char *url,
                            guint       http_status,
                            const char *reason,
                            const char *github_message,
                            gint64      rate_limit_reset,
                            gint64      retry_after);

G_END_DECLS
