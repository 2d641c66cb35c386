/* coro-alloc-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gpointer _coro_coroutine_alloc (void);
void     _coro_coroutine_free  (gpointer co);
guint    _coro_alloc_get_n_chunks (void);

G_END_DECLS
