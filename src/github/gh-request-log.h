/* gh-request-log.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * GhRequestKind:
 * @GH_REQUEST_REPOS: a page of `orgs/{org}/repos`
 * @GH_REQUEST_CONTRIBUTORS: a page of `repos/{owner}/{repo}/contributors`
 */
typedef enum
{
  GH_REQUEST_REPOS,
  GH_REQUEST_CONTRIBUTORS,
} GhRequestKind;

/**
 * GhRequestOutcome:
 * @GH_REQUEST_OK: a success with items
 * @GH_REQUEST_EMPTY: a success without items (204, `[]`), or a redirect
 * @GH_REQUEST_FAILED: an HTTP error (retried or not), a transport error,
 *   a body that could not be read or parsed, or the deadline
 * @GH_REQUEST_CANCELLED: the caller cancelled it
 */
typedef enum
{
  GH_REQUEST_OK,
  GH_REQUEST_EMPTY,
  GH_REQUEST_FAILED,
  GH_REQUEST_CANCELLED,
} GhRequestOutcome;

/**
 * GhRequestEvent:
 * @start_us: when the request was sent, on the log's clock (monotonic
 *   microseconds unless gh_request_log_set_clock() said otherwise)
 * @end_us: when its answer was in, or it failed
 * @kind: which endpoint
 * @url: what was requested (never carries a token)
 * @subject: the organization for %GH_REQUEST_REPOS, the repository's name
 *   for %GH_REQUEST_CONTRIBUTORS
 * @page: which page of the call, from 1; a retry or redirect keeps it
 * @thread: the name of the thread that asked for it ("main", "worker-1")
 * @coroutine: the debug name of the coroutine that asked for it, or %NULL
 *   outside one
 * @coroutine_id: that coroutine's debug id, or 0
 * @status: the HTTP status, or 0 without an answer
 * @n_items: the items the page held
 * @n_bytes: the body's bytes
 * @outcome: how it ended
 * @error_domain: for %GH_REQUEST_FAILED and %GH_REQUEST_CANCELLED, the
 *   error's domain, else 0
 * @error_code: and its code
 * @after_cancel: whether it was still running once the load was cancelled
 *   (see gh_request_log_mark_cancelled()) and then did not end as
 *   cancelled: NOT_CANCELLABLE's requests
 *
 * One HTTP request, as a #GhRequestLog hands it over. Strings are owned by
 * the event and live as long as the log.
 */
typedef struct
{
  gint64            start_us;
  gint64            end_us;
  GhRequestKind     kind;
  const char       *url;
  const char       *subject;
  guint             page;
  const char       *thread;
  const char       *coroutine;
  guint64           coroutine_id;
  guint             status;
  guint             n_items;
  guint64           n_bytes;
  GhRequestOutcome  outcome;
  GQuark            error_domain;
  int               error_code;
  gboolean          after_cancel;
} GhRequestEvent;

/**
 * GhRequestClock:
 *
 * Returns: the time in microseconds
 */
typedef gint64 (*GhRequestClock) (void);

/**
 * GhRequestSink:
 *
 * Where a service records its requests, from any thread. It belongs to one
 * #GhRequestLog, and may outlive it: what is recorded then is dropped.
 */
typedef struct _GhRequestSink GhRequestSink;

GhRequestSink        *gh_request_sink_ref              (GhRequestSink        *self);
void                  gh_request_sink_unref            (GhRequestSink        *self);
gint64                gh_request_sink_now              (GhRequestSink        *self);
void                  gh_request_sink_record           (GhRequestSink        *self,
                                                        const GhRequestEvent *event);

#define GH_TYPE_REQUEST_LOG (gh_request_log_get_type ())

G_DECLARE_FINAL_TYPE (GhRequestLog, gh_request_log, GH, REQUEST_LOG, GObject)

GhRequestLog         *gh_request_log_new               (void);
void                  gh_request_log_set_clock         (GhRequestLog         *self,
                                                        GhRequestClock        clock);
gint64                gh_request_log_now               (GhRequestLog         *self);
GhRequestSink        *gh_request_log_get_sink          (GhRequestLog         *self);
void                  gh_request_log_mark_cancelled    (GhRequestLog         *self);
gint64                gh_request_log_get_cancelled_us  (GhRequestLog         *self);
void                  gh_request_log_flush             (GhRequestLog         *self);
guint                 gh_request_log_get_n_events      (GhRequestLog         *self);
const GhRequestEvent *gh_request_log_get_event         (GhRequestLog         *self,
                                                        guint                 index);
guint                 gh_request_log_get_peak          (GhRequestLog         *self);
void                  gh_request_log_set_origin        (GhRequestLog         *self);
gint64                gh_request_log_get_origin_us     (GhRequestLog         *self);
gint64                gh_request_log_get_end_us        (GhRequestLog         *self);

char                 *gh_request_log_to_trace          (GhRequestLog         *self,
                                                        const char           *title);

const char           *gh_request_kind_to_string        (GhRequestKind         kind);
const char           *gh_request_outcome_to_string     (GhRequestOutcome      outcome);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GhRequestSink, gh_request_sink_unref)

G_END_DECLS
