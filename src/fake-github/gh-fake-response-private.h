/* gh-fake-response-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <libsoup/soup.h>

#include "gh-dataset.h"
#include "gh-fake-fault.h"

G_BEGIN_DECLS

/*
 * What the fake server will answer to one request, worked out as soon as
 * the request arrives and sent after @delay_ms. Pure: it reads the dataset
 * and the request, and touches no server state.
 */
typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;        /* NULL: no body */
  guint               delay_ms;    /* before latency scaling */
  int                 repo_index;  /* the repository whose contributors these are, or -1 */
  gboolean            rate_limit;  /* GET /rate_limit: the body comes from the server's state */
} GhFakeResponse;

/* The primary rate limit reported in x-ratelimit-* headers. */
typedef struct
{
  guint  limit;
  guint  used;
  gint64 reset;   /* epoch seconds */
} GhFakeRateLimit;

typedef struct _GhFakePageCache GhFakePageCache;

GhFakePageCache *_gh_fake_page_cache_new      (void);
void            _gh_fake_page_cache_free      (GhFakePageCache       *cache);

char           *_gh_fake_base_uri             (GUri                  *request_uri);
GhFakeResponse *_gh_fake_response_new         (GhDataset             *dataset,
                                               GhFakePageCache       *cache,
                                               const char            *method,
                                               GUri                  *request_uri,
                                               SoupMessageHeaders    *request_headers);
void            _gh_fake_response_apply_fault (GhFakeResponse        *response,
                                               const GhFakeFault     *fault,
                                               const char            *base,
                                               const GhFakeRateLimit *rate);
void            _gh_fake_response_set_rate_limit (GhFakeResponse        *response,
                                               const GhFakeRateLimit *rate);
void            _gh_fake_response_set_rate_limit_body (GhFakeResponse        *response,
                                                    const GhFakeRateLimit *rate);
void            _gh_fake_response_free        (GhFakeResponse        *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GhFakeResponse, _gh_fake_response_free)

G_END_DECLS
