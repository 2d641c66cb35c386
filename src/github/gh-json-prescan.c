/* gh-json-prescan.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Its own small library: the fake GitHub's dataset loader hands json-glib
 * untrusted text too, and links this without the GitHub client.
 */

#include "config.h"

#include "gh-json-prescan-private.h"

#include <string.h>

#include <glib/gi18n-lib.h>

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Numbers, true, false and null, and json-glib's bare words */
static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '+' || c == '.';
}

/* json-glib 1.6 wraps an integer that does not fit in 64 bits around
 * (99999999999999999999 becomes -1); 19 digits are where that can start */
static gboolean
check_integer (const char  *word,
               gsize        length,
               gsize        offset,
               char       **reason)
{
  g_autofree char *text = NULL;
  gsize n_digits = word[0] == '-' ? length - 1 : length;

  if (n_digits < 19)
    return TRUE;

  for (gsize i = length - n_digits; i < length; i++)
    if (!g_ascii_isdigit (word[i]))
      return TRUE;

  text = g_strndup (word, length);
  if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, NULL, NULL))
    return TRUE;

  *reason = g_strdup_printf (_("the integer at byte %lu is out of range: %.40s%s"),
                             (unsigned long) offset, text, length > 40 ? "…" : "");
  return FALSE;
}

/*
 * A structural pass over the body before json-glib sees it. It accepts
 * only strict JSON lexically (double-quoted strings with backslash escapes;
 * outside strings nothing but whitespace, punctuation, numbers and bare
 * words), so that its idea of where strings start and end is the same as
 * json-glib's: json-glib 1.6 is more lenient (single-quoted strings,
 * comments), and a bracket hidden from this pass by such a construct could
 * still blow json-glib's stack. It also refuses what json-glib 1.6 would
 * misread: a second value after the first (which it accepts, and leaks),
 * and integers beyond 64 bits. Anything this pass refuses is not JSON that
 * GitHub would send.
 */
gboolean
_gh_json_prescan (const char  *data,
                  gsize        length,
                  guint        max_depth,
                  char       **reason)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  guint n_values = 0;        /* at the top level */
  gsize i = 0;

  g_assert (data != NULL || length == 0);
  g_assert (reason != NULL);

  /* json-glib skips a UTF-8 byte-order mark, and so do we */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;

  while (i < length && is_json_space (data[i]))
    i++;

  if (i == length)
    {
      *reason = g_strdup (_("the body is empty"));
      return FALSE;
    }

  if (data[i] == '<')
    {
      *reason = g_strdup (_("not JSON: the body looks like an HTML page"));
      return FALSE;
    }

  for (; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          /* json-glib 1.6 takes a \u escape with fewer than four hex
           * digits, and makes invalid UTF-8 of it */
          if (c == '\\' && i + 1 < length && data[i + 1] == 'u')
            {
              for (gsize k = i + 2; k < i + 6; k++)
                if (k >= length || !g_ascii_isxdigit (data[k]))
                  {
                    *reason = g_strdup_printf (_("not JSON: a \\u escape without four hex digits "
                                                 "at byte %lu"), (unsigned long) i);
                    return FALSE;
                  }
              i += 5;
            }
          else if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (depth == 0 && (c == '"' || c == '[' || c == '{' || is_word_char (c)) &&
          n_values++ > 0)
        {
          *reason = g_strdup_printf (_("not JSON: a second value at byte %lu"), (unsigned long) i);
          return FALSE;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;

        case '[':
        case '{':
          if (++depth > max_depth)
            {
              *reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "JSON nested deeper than %u level",
                                                      "JSON nested deeper than %u levels",
                                                      max_depth),
                                         max_depth);
              return FALSE;
            }
          break;

        case ']':
        case '}':
          if (depth == 0)
            {
              /* Translators: a character, then its offset in the body */
              *reason = g_strdup_printf (_("not JSON: unbalanced ‘%c’ at byte %lu"),
                                         c, (gulong) i);
              return FALSE;
            }
          depth--;
          break;

        case ',':
        case ':':
        case ' ':
        case '\t':
        case '\n':
        case '\r':
          break;

        default:
          if (is_word_char (c))
            {
              gsize end = i + 1;

              while (end < length && is_word_char (data[end]))
                end++;
              if (!check_integer (data + i, end - i, i, reason))
                return FALSE;
              /* The whole word is one value */
              i = end - 1;
              break;
            }

          if (g_ascii_isprint (c))
            /* Translators: a character, then its offset in the body */
            *reason = g_strdup_printf (_("not JSON: unexpected ‘%c’ at byte %lu"),
                                       c, (gulong) i);
          else
            /* Translators: a byte's value, then its offset in the body */
            *reason = g_strdup_printf (_("not JSON: unexpected byte 0x%02x at byte %lu"),
                                       (guint) (guchar) c, (gulong) i);
          return FALSE;
        }
    }

  if (in_string)
    {
      *reason = g_strdup (_("not JSON: unterminated string (truncated body?)"));
      return FALSE;
    }

  if (depth > 0)
    {
      *reason = g_strdup (_("not JSON: unclosed array or object (truncated body?)"));
      return FALSE;
    }

  if (n_values == 0)
    {
      *reason = g_strdup (_("the body is empty"));
      return FALSE;
    }

  return TRUE;
}
