/* soak-utils.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "e2e-utils.h"

G_BEGIN_DECLS

/* What a long-lived process must not accumulate */
typedef struct
{
  guint coroutines;
  guint threads;
  guint fds;
  guint rss_kib;
  guint heap_kib;   /* allocated with malloc, in use */
  guint connections;   /* the fake server has had so far */
} SoakSample;

typedef struct _Soak Soak;

Soak     *soak_new             (double       latency_scale,
                                guint        max_cancel_ms,
                                guint32      seed);
void      soak_free            (Soak        *self);
void      soak_run_load        (Soak        *self);
guint     soak_get_n_cancelled (Soak        *self);
guint     soak_get_n_completed (Soak        *self);
void      soak_settle          (Soak        *self,
                                SoakSample  *sample);
void      soak_sample          (SoakSample  *sample);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Soak, soak_free)

G_END_DECLS
