/* fuzz-api-url.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What a user types before any request is made: the API URL (settings,
 * --api-url) and the organization's name. The same bytes go to both.
 */

#include "config.h"

#include <string.h>

#include "gh.h"
#include "gh-uri-private.h"

#include "fuzz.h"

static void
check_api_url (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autoptr(GhClient) client = NULL;
  g_autoptr(GhClient) again = NULL;
  const char *api_url;

  client = gh_client_new (text, &error);
  if (client == NULL)
    {
      g_assert_error (error, GH_ERROR, GH_ERROR_INVALID_URL);
      return;
    }

  /* The canonical form must be accepted as it is, and be its own
   * canonical form, since settings store it */
  g_assert_no_error (error);
  api_url = gh_client_get_api_url (client);
  g_assert_true (g_str_has_suffix (api_url, "/"));
  again = gh_client_new (api_url, &again_error);
  g_assert_no_error (again_error);
  g_assert_cmpstr (gh_client_get_api_url (again), ==, api_url);
}

static void
check_org_name (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) name_error = NULL;
  g_autofree char *escaped = NULL;
  gsize length = strlen (text);

  if (!gh_validate_org_name (text, &error))
    {
      g_assert_error (error, GH_ERROR, GH_ERROR_INVALID_NAME);
      return;
    }

  /* GitHub's rule, spelled out again: a name it lets through goes into a
   * request path as it is */
  g_assert_no_error (error);
  g_assert_cmpuint (length, >=, 1);
  g_assert_cmpuint (length, <=, 39);
  g_assert_true (g_ascii_isalnum (text[0]));
  for (gsize i = 0; i < length; i++)
    g_assert_true (g_ascii_isalnum (text[i]) || text[i] == '-' || text[i] == '_');

  g_assert_true (_gh_validate_name ("organization", text, &name_error));
  g_assert_no_error (name_error);
  escaped = _gh_escape_segment (text);
  g_assert_cmpstr (escaped, ==, text);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);

  check_api_url (text);
  check_org_name (text);

  return 0;
}
