/* fuzz-contributors-page.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Pages of GET /repos/OWNER/REPO/contributors?anon=1, as the client parses
 * them. The input is parsed twice into the same list, as two pages of one
 * call are, so that anonymous contributors are merged across pages.
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
  int anonymous = -1;
  guint n_first;

  if (!_gh_json_parse_items (GH_TYPE_USER, (const char *) data, size, items, &anonymous, &reason))
    {
      g_assert_nonnull (reason);
      g_assert_true (g_utf8_validate (reason, -1, NULL));
      return 0;
    }

  g_assert_null (reason);
  n_first = items->len;
  g_assert_true (_gh_json_parse_items (GH_TYPE_USER, (const char *) data, size, items,
                                       &anonymous, &reason));

  /* The second page adds its named users; its anonymous ones join the
   * one entry the first page made */
  g_assert_cmpuint (items->len, <=, 2 * n_first);
  g_assert_cmpint (anonymous, <, (int) items->len);
  for (guint i = 0; i < items->len; i++)
    {
      GhUser *user = items->pdata[i];

      g_assert_nonnull (gh_user_get_login (user));
      g_assert_cmpint (gh_user_get_contributions (user), >=, 0);
    }

  return 0;
}
