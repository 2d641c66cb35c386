/* bench-utils.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What several benchmarks share.
 */

#include "config.h"

#include "bench-utils.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The median of an array of doubles, which it sorts */
double
bench_median (GArray *values)
{
  g_return_val_if_fail (values != NULL && values->len > 0, 0);

  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

/* A gh_log_set_writer() writer that drops every line: the log of a
 * thousand requests is not what a benchmark prints */
void
bench_quiet_log (const char *line,
                 gpointer    user_data)
{
}
