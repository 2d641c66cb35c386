/* contrib-token-store.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CONTRIB_TYPE_TOKEN_STORE (contrib_token_store_get_type ())

G_DECLARE_FINAL_TYPE (ContribTokenStore, contrib_token_store, CONTRIB, TOKEN_STORE, GObject)

ContribTokenStore *contrib_token_store_new           (void);
void               contrib_token_store_lookup_async  (ContribTokenStore    *self,
                                                      const char           *api_url,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
char              *contrib_token_store_lookup_finish (ContribTokenStore    *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void               contrib_token_store_save          (ContribTokenStore    *self,
                                                      const char           *api_url,
                                                      const char           *token);
gboolean           contrib_token_store_is_available  (ContribTokenStore    *self);

G_END_DECLS
