/* gh-cache-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _GhCache GhCache;

/* A page as kept: what a 304 stands for */
typedef struct
{
  char   *etag;           /* nullable */
  char   *last_modified;  /* nullable */
  char   *link;           /* nullable */
  GBytes *body;
} GhCachedPage;

GhCache      *_gh_cache_new        (const char    *dir,
                                    guint64        max_bytes);
void          _gh_cache_free       (GhCache       *self);
char         *_gh_cache_key        (const char    *url,
                                    const char    *token);
GhCachedPage *_gh_cache_lookup     (GhCache       *self,
                                    const char    *key,
                                    const char    *url);
void          _gh_cache_store      (GhCache       *self,
                                    const char    *key,
                                    const char    *url,
                                    const char    *etag,
                                    const char    *last_modified,
                                    const char    *link,
                                    const guint8  *body,
                                    gsize          size);
void          _gh_cached_page_free (GhCachedPage  *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GhCachedPage, _gh_cached_page_free)

G_END_DECLS
