/* gh-text.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * GH_TEXT_MAX_NAME_CHARS:
 *
 * How much of a login or a repository name is shown at most. GitHub allows
 * 39 characters in a login and 100 in a repository name.
 */
#define GH_TEXT_MAX_NAME_CHARS 100

/**
 * GH_TEXT_MAX_MESSAGE_CHARS:
 *
 * How much of a message is shown at most: an error message with its URL,
 * GitHub's own words (themselves cut to 300 characters) and a hint.
 */
#define GH_TEXT_MAX_MESSAGE_CHARS 1000

/**
 * GH_TEXT_REDACTED:
 *
 * What stands in for a redacted token.
 */
#define GH_TEXT_REDACTED "[REDACTED]"

char *gh_text_sanitize (const char *text,
                        gssize      max_chars,
                        const char *token_to_redact);

G_END_DECLS
