/* fuzz-client-target.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What fuzz-link and fuzz-redirect share: the code under test is
 * _gh_call_resolve_target(), on a call as the client makes it.
 */

#pragma once

#include "fuzz.h"

#include "gh.h"
#include "gh-call-private.h"
#include "gh-uri-private.h"

/* The input is "API URL\nHEADER VALUE". Without a newline, or with an API
 * URL the client refuses, the header goes against a loopback Enterprise
 * API, whose prefix and explicit port give the resolution most to get
 * wrong. */
#define FUZZ_DEFAULT_API_URL "http://127.0.0.1:8080/api/v3/"

static GhClient *
fuzz_split_input (const uint8_t  *data,
                  size_t          size,
                  char          **value)
{
  g_autofree char *text = fuzz_strndup (data, size);
  char *newline = strchr (text, '\n');
  GhClient *client = NULL;

  if (newline != NULL)
    {
      *newline = '\0';
      client = gh_client_new (text, NULL);
      *value = g_strdup (newline + 1);
    }
  else
    {
      *value = g_strdup (text);
    }

  if (client == NULL)
    client = gh_client_new (FUZZ_DEFAULT_API_URL, NULL);
  g_assert_nonnull (client);

  return client;
}

/* A call on its first page, as the client makes it; it runs nowhere */
static GhCall *
fuzz_call_new (GhClient *client)
{
  g_autoptr(GUri) api_uri = g_uri_parse (gh_client_get_api_url (client),
                                         G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);

  g_assert_nonnull (api_uri);
  return _gh_call_new (G_OBJECT (client), api_uri, NULL, GH_TYPE_REPO,
                       "orgs/kotlin/repos?per_page=100", NULL);
}

/* What the client will request next must be a URL it can take as the base
 * of the next redirect or link (_gh_call_resolve_target() asserts so), on the
 * API's origin, with neither credentials nor fragment; and resolving it
 * again must give it back, or a chain of pages would drift. A refusal
 * goes into an error message the window shows. */
static void
fuzz_check_target (GhCall     *call,
                   const char *what,
                   const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again_error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *saved_url = NULL;

  target = _gh_call_resolve_target (call, what, value, &error);
  if (target == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == GH_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  g_assert_no_error (error);
  uri = g_uri_parse (target, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  g_assert_nonnull (uri);
  g_assert_true (_gh_uri_same_origin (uri, call->api_uri));
  g_assert_null (g_uri_get_userinfo (uri));
  g_assert_null (g_uri_get_fragment (uri));

  saved_url = g_steal_pointer (&call->url);
  call->url = g_strdup (target);
  again = _gh_call_resolve_target (call, what, target, &again_error);
  g_assert_no_error (again_error);
  g_assert_cmpstr (again, ==, target);
  g_free (call->url);
  call->url = g_steal_pointer (&saved_url);
}
