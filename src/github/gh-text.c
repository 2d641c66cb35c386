/* gh-text.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-text.h"

/* What would act on a terminal or reorder the text around it rather than
 * show: C0 and C1 controls and DEL (ESC starts terminal sequences, CR and
 * a newline fake lines), the line and paragraph separators, and the bidi
 * marks, embeddings, overrides and isolates (“Trojan Source”) */
static gboolean
needs_escape (gunichar ch)
{
  return g_unichar_iscntrl (ch) ||
         ch == 0x2028 || ch == 0x2029 ||
         ch == 0x061c || ch == 0x200e || ch == 0x200f ||
         (ch >= 0x202a && ch <= 0x202e) ||
         (ch >= 0x2066 && ch <= 0x2069);
}

/**
 * gh_text_sanitize:
 * @text: (nullable): text that came from the server (a login, a repository
 *   name, GitHub's `message`, an error message that quotes any of them)
 * @max_chars: the most characters the result may have, at least 1; -1 for
 *   no limit
 * @token_to_redact: (nullable): the access token, which must not be shown
 *   even if the server echoes it; %NULL or "" when there is none
 *
 * Makes server-supplied text safe to show on one line of a terminal, in
 * JSON, in the log or in a widget. The one path every such text takes
 * before it is shown, printed or logged.
 *
 * In that order: bytes that are not UTF-8 (and UTF-8-encoded surrogates,
 * which json-glib makes of a lone `\ud800`) become U+FFFD; every
 * occurrence of @token_to_redact becomes #GH_TEXT_REDACTED; control
 * characters (C0, DEL, C1), U+2028, U+2029 and the bidirectional marks,
 * embeddings, overrides and isolates are escaped as `\u{1b}` (lower-case
 * hex code point), so that they show instead of acting; and if the
 * result has more than @max_chars characters, it is cut to @max_chars
 * with “…” as the last one, never inside an escape. Redacting before
 * cutting means a cut can never leave part of the token.
 *
 * The result contains no newline, and the same text sanitized again comes
 * out unchanged (if it was not cut shorter).
 *
 * Returns: (transfer full) (nullable): valid UTF-8, or %NULL if @text is
 *   %NULL
 */
char *
gh_text_sanitize (const char *text,
                  gssize      max_chars,
                  const char *token_to_redact)
{
  g_autofree char *made_valid = NULL;
  g_autoptr(GString) valid = NULL;
  GString *out;
  gsize n_chars = 0;
  gsize fitting = 0;   /* the bytes of out that leave room for the ellipsis */
  gboolean cut = FALSE;

  g_return_val_if_fail (max_chars != 0 && max_chars >= -1, NULL);

  if (text == NULL)
    return NULL;

  made_valid = g_utf8_make_valid (text, -1);
  valid = g_string_new (made_valid);
  if (token_to_redact != NULL && token_to_redact[0] != '\0')
    g_string_replace (valid, token_to_redact, GH_TEXT_REDACTED, 0);

  out = g_string_new (NULL);
  for (const char *p = valid->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      char unit[16];
      gsize unit_chars;
      gsize unit_bytes;

      if (needs_escape (ch))
        {
          unit_chars = unit_bytes = g_snprintf (unit, sizeof unit, "\\u{%x}", ch);
        }
      else
        {
          unit_chars = 1;
          unit_bytes = g_unichar_to_utf8 (ch, unit);
        }

      if (max_chars >= 0 && n_chars + unit_chars > (gsize) max_chars)
        {
          cut = TRUE;
          break;
        }

      g_string_append_len (out, unit, unit_bytes);
      n_chars += unit_chars;
      if (max_chars >= 0 && n_chars < (gsize) max_chars)
        fitting = out->len;
    }

  if (cut)
    {
      g_string_truncate (out, fitting);
      g_string_append (out, "…");
    }

  return g_string_free (out, FALSE);
}
