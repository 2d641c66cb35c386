/* headless-cli-utils.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The exit status valgrind gives a run in which it found errors */
#define VALGRIND_ERROR_STATUS 99

/* What a run of the executable under test did */
typedef struct
{
  int    status;
  char  *out;
  char  *err;
} Outcome;

void        outcome_free    (Outcome            *outcome);
Outcome    *run_env         (const char * const *env_extra,
                             const char         *input,
                             const char * const *args);
void        assert_contains (const char         *haystack,
                             const char         *needle);
const char *last_line       (const char         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outcome, outcome_free)

#define run(...) run_env (NULL, NULL, (const char * const []) { __VA_ARGS__, NULL })

G_END_DECLS
