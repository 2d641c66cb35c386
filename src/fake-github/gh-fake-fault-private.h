/* gh-fake-fault-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gh-fake-fault.h"

G_BEGIN_DECLS

GhFakeFault *_gh_fake_fault_new_from_json (JsonNode   *node,
                                           const char *where,
                                           GError    **error);

G_END_DECLS
