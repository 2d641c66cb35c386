/* fd-limit.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void raise_fd_limit   (void);
void reserve_fd_table (guint n_fds);

G_END_DECLS
