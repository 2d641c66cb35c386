/* gh-user.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-user.h"

/**
 * GhUser:
 *
 * A contributor of one repository: a login and its number of
 * contributions, as listed by `GET repos/{owner}/{repo}/contributors`.
 * Immutable, so it may be shared between threads.
 */
struct _GhUser
{
  GObject  parent_instance;

  char    *login;
  gint64   contributions;
  char    *html_url;    /* (nullable) */
  char    *avatar_url;  /* (nullable) */
};

G_DEFINE_FINAL_TYPE (GhUser, gh_user, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOGIN,
  PROP_CONTRIBUTIONS,
  PROP_HTML_URL,
  PROP_AVATAR_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gh_user_finalize (GObject *object)
{
  GhUser *self = GH_USER (object);

  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->html_url, g_free);
  g_clear_pointer (&self->avatar_url, g_free);

  G_OBJECT_CLASS (gh_user_parent_class)->finalize (object);
}

static void
gh_user_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  GhUser *self = GH_USER (object);

  switch (prop_id)
    {
    case PROP_LOGIN:
      g_value_set_string (value, self->login);
      break;

    case PROP_CONTRIBUTIONS:
      g_value_set_int64 (value, self->contributions);
      break;

    case PROP_HTML_URL:
      g_value_set_string (value, self->html_url);
      break;

    case PROP_AVATAR_URL:
      g_value_set_string (value, self->avatar_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gh_user_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  GhUser *self = GH_USER (object);

  switch (prop_id)
    {
    case PROP_LOGIN:
      g_free (self->login);
      self->login = g_value_dup_string (value);
      break;

    case PROP_CONTRIBUTIONS:
      self->contributions = g_value_get_int64 (value);
      break;

    case PROP_HTML_URL:
      g_free (self->html_url);
      self->html_url = g_value_dup_string (value);
      break;

    case PROP_AVATAR_URL:
      g_free (self->avatar_url);
      self->avatar_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gh_user_class_init (GhUserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gh_user_finalize;
  object_class->get_property = gh_user_get_property;
  object_class->set_property = gh_user_set_property;

  /**
   * GhUser:login:
   *
   * The user's login, or %GH_USER_ANONYMOUS_LOGIN.
   */
  properties[PROP_LOGIN] =
    g_param_spec_string ("login", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * GhUser:contributions:
   *
   * How many contributions the user made (to one repository, or in total
   * after aggregation).
   */
  properties[PROP_CONTRIBUTIONS] =
    g_param_spec_int64 ("contributions", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS);

  /**
   * GhUser:html-url:
   *
   * The user's profile page, as the server gave it: an absolute http(s)
   * URL, or %NULL.
   */
  properties[PROP_HTML_URL] =
    g_param_spec_string ("html-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);

  /**
   * GhUser:avatar-url:
   *
   * The user's picture, as the server gave it: an absolute http(s) URL,
   * or %NULL.
   */
  properties[PROP_AVATAR_URL] =
    g_param_spec_string ("avatar-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gh_user_init (GhUser *self)
{
}

/**
 * gh_user_new:
 * @login: the user's login
 * @contributions: number of contributions, >= 0
 *
 * Returns: (transfer full): a new #GhUser
 */
GhUser *
gh_user_new (const char *login,
             gint64      contributions)
{
  g_return_val_if_fail (login != NULL, NULL);
  g_return_val_if_fail (contributions >= 0, NULL);

  return g_object_new (GH_TYPE_USER,
                       "login", login,
                       "contributions", contributions,
                       NULL);
}

/**
 * gh_user_new_full:
 * @login: the user's login
 * @contributions: number of contributions, >= 0
 * @html_url: (nullable): the profile page
 * @avatar_url: (nullable): the picture
 *
 * Returns: (transfer full): a new #GhUser
 */
GhUser *
gh_user_new_full (const char *login,
                  gint64      contributions,
                  const char *html_url,
                  const char *avatar_url)
{
  GhUser *self = gh_user_new (login, contributions);

  /* Set here rather than through g_object_new(): a large organization
   * makes tens of thousands of users, and the property machinery would
   * cost more than the strings. */
  if (self != NULL)
    {
      self->html_url = g_strdup (html_url);
      self->avatar_url = g_strdup (avatar_url);
    }
  return self;
}

const char *
gh_user_get_login (GhUser *self)
{
  g_return_val_if_fail (GH_IS_USER (self), NULL);

  return self->login;
}

gint64
gh_user_get_contributions (GhUser *self)
{
  g_return_val_if_fail (GH_IS_USER (self), 0);

  return self->contributions;
}

/**
 * gh_user_get_html_url:
 * @self: a #GhUser
 *
 * Returns: (nullable): the profile page, an absolute http(s) URL
 */
const char *
gh_user_get_html_url (GhUser *self)
{
  g_return_val_if_fail (GH_IS_USER (self), NULL);

  return self->html_url;
}

/**
 * gh_user_get_avatar_url:
 * @self: a #GhUser
 *
 * Returns: (nullable): the picture, an absolute http(s) URL
 */
const char *
gh_user_get_avatar_url (GhUser *self)
{
  g_return_val_if_fail (GH_IS_USER (self), NULL);

  return self->avatar_url;
}

/**
 * gh_user_equal:
 * @a: a #GhUser
 * @b: another #GhUser
 *
 * Returns: whether @a and @b have the same login and contributions
 */
gboolean
gh_user_equal (GhUser *a,
               GhUser *b)
{
  g_return_val_if_fail (GH_IS_USER (a), FALSE);
  g_return_val_if_fail (GH_IS_USER (b), FALSE);

  return a->contributions == b->contributions &&
         g_str_equal (a->login, b->login);
}
