/* gh-log.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-log.h"

#include <stdio.h>

#include "coro.h"

#include "gh-error.h"
#include "gh-text.h"

/*
 * The tutorial's log, line for line, in logback's layout:
 *
 *   1770 [AWT-EventQueue-0] INFO  Contributors - kotlin: loaded 40 repos
 *
 * milliseconds since the clock was reset (program start), the thread (with
 * the coroutine, when coroutine debugging is on), the level padded to five
 * columns, the logger name, the message. Readers compare the timing of the
 * loader variants with these lines, so they go to stderr whatever
 * G_MESSAGES_DEBUG says, unless a writer is installed (tests capture them).
 *
 * Repository names and failures come from the server: each line is one
 * line of plain text whatever they hold (see gh_text_sanitize()), and the
 * names and messages in it are cut to a sane length.
 */

static GMutex log_mutex;
static gint64 clock_start;
static GhLogWriter log_writer;
static gpointer log_writer_data;
static GDestroyNotify log_writer_destroy;

/**
 * gh_log_set_writer:
 * @writer: (nullable): where lines go; %NULL for stderr
 * @user_data: data for @writer
 * @destroy: (nullable): frees @user_data when the writer is replaced
 *
 * Redirects the log, e.g. to capture it in a test.
 */
void
gh_log_set_writer (GhLogWriter    writer,
                   gpointer       user_data,
                   GDestroyNotify destroy)
{
  GDestroyNotify old_destroy;
  gpointer old_data;

  g_mutex_lock (&log_mutex);
  old_destroy = log_writer_destroy;
  old_data = log_writer_data;
  log_writer = writer;
  log_writer_data = user_data;
  log_writer_destroy = destroy;
  g_mutex_unlock (&log_mutex);

  if (old_destroy != NULL)
    old_destroy (old_data);
}

/**
 * gh_log_reset_clock:
 *
 * Makes "now" time 0 of the log. The application calls it at start-up;
 * until someone does, time 0 is the first log line.
 */
void
gh_log_reset_clock (void)
{
  g_mutex_lock (&log_mutex);
  clock_start = g_get_monotonic_time ();
  g_mutex_unlock (&log_mutex);
}

/**
 * gh_log_thread_label:
 *
 * The thread part of a log line: "main" for the main thread, otherwise the
 * thread's name, followed by " @name#id" of the running coroutine when
 * coroutine debugging is on (as kotlinx's `-Dkotlinx.coroutines.debug`).
 *
 * Returns: (transfer full): the label
 */
char *
gh_log_thread_label (void)
{
  return coro_debug_thread_label ();
}

static void
log_line (const char *level,
          const char *message)
{
  g_autofree char *thread = gh_log_thread_label ();
  g_autofree char *safe = gh_text_sanitize (message, -1, NULL);
  g_autofree char *line = NULL;
  gint64 now = g_get_monotonic_time ();

  g_mutex_lock (&log_mutex);

  if (clock_start == 0)
    clock_start = now;

  line = g_strdup_printf ("%" G_GINT64_FORMAT " [%s] %-5s Contributors - %s",
                          (now - clock_start) / 1000, thread, level, safe);

  /* Under the mutex, so that lines from several threads never interleave
   * and a writer is never called after it was replaced */
  if (log_writer != NULL)
    {
      log_writer (line, log_writer_data);
    }
  else
    {
      fputs (line, stderr);
      fputc ('\n', stderr);
      fflush (stderr);
    }

  g_mutex_unlock (&log_mutex);
}

/**
 * gh_log_info:
 * @format: printf-style format
 * @...: arguments
 *
 * Logs an INFO line (the tutorial's `log(msg)`).
 */
void
gh_log_info (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (format != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  log_line ("INFO", message);
}

/**
 * gh_log_error:
 * @format: printf-style format
 * @...: arguments
 *
 * Logs an ERROR line.
 */
void
gh_log_error (const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  g_return_if_fail (format != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  log_line ("ERROR", message);
}

/* The tutorial logs Retrofit's '<code>: <message>', i.e. the status and its
 * reason phrase. Failures without an HTTP error status (transport errors,
 * invalid responses, refused names) have no such pair; their message is
 * logged instead. */
static char *
describe_failure (const GError *error)
{
  guint status = gh_error_get_http_status (error);

  if (status >= 300)
    {
      g_autofree char *reason = gh_text_sanitize (gh_error_get_reason (error),
                                                  GH_TEXT_MAX_NAME_CHARS, NULL);

      return g_strdup_printf ("%u: %s", status, reason != NULL ? reason : "");
    }

  return gh_text_sanitize (error->message, GH_TEXT_MAX_MESSAGE_CHARS, NULL);
}

/**
 * gh_log_repos:
 * @org: the organization
 * @response: (nullable): the result of a repositories call, or %NULL
 * @error: (nullable): its error, when @response is %NULL
 *
 * Logs "<org>: loaded <n> repos", or "Failed loading repos for <org> with
 * response: '<code>: <message>'" (the tutorial's logRepos()).
 */
void
gh_log_repos (const char   *org,
              GhResponse   *response,
              const GError *error)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (org != NULL);
  g_return_if_fail ((response != NULL) != (error != NULL));

  /* A cancelled load is not a failed one: the tutorial logs nothing. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  shown = gh_text_sanitize (org, GH_TEXT_MAX_NAME_CHARS, NULL);
  if (response != NULL)
    {
      gh_log_info ("%s: loaded %u repos", shown, gh_response_get_n_items (response));
    }
  else
    {
      g_autofree char *failure = describe_failure (error);

      gh_log_error ("Failed loading repos for %s with response: '%s'", shown, failure);
    }
}

/**
 * gh_log_repos_propagate:
 * @org: the organization
 * @response: (nullable): the result of a repositories call, or %NULL
 * @failure: (inout) (nullable): its error, when @response is %NULL;
 *   moved to @error
 * @error: return location for a #GError
 *
 * gh_log_repos(), then what the tutorial's loaders get from an exception:
 * without a repository list the load cannot go on, so the call's error
 * becomes the caller's. One line for the usual three:
 *
 * |[<!-- language="C" -->
 * repos = gh_service_get_org_repos_suspend (service, org, &local_error);
 * if (!gh_log_repos_propagate (org, repos, &local_error, error))
 *   return NULL;
 * ]|
 *
 * Returns: %TRUE if there is a @response; %FALSE with @error set if not
 */
gboolean
gh_log_repos_propagate (const char  *org,
                        GhResponse  *response,
                        GError     **failure,
                        GError     **error)
{
  g_return_val_if_fail (failure != NULL, FALSE);

  gh_log_repos (org, response, *failure);
  if (response != NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (failure));
  return FALSE;
}

/**
 * gh_log_users:
 * @repo: the repository's name
 * @response: (nullable): the result of a contributors call, or %NULL
 * @error: (nullable): its error, when @response is %NULL
 *
 * Logs "<repo>: loaded <n> contributors", or "Failed loading contributors
 * for <repo> with response '<code>: <message>'" (the tutorial's
 * logUsers(), whose text has no colon after "response").
 */
void
gh_log_users (const char   *repo,
              GhResponse   *response,
              const GError *error)
{
  g_autofree char *shown = NULL;

  g_return_if_fail (repo != NULL);
  g_return_if_fail ((response != NULL) != (error != NULL));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  shown = gh_text_sanitize (repo, GH_TEXT_MAX_NAME_CHARS, NULL);
  if (response != NULL)
    {
      gh_log_info ("%s: loaded %u contributors", shown, gh_response_get_n_items (response));
    }
  else
    {
      g_autofree char *failure = describe_failure (error);

      gh_log_error ("Failed loading contributors for %s with response '%s'", shown, failure);
    }
}
