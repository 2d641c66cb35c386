/* contrib-headless-backend.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>
#include <gh-fake-github.h>

#include "contrib-headless-options.h"

G_BEGIN_DECLS

typedef struct _ContribHeadlessBackend ContribHeadlessBackend;

ContribHeadlessBackend *contrib_headless_backend_new            (const ContribHeadlessOptions  *options,
                                                                 GError                       **error);
void                    contrib_headless_backend_free           (ContribHeadlessBackend        *self);
GhService              *contrib_headless_backend_new_service    (ContribHeadlessBackend        *self,
                                                                 GError                       **error);
const char             *contrib_headless_backend_get_api_url    (ContribHeadlessBackend        *self);
const char             *contrib_headless_backend_get_org        (ContribHeadlessBackend        *self);
GhFakeServer           *contrib_headless_backend_get_server     (ContribHeadlessBackend        *self);
gboolean                contrib_headless_backend_has_token      (ContribHeadlessBackend        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContribHeadlessBackend, contrib_headless_backend_free)

G_END_DECLS
