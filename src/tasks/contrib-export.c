/* contrib-export.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The Compare view's runs and the ranking as files: CSV (RFC 4180) for
 * spreadsheets, JSON for scripts. Logins and error messages come from a
 * server we do not trust, and a spreadsheet runs a cell that starts with
 * "=" as a formula; so every text field is checked on its way out, see
 * append_text().
 */

#include "config.h"

#include "contrib-export.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include <gh.h>

#include "contrib-run.h"

/* RFC 4180: lines end in CRLF, the header line included */
#define CSV_EOL "\r\n"

static const char *runs_header[] = {
  "variant", "organization", "source", "total_ms", "n_requests", "peak_in_flight",
  "blocked_ms", "outcome", "n_errors", "message", "ideal_ms",
};

static void
append_header (GString     *csv,
               const char **names,
               guint        n_names)
{
  for (guint i = 0; i < n_names; i++)
    g_string_append_printf (csv, "%s%s", i > 0 ? "," : "", names[i]);
  g_string_append (csv, CSV_EOL);
}

/* A text field. Not UTF-8 becomes U+FFFD. A leading = + - @ TAB or CR would
 * make a spreadsheet read a formula (OWASP's "CSV injection"): a leading
 * apostrophe makes it text, which spreadsheets show without the
 * apostrophe. Then RFC 4180 quoting: a field with a comma, a quote, CR or
 * LF goes in quotes, its quotes doubled. */
static void
append_text (GString    *csv,
             const char *text,
             gboolean    last)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  gboolean quote = strpbrk (valid, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (csv, '"');
  if (valid[0] != '\0' && strchr ("=+-@\t\r", valid[0]) != NULL)
    g_string_append_c (csv, '\'');
  for (const char *p = valid; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  if (quote)
    g_string_append_c (csv, '"');

  g_string_append (csv, last ? CSV_EOL : ",");
}

/* Numbers are ours, never the server's: no quoting, and a negative one
 * (none is written: unknown is an empty field) would need no guard. */
static void
append_number (GString *csv,
               gint64   number,
               gboolean last)
{
  g_string_append_printf (csv, "%" G_GINT64_FORMAT "%s", number, last ? CSV_EOL : ",");
}

/**
 * contrib_export_runs_csv:
 * @runs: (element-type ContribRun): the runs, in the order to write them
 *
 * One line per run, after a header line: variant (its id), organization,
 * source, total_ms, n_requests, peak_in_flight, blocked_ms, outcome (its
 * id, see #ContribRunOutcome), n_errors, message (empty when none) and
 * ideal_ms (empty when unknown).
 *
 * Returns: (transfer full): the CSV text, valid UTF-8
 */
char *
contrib_export_runs_csv (GListModel *runs)
{
  GString *csv;

  g_return_val_if_fail (G_IS_LIST_MODEL (runs), NULL);

  csv = g_string_new (NULL);
  append_header (csv, runs_header, G_N_ELEMENTS (runs_header));
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(ContribRun) run = g_list_model_get_item (runs, i);

      append_text (csv, contrib_run_get_variant_id (run), FALSE);
      append_text (csv, contrib_run_get_organization (run), FALSE);
      append_text (csv, contrib_run_get_source (run), FALSE);
      append_number (csv, contrib_run_get_total_ms (run), FALSE);
      append_number (csv, contrib_run_get_n_requests (run), FALSE);
      append_number (csv, contrib_run_get_peak_in_flight (run), FALSE);
      append_number (csv, contrib_run_get_blocked_ms (run), FALSE);
      append_text (csv, contrib_run_outcome_get_id (contrib_run_get_outcome (run)), FALSE);
      append_number (csv, contrib_run_get_n_errors (run), FALSE);
      append_text (csv, contrib_run_get_message (run), FALSE);
      if (contrib_run_get_ideal_ms (run) >= 0)
        append_number (csv, contrib_run_get_ideal_ms (run), TRUE);
      else
        g_string_append (csv, CSV_EOL);
    }

  return g_string_free (csv, FALSE);
}

/**
 * contrib_export_runs_json:
 * @runs: (element-type ContribRun): the runs, in the order to write them
 *
 * `{"runs": [{…}, …]}`, each run an object with the members the CSV has
 * for columns; "message" and "ideal_ms" are null when there is none.
 * Pretty-printed.
 *
 * Returns: (transfer full): the JSON text
 */
char *
contrib_export_runs_json (GListModel *runs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (runs), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(ContribRun) run = g_list_model_get_item (runs, i);

      /* ContribRun keeps its text valid UTF-8, which json-glib needs */
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "variant");
      json_builder_add_string_value (builder, contrib_run_get_variant_id (run));
      json_builder_set_member_name (builder, "organization");
      json_builder_add_string_value (builder, contrib_run_get_organization (run));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, contrib_run_get_source (run));
      json_builder_set_member_name (builder, "total_ms");
      json_builder_add_int_value (builder, contrib_run_get_total_ms (run));
      json_builder_set_member_name (builder, "n_requests");
      json_builder_add_int_value (builder, contrib_run_get_n_requests (run));
      json_builder_set_member_name (builder, "peak_in_flight");
      json_builder_add_int_value (builder, contrib_run_get_peak_in_flight (run));
      json_builder_set_member_name (builder, "blocked_ms");
      json_builder_add_int_value (builder, contrib_run_get_blocked_ms (run));
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder,
                                     contrib_run_outcome_get_id (contrib_run_get_outcome (run)));
      json_builder_set_member_name (builder, "n_errors");
      json_builder_add_int_value (builder, contrib_run_get_n_errors (run));
      json_builder_set_member_name (builder, "message");
      if (contrib_run_get_message (run) != NULL)
        json_builder_add_string_value (builder, contrib_run_get_message (run));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "ideal_ms");
      if (contrib_run_get_ideal_ms (run) >= 0)
        json_builder_add_int_value (builder, contrib_run_get_ideal_ms (run));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/**
 * contrib_export_ranking_csv:
 * @users: (element-type GhUser): a ranking, best first (a #ContribUpdate's
 *   users)
 *
 * rank, login and contributions, after a header line. The rank is the
 * place, from 1, as the ranking table shows it. #GhUser does not promise
 * that a login is UTF-8, so one that is not is repaired.
 *
 * Returns: (transfer full): the CSV text, valid UTF-8
 */
char *
contrib_export_ranking_csv (GPtrArray *users)
{
  static const char *header[] = { "rank", "login", "contributions" };
  GString *csv;

  g_return_val_if_fail (users != NULL, NULL);

  csv = g_string_new (NULL);
  append_header (csv, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < users->len; i++)
    {
      GhUser *user = g_ptr_array_index (users, i);

      append_number (csv, i + 1, FALSE);
      append_text (csv, gh_user_get_login (user), FALSE);
      append_number (csv, gh_user_get_contributions (user), TRUE);
    }

  return g_string_free (csv, FALSE);
}
