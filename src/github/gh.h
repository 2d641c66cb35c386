/* gh.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "gh-client.h"
#include "gh-error.h"
#include "gh-log.h"
#include "gh-repo.h"
#include "gh-request-log.h"
#include "gh-response.h"
#include "gh-service.h"
#include "gh-text.h"
#include "gh-user.h"
