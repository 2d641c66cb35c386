/* tasks.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

/* The tutorial's loaders and what runs them: the only header the user
 * interface and the headless runner include from src/tasks/. */

#include "aggregation.h"
#include "contrib-counting-service.h"
#include "contrib-export.h"
#include "contrib-heartbeat.h"
#include "contrib-loader.h"
#include "contrib-quota.h"
#include "contrib-requests.h"
#include "contrib-run.h"
#include "contrib-update.h"
#include "contrib-variant.h"
