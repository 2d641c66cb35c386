/* gh-response.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib-object.h>

#include "gh-repo.h"
#include "gh-user.h"

G_BEGIN_DECLS

/**
 * GH_RESPONSE_UNKNOWN:
 *
 * The value of a rate-limit figure that the server did not send.
 */
#define GH_RESPONSE_UNKNOWN (-1)

#define GH_TYPE_RESPONSE (gh_response_get_type ())

typedef struct _GhResponse GhResponse;

GType       gh_response_get_type                (void) G_GNUC_CONST;

GhResponse *gh_response_new                     (GType       item_type,
                                                 guint       status,
                                                 const char *reason);
GhResponse *gh_response_ref                     (GhResponse *self);
void        gh_response_unref                   (GhResponse *self);

void        gh_response_add_item                (GhResponse *self,
                                                 gpointer    item);
void        gh_response_set_rate_limit          (GhResponse *self,
                                                 gint64      limit,
                                                 gint64      remaining,
                                                 gint64      reset);
void        gh_response_set_n_pages             (GhResponse *self,
                                                 guint       n_pages);

guint       gh_response_get_status              (GhResponse *self);
const char *gh_response_get_reason              (GhResponse *self);
GType       gh_response_get_item_type           (GhResponse *self);
guint       gh_response_get_n_items             (GhResponse *self);
gpointer    gh_response_get_item                (GhResponse *self,
                                                 guint       position);
GhRepo     *gh_response_get_repo                (GhResponse *self,
                                                 guint       position);
GhUser     *gh_response_get_user                (GhResponse *self,
                                                 guint       position);
GPtrArray  *gh_response_get_items               (GhResponse *self);
gint64      gh_response_get_rate_limit_limit    (GhResponse *self);
gint64      gh_response_get_rate_limit_remaining (GhResponse *self);
gint64      gh_response_get_rate_limit_reset    (GhResponse *self);
guint       gh_response_get_n_pages             (GhResponse *self);
gboolean    gh_response_equal_items             (GhResponse *a,
                                                 GhResponse *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GhResponse, gh_response_unref)

G_END_DECLS
