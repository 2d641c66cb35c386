/* gh-runner-sync.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-runner-private.h"

/*
 * The blocking style: a call's pages one after the other on the calling
 * thread, each request with a slot of the limiter and a session borrowed
 * from the runner's pool.
 */

static gpointer
run_deadlines (gpointer data)
{
  GMainContext *context = data;

  for (;;)
    g_main_context_iteration (context, TRUE);

  return NULL;
}

/* The blocking style's timers: the thread that waits for a blocking
 * request runs no main loop, so they all run on one thread of their own,
 * for the life of the process, as GLib's own worker does. Cancelling
 * from another thread is what blocking GIO and libsoup calls support. */
static GMainContext *
blocking_deadline_context (void)
{
  static GMainContext *context;

  if (g_once_init_enter (&context))
    {
      GMainContext *new_context = g_main_context_new ();

      g_thread_unref (g_thread_new ("gh-deadlines", run_deadlines, new_context));
      g_once_init_leave (&context, new_context);
    }

  return context;
}

/*
 * The blocking style's wait before a retry. Its thread runs no main loop,
 * so it sleeps, but in a poll on the cancellable's descriptor: cancelling
 * wakes it at once.
 */
static gboolean
call_wait_retry_sync (GhCall  *call,
                      GError **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) call->retry_delay_ms * G_TIME_SPAN_MILLISECOND;
  GPollFD pollfd;
  gboolean have_fd = call->cancellable != NULL &&
                     g_cancellable_make_pollfd (call->cancellable, &pollfd);
  gboolean ok = TRUE;

  for (;;)
    {
      gint64 left_us = end - g_get_monotonic_time ();

      if (g_cancellable_set_error_if_cancelled (call->cancellable, error))
        {
          ok = FALSE;
          break;
        }
      if (left_us <= 0)
        break;

      if (have_fd)
        g_poll (&pollfd, 1, (int) MIN ((left_us + 999) / 1000, G_MAXINT));
      else if (call->cancellable != NULL)
        /* Out of descriptors: look at the cancellable now and then */
        g_usleep (MIN (left_us, 20 * G_TIME_SPAN_MILLISECOND));
      else
        g_usleep (left_us);
    }

  if (have_fd)
    g_cancellable_release_fd (call->cancellable);

  return ok;
}

/*
 * Interprets the page just read: collects its items and sets call->url to
 * the next request (a redirect target or the next page), or to NULL when
 * the call is complete. Blocking style only: it waits before a retry.
 */
static gboolean
call_finish_page (GhCall  *call,
                  GError **error)
{
  g_autofree char *reason = NULL;

  switch (_gh_call_check_page (call, error))
    {
    case GH_PAGE_FAILED:
      return FALSE;
    case GH_PAGE_RETRY:
      return call_wait_retry_sync (call, error);
    case GH_PAGE_REDIRECTED:
      return TRUE;
    case GH_PAGE_BODY:
      if (!_gh_call_parse_page (call, &reason))
        {
          g_propagate_error (error, _gh_call_invalid_response_error (call, reason));
          return FALSE;
        }
      G_GNUC_FALLTHROUGH;
    case GH_PAGE_EMPTY:
      return _gh_call_advance_page (call, error);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
call_fetch_page_sync (GhCall  *call,
                      GError **error)
{
  GhRunner *self = call->runner;
  SoupSession *session;
  GError *local_error = NULL;
  gboolean ok = TRUE;

  session = _gh_runner_take_sync_session (self);
  _gh_call_begin_page (call, session);
  g_object_unref (session);
  _gh_call_arm_deadline (call, blocking_deadline_context (), call->cancellable);

  call->stream = soup_session_send (call->session, call->msg, call->request_cancellable,
                                    &local_error);
  if (call->stream == NULL)
    {
      _gh_call_transport_error (call, local_error, error);
      ok = FALSE;
    }
  else if (!_gh_call_check_head (call, error))
    {
      ok = FALSE;
    }
  else if (call->body_limit > 0)
    {
      for (;;)
        {
          gsize size;
          guint8 *buffer = _gh_call_prepare_read (call, &size);
          gssize n;

          n = g_input_stream_read (call->stream, buffer, size,
                                   call->request_cancellable, &local_error);
          if (n < 0)
            {
              ok = _gh_call_handle_read_error (call, local_error, error);
              break;
            }

          if (n == 0 || !_gh_call_add_body_bytes (call, n))
            break;
        }
    }

  _gh_call_disarm_deadline (call);
  _gh_call_close_stream (call);

  session = g_steal_pointer (&call->session);
  _gh_runner_return_sync_session (self, session);

  return ok;
}

/**
 * _gh_runner_run_sync:
 * @self: a runner
 * @call: the call, which the caller frees
 * @error: return location for a #GError
 *
 * Runs @call on the calling thread.
 *
 * Returns: (transfer full): the response, or %NULL on error
 */
GhResponse *
_gh_runner_run_sync (GhRunner  *self,
                     GhCall    *call,
                     GError   **error)
{
  GhLimiter *limiter = _gh_runner_get_limiter (self);
  GError *local_error = NULL;

  while (call->url != NULL)
    {
      gboolean ok;

      if (!_gh_limiter_acquire (limiter, call->cancellable, &local_error))
        break;

      ok = call_fetch_page_sync (call, &local_error);
      _gh_limiter_release (limiter);

      if (!ok || !call_finish_page (call, &local_error))
        break;
    }

  if (local_error != NULL)
    {
      _gh_call_scrub_error (call, local_error);
      _gh_call_record_request (call, local_error);
      g_propagate_error (error, local_error);
      return NULL;
    }

  return _gh_call_build_response (call);
}

