/* gh-limiter-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _GhLimiter GhLimiter;

GhLimiter *_gh_limiter_new            (guint                max);
void       _gh_limiter_free           (GhLimiter           *self);
void       _gh_limiter_set_max        (GhLimiter           *self,
                                       guint                max);
guint      _gh_limiter_get_max        (GhLimiter           *self);
guint      _gh_limiter_get_in_flight  (GhLimiter           *self);
guint      _gh_limiter_get_n_waiting  (GhLimiter           *self);
gboolean   _gh_limiter_acquire        (GhLimiter           *self,
                                       GCancellable        *cancellable,
                                       GError             **error);
void       _gh_limiter_acquire_async  (GhLimiter           *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean   _gh_limiter_acquire_finish (GhLimiter           *self,
                                       GAsyncResult        *result,
                                       GError             **error);
void       _gh_limiter_release        (GhLimiter           *self);

G_END_DECLS
