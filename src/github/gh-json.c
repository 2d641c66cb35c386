/* gh-json.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-json-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "gh-repo.h"
#include "gh-text.h"
#include "gh-user.h"

/* What a value is, put in the messages below (“… is %s, not a string”) */
static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return C_("JSON value", "an object");

    case JSON_NODE_ARRAY:
      return C_("JSON value", "an array");

    case JSON_NODE_NULL:
      return C_("JSON value", "null");

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return C_("JSON value", "a string");
        if (type == G_TYPE_BOOLEAN)
          return C_("JSON value", "a boolean");
        if (type == G_TYPE_DOUBLE)
          return C_("JSON value", "a fractional number");
        return C_("JSON value", "a number");
      }

    default:
      return C_("JSON value", "something else");
    }
}

static gboolean
node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static GObject *
parse_repo (JsonObject  *object,
            guint        index,
            char       **reason)
{
  JsonNode *name = json_object_get_member (object, "name");
  JsonNode *id = json_object_get_member (object, "id");
  gint64 id_value = 0;

  if (name == NULL)
    {
      *reason = g_strdup_printf (_("item %u has no “name”"), index);
      return NULL;
    }

  if (!node_is_string (name))
    {
      *reason = g_strdup_printf (_("item %u: “name” is %s, not a string"),
                                 index, describe_node (name));
      return NULL;
    }

  if (json_node_get_string (name)[0] == '\0')
    {
      *reason = g_strdup_printf (_("item %u: “name” is empty"), index);
      return NULL;
    }

  /* The tutorial's Repo has an id, but nothing here depends on it */
  if (id != NULL && !JSON_NODE_HOLDS_NULL (id))
    {
      if (!node_is_int (id))
        {
          *reason = g_strdup_printf (_("item %u: “id” is %s, not an integer"),
                                     index, describe_node (id));
          return NULL;
        }

      id_value = json_node_get_int (id);
      if (id_value < 0)
        {
          *reason = g_strdup_printf (_("item %u: “id” is negative"), index);
          return NULL;
        }
    }

  return G_OBJECT (gh_repo_new (id_value, json_node_get_string (name)));
}

/* A link the server gives for a user. Anything but an absolute http(s)
 * URL, or one with characters that do not belong in a URL, is dropped
 * rather than failing the page: the ranking does not need it. */
static const char *
web_url_member (JsonObject *object,
                const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *url;

  if (node == NULL || !node_is_string (node))
    return NULL;

  url = json_node_get_string (node);
  if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    return NULL;
  for (const char *p = url; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || (guchar) *p >= 0x7f)
      return NULL;
  if (!g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    return NULL;
  return url;
}

static gboolean
parse_user (JsonObject  *object,
            guint        index,
            const char **login,
            gint64      *contributions,
            char       **reason)
{
  JsonNode *login_node = json_object_get_member (object, "login");
  JsonNode *count = json_object_get_member (object, "contributions");

  if (count == NULL)
    {
      *reason = g_strdup_printf (_("item %u has no “contributions”"), index);
      return FALSE;
    }

  if (!node_is_int (count))
    {
      *reason = g_strdup_printf (_("item %u: “contributions” is %s, not an integer"),
                                 index, describe_node (count));
      return FALSE;
    }

  *contributions = json_node_get_int (count);
  if (*contributions < 0)
    {
      *reason = g_strdup_printf (_("item %u: “contributions” is negative"), index);
      return FALSE;
    }

  /* No login (or null): an anonymous contributor, see the caller */
  if (login_node == NULL || JSON_NODE_HOLDS_NULL (login_node))
    {
      *login = NULL;
      return TRUE;
    }

  if (!node_is_string (login_node))
    {
      *reason = g_strdup_printf (_("item %u: “login” is %s, not a string"),
                                 index, describe_node (login_node));
      return FALSE;
    }

  *login = json_node_get_string (login_node);
  if ((*login)[0] == '\0')
    {
      *reason = g_strdup_printf (_("item %u: “login” is empty"), index);
      return FALSE;
    }

  return TRUE;
}

/*
 * Anonymous contributors (entries without a login, which GitHub sends with
 * `anon=1`, and which a proxy or an older server could send anyway) are
 * counted, not skipped: all of them are summed into one
 * GH_USER_ANONYMOUS_LOGIN entry per response, at the position of the first
 * one, so totals stay honest and the table gets one row instead of
 * hundreds of nameless ones. @anonymous_index carries that position across
 * the pages of one response (-1 while there is none).
 */
static void
add_anonymous (GPtrArray *items,
               int       *anonymous_index,
               gint64     contributions)
{
  if (*anonymous_index < 0)
    {
      *anonymous_index = items->len;
      g_ptr_array_add (items, gh_user_new (GH_USER_ANONYMOUS_LOGIN, contributions));
    }
  else
    {
      GhUser *old = g_ptr_array_index (items, *anonymous_index);
      gint64 sum = gh_user_get_contributions (old);

      sum = contributions > G_MAXINT64 - sum ? G_MAXINT64 : sum + contributions;
      items->pdata[*anonymous_index] = gh_user_new (GH_USER_ANONYMOUS_LOGIN, sum);
      g_object_unref (old);
    }
}

/* json-glib quotes the text it choked on byte for byte, invalid UTF-8 and
 * control characters included: it goes into a message the user reads. */
static char *
invalid_json_reason (const GError *error)
{
  g_autofree char *quoted = gh_text_sanitize (error->message, GH_TEXT_MAX_MESSAGE_CHARS, NULL);

  return g_strdup_printf (_("not valid JSON (%s)"), quoted);
}

/*
 * Parses one page into @items (which owns references). On failure @items
 * may hold some of the page's items; the caller throws the whole response
 * away then.
 */
gboolean
_gh_json_parse_items (GType        item_type,
                      const char  *data,
                      gsize        length,
                      GPtrArray   *items,
                      int         *anonymous_index,
                      char       **reason)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array;
  guint n;

  g_assert (item_type == GH_TYPE_REPO || item_type == GH_TYPE_USER);
  g_assert (items != NULL);
  g_assert (anonymous_index != NULL);
  g_assert (reason != NULL);

  if (!_gh_json_prescan (data, length, GH_JSON_MAX_DEPTH, reason))
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      *reason = invalid_json_reason (local_error);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      *reason = g_strdup (_("the body is empty"));
      return FALSE;
    }

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      *reason = g_strdup_printf (_("expected a JSON array, got %s"), describe_node (root));
      return FALSE;
    }

  array = json_node_get_array (root);
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          *reason = g_strdup_printf (_("item %u is %s, not an object"), i, describe_node (element));
          return FALSE;
        }

      object = json_node_get_object (element);

      if (item_type == GH_TYPE_REPO)
        {
          GObject *repo = parse_repo (object, i, reason);

          if (repo == NULL)
            return FALSE;
          g_ptr_array_add (items, repo);
        }
      else
        {
          const char *login = NULL;
          gint64 contributions = 0;

          if (!parse_user (object, i, &login, &contributions, reason))
            return FALSE;

          if (login == NULL)
            add_anonymous (items, anonymous_index, contributions);
          else
            g_ptr_array_add (items, gh_user_new_full (login, contributions,
                                                      web_url_member (object, "html_url"),
                                                      web_url_member (object, "avatar_url")));
        }
    }

  return TRUE;
}

/*
 * GitHub's error bodies are `{"message": "...", "documentation_url": ...}`.
 * Returns the message as the server sent it, for the caller to sanitize
 * (it knows the token to redact), or NULL for anything else (an HTML page
 * from a proxy, an empty body...).
 */
char *
_gh_json_extract_message (const char *data,
                          gsize       length)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *reason = NULL;
  JsonNode *root;
  JsonNode *message;

  if (data == NULL || !_gh_json_prescan (data, length, GH_JSON_MAX_DEPTH, &reason))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  message = json_object_get_member (json_node_get_object (root), "message");
  if (message == NULL || !node_is_string (message))
    return NULL;

  /* JSON allows half a surrogate pair in a string, which json-glib 1.6
   * turns into invalid UTF-8 */
  return g_utf8_make_valid (json_node_get_string (message), -1);
}

static gboolean
get_quota_int (JsonObject *quota,
               const char *name,
               gint64     *value)
{
  JsonNode *node = json_object_get_member (quota, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return *value >= 0;
}

/*
 * GET /rate_limit's answer: the core (REST) quota, under `resources`, or
 * under the deprecated `rate` that older Enterprise Servers still send.
 * *reason is for an invalid-response error.
 */
gboolean
_gh_json_parse_rate_limit (const char  *data,
                           gsize        length,
                           gint64      *limit,
                           gint64      *remaining,
                           gint64      *reset,
                           char       **reason)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonObject *quota = NULL;
  JsonNode *node;

  if (!_gh_json_prescan (data, length, GH_JSON_MAX_DEPTH, reason))
    return FALSE;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      *reason = invalid_json_reason (local_error);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *reason = g_strdup (_("not a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (root);

  node = json_object_get_member (object, "resources");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      node = json_object_get_member (json_node_get_object (node), "core");
      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        quota = json_node_get_object (node);
    }
  node = json_object_get_member (object, "rate");
  if (quota == NULL && node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    quota = json_node_get_object (node);

  if (quota == NULL ||
      !get_quota_int (quota, "limit", limit) ||
      !get_quota_int (quota, "remaining", remaining) ||
      !get_quota_int (quota, "reset", reset))
    {
      *reason = g_strdup (_("no core rate limit in it"));
      return FALSE;
    }

  return TRUE;
}
