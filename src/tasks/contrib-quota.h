/* contrib-quota.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>

G_BEGIN_DECLS

GError *contrib_quota_used_up_error (const GhRateLimit *quota,
                                     gboolean           has_token);
char   *contrib_quota_shortfall     (GhResponse        *repos,
                                     const GhRateLimit *quota);

char   *contrib_page_cache_dir      (void);

G_END_DECLS
