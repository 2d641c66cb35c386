/* test-headless-translation.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * With LANGUAGE=ru the runner speaks Russian, from the translation built in
 * this build tree: its messages, the GitHub client's errors, its table and
 * status line, its help and the --compare table. The JSON does not: scripts
 * read it, so it is the same in every language.
 *
 * The runner runs in this process, through contrib_headless_main() as
 * main.c calls it, because the executable looks for its translations where
 * it will be installed; its standard output and error go to files for the
 * run.
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <gh.h>

#include "contrib-headless-options.h"
#include "contrib-headless-report.h"
#include "contrib-headless-run.h"
#include "contrib-headless.h"

#ifndef BUILD_LOCALEDIR
#error "BUILD_LOCALEDIR must name the build tree's locale directory"
#endif

typedef struct
{
  int    status;
  char  *out;
  char  *err;
} Outcome;

static void
outcome_free (Outcome *outcome)
{
  g_free (outcome->out);
  g_free (outcome->err);
  g_free (outcome);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Outcome, outcome_free)

/* Points @fd at a new temporary file; returns the old one's copy */
static int
redirect (int    fd,
          char **path)
{
  g_autoptr(GError) error = NULL;
  int saved = dup (fd);
  int file = g_file_open_tmp ("translation-XXXXXX", path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (saved, >=, 0);
  g_assert_cmpint (dup2 (file, fd), ==, fd);
  close (file);
  return saved;
}

static char *
restore (int         fd,
         int         saved,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_cmpint (dup2 (saved, fd), ==, fd);
  close (saved);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  return contents;
}

/* Runs `contributors --headless ARGS...` */
static Outcome *
run_args (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out_path = NULL;
  g_autofree char *err_path = NULL;
  Outcome *outcome = g_new0 (Outcome, 1);
  GLogFunc test_handler;
  int saved_out;
  int saved_err;

  g_ptr_array_add (argv, (gpointer) "contributors");
  g_ptr_array_add (argv, (gpointer) "--headless");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  /* Nothing of the TAP output may end up in the files; nor the messages
   * that the test framework's handler prints to standard output: GLib's
   * own handler drops the debug ones and sends the rest to standard error
   * (see main()), as it does in the runner */
  fflush (stdout);
  fflush (stderr);
  test_handler = g_log_set_default_handler (g_log_default_handler, NULL);
  saved_out = redirect (STDOUT_FILENO, &out_path);
  saved_err = redirect (STDERR_FILENO, &err_path);

  outcome->status = contrib_headless_main (argv->len - 1, (char **) argv->pdata);

  fflush (stdout);
  fflush (stderr);
  outcome->out = restore (STDOUT_FILENO, saved_out, out_path);
  outcome->err = restore (STDERR_FILENO, saved_err, err_path);
  g_log_set_default_handler (test_handler, NULL);

  if (g_test_verbose ())
    g_test_message ("exit %d\n--- stdout\n%s--- stderr\n%s", outcome->status, outcome->out,
                    outcome->err);
  return outcome;
}

#define run(...) run_args ((const char * const []) { __VA_ARGS__, NULL })

static const char *
russian (const char *context,
         const char *msgid) G_GNUC_FORMAT (2);

/* The Russian for @msgid: there must be one */
static const char *
russian (const char *context,
         const char *msgid)
{
  const char *translated = context != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, context, msgid)
                                           : g_dgettext (GETTEXT_PACKAGE, msgid);

  if (g_strcmp0 (translated, msgid) == 0)
    g_error ("“%s” has no Russian translation", msgid);
  return translated;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

static void
assert_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      g_error ("byte %td is not ASCII in:\n%s", p - text, text);
}

/* Where, in characters, @needle starts in @line */
static glong
column_of (const char *line,
           const char *needle)
{
  const char *found = strstr (line, needle);

  if (found == NULL)
    g_error ("“%s” not found in “%s”", needle, line);
  return g_utf8_pointer_to_offset (line, found);
}

/* The translated text up to the first conversion, to find a formatted
 * message by */
static char *
prefix_of (const char *format)
{
  const char *percent = strchr (format, '%');

  return percent != NULL ? g_strndup (format, percent - format) : g_strdup (format);
}

static void
test_translation_usage_error (void)
{
  g_autoptr(Outcome) outcome = run ("--compare", "--variant", "SUSPEND");
  g_autofree char *hint = NULL;

  g_test_summary ("A bad command line is explained in Russian, with the hint to --help");

  g_assert_cmpint (outcome->status, ==, CONTRIB_EXIT_USAGE);
  g_assert_cmpstr (outcome->out, ==, "");
  assert_contains (outcome->err, russian (NULL, "--compare runs every variant: leave out --variant"));
  hint = g_strdup_printf (russian (NULL, "Try “%s --headless --help” for more information."),
                          g_get_prgname ());
  assert_contains (outcome->err, hint);
  g_assert_null (strstr (outcome->err, "leave out"));
  g_assert_null (strstr (outcome->err, "Try "));
}

static void
test_translation_parse_errors (void)
{
  const char *args[] = { "contributors", "--headless", "--variant", "TURBO", NULL };
  g_autoptr(ContribHeadlessOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;

  g_test_summary ("Formatted usage errors are translated, with what was given in them");

  options = contrib_headless_options_parse (G_N_ELEMENTS (args) - 1, (char **) args, &error);
  g_assert_null (options);
  g_assert_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE);
  prefix = prefix_of (russian (NULL, "--variant: unknown variant “%s”; choose one of %s"));
  g_assert_true (g_str_has_prefix (error->message, prefix));
  assert_contains (error->message, "TURBO");
  /* The names of the variants are not words to translate */
  assert_contains (error->message, "NOT_CANCELLABLE");
}

static void
test_translation_text (void)
{
  g_autoptr(Outcome) outcome = run ("--variant", "CONCURRENT", "--dataset", "tutorial",
                                    "--latency-scale", "0.01");
  g_autofree char *status_prefix = NULL;
  g_auto(GStrv) lines = NULL;

  g_test_summary ("The table and the status line are in Russian, aligned");

  g_assert_cmpint (outcome->status, ==, CONTRIB_EXIT_OK);
  lines = g_strsplit (outcome->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);

  /* The window's column titles, the counts right-aligned under theirs */
  g_assert_true (g_str_has_prefix (lines[0], russian (NULL, "Login")));
  g_assert_true (g_str_has_suffix (lines[0], russian (NULL, "Contributions")));
  g_assert_cmpint (g_utf8_strlen (lines[0], -1), ==, g_utf8_strlen (lines[1], -1));
  g_assert_true (g_str_has_prefix (lines[1], "user-2 "));
  g_assert_true (g_str_has_suffix (lines[1], " 100"));

  status_prefix = prefix_of (russian (NULL, "Loading status: completed in %s"));
  g_assert_true (g_str_has_prefix (lines[4], status_prefix));
  g_assert_false (g_str_has_prefix (lines[4], "Loading status"));
  g_assert_cmpstr (lines[5], ==, "");

  /* The log keeps the tutorial's English */
  assert_contains (outcome->err, "INFO  Contributors - Clearing result\n");
}

static void
test_translation_json (void)
{
  g_autoptr(Outcome) outcome = run ("--variant", "CONCURRENT", "--dataset", "tutorial",
                                    "--latency-scale", "0.01", "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  const char *status_line;

  g_test_summary ("--json is the same in Russian: English members, values and status line");

  g_assert_cmpint (outcome->status, ==, CONTRIB_EXIT_OK);
  /* Not a word of Russian, or of any other language */
  assert_ascii (outcome->out);

  json_parser_load_from_data (parser, outcome->out, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (object, "variant"), ==, "CONCURRENT");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "completed");
  g_assert_cmpint (json_object_get_int_member (object, "rows"), ==, 3);
  status_line = json_object_get_string_member (object, "status_line");
  g_assert_true (g_str_has_prefix (status_line, "Loading status: completed in "));
  g_assert_true (g_str_has_suffix (status_line, " sec"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (object, "users"), 0), "login"), ==, "user-2");
}

static ContribRunResult *
completed (ContribVariant  variant,
           const char     *login)
{
  ContribRunResult *result = g_new0 (ContribRunResult, 1);
  GPtrArray *users = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (users, gh_user_new (login, 10));
  result->variant = variant;
  result->status = CONTRIB_RUN_COMPLETED;
  result->elapsed_ms = 1234;
  result->cancel_ms = -1;
  result->max_own_block_ms = -1;
  result->update = contrib_update_new (users, NULL, TRUE);
  return result;
}

static void
test_translation_compare (void)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) contrib_run_result_free);
  g_autofree char *table = NULL;
  g_autofree char *untranslated_status = NULL;
  g_auto(GStrv) lines = NULL;
  ContribRunResult *canceled;

  g_test_summary ("The --compare table is in Russian, its columns aligned in characters");

  g_ptr_array_add (results, completed (CONTRIB_VARIANT_SUSPEND, "a"));
  g_ptr_array_add (results, completed (CONTRIB_VARIANT_CONCURRENT, "b"));
  canceled = g_new0 (ContribRunResult, 1);
  canceled->variant = CONTRIB_VARIANT_CHANNELS;
  canceled->status = CONTRIB_RUN_CANCELED;
  canceled->max_own_block_ms = -1;
  g_ptr_array_add (results, canceled);

  table = contrib_headless_format_compare (results, 0);
  lines = g_strsplit (table, "\n", -1);

  g_assert_true (g_str_has_prefix (lines[0], russian ("compare column", "Variant")));
  g_assert_true (g_str_has_suffix (lines[0], russian ("compare column", "Same")));
  g_assert_null (strstr (lines[0], "Variant"));

  /* Each cell starts under its title, counted in characters, not bytes */
  g_assert_cmpint (column_of (lines[1], russian ("run status", "completed")), ==,
                   column_of (lines[0], russian ("compare column", "Status")));
  g_assert_cmpint (column_of (lines[2], russian ("same as reference", "NO")), ==,
                   column_of (lines[0], russian ("compare column", "Same")));
  g_assert_cmpint (column_of (lines[3], russian ("run status", "canceled")), ==,
                   column_of (lines[0], russian ("compare column", "Status")));
  g_assert_true (g_str_has_suffix (lines[1], russian ("same as reference", "reference")));
  g_assert_true (g_str_has_prefix (lines[1], "SUSPEND "));

  /* The legend too, with the reference's name as it is */
  assert_contains (table, "(SUSPEND)");
  g_assert_null (strstr (table, "Requests:"));

  /* While the status line --json gets stays in English */
  untranslated_status = contrib_headless_format_status (canceled, FALSE);
  g_assert_cmpstr (untranslated_status, ==, "Loading status: canceled");
}

static void
test_translation_client_errors (void)
{
  g_autoptr(Outcome) not_found = run ("--variant", "SUSPEND", "--demo", "--dataset", "tutorial",
                                      "--org", "nosuchorg");
  g_autoptr(Outcome) plain_http = run ("--variant", "SUSPEND", "--api-url", "http://example.com/",
                                       "--org", "x");
  g_autofree char *from = NULL;
  g_autofree char *plain_http_prefix = NULL;

  g_test_summary ("The GitHub client's errors are in Russian too, in the status line and on "
                  "a bad --api-url");

  /* A 404: what happened and what to do, around the status and the URL */
  g_assert_cmpint (not_found->status, ==, CONTRIB_EXIT_FAILED);
  assert_contains (not_found->out,
                   russian (NULL, "No such organization or repository (or it is private)"));
  assert_contains (not_found->out,
                   russian (NULL, "Check the name; for a private one, set an access token that "
                                  "may see it."));
  from = g_strdup_printf (russian (NULL, "%s: HTTP %u %s from %s%s%s%s"), "", 404, "Not Found",
                          "", "", "", "");
  assert_contains (not_found->out, from);
  g_assert_null (strstr (not_found->out, "No such organization"));
  g_assert_null (strstr (not_found->out, " from "));

  /* An API URL the client refuses before sending anything */
  g_assert_cmpint (plain_http->status, ==, CONTRIB_EXIT_USAGE);
  plain_http_prefix = prefix_of (russian (NULL, "The GitHub API URL “%s” uses plain http to a "
                                                "host that is not on this machine; use https://"));
  assert_contains (plain_http->err, plain_http_prefix);
  g_assert_null (strstr (plain_http->err, "plain http"));
}

static void
test_translation_help (void)
{
  g_autofree char *help = contrib_headless_options_get_help ();

  g_test_summary ("--help describes the options in Russian");

  assert_contains (help, russian (NULL, "Show this help and exit"));
  assert_contains (help, russian (NULL, "Print the result as JSON"));
  assert_contains (help, "--max-requests");
  g_assert_null (strstr (help, "Show this help"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "ru", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* No G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the directories it sets per test */
  g_test_init (&argc, &argv, NULL);
  /* Standard output is the runner's table or JSON: messages go elsewhere */
  g_log_writer_default_set_use_stderr (TRUE);

  g_test_add_func ("/headless/translation/usage-error", test_translation_usage_error);
  g_test_add_func ("/headless/translation/parse-errors", test_translation_parse_errors);
  g_test_add_func ("/headless/translation/text", test_translation_text);
  g_test_add_func ("/headless/translation/json", test_translation_json);
  g_test_add_func ("/headless/translation/compare", test_translation_compare);
  g_test_add_func ("/headless/translation/help", test_translation_help);
  g_test_add_func ("/headless/translation/client-errors", test_translation_client_errors);

  return g_test_run ();
}
