/* gh-cache.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-cache-private.h"
#include "gh-client.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

/*
 * Pages kept on disk for conditional requests: a page's validators (ETag,
 * Last-Modified), its Link header and its body, one file per page. A file
 * is named by a hash of the page's URL and of who asked: a one-way hash of
 * the token, never the token, so that no page crosses from one token to
 * another. A file is read back only if it is whole and names the same URL:
 * anything else is ignored, never trusted.
 */

#define FORMAT "contributors-page-cache-1"
#define FILE_TYPE "(sssssay)"

struct _GhCache
{
  char    *dir;
  guint64  max_bytes;
  GMutex   mutex;
  gboolean sized;        /* total_bytes is known; under the mutex */
  guint64  total_bytes;  /* the same */
};

void
_gh_cached_page_free (GhCachedPage *page)
{
  if (page == NULL)
    return;

  g_free (page->etag);
  g_free (page->last_modified);
  g_free (page->link);
  g_clear_pointer (&page->body, g_bytes_unref);
  g_free (page);
}

/**
 * _gh_cache_new:
 * @dir: where the pages go; made when the first one does
 * @max_bytes: what they may take in all; the oldest go first beyond it
 *
 * Returns: (transfer full): a cache, which any thread may use
 */
GhCache *
_gh_cache_new (const char *dir,
               guint64     max_bytes)
{
  GhCache *self = g_new0 (GhCache, 1);

  self->dir = g_strdup (dir);
  self->max_bytes = max_bytes;
  g_mutex_init (&self->mutex);
  return self;
}

void
_gh_cache_free (GhCache *self)
{
  if (self == NULL)
    return;

  g_mutex_clear (&self->mutex);
  g_free (self->dir);
  g_free (self);
}

/**
 * _gh_cache_key:
 * @url: a page's URL
 * @token: (nullable): the token it is asked with
 *
 * Returns: (transfer full): the name of the page's file
 */
char *
_gh_cache_key (const char *url,
               const char *token)
{
  g_autofree char *identity = NULL;
  g_autofree char *input = NULL;

  /* Hashed on its own first, so that the key is no shortcut to the token */
  identity = token != NULL ? g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1)
                           : g_strdup ("anonymous");
  input = g_strconcat (identity, "\n", url, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, input, -1);
}

/**
 * _gh_cache_lookup:
 * @self: a cache
 * @key: from _gh_cache_key()
 * @url: the page's URL
 *
 * A file that cannot be read as a page of @url is ignored, with a message.
 *
 * Returns: (transfer full) (nullable): the page, if the cache has it
 */
GhCachedPage *
_gh_cache_lookup (GhCache    *self,
                  const char *key,
                  const char *url)
{
  g_autofree char *path = g_build_filename (self->dir, key, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) file = NULL;
  g_autoptr(GVariant) body = NULL;
  GhCachedPage *page;
  const char *format, *page_url, *etag, *last_modified, *link;
  const char *reason = NULL;
  char *contents;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_message ("Ignoring the cached page %s: %s", path, error->message);
      return NULL;
    }

  file = g_variant_new_from_data (G_VARIANT_TYPE (FILE_TYPE), contents, length, FALSE, g_free, contents);
  if (!g_variant_is_normal_form (file))
    reason = "not a cached page";
  else
    {
      g_variant_get (file, "(&s&s&s&s&s@ay)", &format, &page_url, &etag, &last_modified, &link, &body);
      if (g_strcmp0 (format, FORMAT) != 0)
        reason = "another format";
      else if (g_strcmp0 (page_url, url) != 0)
        reason = "another page's";
      else if (etag[0] == '\0' && last_modified[0] == '\0')
        reason = "no validator";
    }
  if (reason != NULL)
    {
      g_message ("Ignoring the cached page %s: %s", path, reason);
      return NULL;
    }

  page = g_new0 (GhCachedPage, 1);
  page->etag = etag[0] != '\0' ? g_strdup (etag) : NULL;
  page->last_modified = last_modified[0] != '\0' ? g_strdup (last_modified) : NULL;
  page->link = link[0] != '\0' ? g_strdup (link) : NULL;
  page->body = g_variant_get_data_as_bytes (body);
  return page;
}

typedef struct
{
  char   *path;
  gint64  mtime;
  guint64 size;
} Entry;

static void
entry_clear (Entry *entry)
{
  g_free (entry->path);
}

static int
compare_by_age (gconstpointer a,
                gconstpointer b)
{
  const Entry *x = a;
  const Entry *y = b;

  return x->mtime < y->mtime ? -1 : x->mtime > y->mtime;
}

/* The pages in the directory, with their size and age */
static GArray *
list_entries (GhCache *self)
{
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GDir) dir = g_dir_open (self->dir, 0, NULL);
  const char *name;

  g_array_set_clear_func (entries, (GDestroyNotify) entry_clear);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->dir, name, NULL);
      GStatBuf buf;

      if (g_stat (path, &buf) == 0 && S_ISREG (buf.st_mode))
        {
          Entry entry = { g_steal_pointer (&path), buf.st_mtim.tv_sec * G_USEC_PER_SEC + buf.st_mtim.tv_nsec / 1000,
                          buf.st_size };

          g_array_append_val (entries, entry);
        }
    }
  return entries;
}

/* Under the mutex: the oldest pages go, down to three quarters of the
 * bound, so that this is not done again at once; @keep stays */
static void
trim (GhCache    *self,
      const char *keep)
{
  g_autoptr(GArray) entries = list_entries (self);

  g_array_sort (entries, compare_by_age);
  self->total_bytes = 0;
  for (guint i = 0; i < entries->len; i++)
    self->total_bytes += g_array_index (entries, Entry, i).size;
  for (guint i = 0; i < entries->len && self->total_bytes > self->max_bytes / 4 * 3; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      if (g_strcmp0 (entry->path, keep) != 0 && g_unlink (entry->path) == 0)
        self->total_bytes -= entry->size;
    }
}

/**
 * _gh_cache_store:
 * @self: a cache
 * @key: from _gh_cache_key()
 * @url: the page's URL
 * @etag: (nullable): its ETag
 * @last_modified: (nullable): its Last-Modified
 * @link: (nullable): its Link header
 * @body: the page's body
 * @size: its length
 *
 * Keeps a page that has a validator; a page that cannot be written is
 * only not kept.
 */
void
_gh_cache_store (GhCache      *self,
                 const char   *key,
                 const char   *url,
                 const char   *etag,
                 const char   *last_modified,
                 const char   *link,
                 const guint8 *body,
                 gsize         size)
{
  g_autofree char *path = g_build_filename (self->dir, key, NULL);
  g_autoptr(GVariant) file = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  if (etag == NULL && last_modified == NULL)
    return;

  file = g_variant_ref_sink (g_variant_new ("(sssss@ay)", FORMAT, url, etag != NULL ? etag : "",
                                            last_modified != NULL ? last_modified : "",
                                            link != NULL ? link : "",
                                            g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, body, size, 1)));
  length = g_variant_get_size (file);

  if (g_mkdir_with_parents (self->dir, 0700) != 0 ||
      /* Whole or not at all; not flushed to the disk, a cache may lose pages */
      !g_file_set_contents_full (path, g_variant_get_data (file), length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_debug ("Not keeping the page %s: %s", url, error != NULL ? error->message : g_strerror (errno));
      return;
    }

  g_mutex_lock (&self->mutex);
  if (!self->sized)
    {
      trim (self, path);
      self->sized = TRUE;
    }
  else
    {
      self->total_bytes += length;
      if (self->total_bytes > self->max_bytes)
        trim (self, path);
    }
  g_mutex_unlock (&self->mutex);
}

/**
 * gh_page_cache_clear:
 * @dir: a page cache's directory, as given to #GhClient:cache-dir
 * @error: return location for a #GError
 *
 * Forgets every page kept there.
 *
 * Returns: whether all went; a missing directory is empty
 */
gboolean
gh_page_cache_clear (const char  *dir,
                     GError     **error)
{
  GhCache cache = { .dir = (char *) dir };
  g_autoptr(GArray) entries = NULL;

  g_return_val_if_fail (dir != NULL, FALSE);

  entries = list_entries (&cache);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *path = g_array_index (entries, Entry, i).path;

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), "%s: %s", path,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}
