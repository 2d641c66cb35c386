/* contrib-headless-token.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *contrib_headless_read_token (const char  *path,
                                   GError     **error);
void  contrib_headless_token_free (char        *token);

G_END_DECLS
