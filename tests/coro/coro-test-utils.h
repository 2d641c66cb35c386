/* coro-test-utils.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <coro.h>

G_BEGIN_DECLS

/* The guide's examples print; the ported tests print into this log instead
 * and compare it, line by line, with what the guide shows. */
void test_log_reset  (void);
void test_println    (const char *format,
                      ...) G_GNUC_PRINTF (1, 2);
void test_log_assert (const char * const *expected);
guint test_log_len   (void);

/* coro_run_test(), failing the test on an error. */
gpointer run_test_or_fail (CoroFunc func,
                           gpointer data);

#define TEST_LOG_ASSERT(...) test_log_assert ((const char * const[]) { __VA_ARGS__, NULL })

G_END_DECLS
