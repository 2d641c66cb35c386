/* gh-service-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "gh-service.h"

G_BEGIN_DECLS

GhResponse *_gh_service_await_org_repos         (GhService   *self,
                                                 const char  *org,
                                                 GError     **error);
GhResponse *_gh_service_await_repo_contributors (GhService   *self,
                                                 const char  *owner,
                                                 const char  *repo,
                                                 GError     **error);

G_END_DECLS
