/* gh-dataset.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-dataset.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "gh-fake-fault-private.h"
#include "gh-json-prescan-private.h"

#define FIRST_USER_ID 1000

typedef struct
{
  char        *name;
  gint64       id;
  guint        latency_ms;
  gboolean     empty;
  GhFakeFault *fault;
  GArray      *contributors;
} Repo;

struct _GhDataset
{
  GObject     parent_instance;

  char       *org;
  gint64      org_id;
  guint       repos_latency_ms;
  GPtrArray  *repos;
  /* login → id. The keys are the only copy of each login; contributors
   * point into them. */
  GHashTable *logins;
  /* lower-cased name → index + 1, and id → index + 1 */
  GHashTable *repo_by_name;
  GHashTable *repo_by_id;
};

G_DEFINE_FINAL_TYPE (GhDataset, gh_dataset, G_TYPE_OBJECT)

G_DEFINE_QUARK (gh-dataset-error-quark, gh_dataset_error)

static void
repo_free (gpointer data)
{
  Repo *repo = data;

  g_free (repo->name);
  gh_fake_fault_free (repo->fault);
  g_array_unref (repo->contributors);
  g_free (repo);
}

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, GH_DATASET_ERROR, GH_DATASET_ERROR_INVALID, message);

  return FALSE;
}

/* Integers in [min, max]; json-glib's typed getters return 0 for a member of
 * the wrong type, which would turn a typo into data. */
static gboolean
read_int (JsonNode   *node,
          const char *where,
          gint64      min,
          gint64      max,
          gint64     *out,
          GError    **error)
{
  if (json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, "%s: expected an integer", where);

  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    return invalid (error, "%s: %" G_GINT64_FORMAT " is out of range", where, *out);

  return TRUE;
}

static gboolean
read_name (JsonNode    *node,
           const char  *where,
           const char **out,
           GError     **error)
{
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, "%s: expected a string", where);

  *out = json_node_get_string (node);
  if (**out == '\0')
    return invalid (error, "%s: must not be empty", where);

  return TRUE;
}

static gboolean
load_contributor (GhDataset  *self,
                  GArray     *contributors,
                  GHashTable *seen,
                  JsonNode   *node,
                  const char *where,
                  GError    **error)
{
  GhDatasetContributor contributor = { 0 };
  const char *login = NULL;
  gint64 contributions = -1;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  gpointer key, id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "%s: expected an object", where);

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &member, &value))
    {
      g_autofree char *path = g_strdup_printf ("%s.%s", where, member);
      gboolean ok;

      if (g_str_equal (member, "login"))
        ok = read_name (value, path, &login, error);
      else if (g_str_equal (member, "contributions"))
        ok = read_int (value, path, 0, G_MAXINT, &contributions, error);
      else
        ok = invalid (error, "%s: unknown member", path);

      if (!ok)
        return FALSE;
    }

  if (login == NULL)
    return invalid (error, "%s.login: missing", where);
  if (contributions < 0)
    return invalid (error, "%s.contributions: missing", where);

  if (!g_hash_table_add (seen, (gpointer) login))
    return invalid (error, "%s.login: “%s” appears twice in this repository", where, login);

  if (!g_hash_table_lookup_extended (self->logins, login, &key, &id))
    {
      key = g_strdup (login);
      id = GSIZE_TO_POINTER (FIRST_USER_ID + g_hash_table_size (self->logins));
      g_hash_table_insert (self->logins, key, id);
    }

  contributor.login = key;
  contributor.id = GPOINTER_TO_SIZE (id);
  contributor.contributions = contributions;
  g_array_append_val (contributors, contributor);

  return TRUE;
}

static gboolean
load_contributors (GhDataset  *self,
                   Repo       *repo,
                   JsonNode   *node,
                   const char *where,
                   GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, "%s: expected an array", where);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", where, i);

      if (!load_contributor (self, repo->contributors, seen,
                             json_array_get_element (array, i), path, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_repo (GhDataset  *self,
           JsonNode   *node,
           guint       index,
           GError    **error)
{
  g_autofree char *where = g_strdup_printf ("repos[%u]", index);
  Repo *repo;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  gboolean have_contributors = FALSE;
  char *key;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, "%s: expected an object", where);

  repo = g_new0 (Repo, 1);
  repo->id = index + 1;
  repo->contributors = g_array_new (FALSE, FALSE, sizeof (GhDatasetContributor));
  g_ptr_array_add (self->repos, repo);

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &member, &value))
    {
      g_autofree char *path = g_strdup_printf ("%s.%s", where, member);
      gboolean ok;
      gint64 number;

      if (g_str_equal (member, "name"))
        {
          const char *name = NULL;

          ok = read_name (value, path, &name, error);
          if (ok && (strchr (name, '/') != NULL || g_str_equal (name, ".") ||
                     g_str_equal (name, "..")))
            ok = invalid (error, "%s: “%s” is not a repository name", path, name);
          if (ok)
            repo->name = g_strdup (name);
        }
      else if (g_str_equal (member, "id"))
        {
          ok = read_int (value, path, 1, G_MAXINT64, &number, error);
          repo->id = number;
        }
      else if (g_str_equal (member, "latency_ms"))
        {
          ok = read_int (value, path, 0, G_MAXINT, &number, error);
          repo->latency_ms = number;
        }
      else if (g_str_equal (member, "empty"))
        {
          ok = JSON_NODE_HOLDS_VALUE (value) &&
               json_node_get_value_type (value) == G_TYPE_BOOLEAN;
          if (ok)
            repo->empty = json_node_get_boolean (value);
          else
            invalid (error, "%s: expected true or false", path);
        }
      else if (g_str_equal (member, "contributors"))
        {
          ok = load_contributors (self, repo, value, path, error);
          have_contributors = TRUE;
        }
      else if (g_str_equal (member, "fault"))
        {
          repo->fault = _gh_fake_fault_new_from_json (value, path, error);
          ok = repo->fault != NULL;
        }
      else
        ok = invalid (error, "%s: unknown member", path);

      if (!ok)
        return FALSE;
    }

  if (repo->name == NULL)
    return invalid (error, "%s.name: missing", where);
  if (!have_contributors && !repo->empty)
    return invalid (error, "%s.contributors: missing (set \"empty\": true for an empty repository)",
                    where);
  if (repo->empty && repo->contributors->len > 0)
    return invalid (error, "%s: an empty repository cannot have contributors", where);

  key = g_ascii_strdown (repo->name, -1);
  if (!g_hash_table_insert (self->repo_by_name, key, GUINT_TO_POINTER (index + 1)))
    return invalid (error, "%s.name: “%s” appears twice", where, repo->name);
  if (g_hash_table_contains (self->repo_by_id, &repo->id))
    return invalid (error, "%s.id: %" G_GINT64_FORMAT " appears twice", where, repo->id);
  g_hash_table_insert (self->repo_by_id, &repo->id, GUINT_TO_POINTER (index + 1));

  return TRUE;
}

static gboolean
load_root (GhDataset *self,
           JsonNode  *root,
           GError   **error)
{
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  JsonNode *repos = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return invalid (error, "the document must be a JSON object");

  json_object_iter_init (&iter, json_node_get_object (root));
  while (json_object_iter_next (&iter, &member, &value))
    {
      gboolean ok;
      gint64 number;

      if (g_str_equal (member, "org"))
        {
          const char *org = NULL;

          ok = read_name (value, member, &org, error);
          if (ok)
            self->org = g_strdup (org);
        }
      else if (g_str_equal (member, "org_id"))
        ok = read_int (value, member, 1, G_MAXINT64, &self->org_id, error);
      else if (g_str_equal (member, "repos_latency_ms"))
        {
          ok = read_int (value, member, 0, G_MAXINT, &number, error);
          self->repos_latency_ms = number;
        }
      else if (g_str_equal (member, "repos"))
        {
          repos = value;
          ok = JSON_NODE_HOLDS_ARRAY (value) ||
               invalid (error, "repos: expected an array");
        }
      else
        ok = invalid (error, "%s: unknown member", member);

      if (!ok)
        return FALSE;
    }

  if (self->org == NULL)
    return invalid (error, "org: missing");
  if (self->org_id == 0)
    return invalid (error, "org_id: missing");
  if (repos == NULL)
    return invalid (error, "repos: missing");

  for (guint i = 0; i < json_array_get_length (json_node_get_array (repos)); i++)
    {
      if (!load_repo (self, json_array_get_element (json_node_get_array (repos), i), i, error))
        return FALSE;
    }

  return TRUE;
}

static void
gh_dataset_finalize (GObject *object)
{
  GhDataset *self = (GhDataset *) object;

  g_free (self->org);
  g_ptr_array_unref (self->repos);
  g_hash_table_unref (self->repo_by_id);
  g_hash_table_unref (self->repo_by_name);
  g_hash_table_unref (self->logins);

  G_OBJECT_CLASS (gh_dataset_parent_class)->finalize (object);
}

static void
gh_dataset_class_init (GhDatasetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gh_dataset_finalize;
}

static void
gh_dataset_init (GhDataset *self)
{
  self->repos = g_ptr_array_new_with_free_func (repo_free);
  self->logins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->repo_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->repo_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
}

/**
 * gh_dataset_new_from_data:
 * @data: the JSON text
 * @length: its length, or -1 if NUL-terminated
 * @error: return location for a #GH_DATASET_ERROR
 *
 * @data goes through the GitHub client's pre-scan before json-glib sees it:
 * json-glib 1.6 reads two values as the second (and leaks the first),
 * wraps integers beyond 64 bits around and has no nesting limit.
 *
 * Returns: (transfer full): the dataset, or %NULL if @data is not valid JSON
 *   or is what json-glib would misread (%GH_DATASET_ERROR_PARSE: one value,
 *   nested at most 64 deep, integers within 64 bits) or not a valid dataset
 *   (%GH_DATASET_ERROR_INVALID, with the JSON path of the culprit)
 */
GhDataset *
gh_dataset_new_from_data (const char *data,
                          gssize      length,
                          GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GhDataset) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if (!_gh_json_prescan (data, length, GH_JSON_MAX_DEPTH, &reason))
    {
      /* The reason says "not JSON" or what is wrong with the text */
      g_set_error_literal (error, GH_DATASET_ERROR, GH_DATASET_ERROR_PARSE, reason);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, GH_DATASET_ERROR, GH_DATASET_ERROR_PARSE,
                   "not valid JSON: %s", local_error->message);
      return NULL;
    }

  self = g_object_new (GH_TYPE_DATASET, NULL);
  if (!load_root (self, json_parser_get_root (parser), error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * gh_dataset_new_from_file:
 * @path: a dataset file
 * @error: return location for a #GH_DATASET_ERROR or #G_FILE_ERROR
 *
 * Like gh_dataset_new_from_data(); error messages start with @path.
 *
 * Returns: (transfer full): the dataset, or %NULL
 */
GhDataset *
gh_dataset_new_from_file (const char *path,
                          GError    **error)
{
  g_autofree char *contents = NULL;
  GhDataset *self;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  self = gh_dataset_new_from_data (contents, length, error);
  if (self == NULL)
    g_prefix_error (error, "%s: ", path);

  return self;
}

static gboolean
is_plain_name (const char *name)
{
  if (*name == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

/**
 * gh_dataset_find_file:
 * @name: a dataset name such as "tutorial", "demo" or "large", or a path
 * @error: return location for a %GH_DATASET_ERROR_NOT_FOUND
 *
 * Finds `NAME.json` in, in this order: the directory named by the
 * `GH_FAKE_DATASETS_DIR` environment variable, the source tree's
 * data/datasets (for uninstalled runs and tests), and the installed
 * datasets directory. Anything that is not a plain name (it has a `/` or a
 * `.`) is taken as a path and returned if it exists.
 *
 * Returns: (transfer full): the path of the file, or %NULL
 */
char *
gh_dataset_find_file (const char *name,
                      GError    **error)
{
  const char *dirs[] = { g_getenv ("GH_FAKE_DATASETS_DIR"), GH_DATASETS_SRCDIR, GH_DATASETS_DIR };
  g_autofree char *file = NULL;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!is_plain_name (name))
    {
      if (g_file_test (name, G_FILE_TEST_IS_REGULAR))
        return g_strdup (name);

      g_set_error (error, GH_DATASET_ERROR, GH_DATASET_ERROR_NOT_FOUND,
                   "%s: no such dataset file", name);
      return NULL;
    }

  file = g_strconcat (name, ".json", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;

      if (dirs[i] == NULL || *dirs[i] == '\0')
        continue;

      path = g_build_filename (dirs[i], file, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  g_set_error (error, GH_DATASET_ERROR, GH_DATASET_ERROR_NOT_FOUND,
               "no dataset named “%s” (looked in $GH_FAKE_DATASETS_DIR, %s and %s)",
               name, GH_DATASETS_SRCDIR, GH_DATASETS_DIR);
  return NULL;
}

/**
 * gh_dataset_new_from_name:
 * @name_or_path: a dataset name or a path, see gh_dataset_find_file()
 * @error: return location for an error
 *
 * Returns: (transfer full): the dataset, or %NULL
 */
GhDataset *
gh_dataset_new_from_name (const char *name_or_path,
                          GError    **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (name_or_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = gh_dataset_find_file (name_or_path, error);
  if (path == NULL)
    return NULL;

  return gh_dataset_new_from_file (path, error);
}

const char *
gh_dataset_get_org (GhDataset *self)
{
  g_return_val_if_fail (GH_IS_DATASET (self), NULL);

  return self->org;
}

gint64
gh_dataset_get_org_id (GhDataset *self)
{
  g_return_val_if_fail (GH_IS_DATASET (self), 0);

  return self->org_id;
}

guint
gh_dataset_get_repos_latency_ms (GhDataset *self)
{
  g_return_val_if_fail (GH_IS_DATASET (self), 0);

  return self->repos_latency_ms;
}

guint
gh_dataset_get_n_repos (GhDataset *self)
{
  g_return_val_if_fail (GH_IS_DATASET (self), 0);

  return self->repos->len;
}

/**
 * gh_dataset_get_n_logins:
 * @self: a dataset
 *
 * Returns: the number of distinct logins over all repositories
 */
guint
gh_dataset_get_n_logins (GhDataset *self)
{
  g_return_val_if_fail (GH_IS_DATASET (self), 0);

  return g_hash_table_size (self->logins);
}

/* The lookup tables hold index + 1, so that NULL means "absent". */
static int
index_from_entry (gpointer entry)
{
  guint stored = GPOINTER_TO_UINT (entry);

  return stored > 0 ? (int) stored - 1 : -1;
}

/**
 * gh_dataset_find_repo:
 * @self: a dataset
 * @name: a repository name, matched case-insensitively as GitHub does
 *
 * Returns: the repository's index, or -1
 */
int
gh_dataset_find_repo (GhDataset  *self,
                      const char *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (GH_IS_DATASET (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  key = g_ascii_strdown (name, -1);
  return index_from_entry (g_hash_table_lookup (self->repo_by_name, key));
}

/**
 * gh_dataset_find_repo_by_id:
 * @self: a dataset
 * @id: a repository id
 *
 * Returns: the repository's index, or -1
 */
int
gh_dataset_find_repo_by_id (GhDataset *self,
                            gint64     id)
{
  g_return_val_if_fail (GH_IS_DATASET (self), -1);

  return index_from_entry (g_hash_table_lookup (self->repo_by_id, &id));
}

static Repo *
get_repo (GhDataset *self,
          guint      index)
{
  g_assert (index < self->repos->len);

  return g_ptr_array_index (self->repos, index);
}

const char *
gh_dataset_get_repo_name (GhDataset *self,
                          guint      index)
{
  g_return_val_if_fail (GH_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->repos->len, NULL);

  return get_repo (self, index)->name;
}

gint64
gh_dataset_get_repo_id (GhDataset *self,
                        guint      index)
{
  g_return_val_if_fail (GH_IS_DATASET (self), 0);
  g_return_val_if_fail (index < self->repos->len, 0);

  return get_repo (self, index)->id;
}

guint
gh_dataset_get_repo_latency_ms (GhDataset *self,
                                guint      index)
{
  g_return_val_if_fail (GH_IS_DATASET (self), 0);
  g_return_val_if_fail (index < self->repos->len, 0);

  return get_repo (self, index)->latency_ms;
}

gboolean
gh_dataset_get_repo_empty (GhDataset *self,
                           guint      index)
{
  g_return_val_if_fail (GH_IS_DATASET (self), FALSE);
  g_return_val_if_fail (index < self->repos->len, FALSE);

  return get_repo (self, index)->empty;
}

/**
 * gh_dataset_get_repo_fault:
 * @self: a dataset
 * @index: a repository index
 *
 * Returns: (transfer none) (nullable): the fault injected into every request
 *   for this repository's contributors
 */
const GhFakeFault *
gh_dataset_get_repo_fault (GhDataset *self,
                           guint      index)
{
  g_return_val_if_fail (GH_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->repos->len, NULL);

  return get_repo (self, index)->fault;
}

/**
 * gh_dataset_get_repo_contributors:
 * @self: a dataset
 * @index: a repository index
 * @n_contributors: (out): the length of the returned array
 *
 * Returns: (transfer none) (array length=n_contributors): the contributors,
 *   in dataset order; valid as long as @self
 */
const GhDatasetContributor *
gh_dataset_get_repo_contributors (GhDataset *self,
                                  guint      index,
                                  guint     *n_contributors)
{
  Repo *repo;

  g_return_val_if_fail (GH_IS_DATASET (self), NULL);
  g_return_val_if_fail (index < self->repos->len, NULL);
  g_return_val_if_fail (n_contributors != NULL, NULL);

  repo = get_repo (self, index);
  *n_contributors = repo->contributors->len;
  return (const GhDatasetContributor *) repo->contributors->data;
}
