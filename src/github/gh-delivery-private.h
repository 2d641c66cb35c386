/* gh-delivery-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

#include "gh-response.h"

G_BEGIN_DECLS

typedef struct _GhDeliveries GhDeliveries;
typedef struct _GhDelivery   GhDelivery;

GhDeliveries *_gh_deliveries_new           (void);
void          _gh_deliveries_free          (GhDeliveries *self);
GhDelivery   *_gh_deliveries_acquire       (GhDeliveries *self,
                                            GMainContext *context);
guint         _gh_deliveries_get_n_waiting (GhDeliveries *self,
                                            GMainContext *context);
void          _gh_delivery_push            (GhDelivery   *self,
                                            GTask        *task,
                                            GhResponse   *response,
                                            GError       *error);

G_END_DECLS
