/* gh-response.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-response.h"

/**
 * GhResponse:
 *
 * What every calling style of #GhService returns on success: the parsed
 * items of all pages (#GhRepo or #GhUser), the HTTP status and reason
 * phrase and the rate-limit figures of the last page, and whether the page
 * cap stopped pagination early.
 *
 * An HTTP error is never a #GhResponse: it is a #GError in %GH_ERROR.
 *
 * Whoever creates a response fills it in with the setters and
 * gh_response_add_item(); once it has been handed to someone else it is
 * treated as immutable, so it may then be read from any thread.
 */
struct _GhResponse
{
  gatomicrefcount  ref_count;

  GType            item_type;
  guint            status;
  char            *reason;
  GPtrArray       *items;
  gint64           rate_limit;
  gint64           rate_remaining;
  gint64           rate_reset;
  guint            n_pages;
};

G_DEFINE_BOXED_TYPE (GhResponse, gh_response, gh_response_ref, gh_response_unref)

/**
 * gh_response_new:
 * @item_type: %GH_TYPE_REPO or %GH_TYPE_USER
 * @status: the HTTP status (e.g. 200, or 204 for an empty repository)
 * @reason: (nullable): the reason phrase; %NULL for the standard one
 *
 * Creates an empty response with unknown rate-limit figures, one page and
 * no further pages. Mainly for the client and for mock services.
 *
 * Returns: (transfer full): a new #GhResponse
 */
GhResponse *
gh_response_new (GType       item_type,
                 guint       status,
                 const char *reason)
{
  GhResponse *self;

  g_return_val_if_fail (item_type == GH_TYPE_REPO || item_type == GH_TYPE_USER, NULL);
  g_return_val_if_fail (status >= 100 && status <= 999, NULL);

  self = g_new0 (GhResponse, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->item_type = item_type;
  self->status = status;
  self->reason = g_strdup (reason);
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->rate_limit = GH_RESPONSE_UNKNOWN;
  self->rate_remaining = GH_RESPONSE_UNKNOWN;
  self->rate_reset = GH_RESPONSE_UNKNOWN;
  self->n_pages = 1;

  return self;
}

/**
 * gh_response_ref:
 * @self: a #GhResponse
 *
 * Returns: (transfer full): @self
 */
GhResponse *
gh_response_ref (GhResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
gh_response_unref (GhResponse *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->items);
      g_free (self->reason);
      g_free (self);
    }
}

/**
 * gh_response_add_item:
 * @self: a #GhResponse being filled in
 * @item: (type GObject) (transfer none): a #GhRepo or #GhUser, matching the
 *   response's item type
 *
 * Appends @item, taking a reference.
 */
void
gh_response_add_item (GhResponse *self,
                      gpointer    item)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (item, self->item_type));

  g_ptr_array_add (self->items, g_object_ref (item));
}

/**
 * gh_response_set_rate_limit:
 * @self: a #GhResponse being filled in
 * @limit: `x-ratelimit-limit`, or %GH_RESPONSE_UNKNOWN
 * @remaining: `x-ratelimit-remaining`, or %GH_RESPONSE_UNKNOWN
 * @reset: `x-ratelimit-reset` (Unix time, UTC), or %GH_RESPONSE_UNKNOWN
 */
void
gh_response_set_rate_limit (GhResponse *self,
                            gint64      limit,
                            gint64      remaining,
                            gint64      reset)
{
  g_return_if_fail (self != NULL);

  self->rate_limit = limit;
  self->rate_remaining = remaining;
  self->rate_reset = reset;
}

/**
 * gh_response_set_n_pages:
 * @self: a #GhResponse being filled in
 * @n_pages: how many pages were fetched
 */
void
gh_response_set_n_pages (GhResponse *self,
                         guint       n_pages)
{
  g_return_if_fail (self != NULL);

  self->n_pages = n_pages;
}

/**
 * gh_response_get_status:
 * @self: a #GhResponse
 *
 * Returns: the HTTP status of the last page (a 2xx; 204 for a repository
 *   without contributors)
 */
guint
gh_response_get_status (GhResponse *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->status;
}

/**
 * gh_response_get_reason:
 * @self: a #GhResponse
 *
 * Returns: the reason phrase of the last page; the standard phrase for the
 *   status when the server sent none (as over HTTP/2)
 */
const char *
gh_response_get_reason (GhResponse *self)
{
  const char *phrase;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->reason != NULL && self->reason[0] != '\0')
    return self->reason;

  switch (self->status)
    {
    case 200:
      phrase = "OK";
      break;

    case 204:
      phrase = "No Content";
      break;

    default:
      phrase = "";
    }

  return phrase;
}

/**
 * gh_response_get_item_type:
 * @self: a #GhResponse
 *
 * Returns: %GH_TYPE_REPO or %GH_TYPE_USER
 */
GType
gh_response_get_item_type (GhResponse *self)
{
  g_return_val_if_fail (self != NULL, G_TYPE_INVALID);

  return self->item_type;
}

guint
gh_response_get_n_items (GhResponse *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

/**
 * gh_response_get_item:
 * @self: a #GhResponse
 * @position: an index below gh_response_get_n_items()
 *
 * Returns: (transfer none) (type GObject): the item at @position
 */
gpointer
gh_response_get_item (GhResponse *self,
                      guint       position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

/**
 * gh_response_get_repo:
 * @self: a response of `GET orgs/{org}/repos`
 * @position: an index below gh_response_get_n_items()
 *
 * Returns: (transfer none): the repository at @position
 */
GhRepo *
gh_response_get_repo (GhResponse *self,
                      guint       position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->item_type == GH_TYPE_REPO, NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

/**
 * gh_response_get_user:
 * @self: a response of `GET repos/{owner}/{repo}/contributors`
 * @position: an index below gh_response_get_n_items()
 *
 * Returns: (transfer none): the contributor at @position
 */
GhUser *
gh_response_get_user (GhResponse *self,
                      guint       position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->item_type == GH_TYPE_USER, NULL);
  g_return_val_if_fail (position < self->items->len, NULL);

  return g_ptr_array_index (self->items, position);
}

/**
 * gh_response_get_items:
 * @self: a #GhResponse
 *
 * Returns: (transfer none) (element-type GObject): all items in order; do
 *   not modify the array
 */
GPtrArray *
gh_response_get_items (GhResponse *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->items;
}

/**
 * gh_response_get_rate_limit_limit:
 * @self: a #GhResponse
 *
 * Returns: the request quota per hour, or %GH_RESPONSE_UNKNOWN
 */
gint64
gh_response_get_rate_limit_limit (GhResponse *self)
{
  g_return_val_if_fail (self != NULL, GH_RESPONSE_UNKNOWN);

  return self->rate_limit;
}

/**
 * gh_response_get_rate_limit_remaining:
 * @self: a #GhResponse
 *
 * Returns: requests left in the current window, or %GH_RESPONSE_UNKNOWN
 */
gint64
gh_response_get_rate_limit_remaining (GhResponse *self)
{
  g_return_val_if_fail (self != NULL, GH_RESPONSE_UNKNOWN);

  return self->rate_remaining;
}

/**
 * gh_response_get_rate_limit_reset:
 * @self: a #GhResponse
 *
 * Returns: when the window resets, as Unix time (UTC), or
 *   %GH_RESPONSE_UNKNOWN
 */
gint64
gh_response_get_rate_limit_reset (GhResponse *self)
{
  g_return_val_if_fail (self != NULL, GH_RESPONSE_UNKNOWN);

  return self->rate_reset;
}

/**
 * gh_response_get_n_pages:
 * @self: a #GhResponse
 *
 * Returns: how many pages were fetched (at least 1)
 */
guint
gh_response_get_n_pages (GhResponse *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_pages;
}

/**
 * gh_response_equal_items:
 * @a: a #GhResponse
 * @b: another #GhResponse
 *
 * Returns: whether @a and @b hold equal items in the same order
 */
gboolean
gh_response_equal_items (GhResponse *a,
                         GhResponse *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->item_type != b->item_type || a->items->len != b->items->len)
    return FALSE;

  for (guint i = 0; i < a->items->len; i++)
    {
      gpointer x = g_ptr_array_index (a->items, i);
      gpointer y = g_ptr_array_index (b->items, i);

      if (a->item_type == GH_TYPE_REPO ? !gh_repo_equal (x, y) : !gh_user_equal (x, y))
        return FALSE;
    }

  return TRUE;
}
