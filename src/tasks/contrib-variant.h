/* contrib-variant.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ContribVariant:
 * @CONTRIB_VARIANT_BLOCKING: tutorial task 1, blocking calls on the caller's thread
 * @CONTRIB_VARIANT_BACKGROUND: task 2, the blocking loader on a new thread
 * @CONTRIB_VARIANT_CALLBACKS: task 3, callback-style calls
 * @CONTRIB_VARIANT_SUSPEND: task 4, suspend functions, sequential
 * @CONTRIB_VARIANT_CONCURRENT: task 5, one async per repository
 * @CONTRIB_VARIANT_NOT_CANCELLABLE: task 5's counter-example, in the global scope
 * @CONTRIB_VARIANT_PROGRESS: task 6, sequential with an update per repository
 * @CONTRIB_VARIANT_CHANNELS: task 7, concurrent producers and a channel
 *
 * The ways to load, in the tutorial's order. The enum names ("BLOCKING"...)
 * are stable ids, used in settings and on the command line.
 */
typedef enum
{
  CONTRIB_VARIANT_BLOCKING,
  CONTRIB_VARIANT_BACKGROUND,
  CONTRIB_VARIANT_CALLBACKS,
  CONTRIB_VARIANT_SUSPEND,
  CONTRIB_VARIANT_CONCURRENT,
  CONTRIB_VARIANT_NOT_CANCELLABLE,
  CONTRIB_VARIANT_PROGRESS,
  CONTRIB_VARIANT_CHANNELS,
} ContribVariant;

#define CONTRIB_N_VARIANTS (CONTRIB_VARIANT_CHANNELS + 1)

const char *contrib_variant_get_id          (ContribVariant  variant);
gboolean    contrib_variant_from_id         (const char     *id,
                                             ContribVariant *variant);
const char *contrib_variant_get_label       (ContribVariant  variant);
const char *contrib_variant_get_description (ContribVariant  variant);
guint       contrib_variant_get_task        (ContribVariant  variant);
gboolean    contrib_variant_is_cancellable  (ContribVariant  variant);
gboolean    contrib_variant_has_progress    (ContribVariant  variant);

G_END_DECLS
