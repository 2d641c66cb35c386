/* fuzz-link.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * A Link header as a page's answer carries it: the client picks the
 * rel="next" target and resolves it against the page's URL, refusing one
 * that leaves the API's origin. Input: "API URL\nLINK HEADER" (see
 * fuzz-client-target.h).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fuzz-client-target.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GhClient) client = NULL;
  g_autofree char *header = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GhCall) call = NULL;

  client = fuzz_split_input (data, size, &header);
  next = _gh_link_find_next (header);
  if (next == NULL)
    return 0;

  call = fuzz_call_new (client);
  fuzz_check_target (call, N_("next-page link"), next);

  return 0;
}
