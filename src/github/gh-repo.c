/* gh-repo.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-repo.h"

/**
 * GhRepo:
 *
 * One repository of an organization, as listed by `GET orgs/{org}/repos`.
 * Immutable, so it may be shared between threads.
 */
struct _GhRepo
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
};

G_DEFINE_FINAL_TYPE (GhRepo, gh_repo, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gh_repo_finalize (GObject *object)
{
  GhRepo *self = GH_REPO (object);

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (gh_repo_parent_class)->finalize (object);
}

static void
gh_repo_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  GhRepo *self = GH_REPO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gh_repo_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  GhRepo *self = GH_REPO (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gh_repo_class_init (GhRepoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gh_repo_finalize;
  object_class->get_property = gh_repo_get_property;
  object_class->set_property = gh_repo_set_property;

  /**
   * GhRepo:id:
   *
   * GitHub's numeric id of the repository, 0 when the answer had none.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS);

  /**
   * GhRepo:name:
   *
   * The repository's name, without the owner.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         "",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gh_repo_init (GhRepo *self)
{
}

/**
 * gh_repo_new:
 * @id: GitHub's id of the repository, or 0
 * @name: the repository's name
 *
 * Returns: (transfer full): a new #GhRepo
 */
GhRepo *
gh_repo_new (gint64      id,
             const char *name)
{
  g_return_val_if_fail (id >= 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (GH_TYPE_REPO,
                       "id", id,
                       "name", name,
                       NULL);
}

gint64
gh_repo_get_id (GhRepo *self)
{
  g_return_val_if_fail (GH_IS_REPO (self), 0);

  return self->id;
}

const char *
gh_repo_get_name (GhRepo *self)
{
  g_return_val_if_fail (GH_IS_REPO (self), NULL);

  return self->name;
}

/**
 * gh_repo_equal:
 * @a: a #GhRepo
 * @b: another #GhRepo
 *
 * Returns: whether @a and @b have the same id and name
 */
gboolean
gh_repo_equal (GhRepo *a,
               GhRepo *b)
{
  g_return_val_if_fail (GH_IS_REPO (a), FALSE);
  g_return_val_if_fail (GH_IS_REPO (b), FALSE);

  return a->id == b->id && g_str_equal (a->name, b->name);
}
