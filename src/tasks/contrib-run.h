/* contrib-run.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib-object.h>

#include "contrib-variant.h"

G_BEGIN_DECLS

/**
 * ContribRunOutcome:
 * @CONTRIB_RUN_OUTCOME_COMPLETED: every repository loaded
 * @CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS: the load finished, but some
 *   repositories failed (#ContribRun:n-errors of them)
 * @CONTRIB_RUN_OUTCOME_CANCELED: the user cancelled the load
 * @CONTRIB_RUN_OUTCOME_FAILED: the load as a whole failed (#ContribRun:message says why)
 *
 * How a load ended. The nicks ("completed", "completed-with-errors",
 * "canceled", "failed") are stable ids, used in exports.
 */
typedef enum
{
  CONTRIB_RUN_OUTCOME_COMPLETED,
  CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS,
  CONTRIB_RUN_OUTCOME_CANCELED,
  CONTRIB_RUN_OUTCOME_FAILED,
} ContribRunOutcome;

#define CONTRIB_TYPE_RUN_OUTCOME (contrib_run_outcome_get_type ())

GType       contrib_run_outcome_get_type  (void) G_GNUC_CONST;
const char *contrib_run_outcome_get_id    (ContribRunOutcome outcome);

#define CONTRIB_TYPE_RUN (contrib_run_get_type ())

G_DECLARE_FINAL_TYPE (ContribRun, contrib_run, CONTRIB, RUN, GObject)

ContribRun        *contrib_run_new                 (ContribVariant     variant,
                                                    const char        *organization,
                                                    const char        *source,
                                                    gint64             total_ms,
                                                    guint              n_requests,
                                                    guint              peak_in_flight,
                                                    gint64             blocked_ms,
                                                    ContribRunOutcome  outcome,
                                                    guint              n_errors,
                                                    const char        *message,
                                                    gint64             ideal_ms);

ContribVariant     contrib_run_get_variant         (ContribRun        *self);
const char        *contrib_run_get_variant_id      (ContribRun        *self);
const char        *contrib_run_get_organization    (ContribRun        *self);
const char        *contrib_run_get_source          (ContribRun        *self);
gint64             contrib_run_get_total_ms        (ContribRun        *self);
guint              contrib_run_get_n_requests      (ContribRun        *self);
guint              contrib_run_get_peak_in_flight  (ContribRun        *self);
gint64             contrib_run_get_blocked_ms      (ContribRun        *self);
ContribRunOutcome  contrib_run_get_outcome         (ContribRun        *self);
guint              contrib_run_get_n_errors        (ContribRun        *self);
const char        *contrib_run_get_message         (ContribRun        *self);
gint64             contrib_run_get_ideal_ms        (ContribRun        *self);
char              *contrib_run_dup_outcome_label   (ContribRun        *self);

char              *contrib_format_duration         (gint64             ms);

G_END_DECLS
