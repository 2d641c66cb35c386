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

/* Whether memcheck runs the test: the stress loops do fewer rounds. */
gboolean test_under_valgrind (void);

/* Channel elements that count themselves, to show that nothing is lost or
 * freed twice: how many exist, and how many a channel dropped through its
 * element destroy function (test_element_drop). */
extern gint test_n_elements_alive;
extern gint test_n_elements_dropped;

void  test_elements_reset (void);
gint *test_element_new    (gint     value);
gint  test_element_take   (gpointer element);
void  test_element_drop   (gpointer element);

#define TEST_LOG_ASSERT(...) test_log_assert ((const char * const[]) { __VA_ARGS__, NULL })

G_END_DECLS
