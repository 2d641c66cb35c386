/* poll-budget.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CPU time an iteration may spend on the sources its poll woke */
#define POLL_BUDGET_TARGET_USEC 4000
/* Ready descriptors dispatched per iteration, whatever they cost */
#define POLL_BUDGET_MIN_READY 4
#define POLL_BUDGET_MAX_READY 64

void install_poll_budget (GMainContext *context);

G_END_DECLS
