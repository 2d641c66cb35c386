/* contrib-variant.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "contrib-variant.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  const char *id;
  const char *label;
  const char *description;
  guint       task;
} VariantInfo;

static const VariantInfo variants[CONTRIB_N_VARIANTS] = {
  [CONTRIB_VARIANT_BLOCKING] = {
    "BLOCKING", N_("Blocking"),
    N_("Each request blocks the thread that makes it. Here that is the user interface thread, so the window freezes until the load is over, and it cannot be cancelled."),
    1,
  },
  [CONTRIB_VARIANT_BACKGROUND] = {
    "BACKGROUND", N_("Background thread"),
    N_("The blocking loader moves to a new thread, so the window stays responsive. The requests still run one after another."),
    2,
  },
  [CONTRIB_VARIANT_CALLBACKS] = {
    "CALLBACKS", N_("Callbacks"),
    N_("Every request is sent at once and reports back through a callback; a counter notices when the last one is in."),
    3,
  },
  [CONTRIB_VARIANT_SUSPEND] = {
    "SUSPEND", N_("Suspend functions"),
    N_("Reads like the blocking loader, but each request suspends a coroutine instead of blocking the thread. Still one request at a time."),
    4,
  },
  [CONTRIB_VARIANT_CONCURRENT] = {
    "CONCURRENT", N_("Concurrent"),
    N_("One coroutine per repository inside a coroutine scope: the requests overlap, and Cancel stops them all."),
    5,
  },
  [CONTRIB_VARIANT_NOT_CANCELLABLE] = {
    "NOT_CANCELLABLE", N_("Not cancellable"),
    N_("The per-repository coroutines are started in the global scope, outside the load's job: Cancel stops the load, but their requests still go out."),
    5,
  },
  [CONTRIB_VARIANT_PROGRESS] = {
    "PROGRESS", N_("Progress"),
    N_("One request at a time, with the ranking updated after each repository."),
    6,
  },
  [CONTRIB_VARIANT_CHANNELS] = {
    "CHANNELS", N_("Channels"),
    N_("Concurrent producers send each repository's contributors to a channel; the ranking is updated as they arrive, in completion order."),
    7,
  },
};

/**
 * contrib_variant_get_id:
 * @variant: a variant
 *
 * Returns: the stable id, the enum's name as in the tutorial ("BLOCKING")
 */
const char *
contrib_variant_get_id (ContribVariant variant)
{
  g_return_val_if_fail (variant < CONTRIB_N_VARIANTS, NULL);

  return variants[variant].id;
}

/**
 * contrib_variant_from_id:
 * @id: an id such as "CHANNELS"; case matters
 * @variant: (out): where to store the variant
 *
 * Returns: whether @id names a variant
 */
gboolean
contrib_variant_from_id (const char     *id,
                         ContribVariant *variant)
{
  for (guint i = 0; id != NULL && i < CONTRIB_N_VARIANTS; i++)
    if (g_str_equal (id, variants[i].id))
      {
        *variant = (ContribVariant) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * contrib_variant_get_label:
 * @variant: a variant
 *
 * Returns: a short readable name, translated
 */
const char *
contrib_variant_get_label (ContribVariant variant)
{
  g_return_val_if_fail (variant < CONTRIB_N_VARIANTS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, variants[variant].label);
}

/**
 * contrib_variant_get_description:
 * @variant: a variant
 *
 * Returns: what the variant teaches, in a sentence or two, translated
 */
const char *
contrib_variant_get_description (ContribVariant variant)
{
  g_return_val_if_fail (variant < CONTRIB_N_VARIANTS, NULL);

  return g_dgettext (GETTEXT_PACKAGE, variants[variant].description);
}

/**
 * contrib_variant_get_task:
 * @variant: a variant
 *
 * Returns: the number of the tutorial's task that introduces it
 */
guint
contrib_variant_get_task (ContribVariant variant)
{
  g_return_val_if_fail (variant < CONTRIB_N_VARIANTS, 0);

  return variants[variant].task;
}

/**
 * contrib_variant_is_cancellable:
 * @variant: a variant
 *
 * Returns: %FALSE for BLOCKING only: it holds the thread that would have to
 *   notice the cancel
 */
gboolean
contrib_variant_is_cancellable (ContribVariant variant)
{
  return variant != CONTRIB_VARIANT_BLOCKING;
}

/**
 * contrib_variant_has_progress:
 * @variant: a variant
 *
 * Returns: whether the variant delivers intermediate results
 */
gboolean
contrib_variant_has_progress (ContribVariant variant)
{
  return variant == CONTRIB_VARIANT_PROGRESS || variant == CONTRIB_VARIANT_CHANNELS;
}
