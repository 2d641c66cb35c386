/* contrib-headless-report.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The runner's text output, in the words of the tutorial's window: the
 * table's two columns, "Login" and "Contributions", and its status line,
 * "Loading status: completed in 2.2 sec" (tenths truncated, as the app
 * does) or "Loading status: canceled". Unlike the tutorial, a failed load
 * says so, naming what failed, and repositories that failed are counted in
 * the status and listed.
 */

#include "config.h"

#include "contrib-headless-report.h"

#include <string.h>

#include <gh.h>

/**
 * contrib_headless_format_elapsed:
 * @elapsed_ms: a duration
 *
 * Returns: (transfer full): "2.2 sec" for 2250 ms: truncated to tenths, as
 *   the tutorial's status line shows it
 */
char *
contrib_headless_format_elapsed (gint64 elapsed_ms)
{
  elapsed_ms = MAX (elapsed_ms, 0);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT " sec",
                          elapsed_ms / 1000, (elapsed_ms % 1000) / 100);
}

/**
 * contrib_headless_format_status:
 * @result: a run's result
 *
 * Returns: (transfer full): the status line, without a newline
 */
char *
contrib_headless_format_status (ContribRunResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  switch (result->status)
    {
    case CONTRIB_RUN_COMPLETED:
      {
        g_autofree char *elapsed = contrib_headless_format_elapsed (result->elapsed_ms);
        guint n_failed = contrib_update_get_n_failures (result->update);

        if (n_failed == 0)
          return g_strdup_printf ("Loading status: completed in %s", elapsed);
        return g_strdup_printf ("Loading status: completed in %s, with %u %s", elapsed,
                                n_failed, n_failed == 1 ? "error" : "errors");
      }

    case CONTRIB_RUN_CANCELED:
      return g_strdup ("Loading status: canceled");

    case CONTRIB_RUN_FAILED:
      /* A load fails as a whole only when the repository list does not
       * load; the message names the URL, the status and GitHub's words */
      return g_strdup_printf ("Loading status: failed: %s", result->error->message);

    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * contrib_headless_format_table:
 * @update: a ranking
 *
 * Returns: (transfer full): the ranking as the window's table: a header
 *   and one line per user, each ending in a newline
 */
char *
contrib_headless_format_table (ContribUpdate *update)
{
  static const char login_title[] = "Login";
  static const char contributions_title[] = "Contributions";
  GPtrArray *users;
  GString *out;
  int login_width = (int) strlen (login_title);
  int count_width = (int) strlen (contributions_title);

  g_return_val_if_fail (update != NULL, NULL);

  users = contrib_update_get_users (update);
  for (guint i = 0; i < users->len; i++)
    {
      GhUser *user = g_ptr_array_index (users, i);

      /* Logins are ASCII; the anonymous one too */
      login_width = MAX (login_width, (int) strlen (gh_user_get_login (user)));
    }

  out = g_string_new (NULL);
  g_string_append_printf (out, "%-*s  %*s\n", login_width, login_title, count_width,
                          contributions_title);
  for (guint i = 0; i < users->len; i++)
    {
      GhUser *user = g_ptr_array_index (users, i);

      g_string_append_printf (out, "%-*s  %*" G_GINT64_FORMAT "\n", login_width,
                              gh_user_get_login (user), count_width,
                              gh_user_get_contributions (user));
    }
  return g_string_free (out, FALSE);
}

/**
 * contrib_headless_format_failures:
 * @update: a ranking
 *
 * Returns: (transfer full) (nullable): the repositories that failed, one
 *   per line with why, or %NULL if none did
 */
char *
contrib_headless_format_failures (ContribUpdate *update)
{
  GPtrArray *failures;
  GString *out;

  g_return_val_if_fail (update != NULL, NULL);

  failures = contrib_update_get_failures (update);
  if (failures->len == 0)
    return NULL;

  out = g_string_new (NULL);
  g_string_append_printf (out, "%u %s could not be loaded:\n", failures->len,
                          failures->len == 1 ? "repository" : "repositories");
  for (guint i = 0; i < failures->len; i++)
    {
      ContribFailure *failure = g_ptr_array_index (failures, i);

      g_string_append_printf (out, "  %s: %s\n", failure->repo, failure->error->message);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *title;
  gboolean    left;
} Column;

static const Column columns[] = {
  { "Variant", TRUE },
  { "Status", TRUE },
  { "Time (ms)", FALSE },
  { "Requests", FALSE },
  { "Peak", FALSE },
  { "Blocked (ms)", FALSE },
  { "Own (ms)", FALSE },
  { "Rows", FALSE },
  { "Failed", FALSE },
  { "Same", TRUE },
  { "HTTP", FALSE },
  { "HTTP peak", FALSE },
};

static char *
same_cell (GPtrArray *results,
           guint      reference,
           guint      index)
{
  ContribRunResult *result = g_ptr_array_index (results, index);

  if (reference == G_MAXUINT || result->status != CONTRIB_RUN_COMPLETED)
    return g_strdup ("-");
  if (index == reference)
    return g_strdup ("reference");
  return g_strdup (contrib_run_result_same_result (g_ptr_array_index (results, reference), result)
                   ? "yes" : "NO");
}

static GStrv
row_cells (GPtrArray *results,
           guint      reference,
           guint      index,
           gboolean   server_columns)
{
  ContribRunResult *result = g_ptr_array_index (results, index);
  GPtrArray *cells = g_ptr_array_new ();

  g_ptr_array_add (cells, g_strdup (contrib_variant_get_id (result->variant)));
  g_ptr_array_add (cells, g_strdup (contrib_run_status_to_string (result->status)));
  g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, result->elapsed_ms));
  g_ptr_array_add (cells, g_strdup_printf ("%u", result->n_requests));
  g_ptr_array_add (cells, g_strdup_printf ("%u", result->peak_in_flight));
  /* The mark makes BLOCKING stand out, as it should */
  g_ptr_array_add (cells, g_strdup_printf ("%s%" G_GINT64_FORMAT,
                                                 result->max_block_ms > CONTRIB_HEADLESS_MAX_SMOOTH_BLOCK_MS
                                                 ? "!" : "",
                                                 result->max_block_ms));
  if (result->max_own_block_ms >= 0)
    g_ptr_array_add (cells, g_strdup_printf ("%s%" G_GINT64_FORMAT,
                                             result->max_own_block_ms > CONTRIB_HEADLESS_MAX_SMOOTH_BLOCK_MS
                                             ? "!" : "",
                                             result->max_own_block_ms));
  else
    g_ptr_array_add (cells, g_strdup ("-"));
  g_ptr_array_add (cells, g_strdup_printf ("%u", contrib_run_result_get_n_rows (result)));
  g_ptr_array_add (cells, g_strdup_printf ("%u", result->status == CONTRIB_RUN_COMPLETED
                                                 ? contrib_update_get_n_failures (result->update) : 0));
  g_ptr_array_add (cells, same_cell (results, reference, index));
  if (server_columns)
    {
      g_ptr_array_add (cells, g_strdup_printf ("%u", result->server_requests));
      g_ptr_array_add (cells, g_strdup_printf ("%u", result->server_peak_in_flight));
    }

  g_ptr_array_add (cells, NULL);
  return (GStrv) g_ptr_array_free (cells, FALSE);
}

static void
append_row (GString            *out,
            const char * const *cells,
            const int          *widths,
            guint               n_columns)
{
  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (out, "%s%*s", c > 0 ? "  " : "",
                            columns[c].left ? -widths[c] : widths[c], cells[c]);
  /* No trailing blanks from the last, left-aligned column */
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

#define LEGEND_WIDTH 88

/* Appends @text broken into lines of at most @width columns at spaces */
static void
append_wrapped (GString    *out,
                const char *text,
                gsize       width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  gsize column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      gsize length = strlen (words[i]);

      if (column > 0 && column + 1 + length > width)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
      else if (column > 0)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += length;
    }
  g_string_append_c (out, '\n');
}

/**
 * contrib_headless_format_compare:
 * @results: (element-type ContribRunResult): one result per variant
 * @reference: the index of the reference result, or G_MAXUINT
 *
 * Returns: (transfer full): the comparison table, with a legend
 */
char *
contrib_headless_format_compare (GPtrArray *results,
                                 guint      reference)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *titles[G_N_ELEMENTS (columns)];
  int widths[G_N_ELEMENTS (columns)] = { 0 };
  gboolean server_columns = FALSE;
  guint n_columns;
  GString *legend;
  GString *out;

  g_return_val_if_fail (results != NULL, NULL);

  for (guint i = 0; i < results->len; i++)
    server_columns |= ((ContribRunResult *) g_ptr_array_index (results, i))->has_server_figures;
  n_columns = G_N_ELEMENTS (columns) - (server_columns ? 0 : 2);

  for (guint c = 0; c < n_columns; c++)
    {
      titles[c] = columns[c].title;
      widths[c] = (int) strlen (titles[c]);
    }
  for (guint i = 0; i < results->len; i++)
    {
      GStrv cells = row_cells (results, reference, i, server_columns);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], (int) strlen (cells[c]));
      g_ptr_array_add (rows, cells);
    }

  out = g_string_new (NULL);
  append_row (out, titles, widths, n_columns);
  for (guint i = 0; i < rows->len; i++)
    append_row (out, (const char * const *) g_ptr_array_index (rows, i), widths, n_columns);

  legend = g_string_new ("Requests: calls to the GitHub service (a call may fetch several pages); "
                          "Peak: the most under way at once. Blocked: the longest the main loop "
                          "could not run; ! marks more than "
                          G_STRINGIFY (CONTRIB_HEADLESS_MAX_SMOOTH_BLOCK_MS)
                          " ms, when a window would freeze. Own: the same without the time the "
                          "main thread waited for a CPU (on a busy machine, most of the rest). "
                          "Same: the same users with the same totals and the same failed "
                          "repositories as the reference");
  if (reference != G_MAXUINT)
    g_string_append_printf (legend, " (%s)", contrib_variant_get_id (
                              ((ContribRunResult *) g_ptr_array_index (results, reference))->variant));
  g_string_append (legend, "; users with equal totals may be ordered differently.");
  if (server_columns)
    g_string_append (legend, " HTTP: requests the embedded server received; HTTP peak: the most "
                     "it had in flight at once.");

  g_string_append_c (out, '\n');
  append_wrapped (out, legend->str, LEGEND_WIDTH);
  g_string_free (legend, TRUE);
  return g_string_free (out, FALSE);
}
