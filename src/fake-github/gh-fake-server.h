/* gh-fake-server.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib-object.h>

#include "gh-dataset.h"
#include "gh-fake-fault.h"

G_BEGIN_DECLS

/*
 * GhFakeServer: a fake GitHub REST API on http://127.0.0.1:PORT/, serving a
 * GhDataset from threads of its own (so blocking clients work from any
 * thread, including the one that created it), several of them, each with
 * its share of the connections, so that a client with a thousand open does
 * not make every main loop iteration poll a thousand sockets.
 *
 * Routes (GET and HEAD; anything else is GitHub's 404 JSON):
 *   /orgs/{org}/repos                  org matched case-insensitively
 *   /organizations/{org_id}/repos      the id-based form of next links
 *   /repos/{org}/{repo}/contributors   204 for an "empty" repository
 *   /repositories/{repo_id}/contributors
 * with ?per_page= (default 30, capped at 100) and ?page= (default 1; past
 * the end gives []). Repositories and contributors come in dataset order.
 * Link carries prev/next/last/first as absolute, id-based URLs built from
 * the request's own scheme, host and port, and keeps the other query
 * parameters. 200 pages carry a weak ETag; a matching If-None-Match gets
 * 304. Every answer carries x-ratelimit-{limit,remaining,reset,used,
 * resource}: limit 5000, 304s do not count, and a used-up window silently
 * starts a new one (rate limiting proper is a fault).
 *
 * Latency: a page of repositories waits repos_latency_ms, a page of
 * contributors the repository's latency_ms, both times the latency scale;
 * 404s answer at once. Requests wait side by side (a queue by due time,
 * not a thread each).
 *
 * Faults: gh_fake_server_add_fault(), then the dataset's own, see
 * GhFakeFault.
 *
 * Log: unless gh_fake_server_set_keep_log() turned it off, an entry is
 * added, with its fault, as soon as a request arrives; its status just
 * before the answer leaves; finished, end_time_us and client_gone once the
 * exchange is over, which can be a moment after the client has its answer:
 * call gh_fake_server_wait_idle() before checking those.
 */

/**
 * GhFakeRequest:
 * @time_us: when the request arrived, in monotonic µs since the server started
 * @end_time_us: when the exchange ended, or -1 while it is still going on
 * @method: the request method
 * @path: path and query exactly as sent, e.g. "/orgs/kotlin/repos?per_page=100"
 * @user_agent: (nullable): the User-Agent header
 * @accept: (nullable): the Accept header
 * @api_version: (nullable): the X-GitHub-Api-Version header
 * @if_none_match: (nullable): the If-None-Match header
 * @has_authorization: whether an Authorization header was sent
 * @auth_scheme: (nullable): its scheme ("Bearer", "token", "Basic"…); the
 *   credentials themselves are never recorded
 * @status: the status sent, or 0 if none was (dropped, or the client left first)
 * @fault: (nullable): the name of the injected fault kind, e.g. "rate-limit"
 * @finished: whether the exchange is over
 * @client_gone: whether the client went away before the response was
 *   complete (it cancelled, or timed out)
 *
 * One entry of the request log. The server keeps the originals; the log
 * functions hand out copies.
 */
typedef struct
{
  gint64    time_us;
  gint64    end_time_us;
  char     *method;
  char     *path;
  char     *user_agent;
  char     *accept;
  char     *api_version;
  char     *if_none_match;
  gboolean  has_authorization;
  char     *auth_scheme;
  guint     status;
  char     *fault;
  gboolean  finished;
  gboolean  client_gone;
} GhFakeRequest;

#define GH_TYPE_FAKE_REQUEST (gh_fake_request_get_type ())

GType          gh_fake_request_get_type (void) G_GNUC_CONST;
GhFakeRequest *gh_fake_request_copy     (const GhFakeRequest *request);
void           gh_fake_request_free     (GhFakeRequest       *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GhFakeRequest, gh_fake_request_free)

#define GH_TYPE_FAKE_SERVER (gh_fake_server_get_type ())

G_DECLARE_FINAL_TYPE (GhFakeServer, gh_fake_server, GH, FAKE_SERVER, GObject)

GhFakeServer *gh_fake_server_new                (GhDataset          *dataset);
GhDataset    *gh_fake_server_get_dataset        (GhFakeServer       *self);
void          gh_fake_server_set_port           (GhFakeServer       *self,
                                                 guint               port);
void          gh_fake_server_set_latency_scale  (GhFakeServer       *self,
                                                 double              scale);
double        gh_fake_server_get_latency_scale  (GhFakeServer       *self);

gboolean      gh_fake_server_start              (GhFakeServer       *self,
                                                 GError            **error);
void          gh_fake_server_stop               (GhFakeServer       *self);
const char   *gh_fake_server_get_uri            (GhFakeServer       *self);

guint         gh_fake_server_add_fault          (GhFakeServer       *self,
                                                 const char         *path_pattern,
                                                 const GhFakeFault  *fault);
void          gh_fake_server_remove_fault       (GhFakeServer       *self,
                                                 guint               fault_id);
void          gh_fake_server_clear_faults       (GhFakeServer       *self);
void          gh_fake_server_set_rate_limit     (GhFakeServer       *self,
                                                 guint               limit,
                                                 guint               remaining,
                                                 gint64              reset);

GPtrArray    *gh_fake_server_get_log            (GhFakeServer       *self);
void          gh_fake_server_set_keep_log       (GhFakeServer       *self,
                                                 gboolean            keep_log);
void          gh_fake_server_clear_log          (GhFakeServer       *self);
guint         gh_fake_server_get_n_requests     (GhFakeServer       *self);
guint         gh_fake_server_count_requests     (GhFakeServer       *self,
                                                 const char         *path_pattern);
guint         gh_fake_server_get_in_flight      (GhFakeServer       *self);
guint         gh_fake_server_get_peak_in_flight (GhFakeServer       *self);
guint         gh_fake_server_get_n_connections  (GhFakeServer       *self);
gboolean      gh_fake_server_wait_for_requests  (GhFakeServer       *self,
                                                 guint               n_requests,
                                                 guint               timeout_ms);
gboolean      gh_fake_server_wait_idle          (GhFakeServer       *self,
                                                 guint               timeout_ms);

G_END_DECLS
