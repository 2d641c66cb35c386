/* gh-repo.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define GH_TYPE_REPO (gh_repo_get_type ())

G_DECLARE_FINAL_TYPE (GhRepo, gh_repo, GH, REPO, GObject)

GhRepo     *gh_repo_new      (gint64      id,
                              const char *name);
gint64      gh_repo_get_id   (GhRepo     *self);
const char *gh_repo_get_name (GhRepo     *self);
gboolean    gh_repo_equal    (GhRepo     *a,
                              GhRepo     *b);

G_END_DECLS
