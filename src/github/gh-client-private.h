/* gh-client-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "gh-client.h"

G_BEGIN_DECLS

/* Pages the callback style hands to libsoup per iteration of its I/O
 * thread at most */
#define GH_CLIENT_SENDS_PER_ITERATION 16

typedef void (*GhPageObserver) (const char *url,
                                gpointer    user_data);

GUri              *_gh_client_get_api_uri (GhClient *self);
struct _GhRunner  *_gh_client_get_runner  (GhClient *self);
char              *_gh_client_dup_token   (GhClient *self);

guint _gh_client_get_n_waiting_outcomes (GhClient      *self,
                                         GMainContext  *context);
void  _gh_client_set_parse_observer   (GhClient        *self,
                                       GhPageObserver   observer,
                                       gpointer         user_data);
void  _gh_client_set_send_observer    (GhClient        *self,
                                       GhPageObserver   observer,
                                       gpointer         user_data);

G_END_DECLS
