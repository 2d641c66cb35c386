/* test-tasks-export.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * ContribRun and the exports of the Compare view and the ranking. Each
 * export is read back: the CSV by a strict RFC 4180 reader below (any
 * stray quote, bare CR or LF fails the test), the JSON by json-glib. The
 * hostile logins are what a server we do not trust could send.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <tasks.h>

/* RFC 4180, strictly: records end in CRLF (the last one too), a field is
 * either bare (no comma, quote, CR or LF) or quoted with its quotes
 * doubled. Returns the records, each a GStrv. */
static GPtrArray *
csv_parse (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (*p != '\0');   /* an unterminated quoted field */
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          p++;
        }
      else
        for (; *p != ',' && *p != '\r' && *p != '\0'; p++)
          {
            g_assert_cmpint (*p, !=, '"');
            g_assert_cmpint (*p, !=, '\n');
            g_string_append_c (field, *p);
          }

      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (*p == ',')
        p++;
      else
        {
          /* After a field: a comma or the end of the record, nothing else */
          g_assert_cmpint (p[0], ==, '\r');
          g_assert_cmpint (p[1], ==, '\n');
          p += 2;
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
        }
    }
  g_assert_cmpuint (fields->len, ==, 0);   /* the last record ends in CRLF */

  return records;
}

static void
assert_record (GPtrArray          *records,
               guint               record,
               const char * const *expected)
{
  GStrv fields;

  g_assert_cmpuint (record, <, records->len);
  fields = g_ptr_array_index (records, record);
  g_assert_cmpstrv (fields, expected);
}

static GListModel *
make_runs (void)
{
  GListStore *store = g_list_store_new (CONTRIB_TYPE_RUN);
  g_autoptr(ContribRun) concurrent = NULL;
  g_autoptr(ContribRun) progress = NULL;
  g_autoptr(ContribRun) failed = NULL;

  concurrent = contrib_run_new (CONTRIB_VARIANT_CONCURRENT, "org", "demo · tutorial",
                                2213, 4, 3, 2, CONTRIB_RUN_OUTCOME_COMPLETED, 0, NULL, 2200);
  progress = contrib_run_new (CONTRIB_VARIANT_PROGRESS, "kotlin", "api.github.com",
                              4010, 161, 1, 5, CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS, 2, NULL, -1);
  /* A message quoting the server, with every character CSV cares about */
  failed = contrib_run_new (CONTRIB_VARIANT_CHANNELS, "=org", "example.com",
                            120, 1, 1, 0, CONTRIB_RUN_OUTCOME_FAILED, 0,
                            "-1, said \"the server\"\r\nthen hung up", -1);
  g_list_store_append (store, concurrent);
  g_list_store_append (store, progress);
  g_list_store_append (store, failed);

  return G_LIST_MODEL (store);
}

static void
test_run_properties (void)
{
  g_autoptr(ContribRun) run = NULL;
  g_autofree char *variant_id = NULL;
  g_autofree char *organization = NULL;
  g_autofree char *outcome_label = NULL;
  g_autofree char *message = NULL;
  g_autofree GParamSpec **specs = NULL;
  guint n_specs;
  ContribRunOutcome outcome;
  gint64 total_ms, ideal_ms, blocked_ms;
  guint variant, n_requests, peak, n_errors;

  g_test_summary ("A run's figures are read-only properties a table can bind");

  run = contrib_run_new (CONTRIB_VARIANT_SUSPEND, "org\xff", "demo · tutorial",
                         4012, 4, 1, 3, CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS, 1, NULL, 2200);
  g_object_get (run,
                "variant", &variant,
                "variant-id", &variant_id,
                "organization", &organization,
                "total-ms", &total_ms,
                "n-requests", &n_requests,
                "peak-in-flight", &peak,
                "blocked-ms", &blocked_ms,
                "outcome", &outcome,
                "outcome-label", &outcome_label,
                "n-errors", &n_errors,
                "message", &message,
                "ideal-ms", &ideal_ms,
                NULL);
  g_assert_cmpuint (variant, ==, CONTRIB_VARIANT_SUSPEND);
  g_assert_cmpstr (variant_id, ==, "SUSPEND");
  /* Not UTF-8 from the server is repaired at once */
  g_assert_cmpstr (organization, ==, "org\xef\xbf\xbd");
  g_assert_cmpint (total_ms, ==, 4012);
  g_assert_cmpuint (n_requests, ==, 4);
  g_assert_cmpuint (peak, ==, 1);
  g_assert_cmpint (blocked_ms, ==, 3);
  g_assert_cmpint (outcome, ==, CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS);
  g_assert_cmpstr (outcome_label, ==, "Completed with 1 error");
  g_assert_cmpuint (n_errors, ==, 1);
  g_assert_null (message);
  g_assert_cmpint (ideal_ms, ==, 2200);

  /* No writable property: a run never changes under a table */
  specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (run), &n_specs);
  g_assert_cmpuint (n_specs, ==, 13);
  for (guint i = 0; i < n_specs; i++)
    g_assert_false (specs[i]->flags & G_PARAM_WRITABLE);
}

static void
test_run_labels (void)
{
  static const struct {
    ContribRunOutcome outcome;
    guint n_errors;
    const char *label;
    const char *id;
  } cases[] = {
    { CONTRIB_RUN_OUTCOME_COMPLETED, 0, "Completed", "completed" },
    { CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS, 3, "Completed with 3 errors", "completed-with-errors" },
    { CONTRIB_RUN_OUTCOME_CANCELED, 0, "Canceled", "canceled" },
    { CONTRIB_RUN_OUTCOME_FAILED, 0, "Failed", "failed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ContribRun) run = contrib_run_new (CONTRIB_VARIANT_BLOCKING, "o", "s", 1, 1, 1, 1,
                                                   cases[i].outcome, cases[i].n_errors,
                                                   NULL, -1);
      g_autofree char *label = contrib_run_dup_outcome_label (run);

      g_assert_cmpstr (label, ==, cases[i].label);
      g_assert_cmpstr (contrib_run_outcome_get_id (cases[i].outcome), ==, cases[i].id);
    }
}

static void
test_run_format_duration (void)
{
  static const struct {
    gint64 ms;
    const char *text;
  } cases[] = {
    { -1, "—" }, { 0, "0 ms" }, { 850, "850 ms" }, { 999, "999 ms" },
    { 1000, "1.0 s" }, { 2200, "2.2 s" }, { 4000, "4.0 s" }, { 61234, "61.2 s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = contrib_format_duration (cases[i].ms);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_export_runs_csv (void)
{
  g_autoptr(GListModel) runs = make_runs ();
  g_autofree char *csv = contrib_export_runs_csv (runs);
  g_autoptr(GPtrArray) records = NULL;

  g_test_summary ("The runs as CSV read back field for field, a hostile message included");

  g_assert_true (g_utf8_validate (csv, -1, NULL));
  records = csv_parse (csv);
  g_assert_cmpuint (records->len, ==, 4);
  assert_record (records, 0, (const char *[]) {
    "variant", "organization", "source", "total_ms", "n_requests", "peak_in_flight",
    "blocked_ms", "outcome", "n_errors", "message", "ideal_ms", NULL });
  assert_record (records, 1, (const char *[]) {
    "CONCURRENT", "org", "demo · tutorial", "2213", "4", "3", "2", "completed", "0", "",
    "2200", NULL });
  /* Unknown ideal: an empty field, not -1 */
  assert_record (records, 2, (const char *[]) {
    "PROGRESS", "kotlin", "api.github.com", "4010", "161", "1", "5", "completed-with-errors",
    "2", "", "", NULL });
  /* A leading = or - is a formula to a spreadsheet: made text */
  assert_record (records, 3, (const char *[]) {
    "CHANNELS", "'=org", "example.com", "120", "1", "1", "0", "failed", "0",
    "'-1, said \"the server\"\r\nthen hung up", "", NULL });
}

static void
test_export_runs_csv_empty (void)
{
  g_autoptr(GListStore) store = g_list_store_new (CONTRIB_TYPE_RUN);
  g_autofree char *csv = contrib_export_runs_csv (G_LIST_MODEL (store));

  g_assert_cmpstr (csv, ==, "variant,organization,source,total_ms,n_requests,peak_in_flight,"
                            "blocked_ms,outcome,n_errors,message,ideal_ms\r\n");
}

static void
test_export_runs_json (void)
{
  g_autoptr(GListModel) runs = make_runs ();
  g_autofree char *json = contrib_export_runs_json (runs);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *run;

  g_test_summary ("The runs as JSON read back with json-glib");

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  /* Pretty: one member a line */
  g_assert_nonnull (strstr (json, "\n"));

  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "runs");
  g_assert_nonnull (array);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);

  run = json_array_get_object_element (array, 0);
  g_assert_cmpuint (json_object_get_size (run), ==, 11);
  g_assert_cmpstr (json_object_get_string_member (run, "variant"), ==, "CONCURRENT");
  g_assert_cmpstr (json_object_get_string_member (run, "organization"), ==, "org");
  g_assert_cmpstr (json_object_get_string_member (run, "source"), ==, "demo · tutorial");
  g_assert_cmpint (json_object_get_int_member (run, "total_ms"), ==, 2213);
  g_assert_cmpint (json_object_get_int_member (run, "n_requests"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (run, "peak_in_flight"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (run, "blocked_ms"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (run, "outcome"), ==, "completed");
  g_assert_cmpint (json_object_get_int_member (run, "n_errors"), ==, 0);
  g_assert_true (json_object_get_null_member (run, "message"));
  g_assert_cmpint (json_object_get_int_member (run, "ideal_ms"), ==, 2200);

  run = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (run, "outcome"), ==, "completed-with-errors");
  g_assert_cmpint (json_object_get_int_member (run, "n_errors"), ==, 2);
  g_assert_true (json_object_get_null_member (run, "ideal_ms"));

  /* JSON needs no formula guard: the text comes back as it was */
  run = json_array_get_object_element (array, 2);
  g_assert_cmpstr (json_object_get_string_member (run, "organization"), ==, "=org");
  g_assert_cmpstr (json_object_get_string_member (run, "outcome"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (run, "message"), ==,
                   "-1, said \"the server\"\r\nthen hung up");
}

static void
test_export_ranking_csv (void)
{
  /* login as the server sent it → as the CSV reads back */
  static const struct {
    const char *login;
    const char *read_back;
  } hostile[] = {
    { "user-1", "user-1" },
    { "a,b", "a,b" },
    { "say \"hi\"", "say \"hi\"" },
    { "two\nlines", "two\nlines" },
    { "cr\rhere", "cr\rhere" },
    { "=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")" },
    { "+1", "'+1" },
    { "-1+2", "'-1+2" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tTAB", "'\tTAB" },
    { "\r=CR", "'\r=CR" },
    { "not\xff" "utf8", "not\xef\xbf\xbdutf8" },
    { "ünïcödé", "ünïcödé" },
    { GH_USER_ANONYMOUS_LOGIN, GH_USER_ANONYMOUS_LOGIN },
  };
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *csv = NULL;

  g_test_summary ("Logins from an untrusted server cannot break a record or run a formula");

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    g_ptr_array_add (users, gh_user_new (hostile[i].login, 1000 - i));

  csv = contrib_export_ranking_csv (users);
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  records = csv_parse (csv);
  g_assert_cmpuint (records->len, ==, G_N_ELEMENTS (hostile) + 1);
  assert_record (records, 0, (const char *[]) { "rank", "login", "contributions", NULL });
  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autofree char *rank = g_strdup_printf ("%u", i + 1);
      g_autofree char *contributions = g_strdup_printf ("%u", 1000 - i);

      assert_record (records, i + 1, (const char *[]) {
        rank, hostile[i].read_back, contributions, NULL });
    }
}

static void
test_export_ranking_csv_empty (void)
{
  g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *csv = contrib_export_ranking_csv (users);

  g_assert_cmpstr (csv, ==, "rank,login,contributions\r\n");
}

int
main (int    argc,
      char **argv)
{
  /* The labels are checked in English */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tasks/run/properties", test_run_properties);
  g_test_add_func ("/tasks/run/labels", test_run_labels);
  g_test_add_func ("/tasks/run/format-duration", test_run_format_duration);
  g_test_add_func ("/tasks/export/runs-csv", test_export_runs_csv);
  g_test_add_func ("/tasks/export/runs-csv-empty", test_export_runs_csv_empty);
  g_test_add_func ("/tasks/export/runs-json", test_export_runs_json);
  g_test_add_func ("/tasks/export/ranking-csv", test_export_ranking_csv);
  g_test_add_func ("/tasks/export/ranking-csv-empty", test_export_ranking_csv_empty);

  return g_test_run ();
}
