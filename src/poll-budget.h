/* poll-budget.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define POLL_BUDGET_MAX_READY 8

void install_poll_budget (GMainContext *context);

G_END_DECLS
