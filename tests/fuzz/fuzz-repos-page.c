/* fuzz-repos-page.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * A page of GET /orgs/ORG/repos, as the client parses it, and the same
 * bytes as an error body (the "message" shown for a 4xx or 5xx).
 */

#include "config.h"

#include <string.h>

#include "gh.h"
#include "gh-json-private.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *reason = NULL;
  g_autofree char *message = NULL;
  int anonymous = -1;

  if (_gh_json_parse_items (GH_TYPE_REPO, (const char *) data, size, items, &anonymous, &reason))
    {
      g_assert_null (reason);
      for (guint i = 0; i < items->len; i++)
        g_assert_nonnull (gh_repo_get_name (items->pdata[i]));
    }
  else
    {
      /* The reason ends up in an error message shown to the user */
      g_assert_nonnull (reason);
      g_assert_true (g_utf8_validate (reason, -1, NULL));
    }

  message = _gh_json_extract_message ((const char *) data, size);
  if (message != NULL)
    g_assert_true (g_utf8_validate (message, -1, NULL));

  return 0;
}
