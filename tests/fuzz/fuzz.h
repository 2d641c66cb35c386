/* fuzz.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What every harness defines, and what they share. A harness is built
 * either against libFuzzer (clang, -Dfuzzing=true) or against fuzz-main.c,
 * which replays files through the same entry point.
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);

/* libFuzzer's input is not NUL-terminated; the parsers under test that
 * take C strings get a copy cut at the first NUL, as a header or a text
 * field would be. */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  return g_strndup ((const char *) data, size);
}

G_END_DECLS
