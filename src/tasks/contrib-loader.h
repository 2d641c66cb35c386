/* contrib-loader.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <coro.h>
#include <gh.h>

#include "contrib-update.h"
#include "contrib-variant.h"

G_BEGIN_DECLS

#define CONTRIB_TYPE_LOADER (contrib_loader_get_type ())

G_DECLARE_FINAL_TYPE (ContribLoader, contrib_loader, CONTRIB, LOADER, GObject)

ContribLoader *contrib_loader_new                    (GhService         *service,
                                                      ContribVariant     variant,
                                                      const char        *org);
void           contrib_loader_set_dispatchers        (ContribLoader     *self,
                                                      CoroDispatcher    *main,
                                                      CoroDispatcher    *background);
void           contrib_loader_start                  (ContribLoader     *self,
                                                      ContribUpdateFunc  update,
                                                      gpointer           user_data,
                                                      GDestroyNotify     user_data_destroy);
void           contrib_loader_cancel                 (ContribLoader     *self);
void           contrib_loader_abandon                (ContribLoader     *self);
gboolean       contrib_loader_is_running             (ContribLoader     *self);
ContribVariant contrib_loader_get_variant            (ContribLoader     *self);
CoroJob       *contrib_loader_get_root_job           (ContribLoader     *self);

G_END_DECLS
