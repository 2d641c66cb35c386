/* gh-fake-github.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

/* The fake GitHub: datasets, fault injection and the HTTP server that
 * serves them. The only header other parts of the tree should include. */

#include "gh-dataset.h"
#include "gh-fake-fault.h"
#include "gh-fake-server.h"
