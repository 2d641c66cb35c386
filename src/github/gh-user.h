/* gh-user.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * GH_USER_ANONYMOUS_LOGIN:
 *
 * The login under which a contributors answer counts every entry that has
 * no `login` (GitHub's anonymous contributors). Parentheses cannot occur in
 * a real login, so it never collides with one.
 */
#define GH_USER_ANONYMOUS_LOGIN "(anonymous)"

#define GH_TYPE_USER (gh_user_get_type ())

G_DECLARE_FINAL_TYPE (GhUser, gh_user, GH, USER, GObject)

GhUser     *gh_user_new               (const char *login,
                                       gint64      contributions);
GhUser     *gh_user_new_full          (const char *login,
                                       gint64      contributions,
                                       const char *html_url,
                                       const char *avatar_url);
const char *gh_user_get_login         (GhUser     *self);
gint64      gh_user_get_contributions (GhUser     *self);
const char *gh_user_get_html_url      (GhUser     *self);
const char *gh_user_get_avatar_url    (GhUser     *self);
gboolean    gh_user_equal             (GhUser     *a,
                                       GhUser     *b);

G_END_DECLS
