/* gh-call-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <libsoup/soup.h>

#include "gh-cache-private.h"
#include "gh-client-private.h"
#include "gh-delivery-private.h"
#include "gh-request-log.h"
#include "gh-response.h"

G_BEGIN_DECLS

#define GH_API_VERSION "2022-11-28"
/* Error bodies are only read for GitHub's `message` */
#define GH_MAX_ERROR_BODY_BYTES (64 * 1024)
/* How much of GitHub's `message`, or of a link's target, an error quotes */
#define GH_MAX_QUOTED_CHARS 300

typedef struct _GhCall     GhCall;
typedef struct _GhRunner   GhRunner;
typedef struct _GhLane     GhLane;
typedef struct _GhIoThread GhIoThread;

/*
 * One call: all pages of one endpoint. Shared by the blocking and the
 * callback style; only one page is ever in flight.
 */
struct _GhCall
{
  GObject      *owner;           /* the client: kept until the call is freed */
  GUri         *api_uri;         /* the client's; the only origin for the token */
  GhRunner     *runner;          /* the owner's */
  GType         item_type;
  GCancellable *cancellable;
  char         *token;
  guint         max_pages;
  guint         timeout_s;       /* each request's overall deadline */
  guint         retry_base_ms;

  char         *url;             /* the next request, NULL when done */
  guint         n_pages;
  guint         n_redirects;
  guint         n_retries;       /* of the page in progress */
  guint         retry_delay_ms;  /* before the next retry */
  GHashTable   *visited;         /* page URLs already fetched */

  GPtrArray    *items;
  int           anonymous_index;
  guint         status;
  char         *reason;
  gint64        rate_limit;
  gint64        rate_remaining;
  gint64        rate_reset;

  /* Callback style: the task to return, where to, and where it runs */
  GTask        *task;
  GCancellable *io_cancellable;  /* the caller's, cancelled again on the I/O thread */
  gulong        io_forward_id;
  GhDelivery   *delivery;
  GhIoThread   *io;
  GhLane       *lane;            /* the one the page in flight went to */

  /* The page in flight */
  SoupSession  *session;
  SoupMessage  *msg;
  GCancellable *request_cancellable; /* the caller's cancellable, or the deadline */
  GCancellable *forward_from;    /* what cancels it, with: */
  gulong        forward_id;
  GSource      *deadline;
  GInputStream *stream;
  GByteArray   *body;
  gsize         body_limit;
  gsize         body_capacity;   /* what body->data has room for */
  gboolean      body_too_large;
  gboolean      holding_slot;

  /* Callback style: waiting to retry */
  GSource      *retry_timer;
  GSource      *retry_cancel;

  /* Conditional requests */
  GhCache       *cache;          /* the client's, or NULL */
  char          *cache_key;      /* of the page in flight */
  GhCachedPage  *cached;         /* what a 304 for it stands for */
  gboolean       from_cache;     /* the page in hand is the cached one */

  /* Request events: who asked, and the request in flight */
  GhRequestSink *sink;           /* NULL: none are recorded */
  GhRequestKind  kind;
  char          *subject;
  const char    *caller_thread;     /* interned */
  const char    *caller_coroutine;  /* interned, or NULL */
  guint64        caller_coroutine_id;
  gboolean       request_open;      /* sent, and not recorded yet */
  gint64         request_start_us;
  gint64         request_end_us;    /* G_MININT64 while it runs */
  guint          request_first_item;

  GhPageObserver parse_observer;
  gpointer      parse_observer_data;
  GhPageObserver send_observer;
  gpointer      send_observer_data;

  /* Callback style: the page's parse, on a parser thread */
  gboolean      parse_urgent;
  guint         parse_ticket;
  gboolean      parse_ok;
  char         *parse_failure;   /* the reason when not */
};

/* What a finished page asks for next */
typedef enum
{
  GH_PAGE_FAILED,
  GH_PAGE_RETRY,        /* the same URL again, after call->retry_delay_ms */
  GH_PAGE_REDIRECTED,   /* call->url is the new location */
  GH_PAGE_EMPTY,        /* 204: nothing to parse */
  GH_PAGE_BODY,         /* call->body is the items to parse */
} GhPageOutcome;

GhCall        *_gh_call_new                   (GObject       *owner,
                                               GUri          *api_uri,
                                               GhRunner      *runner,
                                               GType          item_type,
                                               const char    *relative,
                                               GCancellable  *cancellable);
void           _gh_call_free                  (GhCall        *call);
void           _gh_call_set_request_info      (GhCall        *call,
                                               GhRequestSink *sink,
                                               GhRequestKind  kind,
                                               const char    *subject);
void           _gh_call_record_request        (GhCall        *call,
                                               const GError  *error);
GhResponse    *_gh_call_build_response        (GhCall        *call);
char          *_gh_call_resolve_target        (GhCall        *call,
                                               const char    *what,
                                               const char    *target,
                                               GError       **error);
void           _gh_call_begin_page            (GhCall        *call,
                                               SoupSession   *session);
void           _gh_call_arm_deadline          (GhCall        *call,
                                               GMainContext  *context,
                                               GCancellable  *cancellable);
void           _gh_call_disarm_deadline       (GhCall        *call);
gboolean       _gh_call_check_head            (GhCall        *call,
                                               GError       **error);
void           _gh_call_close_stream          (GhCall        *call);
guint8        *_gh_call_prepare_read          (GhCall        *call,
                                               gsize         *size);
gboolean       _gh_call_add_body_bytes        (GhCall        *call,
                                               gsize          n);
gboolean       _gh_call_handle_read_error     (GhCall        *call,
                                               GError        *read_error,
                                               GError       **error);
GhPageOutcome  _gh_call_check_page            (GhCall        *call,
                                               GError       **error);
gboolean       _gh_call_parse_page            (GhCall        *call,
                                               char         **reason);
gboolean       _gh_call_advance_page          (GhCall        *call,
                                               GError       **error);

/* gh-call-error.c */
const char    *_gh_message_reason             (SoupMessage   *msg);
gint64         _gh_header_int                 (SoupMessageHeaders *headers,
                                               const char    *name);
gint64         _gh_header_retry_after         (SoupMessageHeaders *headers);
GError        *_gh_call_http_error            (GhCall        *call);
GError        *_gh_call_invalid_response_error (GhCall       *call,
                                               const char    *reason);
GError        *_gh_call_cross_origin_error    (GhCall        *call,
                                               const char    *what,
                                               const char    *target);
GError        *_gh_call_too_many_pages_error  (GhCall        *call,
                                               const char    *target);
void           _gh_call_transport_error       (GhCall        *call,
                                               GError        *send_error,
                                               GError       **error);
void           _gh_call_scrub_error           (GhCall        *call,
                                               GError        *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GhCall, _gh_call_free)

G_END_DECLS
