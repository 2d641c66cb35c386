/* coro.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

/*
 * Coroutines for GLib programs, after kotlinx.coroutines: jobs with
 * structured concurrency, dispatchers on GMainContexts, channels, mutexes
 * and semaphores, and virtual time for tests. This is the only header other
 * libraries include.
 */

#include "coro-types.h"
#include "coro-error.h"
#include "coro-dispatcher.h"
#include "coro-element.h"
#include "coro-job.h"
#include "coro-step.h"
#include "coro-scope.h"
#include "coro-inline-scope.h"
#include "coro-delay.h"
#include "coro-channel.h"
#include "coro-call.h"
#include "coro-select.h"
#include "coro-sync.h"
#include "coro-gio.h"
#include "coro-thread.h"
#include "coro-run.h"
#include "coro-test.h"
#include "coro-debug.h"
