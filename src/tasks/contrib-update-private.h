/* contrib-update-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "contrib-update.h"

G_BEGIN_DECLS

void _contrib_update_set_progress (ContribUpdate *self,
                                   guint          loaded,
                                   guint          failed,
                                   guint          total);

G_END_DECLS
