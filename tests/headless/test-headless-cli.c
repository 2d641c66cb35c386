/* test-headless-cli.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * `contributors --headless` as a user runs it: the real executable in a
 * subprocess, its exit status, its standard output and error, against the
 * fake GitHub (embedded with --demo, or one in this process whose request
 * log shows what arrived).
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "contrib-variant.h"
#include "gh-fake-github.h"
#include "gh.h"
#include "headless-cli-utils.h"

#ifndef BUILD_LOCALEDIR
#error "BUILD_LOCALEDIR must name the build tree's locale directory"
#endif

#define TOKEN "ghp_T0pSecretT0kenValue1234567890abcd"

static GhFakeServer *
start_server (const char *dataset_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = gh_dataset_new_from_name (dataset_name, &error);
  GhFakeServer *server;

  g_assert_no_error (error);
  server = gh_fake_server_new (dataset);
  gh_fake_server_set_latency_scale (server, 0.01);
  gh_fake_server_start (server, &error);
  g_assert_no_error (error);
  return server;
}

static void
stop_server (GhFakeServer *server)
{
  gh_fake_server_stop (server);
  g_assert_finalize_object (server);
}

static void
test_cli_help (void)
{
  g_autoptr(Outcome) outcome = run ("--headless", "--help");

  g_assert_cmpint (outcome->status, ==, 0);
  assert_contains (outcome->out, "--variant");
  assert_contains (outcome->out, "--compare");
  assert_contains (outcome->out, "CHANNELS");
  assert_contains (outcome->out, "--version");
}

/* --version and --help need no display: GTK is not even started for them */
static const char *no_display[] = { "DISPLAY", "", "WAYLAND_DISPLAY", "", NULL };

static void
test_cli_version (void)
{
  g_autoptr(Outcome) window = run_env (no_display, NULL,
                                       (const char * const []) { "--version", NULL });
  g_autoptr(Outcome) headless = run ("--headless", "--version");

  g_test_summary ("--version prints the name and version, for the window and the runner alike");

  g_assert_cmpint (window->status, ==, 0);
  g_assert_cmpstr (window->out, ==, "contributors " PACKAGE_VERSION "\n");
  g_assert_cmpstr (window->err, ==, "");
  g_assert_cmpint (headless->status, ==, 0);
  g_assert_cmpstr (headless->out, ==, "contributors " PACKAGE_VERSION "\n");
  g_assert_cmpstr (headless->err, ==, "");
}

static void
test_cli_window_help (void)
{
  g_autoptr(Outcome) outcome = run_env (no_display, NULL,
                                        (const char * const []) { "--help", NULL });

  g_test_summary ("The window's --help tells of --headless and --version");

  g_assert_cmpint (outcome->status, ==, 0);
  assert_contains (outcome->out, "--headless");
  assert_contains (outcome->out, "contributors --headless --help");
  assert_contains (outcome->out, "--version");
}

static void
test_cli_no_display (void)
{
  g_autoptr(Outcome) outcome = run_env (no_display, NULL, (const char * const []) { NULL });

  g_test_summary ("Without a display the window explains itself and points to --headless");

  g_assert_cmpint (outcome->status, ==, 2);
  g_assert_cmpstr (outcome->out, ==, "");
  g_assert_true (g_str_has_prefix (outcome->err, "contributors: cannot open a display"));
  assert_contains (outcome->err, "contributors --headless --help");
}

static void
test_cli_success (void)
{
  g_autoptr(Outcome) outcome = run ("--headless", "--variant", "CONCURRENT", "--dataset", "tutorial",
                                    "--latency-scale", "0.01");
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) log_line = g_regex_new ("^[0-9]+ \\[[^]]+\\] (INFO |ERROR) Contributors - .+$",
                                            0, 0, NULL);
  g_auto(GStrv) log_lines = NULL;

  g_assert_cmpint (outcome->status, ==, 0);

  /* The tutorial's table and status line, and nothing else */
  lines = g_strsplit (outcome->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[0], ==, "Login   Contributions");
  g_assert_cmpstr (lines[1], ==, "user-2            100");
  g_assert_cmpstr (lines[2], ==, "user-3             60");
  g_assert_cmpstr (lines[3], ==, "user-1             50");
  g_assert_true (g_str_has_prefix (lines[4], "Loading status: completed in "));
  g_assert_true (g_str_has_suffix (lines[4], " sec"));
  g_assert_cmpstr (lines[5], ==, "");

  /* The log, every line in the tutorial's layout */
  log_lines = g_strsplit (outcome->err, "\n", -1);
  g_assert_cmpuint (g_strv_length (log_lines), >=, 6);
  for (guint i = 0; log_lines[i + 1] != NULL; i++)
    if (!g_regex_match (log_line, log_lines[i], 0, NULL))
      g_error ("not a log line: “%s”", log_lines[i]);
  assert_contains (outcome->err, "[main] INFO  Contributors - Clearing result\n");
  assert_contains (outcome->err, "INFO  Contributors - org: loaded 3 repos\n");
  assert_contains (outcome->err, "INFO  Contributors - repo-2: loaded 2 contributors\n");
  assert_contains (outcome->err, "INFO  Contributors - Updating result with 3 rows\n");
}

static void
test_cli_unknown_org (void)
{
  g_autoptr(Outcome) outcome = run ("--headless", "--variant", "SUSPEND", "--demo",
                                    "--dataset", "tutorial", "--org", "nosuchorg");

  g_assert_cmpint (outcome->status, ==, 1);
  g_assert_true (g_str_has_prefix (last_line (outcome->out), "Loading status: failed: "));
  assert_contains (last_line (outcome->out), "HTTP 404");
  assert_contains (last_line (outcome->out), "“Not Found”");
  assert_contains (outcome->err, "ERROR Contributors - Failed loading repos for nosuchorg with response: '404: Not Found'");
}

static void
test_cli_server_fault (void)
{
  GhFakeServer *server = start_server ("tutorial");
  g_autoptr(Outcome) outcome = NULL;

  gh_fake_server_add_fault (server, "/orgs/*/repos",
                            &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 503,
                                             .message = "Down for maintenance" });

  outcome = run ("--headless", "--variant", "CALLBACKS", "--api-url", gh_fake_server_get_uri (server),
                 "--org", "org");
  g_assert_cmpint (outcome->status, ==, 1);
  g_assert_true (g_str_has_prefix (last_line (outcome->out), "Loading status: failed: "));
  assert_contains (last_line (outcome->out), "HTTP 503");
  assert_contains (last_line (outcome->out), "“Down for maintenance”");

  stop_server (server);
}

static void
test_cli_quota_used_up (void)
{
  GhFakeServer *server = start_server ("tutorial");
  g_autoptr(Outcome) outcome = NULL;

  g_test_summary ("Against a real API, a used-up rate limit fails the load before it starts");

  gh_fake_server_set_rate_limit (server, 60, 0, g_get_real_time () / G_USEC_PER_SEC + 1800);
  outcome = run ("--headless", "--variant", "CALLBACKS", "--api-url", gh_fake_server_get_uri (server),
                 "--org", "org");
  g_assert_cmpint (outcome->status, ==, 1);
  g_assert_true (g_str_has_prefix (last_line (outcome->out), "Loading status: failed: "));
  assert_contains (last_line (outcome->out), "No requests are left in the rate limit until ");
  assert_contains (last_line (outcome->out), "An access token raises the limit.");
  g_assert_cmpuint (gh_fake_server_count_requests (server, "/rate_limit"), ==, 1);
  g_assert_cmpuint (gh_fake_server_get_n_requests (server), ==, 1);

  stop_server (server);
}

static void
test_cli_quota_short (void)
{
  GhFakeServer *server = start_server ("tutorial");
  g_autoptr(Outcome) outcome = NULL;

  g_test_summary ("When the repositories outnumber the requests left, the runner warns "
                  "before loading them");

  /* The repository list takes one of the two; three repositories follow */
  gh_fake_server_set_rate_limit (server, 60, 2, g_get_real_time () / G_USEC_PER_SEC + 1800);
  outcome = run ("--headless", "--variant", "BLOCKING", "--api-url", gh_fake_server_get_uri (server),
                 "--org", "org");
  g_test_message ("stderr: %s", outcome->err);
  assert_contains (outcome->err, "contributors: warning: 3 repositories need at least 3 requests, "
                                 "but the rate limit has 1 left until ");
  assert_contains (outcome->err, "; some repositories will fail to load\n");
  /* Said before any repository is loaded */
  g_assert_nonnull (strstr (outcome->err, "repo-1: loaded"));
  g_assert_true (strstr (outcome->err, "warning:") < strstr (outcome->err, "repo-1: loaded"));
  g_assert_cmpint (outcome->status, ==, 0);

  stop_server (server);
}

static void
test_cli_quota_enough (void)
{
  GhFakeServer *server = start_server ("tutorial");
  g_autoptr(Outcome) outcome = NULL;

  gh_fake_server_set_rate_limit (server, 60, 4, g_get_real_time () / G_USEC_PER_SEC + 1800);
  outcome = run ("--headless", "--variant", "CALLBACKS", "--api-url", gh_fake_server_get_uri (server),
                 "--org", "org");
  g_assert_cmpint (outcome->status, ==, 0);
  g_assert_null (strstr (outcome->err, "warning"));

  stop_server (server);
}

static void
test_cli_partial_failure (void)
{
  GhFakeServer *server = start_server ("tutorial");
  g_autoptr(Outcome) outcome = NULL;

  gh_fake_server_add_fault (server, "/repos/org/repo-2/contributors",
                            &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 500,
                                             .message = "Something broke" });

  outcome = run ("--headless", "--variant", "CHANNELS", "--api-url", gh_fake_server_get_uri (server),
                 "--org", "org");
  /* The load completed: the other repositories count */
  g_assert_cmpint (outcome->status, ==, 0);
  g_assert_true (g_str_has_prefix (last_line (outcome->out), "Loading status: completed in "));
  g_assert_true (g_str_has_suffix (last_line (outcome->out), ", with 1 error"));
  assert_contains (outcome->out, "user-2             70\n");
  assert_contains (outcome->err, "1 repository could not be loaded:\n  repo-2: ");
  assert_contains (outcome->err, "“Something broke”");

  stop_server (server);
}

static void
test_cli_build_tree_locale (void)
{
  const char *env[] = { "LANGUAGE", "ru", "CONTRIBUTORS_LOCALEDIR", BUILD_LOCALEDIR, NULL };
  g_autoptr(Outcome) outcome = run_env (env, NULL,
                                        (const char * const []) {
                                          "--headless", "--variant", "SUSPEND", "--demo",
                                          "--dataset", "tutorial", "--org", "nosuchorg", NULL });

  g_test_summary ("With CONTRIBUTORS_LOCALEDIR, as build-aux/run sets it, the executable "
                  "speaks Russian from the catalogue built in the tree, the client's errors "
                  "included");

  g_assert_cmpint (outcome->status, ==, 1);
  g_assert_true (g_str_has_prefix (last_line (outcome->out),
                                   "Статус загрузки: ошибка: Организация или репозиторий "
                                   "не найдены (или закрыты): HTTP 404 Not Found в ответ на "));
  /* The log keeps the tutorial's English */
  assert_contains (outcome->err, "ERROR Contributors - Failed loading repos for nosuchorg");
}

typedef struct
{
  const char *args[12];
  const char *message_part;
} BadCase;

static const BadCase bad_cases[] = {
  { { "--variant", "TURBO" }, "unknown variant “TURBO”" },
  { { "--variant", "SUSPEND", "--api-url", "http//nowhere", "--org", "x" }, "--api-url" },
  { { "--variant", "SUSPEND", "--api-url", "http://example.com/", "--org", "x" }, "--api-url" },
  { { "--variant", "SUSPEND", "--api-url", "https://%2f/", "--org", "x" }, "invalid host name “/”" },
  { { "--variant", "SUSPEND", "--api-url", "https://a%25b/", "--org", "x" }, "invalid host name “a%b”" },
  { { "--variant", "SUSPEND", "--max-requests", "many" }, "--max-requests" },
  { { "--variant", "SUSPEND", "--cancel-after", "1.5" }, "--cancel-after" },
  { { "--variant", "SUSPEND", "--demo", "--api-url", "http://127.0.0.1:1/" }, "exclude each other" },
  { { "--variant", "SUSPEND", "--dataset", "no-such-dataset" }, "--dataset" },
  { { "--variant", "SUSPEND", "--token", TOKEN }, "--token-file" },
  { { "--variant", "SUSPEND", "--org", "x", "--token-file", "/nonexistent/token" }, "/nonexistent/token" },
  { { "--compare", "--variant", "SUSPEND" }, "--compare" },
};

static void
test_cli_bad_arguments (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autoptr(Outcome) outcome = NULL;

      g_ptr_array_add (args, (gpointer) "--headless");
      for (guint j = 0; bad_cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (gpointer) bad_cases[i].args[j]);
      g_ptr_array_add (args, NULL);

      outcome = run_env (NULL, NULL, (const char * const *) args->pdata);
      g_assert_cmpint (outcome->status, ==, 2);
      g_assert_cmpstr (outcome->out, ==, "");
      g_assert_true (g_str_has_prefix (outcome->err, "contributors: "));
      assert_contains (outcome->err, bad_cases[i].message_part);
      assert_contains (outcome->err, "--headless --help");
      g_assert_null (strstr (outcome->err, TOKEN));
    }
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_node_get_object (root);
}

static void
test_cli_json (void)
{
  g_autoptr(Outcome) outcome = run ("--headless", "--variant", "PROGRESS", "--dataset", "tutorial",
                                    "--latency-scale", "0.01", "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonArray *users;
  JsonObject *server;

  g_assert_cmpint (outcome->status, ==, 0);
  object = parse_object (parser, outcome->out);

  g_assert_cmpstr (json_object_get_string_member (object, "variant"), ==, "PROGRESS");
  g_assert_cmpstr (json_object_get_string_member (object, "org"), ==, "org");
  g_assert_true (json_object_get_boolean_member (object, "demo"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "api_url"), "http://127.0.0.1:"));
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "completed");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "status_line"),
                                   "Loading status: completed in "));
  g_assert_cmpint (json_object_get_int_member (object, "elapsed_ms"), >=, 0);
  g_assert_true (json_object_get_null_member (object, "cancel_ms"));
  g_assert_cmpint (json_object_get_int_member (object, "rows"), ==, 3);
  g_assert_true (json_object_get_null_member (object, "error"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "failures")), ==, 0);
  /* PROGRESS: one update per repository */
  g_assert_cmpint (json_object_get_int_member (object, "updates"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (object, "requests"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (object, "peak_in_flight"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "max_blocked_ms"), >=, 0);

  users = json_object_get_array_member (object, "users");
  g_assert_cmpuint (json_array_get_length (users), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (users, 0), "login"), ==, "user-2");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (users, 0), "contributions"), ==, 100);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (users, 2), "login"), ==, "user-1");

  server = json_object_get_object_member (object, "server");
  g_assert_cmpint (json_object_get_int_member (server, "requests"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (server, "peak_in_flight"), ==, 1);
}

static void
test_cli_json_error (void)
{
  g_autoptr(Outcome) outcome = run ("--headless", "--variant", "CHANNELS", "--dataset", "tutorial",
                                    "--org", "missing", "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonObject *error;

  g_assert_cmpint (outcome->status, ==, 1);
  object = parse_object (parser, outcome->out);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "failed");
  error = json_object_get_object_member (object, "error");
  g_assert_cmpint (json_object_get_int_member (error, "http_status"), ==, 404);
  g_assert_cmpstr (json_object_get_string_member (error, "github_message"), ==, "Not Found");
  g_assert_cmpstr (json_object_get_string_member (error, "domain"), ==, g_quark_to_string (GH_ERROR));
  assert_contains (json_object_get_string_member (error, "url"), "/orgs/missing/repos");
}

/* Text and JSON alike, each run asserts that its output was UTF-8
 * (g_subprocess_communicate_utf8() refuses anything else) */
static void
assert_plain_text (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p != '\n' && g_ascii_iscntrl (*p))
      g_error ("control character 0x%02x at byte %ld of:\n%s",
               (guint) *p, (long) (p - text), text);
  g_assert_null (strstr (text, "\u202e"));
}

/* A server whose logins and messages carry terminal sequences, fake rows,
 * a lone surrogate and a bidi override, and a login as long as a page,
 * among a thousand users */
static void
test_cli_hostile (void)
{
  GhFakeServer *server = start_server ("tutorial");
  g_autoptr(GString) body = g_string_new ("[");
  g_autoptr(Outcome) text = NULL;
  g_autoptr(Outcome) json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonArray *users;
  JsonObject *failure;
  gboolean seen_escape = FALSE;

  g_string_append (body, "{\"login\": \"evil\\u001b[2J\\u001b]0;owned\\u0007\", \"contributions\": 900},"
                         "{\"login\": \"row\\nfake-user  99999\", \"contributions\": 800},"
                         "{\"login\": \"lone\\ud800x\", \"contributions\": 700},"
                         "{\"login\": \"rtl\\u202eevil\", \"contributions\": 600},"
                         "{\"login\": \"");
  for (guint i = 0; i < 20000; i++)
    g_string_append_c (body, 'L');
  g_string_append (body, "\", \"contributions\": 500}");
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (body, ", {\"login\": \"u%u\", \"contributions\": 1}", i);
  g_string_append (body, "]");

  gh_fake_server_add_fault (server, "/repos/org/repo-1/contributors",
                            &(GhFakeFault) { .kind = GH_FAKE_FAULT_BODY, .body = body->str });
  gh_fake_server_add_fault (server, "/repos/org/repo-2/contributors",
                            &(GhFakeFault) { .kind = GH_FAKE_FAULT_STATUS, .status = 500,
                                             .message = "Oops\x1b[2K\r\nfake line" });

  text = run ("--headless", "--variant", "SUSPEND", "--api-url", gh_fake_server_get_uri (server),
              "--org", "org");
  g_assert_cmpint (text->status, ==, 0);
  assert_plain_text (text->out);
  assert_plain_text (text->err);
  assert_contains (text->out, "\nevil\\u{1b}[2J\\u{1b}]0;owned\\u{7}   ");
  assert_contains (text->out, "\nrow\\u{a}fake-user  99999   ");
  assert_contains (text->err, "“Oops\\u{1b}[2K\\u{d}\\u{a}fake line”");
  /* A bounded width, not 20 000 columns on each of a thousand rows */
  g_assert_cmpuint (strlen (text->out), <, 1010 * 60);

  json = run ("--headless", "--variant", "SUSPEND", "--api-url", gh_fake_server_get_uri (server),
              "--org", "org", "--json");
  g_assert_cmpint (json->status, ==, 0);
  assert_plain_text (json->out);
  object = parse_object (parser, json->out);
  users = json_object_get_array_member (object, "users");
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      const char *login = json_object_get_string_member (json_array_get_object_element (users, i),
                                                         "login");

      g_assert_true (g_utf8_validate (login, -1, NULL));
      g_assert_cmpint (g_utf8_strlen (login, -1), <=, GH_TEXT_MAX_NAME_CHARS);
      g_assert_null (strchr (login, '\x1b'));
      g_assert_null (strchr (login, '\n'));
      seen_escape |= g_str_equal (login, "evil\\u{1b}[2J\\u{1b}]0;owned\\u{7}");
    }
  g_assert_true (seen_escape);
  failure = json_array_get_object_element (json_object_get_array_member (object, "failures"), 0);
  g_assert_cmpstr (json_object_get_string_member (failure, "github_message"), ==,
                   "Oops\\u{1b}[2K\\u{d}\\u{a}fake line");

  stop_server (server);
}

static void
test_cli_compare_json (void)
{
  g_autoptr(Outcome) outcome = run ("--headless", "--compare", "--dataset", "tutorial",
                                    "--latency-scale", "0.01", "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonArray *variants;

  g_assert_cmpint (outcome->status, ==, 0);
  object = parse_object (parser, outcome->out);
  g_assert_cmpstr (json_object_get_string_member (object, "reference"), ==, "SUSPEND");
  variants = json_object_get_array_member (object, "variants");
  g_assert_cmpuint (json_array_get_length (variants), ==, 8);

  for (guint i = 0; i < 8; i++)
    {
      JsonObject *variant = json_array_get_object_element (variants, i);

      g_assert_cmpstr (json_object_get_string_member (variant, "status"), ==, "completed");
      g_assert_true (json_object_get_boolean_member (variant, "same_as_reference"));
      g_assert_cmpint (json_object_get_int_member (variant, "rows"), ==, 3);
      g_assert_cmpint (json_object_get_int_member (variant, "requests"), ==, 4);
      g_assert_false (json_object_has_member (variant, "users"));
    }

  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (variants, 0), "variant"), ==,
                   "BLOCKING");
  /* The concurrent ones have every contributors call under way at once */
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (variants, 4),
                                               "peak_in_flight"), ==, 3);
}

static void
test_cli_compare_text (void)
{
  g_autoptr(Outcome) outcome = run ("--headless", "--compare", "--dataset", "tutorial",
                                    "--latency-scale", "0.01");
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (outcome->status, ==, 0);
  lines = g_strsplit (outcome->out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Variant "));
  for (guint i = 0; i < CONTRIB_N_VARIANTS; i++)
    g_assert_true (g_str_has_prefix (lines[1 + i], contrib_variant_get_id ((ContribVariant) i)));
  assert_contains (lines[4], "reference");
}

static void
assert_all_bearer (GhFakeServer *server,
                   guint         n_expected)
{
  g_autoptr(GPtrArray) log = gh_fake_server_get_log (server);

  g_assert_cmpuint (log->len, ==, n_expected);
  for (guint i = 0; i < log->len; i++)
    {
      GhFakeRequest *request = g_ptr_array_index (log, i);

      g_assert_true (request->has_authorization);
      g_assert_cmpstr (request->auth_scheme, ==, "Bearer");
    }
}

static void
test_cli_token_file (void)
{
  GhFakeServer *server = start_server ("tutorial");
  g_autofree char *path = NULL;
  g_autoptr(Outcome) outcome = NULL;
  g_autoptr(GError) error = NULL;
  const char * const env[] = { "G_MESSAGES_DEBUG", "all", "GH_HTTP_DEBUG", "3", NULL };
  int fd;

  fd = g_file_open_tmp ("token-XXXXXX", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, "  " TOKEN "  \n# a comment line\n", -1, &error);
  g_assert_no_error (error);

  /* Even with every debug message and the HTTP headers logged */
  outcome = run_env (env, NULL, (const char * const []) {
                       "--headless", "--variant", "CONCURRENT", "--api-url", gh_fake_server_get_uri (server),
                       "--org", "org", "--token-file", path, NULL });
  g_assert_cmpint (outcome->status, ==, 0);
  g_assert_null (strstr (outcome->out, TOKEN));
  g_assert_null (strstr (outcome->err, TOKEN));
  g_assert_null (strstr (outcome->err, "T0pSecret"));

  gh_fake_server_wait_idle (server, 5000);
  /* /rate_limit, the repository list and three repositories */
  assert_all_bearer (server, 5);

  g_unlink (path);
  stop_server (server);
}

static void
test_cli_token_stdin (void)
{
  GhFakeServer *server = start_server ("tutorial");
  g_autoptr(Outcome) outcome = NULL;

  outcome = run_env (NULL, TOKEN "\nnot read\n", (const char * const []) {
                       "--headless", "--variant", "BACKGROUND", "--api-url", gh_fake_server_get_uri (server),
                       "--org", "org", "--token-file", "-", "--json", NULL });
  g_assert_cmpint (outcome->status, ==, 0);
  g_assert_null (strstr (outcome->out, TOKEN));
  g_assert_null (strstr (outcome->err, TOKEN));

  gh_fake_server_wait_idle (server, 5000);
  /* /rate_limit, the repository list and three repositories */
  assert_all_bearer (server, 5);

  stop_server (server);
}

typedef struct
{
  const char *contents;
  gssize      length;
  const char *message_part;
} BadToken;

/* What a token file can hold that is not a token: each a usage error that
 * names the file and what is wrong, without quoting what it holds */
static void
test_cli_bad_token_file (void)
{
  g_autofree char *long_line = g_strnfill (64 * 1024 + 1, 'x');
  const BadToken cases[] = {
    { "", 0, "is empty" },
    { TOKEN "\0" TOKEN "\n", 2 * strlen (TOKEN) + 2, "contains a NUL byte" },
    { long_line, -1, "is too long for a token" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("token-dir-XXXXXX", &error);

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases) + 1; i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *quoted = NULL;
      g_autoptr(Outcome) outcome = NULL;
      const char *message_part = "Is a directory";

      if (i < G_N_ELEMENTS (cases))
        {
          int fd = g_file_open_tmp ("token-XXXXXX", &path, &error);

          g_assert_no_error (error);
          close (fd);
          g_file_set_contents (path, cases[i].contents, cases[i].length, &error);
          g_assert_no_error (error);
          message_part = cases[i].message_part;
        }
      else
        {
          path = g_strdup (dir);
        }

      outcome = run ("--headless", "--variant", "SUSPEND", "--org", "org", "--token-file", path);
      g_assert_cmpint (outcome->status, ==, 2);
      g_assert_cmpstr (outcome->out, ==, "");
      quoted = g_strdup_printf ("“%s”", path);
      assert_contains (outcome->err, quoted);
      assert_contains (outcome->err, message_part);
      g_assert_null (strstr (outcome->err, TOKEN));
      g_assert_null (strstr (outcome->err, "xxxx"));

      if (i < G_N_ELEMENTS (cases))
        g_unlink (path);
    }

  g_rmdir (dir);
}

/* Nothing on standard input is an empty token file too */
static void
test_cli_token_stdin_empty (void)
{
  g_autoptr(Outcome) outcome = run_env (NULL, "", (const char * const []) {
                                          "--headless", "--variant", "SUSPEND", "--org", "org",
                                          "--token-file", "-", NULL });

  g_assert_cmpint (outcome->status, ==, 2);
  g_assert_cmpstr (outcome->out, ==, "");
  assert_contains (outcome->err, "--token-file: standard input is empty");
}

static void
test_cli_anonymous (void)
{
  GhFakeServer *server = start_server ("tutorial");
  g_autoptr(Outcome) outcome = NULL;
  g_autoptr(GPtrArray) log = NULL;

  outcome = run ("--headless", "--variant", "SUSPEND", "--api-url", gh_fake_server_get_uri (server),
                 "--org", "org");
  g_assert_cmpint (outcome->status, ==, 0);

  gh_fake_server_wait_idle (server, 5000);
  log = gh_fake_server_get_log (server);
  /* /rate_limit, the repository list and three repositories */
  g_assert_cmpuint (log->len, ==, 5);
  for (guint i = 0; i < log->len; i++)
    g_assert_false (((GhFakeRequest *) g_ptr_array_index (log, i))->has_authorization);

  stop_server (server);
}

static void
test_cli_cancel_after (void)
{
  /* The repositories take a second; the cancel comes first */
  g_autoptr(Outcome) outcome = run ("--headless", "--variant", "CONCURRENT", "--dataset", "tutorial",
                                    "--cancel-after", "200");

  g_assert_cmpint (outcome->status, ==, 1);
  g_assert_cmpstr (outcome->out, ==, "Loading status: canceled\n");
}

static void
test_cli_cancel_after_json (void)
{
  g_autoptr(Outcome) outcome = run ("--headless", "--variant", "BACKGROUND", "--dataset", "tutorial",
                                    "--cancel-after", "100", "--json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_assert_cmpint (outcome->status, ==, 1);
  object = parse_object (parser, outcome->out);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "canceled");
  g_assert_cmpstr (json_object_get_string_member (object, "status_line"), ==, "Loading status: canceled");
  g_assert_cmpint (json_object_get_int_member (object, "cancel_ms"), >=, 100);
  g_assert_true (json_object_get_null_member (object, "error"));
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the directories it sets per test */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/headless/cli/help", test_cli_help);
  g_test_add_func ("/headless/cli/version", test_cli_version);
  g_test_add_func ("/headless/cli/window-help", test_cli_window_help);
  g_test_add_func ("/headless/cli/no-display", test_cli_no_display);
  g_test_add_func ("/headless/cli/success", test_cli_success);
  g_test_add_func ("/headless/cli/unknown-org", test_cli_unknown_org);
  g_test_add_func ("/headless/cli/server-fault", test_cli_server_fault);
  g_test_add_func ("/headless/cli/partial-failure", test_cli_partial_failure);
  g_test_add_func ("/headless/cli/build-tree-locale", test_cli_build_tree_locale);
  g_test_add_func ("/headless/cli/bad-arguments", test_cli_bad_arguments);
  g_test_add_func ("/headless/cli/json", test_cli_json);
  g_test_add_func ("/headless/cli/json-error", test_cli_json_error);
  g_test_add_func ("/headless/cli/hostile", test_cli_hostile);
  g_test_add_func ("/headless/cli/compare-json", test_cli_compare_json);
  g_test_add_func ("/headless/cli/compare-text", test_cli_compare_text);
  g_test_add_func ("/headless/cli/token-file", test_cli_token_file);
  g_test_add_func ("/headless/cli/token-stdin", test_cli_token_stdin);
  g_test_add_func ("/headless/cli/bad-token-file", test_cli_bad_token_file);
  g_test_add_func ("/headless/cli/token-stdin-empty", test_cli_token_stdin_empty);
  g_test_add_func ("/headless/cli/anonymous", test_cli_anonymous);
  g_test_add_func ("/headless/cli/quota/used-up", test_cli_quota_used_up);
  g_test_add_func ("/headless/cli/quota/short", test_cli_quota_short);
  g_test_add_func ("/headless/cli/quota/enough", test_cli_quota_enough);
  g_test_add_func ("/headless/cli/cancel-after", test_cli_cancel_after);
  g_test_add_func ("/headless/cli/cancel-after-json", test_cli_cancel_after_json);

  return g_test_run ();
}
