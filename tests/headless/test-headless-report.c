/* test-headless-report.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The runner's text: the tutorial's status line and table, the failures,
 * the --compare table, and what counts as the same result.
 */

#include "config.h"

#include <string.h>

#include "contrib-headless-report.h"
#include "contrib-headless-run.h"

static GPtrArray *
users_of (const char *spec)
{
  GPtrArray *users = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) pairs = g_strsplit (spec, ",", -1);

  for (guint i = 0; pairs[i] != NULL && pairs[i][0] != '\0'; i++)
    {
      g_auto(GStrv) parts = g_strsplit (pairs[i], ":", 2);

      g_ptr_array_add (users, gh_user_new (parts[0], g_ascii_strtoll (parts[1], NULL, 10)));
    }
  return users;
}

static ContribRunResult *
completed (ContribVariant  variant,
           const char     *users,
           const char     *failed_repo)
{
  ContribRunResult *result = g_new0 (ContribRunResult, 1);
  g_autoptr(GPtrArray) failures = contrib_failures_new ();

  if (failed_repo != NULL)
    {
      GError *error = g_error_new_literal (GH_ERROR, GH_ERROR_SERVER_ERROR, "GitHub server error: HTTP 500");

      contrib_failures_take (failures, failed_repo, &error);
    }

  result->variant = variant;
  result->status = CONTRIB_RUN_COMPLETED;
  result->elapsed_ms = 2250;
  result->cancel_ms = -1;
  result->update = contrib_update_new (users_of (users), failures, TRUE);
  result->n_updates = 1;
  return result;
}

static void
test_report_elapsed (void)
{
  const struct { gint64 ms; const char *text; } cases[] = {
    { 0, "0.0 sec" },
    { 99, "0.0 sec" },
    { 2250, "2.2 sec" },   /* truncated, as the tutorial's window does */
    { 2299, "2.2 sec" },
    { 61000, "61.0 sec" },
    { -5, "0.0 sec" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = contrib_headless_format_elapsed (cases[i].ms, TRUE);
      g_autofree char *untranslated = contrib_headless_format_elapsed (cases[i].ms, FALSE);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (untranslated, ==, cases[i].text);
    }
}

/* The status line, for people and for --json: the same in English */
static char *
format_status (ContribRunResult *result)
{
  char *line = contrib_headless_format_status (result, TRUE);
  g_autofree char *untranslated = contrib_headless_format_status (result, FALSE);

  g_assert_cmpstr (line, ==, untranslated);
  return line;
}

static void
test_report_status (void)
{
  g_autoptr(ContribRunResult) ok = completed (CONTRIB_VARIANT_SUSPEND, "a:3,b:1", NULL);
  g_autoptr(ContribRunResult) one = completed (CONTRIB_VARIANT_SUSPEND, "a:3", "broken");
  g_autoptr(ContribRunResult) canceled = g_new0 (ContribRunResult, 1);
  g_autoptr(ContribRunResult) failed = g_new0 (ContribRunResult, 1);
  g_autofree char *ok_line = NULL;
  g_autofree char *one_line = NULL;
  g_autofree char *two_line = NULL;
  g_autofree char *canceled_line = NULL;
  g_autofree char *failed_line = NULL;
  GError *error;

  ok_line = format_status (ok);
  g_assert_cmpstr (ok_line, ==, "Loading status: completed in 2.2 sec");

  one_line = format_status (one);
  g_assert_cmpstr (one_line, ==, "Loading status: completed in 2.2 sec, with 1 error");

  error = g_error_new_literal (GH_ERROR, GH_ERROR_FAILED, "second");
  contrib_failures_take (contrib_update_get_failures (one->update), "other", &error);
  two_line = format_status (one);
  g_assert_cmpstr (two_line, ==, "Loading status: completed in 2.2 sec, with 2 errors");

  canceled->status = CONTRIB_RUN_CANCELED;
  canceled_line = format_status (canceled);
  g_assert_cmpstr (canceled_line, ==, "Loading status: canceled");

  failed->status = CONTRIB_RUN_FAILED;
  failed->error = g_error_new_literal (GH_ERROR, GH_ERROR_NOT_FOUND,
                                       "No such organization: HTTP 404 Not Found from http://x/: “Not Found”");
  failed_line = format_status (failed);
  g_assert_cmpstr (failed_line, ==,
                   "Loading status: failed: No such organization: HTTP 404 Not Found from http://x/: “Not Found”");
}

/* The table as the runner writes it */
static char *
format_table (ContribUpdate *update)
{
  char *text = NULL;
  size_t size = 0;
  FILE *stream = open_memstream (&text, &size);

  g_assert_nonnull (stream);
  contrib_headless_write_table (update, stream);
  g_assert_cmpint (fclose (stream), ==, 0);
  return text;
}

static void
test_report_table (void)
{
  g_autoptr(ContribRunResult) result = completed (CONTRIB_VARIANT_SUSPEND,
                                                  "user-2:100,user-3:60,a-much-longer-login:5", NULL);
  g_autofree char *table = format_table (result->update);
  g_autofree char *failures = contrib_headless_format_failures (result->update);

  g_assert_cmpstr (table, ==,
                   "Login                Contributions\n"
                   "user-2                         100\n"
                   "user-3                          60\n"
                   "a-much-longer-login              5\n");
  g_assert_null (failures);
}

/* An ASCII row of the hostile table: padded to 40 columns, not more */
static void
assert_row (const char *line,
            const char *login,
            int         count)
{
  g_autofree char *expected = g_strdup_printf ("%-40s  %13d", login, count);

  g_assert_cmpstr (line, ==, expected);
}

/* Logins that would move the cursor, clear the screen, fake a row, turn
 * the line around or make invalid UTF-8 (json-glib's reading of a lone
 * "\ud800"), and one of 100 000 characters among 5000 users, which used to
 * pad every row to its width: half a gigabyte */
static void
test_report_table_hostile (void)
{
  GPtrArray *users = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) long_login = g_string_new (NULL);
  g_autoptr(ContribUpdate) update = NULL;
  g_autofree char *table = NULL;
  g_autoptr(GPtrArray) failures = contrib_failures_new ();
  g_autofree char *failure_text = NULL;
  g_auto(GStrv) lines = NULL;
  GError *error;
  guint n_users;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (long_login, 'L');
  g_ptr_array_add (users, gh_user_new (long_login->str, 9999));
  g_ptr_array_add (users, gh_user_new ("evil\x1b[2J\x1b[H\a", 50));
  g_ptr_array_add (users, gh_user_new ("row\nfake-user                999", 40));
  g_ptr_array_add (users, gh_user_new ("ret\rurned", 30));
  g_ptr_array_add (users, gh_user_new ("a\xed\xa0\x80z", 20));
  g_ptr_array_add (users, gh_user_new ("rtl\u202eevil\u2066", 10));
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *login = g_strdup_printf ("user-%u", i);

      g_ptr_array_add (users, gh_user_new (login, 5));
    }
  n_users = users->len;
  error = g_error_new_literal (GH_ERROR, GH_ERROR_SERVER_ERROR, "Broken\x1b]0;title\a\nfake");
  contrib_failures_take (failures, "repo\x1b[31m\r", &error);
  update = contrib_update_new (users, failures, TRUE);

  table = format_table (update);
  failure_text = contrib_headless_format_failures (update);

  /* Plain UTF-8, one line per user and nothing else */
  g_assert_true (g_utf8_validate (table, -1, NULL));
  for (const char *p = table; *p != '\0'; p++)
    g_assert_true (*p == '\n' || !g_ascii_iscntrl (*p));
  g_assert_null (strstr (table, "\u202e"));
  g_assert_null (strstr (table, "\u2066"));
  lines = g_strsplit (table, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_users + 2);

  /* Padded to 40 columns at most, the long login cut to them */
  g_assert_cmpstr (lines[0], ==, "Login                                     Contributions");
  g_assert_true (g_str_has_prefix (lines[1], "LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL…  "));
  assert_row (lines[2], "evil\\u{1b}[2J\\u{1b}[H\\u{7}", 50);
  assert_row (lines[3], "row\\u{a}fake-user                999", 40);
  assert_row (lines[4], "ret\\u{d}urned", 30);
  g_assert_true (g_str_has_prefix (lines[5], "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbdz   "));
  assert_row (lines[6], "rtl\\u{202e}evil\\u{2066}", 10);
  assert_row (lines[7], "user-0", 5);
  for (guint i = 0; lines[i + 1] != NULL; i++)
    g_assert_cmpint (g_utf8_strlen (lines[i], -1), ==, 40 + 2 + strlen ("Contributions"));
  g_assert_cmpuint (strlen (table), <, (n_users + 1) * 60);

  g_assert_cmpstr (failure_text, ==,
                   "1 repository could not be loaded:\n"
                   "  repo\\u{1b}[31m\\u{d}: Broken\\u{1b}]0;title\\u{7}\\u{a}fake\n");
}

static void
test_report_failures (void)
{
  g_autoptr(ContribRunResult) result = completed (CONTRIB_VARIANT_SUSPEND, "a:1", "broken");
  g_autofree char *failures = contrib_headless_format_failures (result->update);

  g_assert_cmpstr (failures, ==,
                   "1 repository could not be loaded:\n"
                   "  broken: GitHub server error: HTTP 500\n");
}

static void
test_report_same (void)
{
  g_autoptr(ContribRunResult) reference = completed (CONTRIB_VARIANT_SUSPEND, "a:5,b:3,c:3,d:1", "x");
  g_autoptr(ContribRunResult) ties_swapped = completed (CONTRIB_VARIANT_CHANNELS, "a:5,c:3,b:3,d:1", "x");
  g_autoptr(ContribRunResult) other_total = completed (CONTRIB_VARIANT_CHANNELS, "a:5,b:3,c:2,d:1", "x");
  g_autoptr(ContribRunResult) missing = completed (CONTRIB_VARIANT_CHANNELS, "a:5,b:3,c:3", "x");
  g_autoptr(ContribRunResult) unranked = completed (CONTRIB_VARIANT_CHANNELS, "d:1,a:5,b:3,c:3", "x");
  g_autoptr(ContribRunResult) other_failure = completed (CONTRIB_VARIANT_CHANNELS, "a:5,b:3,c:3,d:1", "y");
  g_autoptr(ContribRunResult) no_failure = completed (CONTRIB_VARIANT_CHANNELS, "a:5,b:3,c:3,d:1", NULL);
  g_autoptr(ContribRunResult) canceled = completed (CONTRIB_VARIANT_CHANNELS, "a:5,b:3,c:3,d:1", "x");

  canceled->status = CONTRIB_RUN_CANCELED;

  g_assert_true (contrib_run_result_same_result (reference, reference));
  g_assert_true (contrib_run_result_same_result (reference, ties_swapped));
  g_assert_false (contrib_run_result_same_result (reference, other_total));
  g_assert_false (contrib_run_result_same_result (reference, missing));
  g_assert_false (contrib_run_result_same_result (reference, unranked));
  g_assert_false (contrib_run_result_same_result (reference, other_failure));
  g_assert_false (contrib_run_result_same_result (reference, no_failure));
  g_assert_false (contrib_run_result_same_result (reference, canceled));
}

static void
test_report_compare (void)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) contrib_run_result_free);
  g_autofree char *table = NULL;
  g_auto(GStrv) lines = NULL;
  ContribRunResult *blocking;
  ContribRunResult *wrong;

  blocking = completed (CONTRIB_VARIANT_BLOCKING, "a:2,b:1", NULL);
  blocking->max_block_ms = 2250;
  blocking->max_own_block_ms = 2249;
  blocking->n_requests = 3;
  blocking->peak_in_flight = 1;
  g_ptr_array_add (results, blocking);
  g_ptr_array_add (results, completed (CONTRIB_VARIANT_SUSPEND, "a:2,b:1", NULL));
  wrong = completed (CONTRIB_VARIANT_CHANNELS, "a:2", NULL);
  wrong->max_block_ms = 30;
  wrong->max_own_block_ms = -1;
  g_ptr_array_add (results, wrong);

  table = contrib_headless_format_compare (results, 1);
  lines = g_strsplit (table, "\n", -1);

  g_assert_true (g_str_has_prefix (lines[0], "Variant "));
  g_assert_nonnull (strstr (lines[0], "Blocked (ms)"));
  g_assert_nonnull (strstr (lines[0], "Own (ms)"));
  /* No server figures, no server columns */
  g_assert_null (strstr (lines[0], "HTTP"));

  g_assert_true (g_str_has_prefix (lines[1], "BLOCKING "));
  g_assert_nonnull (strstr (lines[1], " completed "));
  g_assert_nonnull (strstr (lines[1], " !2250 "));
  g_assert_nonnull (strstr (lines[1], " !2249 "));
  g_assert_true (g_str_has_suffix (lines[1], " yes"));

  g_assert_true (g_str_has_prefix (lines[2], "SUSPEND "));
  g_assert_true (g_str_has_suffix (lines[2], " reference"));

  g_assert_true (g_str_has_prefix (lines[3], "CHANNELS "));
  /* Blocked by a busy machine, not by itself; and without the kernel's
   * figure, no own figure */
  g_assert_nonnull (strstr (lines[3], " !30 "));
  g_assert_nonnull (strstr (lines[3], " - "));
  g_assert_true (g_str_has_suffix (lines[3], " NO"));

  g_assert_cmpstr (lines[4], ==, "");
  g_assert_nonnull (strstr (table, "reference (SUSPEND)"));
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the directories it sets per test */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/headless/report/elapsed", test_report_elapsed);
  g_test_add_func ("/headless/report/status", test_report_status);
  g_test_add_func ("/headless/report/table", test_report_table);
  g_test_add_func ("/headless/report/table-hostile", test_report_table_hostile);
  g_test_add_func ("/headless/report/failures", test_report_failures);
  g_test_add_func ("/headless/report/same", test_report_same);
  g_test_add_func ("/headless/report/compare", test_report_compare);

  return g_test_run ();
}
