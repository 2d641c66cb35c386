/* gh-client-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "gh-client.h"

G_BEGIN_DECLS

guint _gh_client_get_n_async_sessions (GhClient *self);

G_END_DECLS
