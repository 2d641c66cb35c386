/* test-gh-unit.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The parts of the GitHub client that need no server: URLs, names, Link
 * headers, the JSON pre-scan and parser, errors, responses and the log.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "coro.h"
#include "gh.h"
#include "gh-error-private.h"
#include "gh-json-private.h"
#include "gh-limiter-private.h"
#include "gh-uri-private.h"

/* API URLs */

static void
assert_api_url (const char *input,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhClient) client = gh_client_new (input, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gh_client_get_api_url (client), ==, expected);
}

static void
assert_api_url_refused (const char *input,
                        const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhClient) client = gh_client_new (input, &error);

  g_assert_null (client);
  g_assert_error (error, GH_ERROR, GH_ERROR_INVALID_URL);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_uri_api_url (void)
{
  assert_api_url (NULL, "https://api.github.com/");
  assert_api_url ("https://api.github.com", "https://api.github.com/");
  assert_api_url ("https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3/");
  assert_api_url ("https://ghe.example.com/api/v3/", "https://ghe.example.com/api/v3/");
  assert_api_url ("HTTPS://GHE.example.com:8443/api/v3/", "https://ghe.example.com:8443/api/v3/");
  assert_api_url ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/");
  assert_api_url ("http://127.1.2.3:8080", "http://127.1.2.3:8080/");
  assert_api_url ("http://localhost:1234/api/v3", "http://localhost:1234/api/v3/");
  assert_api_url ("http://[::1]:1234/", "http://[::1]:1234/");

  assert_api_url_refused ("api.github.com", "not an absolute URL");
  assert_api_url_refused ("/orgs/x", "not an absolute URL");
  assert_api_url_refused ("", "not an absolute URL");
  assert_api_url_refused ("ftp://api.github.com/", "must start with https://");
  assert_api_url_refused ("http://api.github.com/", "plain http");
  assert_api_url_refused ("http://10.0.0.1/", "plain http");
  assert_api_url_refused ("http://127.0.0.1.example.com/", "plain http");
  assert_api_url_refused ("https://user:secret@api.github.com/", "user name or password");
  assert_api_url_refused ("https://api.github.com/?x=1", "query or fragment");
  assert_api_url_refused ("https://api.github.com/#top", "query or fragment");
  /* GUri decodes a host's %-escapes; libsoup would not find one in these */
  assert_api_url_refused ("https://%2f/", "invalid host name “/”");
  assert_api_url_refused ("https://api%25.github.com/", "invalid host name “api%.github.com”");
  assert_api_url_refused ("http://[::1%25lo]:1234/", "invalid host name");
  assert_api_url_refused ("http://127.0.0.1%2f:1234/", "invalid host name “127.0.0.1/”");
  assert_api_url_refused ("https://a%20b/", "invalid host name “a b”");
}

/* The relative join keeps an Enterprise prefix: a leading slash would drop
 * /api/v3 (see the platform notes) */
static void
test_uri_join (void)
{
  g_autoptr(GUri) base = _gh_uri_parse_api_url ("https://ghe.example.com/api/v3", NULL);
  g_autoptr(GUri) joined = NULL;
  g_autofree char *text = NULL;
  g_autofree char *segment = _gh_escape_segment ("my org/x?y#z%w");
  g_autofree char *relative = g_strdup_printf ("orgs/%s/repos?per_page=100", segment);

  g_assert_nonnull (base);
  g_assert_cmpstr (segment, ==, "my%20org%2Fx%3Fy%23z%25w");

  joined = g_uri_parse_relative (base, relative,
                                 G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  text = g_uri_to_string (joined);
  g_assert_cmpstr (text, ==,
                   "https://ghe.example.com/api/v3/orgs/my%20org%2Fx%3Fy%23z%25w/repos?per_page=100");
}

static void
test_uri_origin (void)
{
  const struct {
    const char *a;
    const char *b;
    gboolean    same;
  } cases[] = {
    { "https://api.github.com/", "https://api.github.com/organizations/1/repos", TRUE },
    { "https://api.github.com/", "https://API.GitHub.com:443/x", TRUE },
    { "https://api.github.com/", "http://api.github.com/x", FALSE },
    { "https://api.github.com/", "https://api.github.com:8443/x", FALSE },
    { "https://api.github.com/", "https://evil.example.com/x", FALSE },
    { "https://api.github.com/", "https://api.github.com.evil.example.com/", FALSE },
    { "http://127.0.0.1:4000/", "http://127.0.0.1:4001/", FALSE },
    { "http://127.0.0.1:4000/", "http://localhost:4000/", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GUri) a = g_uri_parse (cases[i].a, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
      g_autoptr(GUri) b = g_uri_parse (cases[i].b, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);

      g_assert_cmpint (_gh_uri_same_origin (a, b), ==, cases[i].same);
      g_assert_cmpint (_gh_uri_same_origin (b, a), ==, cases[i].same);
    }
}

static void
test_uri_for_host (void)
{
  const struct {
    const char *host;
    const char *url;
  } cases[] = {
    { NULL, "https://api.github.com/" },
    { "", "https://api.github.com/" },
    { " github.com ", "https://api.github.com/" },
    { "API.GITHUB.COM", "https://api.github.com/" },
    { "ghe.example.com", "https://ghe.example.com/api/v3/" },
    { "http://127.0.0.1:4000/", "http://127.0.0.1:4000/" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = gh_api_url_for_host (cases[i].host);

      g_assert_cmpstr (url, ==, cases[i].url);
    }
}

/* Names */

static void
assert_name_refused (const char *name,
                     const char *fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (_gh_validate_name ("organization", name, &error));
  g_assert_error (error, GH_ERROR, GH_ERROR_INVALID_NAME);
  g_assert_nonnull (strstr (error->message, fragment));
}

static void
test_names_validation (void)
{
  g_autofree char *longest = g_strnfill (GH_MAX_NAME_BYTES, 'a');
  g_autofree char *too_long = g_strnfill (GH_MAX_NAME_BYTES + 1, 'a');

  g_assert_true (_gh_validate_name ("organization", "kotlin", NULL));
  g_assert_true (_gh_validate_name ("organization", "a.b-c_d", NULL));
  g_assert_true (_gh_validate_name ("organization", "...", NULL));
  g_assert_true (_gh_validate_name ("organization", "my org/ä?#%", NULL));
  g_assert_true (_gh_validate_name ("organization", longest, NULL));

  assert_name_refused ("", "is empty");
  assert_name_refused (".", "not a valid organization name");
  assert_name_refused ("..", "not a valid organization name");
  assert_name_refused ("a\nb", "control character");
  assert_name_refused ("a\tb", "control character");
  assert_name_refused ("a\x7f", "control character");
  assert_name_refused ("a\xc2\x85", "control character");
  assert_name_refused ("a\xff", "not valid UTF-8");
  assert_name_refused (too_long, "too long");
}

/* Link headers */

static void
test_link_next (void)
{
  const struct {
    const char *header;
    const char *next;
  } cases[] = {
    { "<https://api.github.com/repositories/1300192/issues?page=2>; rel=\"prev\", "
      "<https://api.github.com/repositories/1300192/issues?page=4>; rel=\"next\", "
      "<https://api.github.com/repositories/1300192/issues?page=515>; rel=\"last\", "
      "<https://api.github.com/repositories/1300192/issues?page=1>; rel=\"first\"",
      "https://api.github.com/repositories/1300192/issues?page=4" },
    { "<https://api.github.com/organizations/1/repos?per_page=100&page=2>; rel=\"next\"",
      "https://api.github.com/organizations/1/repos?per_page=100&page=2" },
    { "</x?page=2>; rel=next", "/x?page=2" },
    { "<a>; rel=\"Next\"", "a" },
    { "<a>; title=\"x, y\"; rel=\"last next\"", "a" },
    { "<a>; rel=\"prev\", <b>;rel=\"next\"", "b" },
    { "<a>; rel=\"prev\", <b>; rel=\"last\"", NULL },
    { "<a>; rel=\"nextish\"", NULL },
    { "garbage", NULL },
    { "<unterminated; rel=\"next\"", NULL },
    /* Commas in a URI-reference and in quoted values (RFC 8288) */
    { "<https://api.github.com/x?ids=1,2&page=2>; rel=\"next\"", "https://api.github.com/x?ids=1,2&page=2" },
    { "<a,b>; rel=\"prev\", <c,d>; rel=\"next\"", "c,d" },
    { "<a>; title=\"a \\\"quoted\\\", rel=next\"; rel=prev, <b>; rel=next", "b" },
    { "<a> ; rel = \"next\" ; title=x", "a" },
    { "<a>; title*=UTF-8'de'n%c3%a4chste; rel=next", "a" },
    /* Only the first rel counts */
    { "<a>; rel=prev; rel=next", NULL },
    /* Malformed links are skipped, not half-read */
    { "<a; rel=\"next\", <b>; rel=next", "b" },
    { "<a>; rel=next; title=\"unterminated", NULL },
    { "<a>; rel=next junk, <b>; rel=next", "b" },
    { "junk, <b>; rel=next", "b" },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *next = _gh_link_find_next (cases[i].header);

      g_assert_cmpstr (next, ==, cases[i].next);
    }
}

/* JSON */

static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

static void
assert_prescan_refuses (const char *data,
                        gssize      length,
                        const char *fragment)
{
  g_autofree char *reason = NULL;

  if (length < 0)
    length = strlen (data);

  g_assert_false (_gh_json_prescan (data, length, GH_JSON_MAX_DEPTH, &reason));
  g_assert_nonnull (reason);
  if (strstr (reason, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", reason, fragment);
}

static void
test_json_depth (void)
{
  g_autofree char *ok = nested (GH_JSON_MAX_DEPTH);
  g_autofree char *deep = nested (GH_JSON_MAX_DEPTH + 1);
  g_autofree char *very_deep = nested (100000);
  g_autofree char *reason = NULL;
  g_autoptr(GString) hidden = g_string_new ("[\"");

  g_assert_true (_gh_json_prescan (ok, strlen (ok), GH_JSON_MAX_DEPTH, &reason));
  g_assert_null (reason);

  assert_prescan_refuses (deep, -1, "nested deeper than 64 levels");
  /* json-glib 1.6 would overflow its stack on this one */
  assert_prescan_refuses (very_deep, -1, "nested deeper than 64 levels");

  /* Brackets inside strings do not nest, escaped quotes do not end them */
  for (guint i = 0; i < 1000; i++)
    g_string_append (hidden, "[{\\\"");
  g_string_append (hidden, "\"]");
  g_assert_true (_gh_json_prescan (hidden->str, hidden->len, GH_JSON_MAX_DEPTH, &reason));

  /* json-glib 1.6 accepts comments and single-quoted strings; a quote
   * inside them must not hide brackets from the scan, so both are refused */
  assert_prescan_refuses ("[/* \" */ [[[]]]]", -1, "unexpected ‘/’");
  assert_prescan_refuses ("['\"', [[[]]]]", -1, "unexpected ‘'’");
  assert_prescan_refuses ("[1]\x00[", 5, "unexpected byte 0x00");
}

static void
test_json_prescan_shapes (void)
{
  g_autofree char *reason = NULL;

  assert_prescan_refuses ("", 0, "the body is empty");
  assert_prescan_refuses (" \n\t", -1, "the body is empty");
  assert_prescan_refuses ("<!DOCTYPE html><html>…</html>", -1, "HTML page");
  assert_prescan_refuses ("  <html>", -1, "HTML page");
  assert_prescan_refuses ("[{\"name\": \"a", -1, "unterminated string");
  assert_prescan_refuses ("[{\"name\": \"a\"}", -1, "unclosed array or object");
  assert_prescan_refuses ("]", -1, "unbalanced");
  /* json-glib 1.6 takes the first and leaks */
  assert_prescan_refuses ("[] []", -1, "a second value at byte 3");
  assert_prescan_refuses ("[1],[2]", -1, "a second value at byte 4");
  assert_prescan_refuses ("{}\n\"x\"", -1, "a second value at byte 3");
  assert_prescan_refuses ("1 2", -1, "a second value at byte 2");
  assert_prescan_refuses ("[true] null", -1, "a second value at byte 7");

  g_assert_true (_gh_json_prescan ("\xef\xbb\xbf[1, -2.5e3, true, null, \"x\"]", 31,
                                   GH_JSON_MAX_DEPTH, &reason));
  g_assert_true (_gh_json_prescan ("[9223372036854775807, -9223372036854775808, 1e400]", 50,
                                   GH_JSON_MAX_DEPTH, &reason));
}

static GPtrArray *
parse (GType        type,
       const char  *data,
       char       **reason)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  int anonymous = -1;

  if (!_gh_json_parse_items (type, data, strlen (data), items, &anonymous, reason))
    g_clear_pointer (&items, g_ptr_array_unref);

  return items;
}

static void
assert_parse_refuses (GType       type,
                      const char *data,
                      const char *fragment)
{
  g_autofree char *reason = NULL;
  g_autoptr(GPtrArray) items = parse (type, data, &reason);

  g_assert_null (items);
  g_assert_nonnull (reason);
  if (strstr (reason, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", reason, fragment);
}

static void
test_json_repos (void)
{
  g_autofree char *reason = NULL;
  g_autoptr(GPtrArray) items =
    parse (GH_TYPE_REPO,
           "[{\"id\": 7, \"name\": \"repo-1\", \"owner\": {\"login\": \"x\"}, \"fork\": false},"
           " {\"name\": \"repo-2\", \"id\": null}]",
           &reason);

  g_assert_null (reason);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpint (gh_repo_get_id (items->pdata[0]), ==, 7);
  g_assert_cmpstr (gh_repo_get_name (items->pdata[0]), ==, "repo-1");
  g_assert_cmpint (gh_repo_get_id (items->pdata[1]), ==, 0);
  g_assert_cmpstr (gh_repo_get_name (items->pdata[1]), ==, "repo-2");

  g_clear_pointer (&items, g_ptr_array_unref);
  items = parse (GH_TYPE_REPO, "[]", &reason);
  g_assert_cmpuint (items->len, ==, 0);

  assert_parse_refuses (GH_TYPE_REPO, "{\"message\": \"x\"}", "expected a JSON array, got an object");
  assert_parse_refuses (GH_TYPE_REPO, "\"x\"", "expected a JSON array, got a string");
  assert_parse_refuses (GH_TYPE_REPO, "[1]", "item 0 is a number, not an object");
  assert_parse_refuses (GH_TYPE_REPO, "[{}]", "item 0 has no “name”");
  assert_parse_refuses (GH_TYPE_REPO, "[{\"name\": \"a\"}, {\"name\": 5}]",
                        "item 1: “name” is a number, not a string");
  assert_parse_refuses (GH_TYPE_REPO, "[{\"name\": \"\"}]", "“name” is empty");
  assert_parse_refuses (GH_TYPE_REPO, "[{\"name\": \"a\", \"id\": \"7\"}]",
                        "“id” is a string, not an integer");
  assert_parse_refuses (GH_TYPE_REPO, "[{\"name\": \"a\", \"id\": -1}]", "“id” is negative");
  assert_parse_refuses (GH_TYPE_REPO, "[tru]", "not valid JSON");
  assert_parse_refuses (GH_TYPE_REPO, "[\"\xff\"]", "not valid JSON");
}

static void
test_json_users (void)
{
  g_autofree char *reason = NULL;
  g_autoptr(GPtrArray) items =
    parse (GH_TYPE_USER,
           "[{\"login\": \"user-1\", \"contributions\": 10, \"type\": \"User\"},"
           " {\"login\": \"user-2\", \"contributions\": 20}]",
           &reason);

  g_assert_null (reason);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (gh_user_get_login (items->pdata[1]), ==, "user-2");
  g_assert_cmpint (gh_user_get_contributions (items->pdata[1]), ==, 20);

  assert_parse_refuses (GH_TYPE_USER, "[{\"login\": \"a\"}]", "item 0 has no “contributions”");
  assert_parse_refuses (GH_TYPE_USER, "[{\"login\": \"a\", \"contributions\": \"5\"}]",
                        "“contributions” is a string, not an integer");
  assert_parse_refuses (GH_TYPE_USER, "[{\"login\": \"a\", \"contributions\": 1.5}]",
                        "“contributions” is a fractional number, not an integer");
  assert_parse_refuses (GH_TYPE_USER, "[{\"login\": \"a\", \"contributions\": -1}]",
                        "“contributions” is negative");
  /* json-glib 1.6 would read -1, and -9223372036854775808 */
  assert_parse_refuses (GH_TYPE_USER, "[{\"login\": \"a\", \"contributions\": 99999999999999999999}]",
                        "the integer at byte 33 is out of range: 99999999999999999999");
  assert_parse_refuses (GH_TYPE_USER, "[{\"login\": \"a\", \"contributions\": 9223372036854775808}]",
                        "out of range");
  assert_parse_refuses (GH_TYPE_REPO, "[{\"name\": \"a\", \"id\": -9223372036854775809}]",
                        "out of range");
  assert_parse_refuses (GH_TYPE_USER, "[{\"login\": 5, \"contributions\": 1}]",
                        "“login” is a number, not a string");
  assert_parse_refuses (GH_TYPE_USER, "[{\"login\": \"\", \"contributions\": 1}]",
                        "“login” is empty");
}

/* The profile links are kept when they are web URLs, and dropped, not
 * fatal, otherwise */
static void
test_json_user_links (void)
{
  g_autofree char *reason = NULL;
  g_autoptr(GPtrArray) items =
    parse (GH_TYPE_USER,
           "[{\"login\": \"a\", \"contributions\": 1, \"html_url\": \"https://github.com/a\","
           "  \"avatar_url\": \"https://avatars.githubusercontent.com/u/1?v=4\"},"
           " {\"login\": \"b\", \"contributions\": 1, \"html_url\": \"javascript:alert(1)\","
           "  \"avatar_url\": 7},"
           " {\"login\": \"c\", \"contributions\": 1, \"html_url\": \"https://x/\\u001b[2J\"},"
           " {\"login\": \"d\", \"contributions\": 1, \"html_url\": \"https://exa mple.com/d\"},"
           " {\"login\": \"e\", \"contributions\": 1}]",
           &reason);

  g_assert_null (reason);
  g_assert_cmpuint (items->len, ==, 5);
  g_assert_cmpstr (gh_user_get_html_url (items->pdata[0]), ==, "https://github.com/a");
  g_assert_cmpstr (gh_user_get_avatar_url (items->pdata[0]), ==, "https://avatars.githubusercontent.com/u/1?v=4");
  for (guint i = 1; i < items->len; i++)
    {
      g_assert_null (gh_user_get_html_url (items->pdata[i]));
      g_assert_null (gh_user_get_avatar_url (items->pdata[i]));
    }
}

/* Entries without a login are summed into one "(anonymous)" entry, at the
 * position of the first, across pages */
static void
test_json_anonymous (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *reason = NULL;
  const char *page1 =
    "[{\"login\": \"a\", \"contributions\": 9},"
    " {\"type\": \"Anonymous\", \"email\": \"x@example.com\", \"contributions\": 5},"
    " {\"login\": \"b\", \"contributions\": 4},"
    " {\"login\": null, \"contributions\": 3}]";
  const char *page2 = "[{\"contributions\": 2}, {\"login\": \"c\", \"contributions\": 1}]";
  int anonymous = -1;

  g_assert_true (_gh_json_parse_items (GH_TYPE_USER, page1, strlen (page1), items, &anonymous, &reason));
  g_assert_true (_gh_json_parse_items (GH_TYPE_USER, page2, strlen (page2), items, &anonymous, &reason));
  g_assert_null (reason);

  g_assert_cmpuint (items->len, ==, 4);
  g_assert_cmpint (anonymous, ==, 1);
  g_assert_cmpstr (gh_user_get_login (items->pdata[0]), ==, "a");
  g_assert_cmpstr (gh_user_get_login (items->pdata[1]), ==, GH_USER_ANONYMOUS_LOGIN);
  g_assert_cmpint (gh_user_get_contributions (items->pdata[1]), ==, 10);
  g_assert_cmpstr (gh_user_get_login (items->pdata[2]), ==, "b");
  g_assert_cmpstr (gh_user_get_login (items->pdata[3]), ==, "c");
}

static void
test_json_error_message (void)
{
  const struct {
    const char *body;
    const char *message;
  } cases[] = {
    { "{\"message\": \"Not Found\", \"documentation_url\": \"https://docs.github.com\"}", "Not Found" },
    /* As sent: the client sanitizes it, knowing the token to redact */
    { "{\"message\": \"two\\nlines\\u0007\"}", "two\nlines\a" },
    { "{\"message\": 5}", NULL },
    { "[\"message\"]", NULL },
    { "<html>Bad Gateway</html>", NULL },
    { "", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = _gh_json_extract_message (cases[i].body, strlen (cases[i].body));

      g_assert_cmpstr (message, ==, cases[i].message);
    }

  /* Half a surrogate pair is JSON, which json-glib 1.6 makes invalid UTF-8
   * of: it comes back with the bad bytes replaced (found by fuzz-repos-page) */
  for (const char * const *body = (const char * const[]) { "{\"message\": \"a\\udf00c\"}",
                                                           "{\"message\": \"a\\ud80ation\"}", NULL };
       *body != NULL; body++)
    {
      g_autofree char *message = _gh_json_extract_message (*body, strlen (*body));

      g_assert_nonnull (message);
      g_assert_true (g_utf8_validate (message, -1, NULL));
      g_assert_true (g_str_has_prefix (message, "a"));
      g_assert_nonnull (strstr (message, "\xef\xbf\xbd"));
    }
}

/* Server text */

static void
test_text_sanitize (void)
{
  const struct {
    const char *text;
    gssize      max_chars;
    const char *token;
    const char *expected;
  } cases[] = {
    { "octocat", -1, NULL, "octocat" },
    { "ünï — 日本", -1, NULL, "ünï — 日本" },
    /* Terminal sequences, a fake line, a bell, DEL and C1's CSI */
    { "a\x1b[2Jb", -1, NULL, "a\\u{1b}[2Jb" },
    { "row\r\nfake  99", -1, NULL, "row\\u{d}\\u{a}fake  99" },
    { "\a\t\x7f\xc2\x9b", -1, NULL, "\\u{7}\\u{9}\\u{7f}\\u{9b}" },
    /* Bidi overrides and isolates, and the line separator */
    { "a\u202eb\u2066c\u2069\u2028", -1, NULL, "a\\u{202e}b\\u{2066}c\\u{2069}\\u{2028}" },
    /* Not UTF-8, and the surrogate json-glib makes of "\ud800" */
    { "a\xff\xfe" "b", -1, NULL, "a\xef\xbf\xbd\xef\xbf\xbd" "b" },
    { "a\xed\xa0\x80", -1, NULL, "a\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
    /* Cut to the length, ellipsis included, never inside an escape */
    { "abcdef", 6, NULL, "abcdef" },
    { "abcdefg", 6, NULL, "abcde…" },
    { "日本語日本語日本語", 4, NULL, "日本語…" },
    { "ab\x1b", 7, NULL, "ab…" },
    { "ab\x1b", 8, NULL, "ab\\u{1b}" },
    { "abc", 1, NULL, "…" },
    /* The token, anywhere, even where a cut would have left part of it */
    { "Bearer tok3n and tok3n", -1, "tok3n", "Bearer [REDACTED] and [REDACTED]" },
    { "Bad credentials: Bearer tok3nABCDEF", 30, "tok3nABCDEF", "Bad credentials: Bearer [REDA…" },
    { "no token here", -1, "", "no token here" },
    { "", 5, "x", "" },
  };
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *cut = NULL;
  g_autofree char *again = NULL;

  g_assert_null (gh_text_sanitize (NULL, -1, "x"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = gh_text_sanitize (cases[i].text, cases[i].max_chars,
                                                  cases[i].token);
      g_autofree char *twice = gh_text_sanitize (result, cases[i].max_chars, cases[i].token);

      g_test_message ("case %u: %s", i, result);
      g_assert_cmpstr (result, ==, cases[i].expected);
      g_assert_true (g_utf8_validate (result, -1, NULL));
      if (cases[i].max_chars > 0)
        g_assert_cmpint (g_utf8_strlen (result, -1), <=, cases[i].max_chars);
      /* Sanitized text passes through unchanged */
      g_assert_cmpstr (twice, ==, result);
    }

  /* A 100 000-character login costs what its shown part does */
  for (guint i = 0; i < 100000; i++)
    g_string_append (huge, "é\x1b");
  cut = gh_text_sanitize (huge->str, GH_TEXT_MAX_NAME_CHARS, NULL);
  g_assert_cmpint (g_utf8_strlen (cut, -1), ==, GH_TEXT_MAX_NAME_CHARS);
  g_assert_true (g_str_has_suffix (cut, "\\u{1b}é…"));
  again = gh_text_sanitize (cut, GH_TEXT_MAX_NAME_CHARS, NULL);
  g_assert_cmpstr (again, ==, cut);
}

/* Errors and responses */

static void
test_error_details (void)
{
  g_autoptr(GError) error = g_error_new_literal (GH_ERROR, GH_ERROR_RATE_LIMITED, "limited");
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) plain = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "io");

  g_assert_cmpuint (gh_error_get_http_status (error), ==, 0);
  g_assert_null (gh_error_get_url (error));

  _gh_error_set_details (error, "https://api.github.com/orgs/x/repos", 403, "Forbidden",
                         "API rate limit exceeded", 1700000000, 30);
  copy = g_error_copy (error);

  g_assert_cmpuint (gh_error_get_http_status (copy), ==, 403);
  g_assert_cmpstr (gh_error_get_reason (copy), ==, "Forbidden");
  g_assert_cmpstr (gh_error_get_url (copy), ==, "https://api.github.com/orgs/x/repos");
  g_assert_cmpstr (gh_error_get_github_message (copy), ==, "API rate limit exceeded");
  g_assert_cmpint (gh_error_get_rate_limit_reset (copy), ==, 1700000000);
  g_assert_cmpint (gh_error_get_retry_after (copy), ==, 30);

  /* Any error may be asked */
  g_assert_cmpuint (gh_error_get_http_status (plain), ==, 0);
  g_assert_null (gh_error_get_url (plain));
  g_assert_cmpint (gh_error_get_rate_limit_reset (plain), ==, 0);
}

static void
test_response_basics (void)
{
  g_autoptr(GhResponse) a = gh_response_new (GH_TYPE_USER, 200, NULL);
  g_autoptr(GhResponse) b = gh_response_new (GH_TYPE_USER, 200, "OK");
  g_autoptr(GhResponse) empty = gh_response_new (GH_TYPE_USER, 204, NULL);
  g_autoptr(GhUser) user = gh_user_new ("x", 3);
  g_autoptr(GhUser) other = gh_user_new ("x", 4);

  g_assert_cmpuint (gh_response_get_status (a), ==, 200);
  g_assert_cmpstr (gh_response_get_reason (a), ==, "OK");
  g_assert_cmpstr (gh_response_get_reason (empty), ==, "No Content");
  g_assert_cmpint (gh_response_get_rate_limit_remaining (a), ==, GH_RESPONSE_UNKNOWN);
  g_assert_cmpuint (gh_response_get_n_pages (a), ==, 1);

  gh_response_add_item (a, user);
  g_assert_false (gh_response_equal_items (a, b));
  gh_response_add_item (b, other);
  g_assert_false (gh_response_equal_items (a, b));
  gh_response_add_item (a, other);
  g_assert_cmpuint (gh_response_get_n_items (a), ==, 2);
  g_assert_true (gh_response_get_user (a, 0) == user);

  gh_response_set_rate_limit (a, 60, 59, 1700000000);
  g_assert_cmpint (gh_response_get_rate_limit_limit (a), ==, 60);
  g_assert_cmpint (gh_response_get_rate_limit_remaining (a), ==, 59);
  g_assert_cmpint (gh_response_get_rate_limit_reset (a), ==, 1700000000);

  g_assert_true (G_TYPE_IS_BOXED (GH_TYPE_RESPONSE));
}

static void
test_client_token (void)
{
  g_autoptr(GhClient) client = gh_client_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (gh_client_has_token (client));
  g_assert_true (gh_client_set_token (client, "  ghp_abc123\n", &error));
  g_assert_no_error (error);
  g_assert_true (gh_client_has_token (client));

  g_assert_false (gh_client_set_token (client, "ghp_a b", &error));
  g_assert_error (error, GH_ERROR, GH_ERROR_INVALID_TOKEN);
  g_assert_null (strstr (error->message, "ghp_a"));
  g_assert_true (gh_client_has_token (client));
  g_clear_error (&error);

  g_assert_true (gh_client_set_token (client, "", &error));
  g_assert_false (gh_client_has_token (client));
  g_assert_true (gh_client_set_token (client, NULL, &error));
  g_assert_false (gh_client_has_token (client));
}

static void
test_client_properties (void)
{
  g_autoptr(GhClient) client = gh_client_new (NULL, NULL);
  guint max_requests = 0;
  guint timeout = 0;

  g_assert_cmpuint (gh_client_get_max_requests (client), ==, GH_CLIENT_DEFAULT_MAX_REQUESTS);
  g_assert_cmpuint (gh_client_get_max_pages (client), ==, GH_CLIENT_DEFAULT_MAX_PAGES);
  g_assert_cmpuint (gh_client_get_request_timeout (client), ==, GH_CLIENT_DEFAULT_REQUEST_TIMEOUT);
  g_assert_cmpuint (gh_client_get_requests_in_flight (client), ==, 0);

  g_object_set (client, "max-requests", 4, NULL);
  g_object_get (client, "max-requests", &max_requests, NULL);
  g_assert_cmpuint (max_requests, ==, 4);
  g_assert_true (GH_IS_SERVICE (client));

  /* The rest are set once, when the client is made */
  g_clear_object (&client);
  client = g_initable_new (GH_TYPE_CLIENT, NULL, NULL, "max-pages", 2, "request-timeout", 7,
                           "retry-base-ms", 3, NULL);
  g_object_get (client, "request-timeout", &timeout, NULL);
  g_assert_cmpuint (timeout, ==, 7);
  g_assert_cmpuint (gh_client_get_max_pages (client), ==, 2);
  g_assert_cmpuint (gh_client_get_retry_base_ms (client), ==, 3);
}

/* GitHub's cloud allows 100 requests at once; other servers, whatever the
 * client is told. No request is made: the limits are worked out from the
 * API URL alone. */
static void
test_client_max_requests_origin (void)
{
  static const struct {
    const char *api_url;
    guint       cap;
  } cases[] = {
    { "https://api.github.com/", GH_CLIENT_GITHUB_MAX_REQUESTS },
    { "https://API.GitHub.com", GH_CLIENT_GITHUB_MAX_REQUESTS },
    { "https://api.github.com./", GH_CLIENT_GITHUB_MAX_REQUESTS },
    { "https://api.github.com:443/", GH_CLIENT_GITHUB_MAX_REQUESTS },
    { "https://api.octo.ghe.com/", GH_CLIENT_GITHUB_MAX_REQUESTS },
    { "https://ghe.example.com/api/v3/", GH_CLIENT_MAX_REQUESTS_LIMIT },
    { "https://api.github.com.example.com/", GH_CLIENT_MAX_REQUESTS_LIMIT },
    { "http://127.0.0.1:8080/", GH_CLIENT_MAX_REQUESTS_LIMIT },
    { "ftp://api.github.com/", 0 },
    { "http://api.github.com/", 0 },
  };

  g_assert_cmpuint (GH_CLIENT_MAX_REQUESTS_LIMIT, >, GH_CLIENT_GITHUB_MAX_REQUESTS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GhClient) client = NULL;
      g_autofree char *text = g_strdup_printf ("%s: %u", cases[i].api_url,
                                               gh_max_requests_for_api_url (cases[i].api_url));
      g_autofree char *expected = g_strdup_printf ("%s: %u", cases[i].api_url, cases[i].cap);

      g_assert_cmpstr (text, ==, expected);
      if (cases[i].cap == 0)
        continue;

      client = gh_client_new (cases[i].api_url, NULL);
      g_assert_nonnull (client);

      /* The setting is kept as given; what applies is held to the origin's */
      gh_client_set_max_requests (client, 300);
      g_assert_cmpuint (gh_client_get_max_requests (client), ==, 300);
      g_assert_cmpuint (gh_client_get_effective_max_requests (client), ==, MIN (300, cases[i].cap));

      gh_client_set_max_requests (client, GH_CLIENT_MAX_REQUESTS_LIMIT);
      g_assert_cmpuint (gh_client_get_effective_max_requests (client), ==, cases[i].cap);

      gh_client_set_max_requests (client, 50);
      g_assert_cmpuint (gh_client_get_max_requests (client), ==, 50);
      g_assert_cmpuint (gh_client_get_effective_max_requests (client), ==, 50);
    }
}

/* A limit given at construction, before the origin is known, is held to
 * the origin's all the same */
static void
test_client_max_requests_construct (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhClient) github = NULL;
  g_autoptr(GhClient) enterprise = NULL;
  guint max_requests = 0;

  github = g_initable_new (GH_TYPE_CLIENT, NULL, &error,
                           "api-url", GH_DEFAULT_API_URL,
                           "max-requests", 1200,
                           NULL);
  g_assert_no_error (error);
  g_object_get (github, "max-requests", &max_requests, NULL);
  g_assert_cmpuint (max_requests, ==, 1200);
  g_assert_cmpuint (gh_client_get_effective_max_requests (github), ==, GH_CLIENT_GITHUB_MAX_REQUESTS);

  enterprise = g_initable_new (GH_TYPE_CLIENT, NULL, &error,
                               "api-url", "https://ghe.example.com/api/v3/",
                               "max-requests", 1200,
                               NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (gh_client_get_effective_max_requests (enterprise), ==, 1200);
}

/* The limiter on its own: FIFO hand-over, cancellation of queued waiters
 * of both kinds */

static void
on_acquired (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_limiter_async (void)
{
  GhLimiter *limiter = _gh_limiter_new (1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) third = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (_gh_limiter_acquire (limiter, NULL, NULL));
  g_assert_cmpuint (_gh_limiter_get_in_flight (limiter), ==, 1);

  _gh_limiter_acquire_async (limiter, cancellable, on_acquired, &second);
  _gh_limiter_acquire_async (limiter, NULL, on_acquired, &third);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (second);
  g_assert_null (third);

  /* The queued waiter leaves without a slot */
  g_cancellable_cancel (cancellable);
  while (second == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_gh_limiter_acquire_finish (limiter, second, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (_gh_limiter_get_in_flight (limiter), ==, 1);

  /* The release goes to the next in line */
  _gh_limiter_release (limiter);
  while (third == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (_gh_limiter_acquire_finish (limiter, third, NULL));
  g_assert_cmpuint (_gh_limiter_get_in_flight (limiter), ==, 1);

  _gh_limiter_release (limiter);
  g_assert_cmpuint (_gh_limiter_get_in_flight (limiter), ==, 0);
  _gh_limiter_free (limiter);
}

typedef struct
{
  GhLimiter    *limiter;
  GCancellable *cancellable;
  gboolean      ok;
  GError       *error;
} BlockingWaiter;

static gpointer
blocking_waiter_thread (gpointer data)
{
  BlockingWaiter *waiter = data;

  waiter->ok = _gh_limiter_acquire (waiter->limiter, waiter->cancellable, &waiter->error);
  return NULL;
}

static void
test_limiter_blocking (void)
{
  GhLimiter *limiter = _gh_limiter_new (1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  BlockingWaiter cancelled = { limiter, cancellable, FALSE, NULL };
  BlockingWaiter served = { limiter, NULL, FALSE, NULL };
  GThread *thread1;
  GThread *thread2;

  g_assert_true (_gh_limiter_acquire (limiter, NULL, NULL));

  thread1 = g_thread_new ("waiter-1", blocking_waiter_thread, &cancelled);
  while (_gh_limiter_get_n_waiting (limiter) < 1)
    g_thread_yield ();
  thread2 = g_thread_new ("waiter-2", blocking_waiter_thread, &served);
  while (_gh_limiter_get_n_waiting (limiter) < 2)
    g_thread_yield ();

  g_cancellable_cancel (cancellable);
  g_thread_join (thread1);
  g_assert_false (cancelled.ok);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);

  _gh_limiter_release (limiter);
  g_thread_join (thread2);
  g_assert_true (served.ok);
  g_assert_cmpuint (_gh_limiter_get_in_flight (limiter), ==, 1);

  /* Raising the limit serves waiters at once */
  _gh_limiter_set_max (limiter, 2);
  g_assert_true (_gh_limiter_acquire (limiter, NULL, NULL));
  g_assert_cmpuint (_gh_limiter_get_in_flight (limiter), ==, 2);
  _gh_limiter_release (limiter);
  _gh_limiter_release (limiter);
  _gh_limiter_free (limiter);
}

/* The tutorial-style log */

static void
capture_line (const char *line,
              gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup (line));
}

static gboolean
line_matches (const char *line,
              const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);

  g_assert_nonnull (regex);
  return g_regex_match (regex, line, 0, NULL);
}

static void
assert_line (GPtrArray  *lines,
             guint       index,
             const char *pattern)
{
  g_assert_cmpuint (index, <, lines->len);
  if (!line_matches (lines->pdata[index], pattern))
    g_error ("log line “%s” does not match /%s/", (char *) lines->pdata[index], pattern);
}

static gpointer
log_from_worker (gpointer data)
{
  gh_log_info ("from a worker");
  return NULL;
}

static void
test_log_format (void)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GhResponse) repos = gh_response_new (GH_TYPE_REPO, 200, "OK");
  g_autoptr(GhResponse) users = gh_response_new (GH_TYPE_USER, 204, NULL);
  g_autoptr(GhRepo) repo = gh_repo_new (1, "repo-1");
  g_autoptr(GError) not_found = g_error_new_literal (GH_ERROR, GH_ERROR_NOT_FOUND, "No such…");
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                                   "Could not load http://x/: refused");
  GThread *thread;

  for (guint i = 0; i < 40; i++)
    gh_response_add_item (repos, repo);
  _gh_error_set_details (not_found, "http://x/", 404, "Not Found", NULL, 0, 0);

  gh_log_set_writer (capture_line, g_ptr_array_ref (lines), (GDestroyNotify) g_ptr_array_unref);
  gh_log_reset_clock ();

  gh_log_repos ("kotlin", repos, NULL);
  gh_log_users ("repo-1", users, NULL);
  gh_log_repos ("kotlin", NULL, not_found);
  gh_log_users ("repo-1", NULL, not_found);
  gh_log_users ("repo-2", NULL, refused);
  gh_log_info ("Updating result with %d rows", 3);
  thread = g_thread_new ("worker-7", log_from_worker, NULL);
  g_thread_join (thread);

  gh_log_set_writer (NULL, NULL, NULL);

  g_assert_cmpuint (lines->len, ==, 7);
  assert_line (lines, 0, "^[0-9]+ \\[main\\] INFO  Contributors - kotlin: loaded 40 repos$");
  assert_line (lines, 1, "^[0-9]+ \\[main\\] INFO  Contributors - repo-1: loaded 0 contributors$");
  assert_line (lines, 2, "^[0-9]+ \\[main\\] ERROR Contributors - Failed loading repos for kotlin "
                         "with response: '404: Not Found'$");
  assert_line (lines, 3, "^[0-9]+ \\[main\\] ERROR Contributors - Failed loading contributors for "
                         "repo-1 with response '404: Not Found'$");
  assert_line (lines, 4, "^[0-9]+ \\[main\\] ERROR Contributors - Failed loading contributors for "
                         "repo-2 with response 'Could not load http://x/: refused'$");
  assert_line (lines, 5, "^[0-9]+ \\[main\\] INFO  Contributors - Updating result with 3 rows$");
  assert_line (lines, 6, "^[0-9]+ \\[worker-7\\] INFO  Contributors - from a worker$");

  /* Milliseconds since the clock was reset: small here */
  g_assert_cmpint (g_ascii_strtoll (lines->pdata[0], NULL, 10), <, 5000);
}

static void
test_log_repos_propagate (void)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GhResponse) repos = gh_response_new (GH_TYPE_REPO, 200, "OK");
  g_autoptr(GError) error = NULL;
  GError *failure = NULL;

  g_test_summary ("gh_log_repos_propagate() logs as gh_log_repos() does, and moves the call's "
                  "error to the caller's only when there is no response");

  gh_log_set_writer (capture_line, g_ptr_array_ref (lines), (GDestroyNotify) g_ptr_array_unref);

  g_assert_true (gh_log_repos_propagate ("kotlin", repos, &failure, &error));
  g_assert_no_error (error);
  g_assert_null (failure);

  failure = g_error_new_literal (GH_ERROR, GH_ERROR_NOT_FOUND, "No such…");
  _gh_error_set_details (failure, "http://x/", 404, "Not Found", NULL, 0, 0);
  g_assert_false (gh_log_repos_propagate ("kotlin", NULL, &failure, &error));
  g_assert_error (error, GH_ERROR, GH_ERROR_NOT_FOUND);
  g_assert_null (failure);
  g_clear_error (&error);

  /* A caller that ignores errors still gets the log line, and nothing leaks */
  failure = g_error_new_literal (GH_ERROR, GH_ERROR_NOT_FOUND, "No such…");
  g_assert_false (gh_log_repos_propagate ("kotlin", NULL, &failure, NULL));
  g_assert_null (failure);

  /* A cancel is propagated but, as with gh_log_repos(), not logged */
  failure = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  g_assert_false (gh_log_repos_propagate ("kotlin", NULL, &failure, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  gh_log_set_writer (NULL, NULL, NULL);

  g_assert_cmpuint (lines->len, ==, 3);
  assert_line (lines, 0, "INFO  Contributors - kotlin: loaded 0 repos$");
  assert_line (lines, 1, "ERROR Contributors - Failed loading repos for kotlin "
                         "with response: '404: Not Found'$");
  assert_line (lines, 2, "ERROR Contributors - Failed loading repos for kotlin "
                         "with response: 'No such…'$");
}

/* Names and failures from the server cannot break a line, move the
 * cursor or fill the terminal */
static void
test_log_hostile (void)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GhResponse) users = gh_response_new (GH_TYPE_USER, 204, NULL);
  g_autoptr(GError) odd_reason = g_error_new_literal (GH_ERROR, GH_ERROR_FAILED, "odd");
  g_autoptr(GError) long_message = NULL;
  g_autoptr(GString) long_name = g_string_new (NULL);

  for (guint i = 0; i < 10000; i++)
    g_string_append (long_name, "n");
  long_message = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "%s", long_name->str);
  _gh_error_set_details (odd_reason, "http://x/", 418, "Tea\r\n10 [main] INFO  fake", NULL, 0, 0);

  gh_log_set_writer (capture_line, g_ptr_array_ref (lines), (GDestroyNotify) g_ptr_array_unref);

  gh_log_users ("evil\n0 [main] INFO  Contributors - fake\x1b[31m\u202e", users, NULL);
  gh_log_users ("repo", NULL, odd_reason);
  gh_log_users (long_name->str, NULL, long_message);
  gh_log_info ("starting loading for %s", "a\rb\a");

  gh_log_set_writer (NULL, NULL, NULL);

  g_assert_cmpuint (lines->len, ==, 4);
  assert_line (lines, 0, "^[0-9]+ \\[main\\] INFO  Contributors - evil\\\\u\\{a\\}0 \\[main\\] INFO  "
                         "Contributors - fake\\\\u\\{1b\\}\\[31m\\\\u\\{202e\\}: loaded 0 contributors$");
  assert_line (lines, 1, "^[0-9]+ \\[main\\] ERROR Contributors - Failed loading contributors for "
                         "repo with response '418: Tea\\\\u\\{d\\}\\\\u\\{a\\}10 \\[main\\] INFO  fake'$");
  assert_line (lines, 3, "^[0-9]+ \\[main\\] INFO  Contributors - starting loading for "
                         "a\\\\u\\{d\\}b\\\\u\\{7\\}$");
  /* The name and the message cut, each to its length */
  g_assert_cmpuint (g_utf8_strlen (lines->pdata[2], -1), <,
                    GH_TEXT_MAX_NAME_CHARS + GH_TEXT_MAX_MESSAGE_CHARS + 100);
  g_assert_nonnull (strstr (lines->pdata[2], "n… with response 'nnn"));
}

/* The interface's default suspend style, on a stub service that has only
 * the blocking and callback styles (as a mock may) */

#define STUB_TYPE_SERVICE (stub_service_get_type ())
G_DECLARE_FINAL_TYPE (StubService, stub_service, STUB, SERVICE, GObject)

struct _StubService
{
  GObject parent_instance;
  guint   n_async_calls;
};

static void stub_service_iface_init (GhServiceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (StubService, stub_service, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GH_TYPE_SERVICE, stub_service_iface_init))

static GhResponse *
stub_response (const char *name)
{
  GhResponse *response = gh_response_new (GH_TYPE_REPO, 200, "OK");
  g_autoptr(GhRepo) repo = gh_repo_new (1, name);

  gh_response_add_item (response, repo);
  return response;
}

static GhResponse *
stub_get_org_repos_sync (GhService     *service,
                         const char    *org,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return stub_response (org);
}

/* Answers from an idle, or never when the org is "hang" (until cancelled) */
static gboolean
stub_answer (gpointer data)
{
  GTask *task = data;

  g_task_return_pointer (task, stub_response (g_task_get_task_data (task)),
                         (GDestroyNotify) gh_response_unref);
  return G_SOURCE_REMOVE;
}

static void
stub_on_cancelled (GCancellable *cancellable,
                   GTask        *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
}

static void
stub_get_org_repos_async (GhService           *service,
                          const char          *org,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (service, cancellable, callback, user_data);

  STUB_SERVICE (service)->n_async_calls++;
  g_task_set_task_data (task, g_strdup (org), g_free);

  if (g_str_equal (org, "hang"))
    {
      g_assert_nonnull (cancellable);
      g_cancellable_connect (cancellable, G_CALLBACK (stub_on_cancelled), task, g_object_unref);
      return;
    }

  {
    GSource *idle = g_idle_source_new ();

    g_source_set_callback (idle, stub_answer, task, g_object_unref);
    g_source_attach (idle, g_task_get_context (task));
    g_source_unref (idle);
  }
}

static GhResponse *
stub_get_org_repos_finish (GhService     *service,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
stub_service_iface_init (GhServiceInterface *iface)
{
  iface->get_org_repos_sync = stub_get_org_repos_sync;
  iface->get_org_repos_async = stub_get_org_repos_async;
  iface->get_org_repos_finish = stub_get_org_repos_finish;
}

static void
stub_service_class_init (StubServiceClass *klass)
{
}

static void
stub_service_init (StubService *self)
{
}

static gpointer
suspend_repos (CoroJob   *scope,
               gpointer   data,
               GError   **error)
{
  return gh_service_get_org_repos_suspend (GH_SERVICE (data), "acme", error);
}

static gpointer
hang_child (CoroJob   *scope,
            gpointer   data,
            GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  GhResponse *response = gh_service_get_org_repos_suspend (GH_SERVICE (data), "hang", &local_error);

  g_assert_null (response);
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  return NULL;
}

static gpointer
cancel_hang (CoroJob   *scope,
             gpointer   data,
             GError   **error)
{
  g_autoptr(CoroJob) job = coro_launch (scope, hang_child, data, NULL);

  if (!coro_yield (error))
    return NULL;
  coro_job_cancel (job);
  return NULL;
}

static void
test_service_default_suspend (void)
{
  g_autoptr(StubService) stub = g_object_new (STUB_TYPE_SERVICE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GhResponse) response = NULL;

  response = coro_run_blocking (suspend_repos, stub, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stub->n_async_calls, ==, 1);
  g_assert_cmpstr (gh_repo_get_name (gh_response_get_repo (response, 0)), ==, "acme");

  coro_run_blocking (cancel_hang, stub, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stub->n_async_calls, ==, 2);
}

static void
test_service_suspend_outside_coroutine (void)
{
  g_autoptr(GhClient) client = gh_client_new ("http://127.0.0.1:9/", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_test_undefined ())
    return;

  g_test_expect_message ("Gh", G_LOG_LEVEL_CRITICAL, "*must be called from a coroutine*");
  g_assert_null (gh_service_get_repo_contributors_suspend (GH_SERVICE (client), "a", "b", &error));
  g_test_assert_expected_messages ();
  g_assert_error (error, CORO_ERROR, CORO_ERROR_NOT_IN_COROUTINE);
}

static gpointer
log_in_coroutine (CoroJob   *scope,
                  gpointer   data,
                  GError   **error)
{
  gh_log_info ("inside");
  return NULL;
}

/* With coroutine debugging on, the thread part names the coroutine, as
 * kotlinx's debug mode does: "[main @coroutine#2]" */
static void
test_log_coroutine_label (void)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  gboolean was_enabled = coro_debug_is_enabled ();

  gh_log_set_writer (capture_line, g_ptr_array_ref (lines), (GDestroyNotify) g_ptr_array_unref);
  coro_debug_set_enabled (TRUE);
  coro_run_blocking (log_in_coroutine, NULL, NULL);
  coro_debug_set_enabled (FALSE);
  coro_run_blocking (log_in_coroutine, NULL, NULL);
  coro_debug_set_enabled (was_enabled);
  gh_log_set_writer (NULL, NULL, NULL);

  g_assert_cmpuint (lines->len, ==, 2);
  assert_line (lines, 0, "^[0-9]+ \\[main @[^ #]+#[0-9]+\\] INFO  Contributors - inside$");
  assert_line (lines, 1, "^[0-9]+ \\[main\\] INFO  Contributors - inside$");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/github/uri/api-url", test_uri_api_url);
  g_test_add_func ("/github/uri/join", test_uri_join);
  g_test_add_func ("/github/uri/origin", test_uri_origin);
  g_test_add_func ("/github/uri/for-host", test_uri_for_host);
  g_test_add_func ("/github/names/validation", test_names_validation);
  g_test_add_func ("/github/link/next", test_link_next);
  g_test_add_func ("/github/json/depth", test_json_depth);
  g_test_add_func ("/github/json/prescan-shapes", test_json_prescan_shapes);
  g_test_add_func ("/github/json/repos", test_json_repos);
  g_test_add_func ("/github/json/users", test_json_users);
  g_test_add_func ("/github/json/user-links", test_json_user_links);
  g_test_add_func ("/github/json/anonymous", test_json_anonymous);
  g_test_add_func ("/github/json/error-message", test_json_error_message);
  g_test_add_func ("/github/text/sanitize", test_text_sanitize);
  g_test_add_func ("/github/error/details", test_error_details);
  g_test_add_func ("/github/response/basics", test_response_basics);
  g_test_add_func ("/github/client/token", test_client_token);
  g_test_add_func ("/github/client/properties", test_client_properties);
  g_test_add_func ("/github/client/max-requests/origin", test_client_max_requests_origin);
  g_test_add_func ("/github/client/max-requests/construct", test_client_max_requests_construct);
  g_test_add_func ("/github/limiter/async", test_limiter_async);
  g_test_add_func ("/github/limiter/blocking", test_limiter_blocking);
  g_test_add_func ("/github/log/format", test_log_format);
  g_test_add_func ("/github/log/coroutine-label", test_log_coroutine_label);
  g_test_add_func ("/github/log/hostile", test_log_hostile);
  g_test_add_func ("/github/log/repos-propagate", test_log_repos_propagate);
  g_test_add_func ("/github/service/default-suspend", test_service_default_suspend);
  g_test_add_func ("/github/service/suspend-outside-coroutine", test_service_suspend_outside_coroutine);

  return g_test_run ();
}
