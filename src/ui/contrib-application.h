/* contrib-application.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <adwaita.h>
#include <gh-fake-github.h>

#include "contrib-token-store.h"

G_BEGIN_DECLS

#define CONTRIB_TYPE_APPLICATION (contrib_application_get_type ())

G_DECLARE_FINAL_TYPE (ContribApplication, contrib_application, CONTRIB, APPLICATION, AdwApplication)

ContribApplication *contrib_application_new           (void);
const char         *contrib_application_get_demo_url  (ContribApplication  *self,
                                                       const char          *dataset,
                                                       double               latency_scale,
                                                       GError             **error);
GhDataset          *contrib_application_get_demo_dataset (ContribApplication *self,
                                                         const char         *dataset);
ContribTokenStore  *contrib_application_get_token_store (ContribApplication *self);

G_END_DECLS
