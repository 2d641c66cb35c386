/* gh-fake-server-log.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-fake-server-private.h"

/*
 * The request log: GhFakeRequest, an entry made as a request arrives, and
 * the accessors and waits tests read it with, in-flight counts included.
 * The answering code (gh-fake-server-answer.c) fills in an entry's status
 * and end.
 */

G_DEFINE_BOXED_TYPE (GhFakeRequest, gh_fake_request, gh_fake_request_copy, gh_fake_request_free)

static void
request_clear (GhFakeRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->user_agent);
  g_free (request->accept);
  g_free (request->api_version);
  g_free (request->if_none_match);
  g_free (request->auth_scheme);
  g_free (request->fault);
}

void
_gh_fake_server_record_release (gpointer record)
{
  g_rc_box_release_full (record, (GDestroyNotify) request_clear);
}

/**
 * gh_fake_request_copy:
 * @request: a log entry
 *
 * Returns: (transfer full): a copy of @request
 */
GhFakeRequest *
gh_fake_request_copy (const GhFakeRequest *request)
{
  GhFakeRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = g_memdup2 (request, sizeof *request);
  copy->method = g_strdup (request->method);
  copy->path = g_strdup (request->path);
  copy->user_agent = g_strdup (request->user_agent);
  copy->accept = g_strdup (request->accept);
  copy->api_version = g_strdup (request->api_version);
  copy->if_none_match = g_strdup (request->if_none_match);
  copy->auth_scheme = g_strdup (request->auth_scheme);
  copy->fault = g_strdup (request->fault);

  return copy;
}

void
gh_fake_request_free (GhFakeRequest *request)
{
  if (request == NULL)
    return;

  request_clear (request);
  g_free (request);
}

static char *
auth_scheme (const char *authorization)
{
  const char *end = authorization;

  while (*end != '\0' && !g_ascii_isspace (*end))
    end++;

  return g_strndup (authorization, end - authorization);
}

GhFakeRequest *
_gh_fake_server_log_request (GhFakeServer      *self,
                             SoupServerMessage *msg,
                             const char        *path_and_query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  GhFakeRequest *record = g_rc_box_new0 (GhFakeRequest);

  record->time_us = g_get_monotonic_time () - self->start_time;
  record->end_time_us = -1;
  record->method = g_strdup (soup_server_message_get_method (msg));
  record->path = g_strdup (path_and_query);
  record->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  record->accept = g_strdup (soup_message_headers_get_one (headers, "Accept"));
  record->api_version = g_strdup (soup_message_headers_get_one (headers, "X-GitHub-Api-Version"));
  record->if_none_match = g_strdup (soup_message_headers_get_one (headers, "If-None-Match"));
  /* Only the scheme: the credentials must never reach a log. */
  record->has_authorization = authorization != NULL;
  record->auth_scheme = authorization ? auth_scheme (authorization) : NULL;

  g_mutex_lock (&self->lock);
  if (self->keep_log)
    g_ptr_array_add (self->log, g_rc_box_acquire (record));
  self->in_flight++;
  self->peak_in_flight = MAX (self->peak_in_flight, self->in_flight);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  return record;
}

/**
 * gh_fake_server_get_log:
 * @self: a server
 *
 * Returns: (transfer full) (element-type GhFakeRequest): a snapshot of the
 *   request log, oldest first
 */
GPtrArray *
gh_fake_server_get_log (GhFakeServer *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), NULL);

  g_mutex_lock (&self->lock);
  copy = g_ptr_array_new_full (self->log->len, (GDestroyNotify) gh_fake_request_free);
  for (guint i = 0; i < self->log->len; i++)
    g_ptr_array_add (copy, gh_fake_request_copy (g_ptr_array_index (self->log, i)));
  g_mutex_unlock (&self->lock);

  return copy;
}

/**
 * gh_fake_server_set_keep_log:
 * @self: a server
 * @keep_log: whether to log the requests that arrive from now on
 *
 * The log keeps every request (a few hundred bytes each) until
 * gh_fake_server_clear_log(), which is what tests want and what a
 * long-running server whose log nobody reads, such as the offline demo's,
 * does not. With @keep_log %FALSE, requests that arrive are not logged:
 * gh_fake_server_get_log(), gh_fake_server_get_n_requests(),
 * gh_fake_server_count_requests() and gh_fake_server_wait_for_requests()
 * do not see them, while the in-flight counts and
 * gh_fake_server_wait_idle() still do. Entries already logged stay. The
 * default is %TRUE. Any thread.
 */
void
gh_fake_server_set_keep_log (GhFakeServer *self,
                             gboolean      keep_log)
{
  g_return_if_fail (GH_IS_FAKE_SERVER (self));

  g_mutex_lock (&self->lock);
  self->keep_log = !!keep_log;
  g_mutex_unlock (&self->lock);
}

/**
 * gh_fake_server_clear_log:
 * @self: a server
 *
 * Empties the log and resets the peak of requests in flight to the
 * number in flight now.
 */
void
gh_fake_server_clear_log (GhFakeServer *self)
{
  g_return_if_fail (GH_IS_FAKE_SERVER (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->log, 0);
  self->peak_in_flight = self->in_flight;
  g_mutex_unlock (&self->lock);
}

/**
 * gh_fake_server_get_n_requests:
 * @self: a server
 *
 * Returns: the number of requests logged
 */
guint
gh_fake_server_get_n_requests (GhFakeServer *self)
{
  guint n;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->log->len;
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * gh_fake_server_count_requests:
 * @self: a server
 * @path_pattern: a glob, matched as in gh_fake_server_add_fault()
 *
 * Returns: the number of logged requests that match
 */
guint
gh_fake_server_count_requests (GhFakeServer *self,
                               const char   *path_pattern)
{
  g_autoptr(GPatternSpec) spec = NULL;
  guint n = 0;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);
  g_return_val_if_fail (path_pattern != NULL, 0);

  spec = g_pattern_spec_new (path_pattern);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->log->len; i++)
    {
      GhFakeRequest *record = g_ptr_array_index (self->log, i);

      if (_gh_fake_server_path_matches (spec, record->path))
        n++;
    }
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * gh_fake_server_get_in_flight:
 * @self: a server
 *
 * Returns: the number of requests received and not yet finished
 */
guint
gh_fake_server_get_in_flight (GhFakeServer *self)
{
  guint n;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->in_flight;
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * gh_fake_server_get_peak_in_flight:
 * @self: a server
 *
 * Returns: the largest number of requests that were in flight at once
 *   since the server was created or the log last cleared
 */
guint
gh_fake_server_get_peak_in_flight (GhFakeServer *self)
{
  guint n;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);

  g_mutex_lock (&self->lock);
  n = self->peak_in_flight;
  g_mutex_unlock (&self->lock);

  return n;
}

/**
 * gh_fake_server_get_n_connections:
 * @self: a server
 *
 * Counts connections as their first request arrives, for as long as the
 * server lives: unlike requests, the log being cleared does not reset it.
 *
 * Returns: the number of client connections that carried a request
 */
guint
gh_fake_server_get_n_connections (GhFakeServer *self)
{
  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);

  return (guint) g_atomic_int_get (&self->n_connections);
}

/**
 * gh_fake_server_wait_for_requests:
 * @self: a server
 * @n_requests: how many log entries to wait for
 * @timeout_ms: how long to wait at most
 *
 * Blocks the calling thread, which must not be the one the client under
 * test needs to make progress.
 *
 * Returns: whether the log holds at least @n_requests entries
 */
gboolean
gh_fake_server_wait_for_requests (GhFakeServer *self,
                                  guint         n_requests,
                                  guint         timeout_ms)
{
  gint64 deadline;
  gboolean reached;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), FALSE);

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&self->lock);
  while (self->log->len < n_requests &&
         g_cond_wait_until (&self->cond, &self->lock, deadline))
    ;
  reached = self->log->len >= n_requests;
  g_mutex_unlock (&self->lock);

  return reached;
}

/**
 * gh_fake_server_wait_idle:
 * @self: a server
 * @timeout_ms: how long to wait at most
 *
 * Blocks until no request is in flight, e.g. until the server has noticed
 * that a cancelled client went away.
 *
 * Returns: whether the server became idle in time
 */
gboolean
gh_fake_server_wait_idle (GhFakeServer *self,
                          guint         timeout_ms)
{
  gint64 deadline;
  gboolean idle;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), FALSE);

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  g_mutex_lock (&self->lock);
  while (self->in_flight > 0 &&
         g_cond_wait_until (&self->cond, &self->lock, deadline))
    ;
  idle = self->in_flight == 0;
  g_mutex_unlock (&self->lock);

  return idle;
}
