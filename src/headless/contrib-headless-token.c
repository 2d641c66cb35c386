/* contrib-headless-token.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The access token comes from a file or from standard input, never from the
 * command line (which every user of the machine can read in /proc). Every
 * buffer that held it is wiped before it is freed, and no message ever
 * quotes it: errors name the file, not its content.
 */

/* explicit_bzero() */
#define _GNU_SOURCE

#include "config.h"

#include "contrib-headless-token.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "contrib-headless-options.h"

/* A token is about 40 to 100 bytes; anything much longer is the wrong file */
#define MAX_TOKEN_FILE_BYTES (64 * 1024)

static void
wipe_bytes (GByteArray *bytes)
{
  /* An array that never grew has no data at all */
  if (bytes->len > 0)
    explicit_bzero (bytes->data, bytes->len);
  g_byte_array_unref (bytes);
}

/* Reads up to the first newline, or the end: the rest of standard input is
 * none of our business. */
static GByteArray *
read_first_line (int          fd,
                 const char  *name,
                 GError     **error)
{
  GByteArray *bytes = g_byte_array_new ();
  guint8 chunk[512];

  for (;;)
    {
      gssize n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          wipe_bytes (bytes);
          g_set_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE,
                       /* Translators: the first %s is a quoted file name or
                          “standard input”, the second why */
                       _("--token-file: cannot read %s: %s"), name, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;

      g_byte_array_append (bytes, chunk, n);
      explicit_bzero (chunk, sizeof chunk);
      /* Past the limit the line is too long, wherever it ends */
      if (memchr (bytes->data, '\n', bytes->len) != NULL || bytes->len > MAX_TOKEN_FILE_BYTES)
        break;
    }

  return bytes;
}

/**
 * contrib_headless_read_token:
 * @path: a file name, or "-" for standard input
 * @error: return location for a %CONTRIB_HEADLESS_ERROR_USAGE error
 *
 * Reads the first line of @path, without surrounding white space.
 *
 * Returns: (transfer full): the token; free it with
 *   contrib_headless_token_free(), which wipes it
 */
char *
contrib_headless_read_token (const char  *path,
                             GError     **error)
{
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *display = NULL;
  const char *start;
  const char *end;
  const guint8 *newline;
  char *token = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_equal (path, "-"))
    {
      /* Translators: where the token is read from with --token-file - */
      display = g_strdup (_("standard input"));
      fd = STDIN_FILENO;
    }
  else
    {
      g_autofree char *utf8 = g_filename_display_name (path);

      /* Translators: a file name in quotes */
      display = g_strdup_printf (_("“%s”"), utf8);
      fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      if (fd < 0)
        {
          int saved_errno = errno;

          g_set_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE,
                       /* Translators: the first %s is a quoted file name, the second why */
                       _("--token-file: cannot open %s: %s"), display, g_strerror (saved_errno));
          return NULL;
        }
    }

  bytes = read_first_line (fd, display, error);
  if (fd != STDIN_FILENO)
    close (fd);
  if (bytes == NULL)
    return NULL;

  if (bytes->len == 0)
    {
      g_set_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE,
                   /* Translators: %s is a quoted file name or “standard input” */
                   _("--token-file: %s is empty"), display);
      return NULL;
    }

  /* Trimmed in place, so that no copy holds more than the token */
  newline = memchr (bytes->data, '\n', bytes->len);
  start = (const char *) bytes->data;
  end = newline != NULL ? (const char *) newline : start + bytes->len;
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;

  if (end - start > MAX_TOKEN_FILE_BYTES)
    {
      g_set_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE,
                   /* Translators: %s is a quoted file name or “standard input” */
                   _("--token-file: the first line of %s is too long for a token"), display);
    }
  else if (memchr (start, '\0', end - start) != NULL)
    {
      /* It would end the token early, and what follows would be lost */
      g_set_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE,
                   /* Translators: %s is a quoted file name or “standard input” */
                   _("--token-file: the first line of %s contains a NUL byte"), display);
    }
  else if (start == end)
    {
      g_set_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE,
                   /* Translators: %s is a quoted file name or “standard input” */
                   _("--token-file: the first line of %s is empty"), display);
    }
  else
    {
      token = g_strndup (start, end - start);
    }
  explicit_bzero (bytes->data, bytes->len);

  return token;
}

/**
 * contrib_headless_token_free:
 * @token: (nullable): a token from contrib_headless_read_token()
 *
 * Wipes and frees @token.
 */
void
contrib_headless_token_free (char *token)
{
  if (token == NULL)
    return;

  explicit_bzero (token, strlen (token));
  g_free (token);
}
