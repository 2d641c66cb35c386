/* test-headless-options.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The runner's command line: what it accepts, the defaults it fills in, and
 * a clear usage error for everything else. Also the token file.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <gh.h>

#include "contrib-headless-options.h"
#include "contrib-headless-token.h"

static ContribHeadlessOptions *
parse (GError **error,
       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  ContribHeadlessOptions *options;
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "contributors");
  g_ptr_array_add (args, (gpointer) "--headless");
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  options = contrib_headless_options_parse (args->len - 1, (char **) args->pdata, error);
  g_assert_true ((options != NULL) == (error == NULL || *error == NULL));
  return options;
}

static void
test_options_defaults (void)
{
  g_autoptr(ContribHeadlessOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  options = parse (&error, "--variant", "CONCURRENT", NULL);
  g_assert_no_error (error);
  g_assert_false (options->help);
  g_assert_false (options->compare);
  g_assert_false (options->json);
  /* Neither URL nor token: the embedded server is the only thing that works */
  g_assert_true (options->demo);
  g_assert_cmpint (options->variant, ==, CONTRIB_VARIANT_CONCURRENT);
  g_assert_null (options->org);
  g_assert_null (options->api_url);
  g_assert_null (options->token_file);
  g_assert_cmpstr (options->dataset, ==, "demo");
  g_assert_cmpfloat (options->latency_scale, ==, 1.0);
  g_assert_cmpuint (options->max_requests, ==, 0);
  g_assert_cmpint (options->cancel_after_ms, ==, -1);
}

static void
test_options_full (void)
{
  g_autoptr(ContribHeadlessOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  options = parse (&error, "--variant=not-cancellable", "--org", "gnome", "--api-url",
                   "http://127.0.0.1:1234/", "--token-file", "/dev/null", "--max-requests", "100",
                   "--cancel-after", "250", "--json", NULL);
  g_assert_no_error (error);
  g_assert_false (options->demo);
  g_assert_true (options->json);
  g_assert_cmpint (options->variant, ==, CONTRIB_VARIANT_NOT_CANCELLABLE);
  g_assert_cmpstr (options->org, ==, "gnome");
  g_assert_cmpstr (options->api_url, ==, "http://127.0.0.1:1234/");
  g_assert_cmpstr (options->token_file, ==, "/dev/null");
  g_assert_cmpuint (options->max_requests, ==, 100);
  g_assert_cmpint (options->cancel_after_ms, ==, 250);
}

static void
test_options_token_means_github (void)
{
  g_autoptr(ContribHeadlessOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  /* A token without a URL is for github.com: no demo */
  options = parse (&error, "--variant", "SUSPEND", "--org", "kotlin", "--token-file", "-", NULL);
  g_assert_no_error (error);
  g_assert_false (options->demo);
  g_assert_null (options->api_url);
  g_assert_cmpstr (options->token_file, ==, "-");
}

static void
test_options_demo (void)
{
  g_autoptr(ContribHeadlessOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  options = parse (&error, "--compare", "--demo", "--dataset", "tutorial", "--latency-scale", "0.25",
                   "--token-file", "/dev/null", NULL);
  g_assert_no_error (error);
  g_assert_true (options->compare);
  g_assert_true (options->demo);
  g_assert_cmpstr (options->dataset, ==, "tutorial");
  g_assert_cmpfloat (options->latency_scale, ==, 0.25);
}

static void
test_options_help (void)
{
  g_autoptr(ContribHeadlessOptions) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *help = NULL;

  options = parse (&error, "--help", NULL);
  g_assert_no_error (error);
  g_assert_true (options->help);

  help = contrib_headless_options_get_help ();
  for (guint i = 0; i < CONTRIB_N_VARIANTS; i++)
    g_assert_nonnull (strstr (help, contrib_variant_get_id ((ContribVariant) i)));
  g_assert_nonnull (strstr (help, "--latency-scale"));
  g_assert_nonnull (strstr (help, "--dataset"));
  g_assert_nonnull (strstr (help, "--token-file"));
}

/* The client's limit, whatever it is, and no more */
static void
test_options_max_requests_limit (void)
{
  g_autofree char *limit = g_strdup_printf ("%u", (guint) GH_CLIENT_MAX_REQUESTS_LIMIT);
  g_autofree char *over = g_strdup_printf ("%u", (guint) GH_CLIENT_MAX_REQUESTS_LIMIT + 1);
  g_autofree char *range = g_strdup_printf ("from 1 to %s", limit);
  g_autofree char *help_range = g_strdup_printf ("1 to %s", limit);
  g_autofree char *help = contrib_headless_options_get_help ();
  g_autoptr(ContribHeadlessOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  options = parse (&error, "--variant", "SUSPEND", "--max-requests", limit, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (options->max_requests, ==, GH_CLIENT_MAX_REQUESTS_LIMIT);
  g_clear_pointer (&options, contrib_headless_options_free);

  options = parse (&error, "--variant", "SUSPEND", "--max-requests", over, NULL);
  g_assert_null (options);
  g_assert_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE);
  g_assert_nonnull (strstr (error->message, range));

  g_assert_nonnull (strstr (help, help_range));
}

typedef struct
{
  const char *args[12];
  const char *message_part;
} BadCase;

/* Every mistake is a usage error whose message names what is wrong */
static const BadCase bad_cases[] = {
  { { NULL }, "--variant is required" },
  { { "--variant", "FAST" }, "unknown variant “FAST”" },
  { { "--variant", "SUSPEND", "--compare" }, "leave out --variant" },
  { { "--variant", "SUSPEND", "--api-url", "http://127.0.0.1:1/", "--demo" }, "exclude each other" },
  { { "--variant", "SUSPEND", "--api-url", "not a url", "--org", "x" }, "not a URL" },
  { { "--variant", "SUSPEND", "--api-url", "ftp://example.com/", "--org", "x" }, "http or https" },
  { { "--variant", "SUSPEND", "--max-requests", "0" }, "--max-requests: “0”" },
  { { "--variant", "SUSPEND", "--max-requests", "8x" }, "not a whole number" },
  { { "--variant", "SUSPEND", "--cancel-after", "-5" }, "--cancel-after: “-5”" },
  { { "--variant", "SUSPEND", "--cancel-after", "soon" }, "not a whole number" },
  { { "--variant", "BLOCKING", "--cancel-after", "10" }, "BLOCKING cannot be cancelled" },
  { { "--compare", "--cancel-after", "10" }, "not --compare" },
  { { "--variant", "SUSPEND", "--latency-scale", "fast" }, "--latency-scale: “fast”" },
  { { "--variant", "SUSPEND", "--latency-scale", "-1" }, "from 0 to 1000" },
  { { "--variant", "SUSPEND", "--latency-scale", "nan" }, "not a number" },
  { { "--variant", "SUSPEND", "--api-url", "http://127.0.0.1:1/", "--org", "x", "--dataset", "demo" }, "add --demo" },
  { { "--variant", "SUSPEND", "--api-url", "http://127.0.0.1:1/", "--org", "x", "--latency-scale", "1" }, "add --demo" },
  { { "--variant", "SUSPEND", "--api-url", "http://127.0.0.1:1/" }, "--org is required" },
  { { "--variant", "SUSPEND", "--org", "  " }, "--org: the organization is empty" },
  { { "--variant", "SUSPEND", "--org", "../etc", "--demo" }, "--org: An organization name starts with a letter" },
  { { "--variant", "SUSPEND", "--org", "a/b", "--demo" }, "only letters, digits, hyphens and underscores" },
  { { "--variant", "SUSPEND", "--token", "ghp_secret" }, "not accepted on the command line" },
  { { "--variant", "SUSPEND", "--token=ghp_secret" }, "--token-file FILE" },
  { { "--variant", "SUSPEND", "--frobnicate" }, "--frobnicate" },
  { { "--variant", "SUSPEND", "extra" }, "unexpected argument “extra”" },
};

static void
test_options_bad (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(ContribHeadlessOptions) options = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (args, (gpointer) "contributors");
  g_ptr_array_add (args, (gpointer) "--headless");
  for (guint i = 0; bad->args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) bad->args[i]);
  g_ptr_array_add (args, NULL);

  options = contrib_headless_options_parse (args->len - 1, (char **) args->pdata, &error);
  g_assert_null (options);
  g_assert_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE);
  if (strstr (error->message, bad->message_part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, bad->message_part);
  /* The token never comes back in a message */
  g_assert_null (strstr (error->message, "ghp_secret"));
}

static char *
write_temp (const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("token-XXXXXX", &path, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_token_first_line_trimmed (void)
{
  g_autofree char *path = write_temp ("  ghp_abc123 \t\nsecond line\n");
  g_autoptr(GError) error = NULL;
  char *token = contrib_headless_read_token (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "ghp_abc123");
  contrib_headless_token_free (token);

  g_unlink (path);
}

static void
test_token_no_newline (void)
{
  g_autofree char *path = write_temp ("ghp_xyz");
  g_autoptr(GError) error = NULL;
  char *token = contrib_headless_read_token (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "ghp_xyz");
  contrib_headless_token_free (token);

  g_unlink (path);
}

static void
test_token_empty (void)
{
  g_autofree char *path = write_temp ("   \nghp_on_line_two\n");
  g_autoptr(GError) error = NULL;
  char *token = contrib_headless_read_token (path, &error);

  g_assert_null (token);
  g_assert_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE);
  g_assert_nonnull (strstr (error->message, "is empty"));
  g_assert_null (strstr (error->message, "ghp_on_line_two"));

  g_unlink (path);
}

static void
test_token_missing (void)
{
  g_autoptr(GError) error = NULL;
  char *token = contrib_headless_read_token ("/nonexistent/token", &error);

  g_assert_null (token);
  g_assert_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/token"));
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the directories it sets per test */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/headless/options/defaults", test_options_defaults);
  g_test_add_func ("/headless/options/full", test_options_full);
  g_test_add_func ("/headless/options/token-means-github", test_options_token_means_github);
  g_test_add_func ("/headless/options/demo", test_options_demo);
  g_test_add_func ("/headless/options/help", test_options_help);
  g_test_add_func ("/headless/options/max-requests-limit", test_options_max_requests_limit);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/headless/options/bad/%u", i);

      g_test_add_data_func (path, &bad_cases[i], test_options_bad);
    }
  g_test_add_func ("/headless/token/first-line-trimmed", test_token_first_line_trimmed);
  g_test_add_func ("/headless/token/no-newline", test_token_no_newline);
  g_test_add_func ("/headless/token/empty", test_token_empty);
  g_test_add_func ("/headless/token/missing", test_token_missing);

  return g_test_run ();
}
