/* gh-fake-server-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <libsoup/soup.h>

#include "gh-fake-response-private.h"
#include "gh-fake-server.h"

G_BEGIN_DECLS

/*
 * What the parts of GhFakeServer share:
 *   gh-fake-server.c          the object, its settings, start and stop, the worker threads
 *   gh-fake-server-answer.c   answering a request, from its arrival to its last byte
 *   gh-fake-server-wait.c     where requests wait: the queue by due time, the client watch
 *   gh-fake-server-faults.c   the faults tests add, and which one a request gets
 *   gh-fake-server-log.c      the request log, the in-flight counts and waiting on them
 */

/* How long a rate limit window lasts */
#define RATE_WINDOW_S        3600

/*
 * The server runs on threads of its own, each with its own GMainContext: a
 * blocking libsoup call made on the thread that runs a SoupServer would
 * wait for an answer that thread can never send. Everything about a
 * request (SoupServer, messages, timers, pending state) lives on the
 * thread that accepted its connection; the log, the counters and the
 * faults are shared with the other threads and the callers' under @lock.
 *
 * A request is answered by pausing its message and queueing it for the
 * time its answer is due, so a slow repository delays nobody else.
 *
 * A GMainContext polls and checks every source it has on each iteration,
 * so a source per request would make each iteration cost as much as the
 * requests waiting, and a client with a thousand at once would spend its
 * latency budget on the server's bookkeeping. So the waiting requests
 * share one timer (a queue ordered by due time, whose head sets the
 * source's ready time), and on Linux one epoll set watches all their
 * clients for going away. libsoup still has a source per connection, idle
 * keep-alive ones included, so the connections are spread over a few
 * threads (Worker), each listening on the same port (SO_REUSEPORT, where
 * the kernel hands each new connection to one of them).
 *
 * Between requests, keep-alive connections are watched too: libsoup 3.2
 * misses a client closing one while it waits for the next request (fixed
 * in 3.3), and would keep its socket open for good.
 */

/* One server thread */
typedef struct
{
  GhFakeServer    *self;
  guint            index;
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  gboolean         ready;         /* under self->lock */
  GError          *start_error;   /* under self->lock */

  /* Its thread only */
  SoupServer      *soup;
  GHashTable      *pending;
  guint64          next_serial;
  GSequence       *due;           /* Pending, by due time */
  GSource         *due_source;
  int              epoll_fd;      /* -1 without epoll */
  GSource         *epoll_source;
  GHashTable      *watched;       /* serial → Pending, the clients watched */
  GHashTable      *idle;          /* GSocket → its watch (NULL with epoll) */
} Worker;

typedef struct
{
  GhFakeServer      *self;
  Worker            *worker;    /* the thread it lives on */
  SoupServerMessage *msg;
  GhFakeRequest     *record;    /* a reference on the log's entry */
  GhFakeResponse    *response;
  GhFakeFault       *fault;     /* (nullable) */
  guint64            serial;    /* tells this request from later ones */
  gint64             due_us;    /* monotonic time the answer is due */
  GSequenceIter     *due_iter;  /* (nullable): its place in the queue */
  GSource           *timer;     /* TRICKLE: the next chunk */
  GSocket           *watched;   /* (nullable): the client's socket, while watched */
  GSource           *watch;     /* the watch's source without epoll */
  gsize              sent;      /* TRICKLE: body bytes handed to libsoup */
  gboolean           wrote_body;
} Pending;

struct _GhFakeServer
{
  GObject        parent_instance;

  GhDataset     *dataset;
  guint          port;

  /* Shared with callers' threads. */
  GMutex         lock;
  GCond          cond;
  double         latency_scale;
  GPtrArray     *faults;
  guint          next_fault_id;
  guint         *repo_fault_hits;
  GPtrArray     *log;
  gboolean       keep_log;
  guint          in_flight;
  guint          peak_in_flight;
  guint          n_connections;   /* atomic */
  GhFakeRateLimit rate;
  GhFakePageCache *page_cache;   /* has a lock of its own */

  /* Written by start() and stop() only. */
  Worker        *workers;
  guint          n_workers;
  guint          bound_port;
  char          *uri;
  gint64         start_time;
};

/* gh-fake-server-answer.c */
void               _gh_fake_server_handle_request        (SoupServer         *server,
                                                          SoupServerMessage  *msg,
                                                          const char         *path,
                                                          GHashTable         *query,
                                                          gpointer            user_data);
void               _gh_fake_pending_free                 (gpointer            data);
void               _gh_fake_pending_deliver              (Pending            *pending);
void               _gh_fake_pending_complete             (Pending            *pending,
                                                          gboolean            client_gone);
void               _gh_fake_pending_close_connection     (Pending            *pending);
void               _gh_fake_server_clear_source          (GSource           **source);

/* gh-fake-server-wait.c */
void               _gh_fake_worker_start_queue_and_watch (Worker             *worker);
void               _gh_fake_worker_stop_queue_and_watch  (Worker             *worker);
void               _gh_fake_pending_enqueue              (Pending            *pending,
                                                          guint               delay_ms);
void               _gh_fake_pending_unqueue              (Pending            *pending);
void               _gh_fake_pending_watch_client         (Pending            *pending);
void               _gh_fake_pending_unwatch_client       (Pending            *pending);
void               _gh_fake_worker_watch_idle            (Worker             *worker,
                                                          GSocket            *socket);

/* gh-fake-server-faults.c */
void               _gh_fake_server_fault_entry_free      (gpointer            data);
gboolean           _gh_fake_server_path_matches          (GPatternSpec       *spec,
                                                          const char         *path_and_query);
const GhFakeFault *_gh_fake_server_find_fault            (GhFakeServer       *self,
                                                          const char         *path_and_query,
                                                          int                 repo_index);

/* gh-fake-server-log.c */
void               _gh_fake_server_record_release        (gpointer            record);
GhFakeRequest     *_gh_fake_server_log_request           (GhFakeServer       *self,
                                                          SoupServerMessage  *msg,
                                                          const char         *path_and_query);

G_END_DECLS
