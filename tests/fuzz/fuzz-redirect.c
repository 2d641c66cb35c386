/* fuzz-redirect.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * A redirect's Location, as the client follows it (renamed repositories
 * answer 301 with an id-based URL): resolved against the request's URL,
 * refused if it leaves the API's origin. Input: "API URL\nLOCATION" (see
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
  g_autofree char *location = NULL;
  g_autoptr(GhCall) call = NULL;

  client = fuzz_split_input (data, size, &location);
  call = fuzz_call_new (client);
  fuzz_check_target (call, N_("redirect"), location);

  return 0;
}
