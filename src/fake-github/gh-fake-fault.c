/* gh-fake-fault.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-fake-fault-private.h"

#include "gh-dataset.h"

G_DEFINE_BOXED_TYPE (GhFakeFault, gh_fake_fault, gh_fake_fault_copy, gh_fake_fault_free)

static const char * const kind_names[] = {
  [GH_FAKE_FAULT_STATUS] = "status",
  [GH_FAKE_FAULT_GARBAGE] = "garbage",
  [GH_FAKE_FAULT_TRUNCATE] = "truncate",
  [GH_FAKE_FAULT_DROP] = "drop",
  [GH_FAKE_FAULT_TRICKLE] = "trickle",
  [GH_FAKE_FAULT_RATE_LIMIT] = "rate-limit",
  [GH_FAKE_FAULT_REDIRECT] = "redirect",
  [GH_FAKE_FAULT_BODY] = "body",
  [GH_FAKE_FAULT_LINK] = "link",
};

/**
 * gh_fake_fault_copy:
 * @fault: a fault
 *
 * Returns: (transfer full): a deep copy of @fault
 */
GhFakeFault *
gh_fake_fault_copy (const GhFakeFault *fault)
{
  GhFakeFault *copy;

  g_return_val_if_fail (fault != NULL, NULL);

  copy = g_memdup2 (fault, sizeof *fault);
  copy->message = g_strdup (fault->message);
  copy->body = g_strdup (fault->body);
  copy->content_type = g_strdup (fault->content_type);
  copy->location = g_strdup (fault->location);
  copy->link = g_strdup (fault->link);
  copy->headers = (const char * const *) g_strdupv ((char **) fault->headers);

  return copy;
}

/**
 * gh_fake_fault_free:
 * @fault: (nullable): a fault made by gh_fake_fault_copy()
 */
void
gh_fake_fault_free (GhFakeFault *fault)
{
  if (fault == NULL)
    return;

  /* Only copies are ever freed, and a copy owns every string. */
  g_free ((char *) fault->message);
  g_free ((char *) fault->body);
  g_free ((char *) fault->content_type);
  g_free ((char *) fault->location);
  g_free ((char *) fault->link);
  g_strfreev ((char **) fault->headers);
  g_free (fault);
}

/**
 * gh_fake_fault_kind_to_string:
 * @kind: a fault kind
 *
 * Returns: the name used for @kind in dataset files, e.g. "rate-limit"
 */
const char *
gh_fake_fault_kind_to_string (GhFakeFaultKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

static gboolean
kind_from_string (const char      *name,
                  GhFakeFaultKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (kind_names[i], name) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
invalid (GError    **error,
         const char *where,
         const char *member,
         const char *what)
{
  g_set_error (error, GH_DATASET_ERROR, GH_DATASET_ERROR_INVALID,
               "%s.%s: %s", where, member, what);
  return FALSE;
}

static gboolean
read_uint (JsonNode   *node,
           const char *where,
           const char *member,
           guint      *out,
           GError    **error)
{
  gint64 value;

  if (json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, where, member, "expected an integer");

  value = json_node_get_int (node);
  if (value < 0 || value > G_MAXINT)
    return invalid (error, where, member, "out of range");

  *out = (guint) value;
  return TRUE;
}

static gboolean
read_string (JsonNode    *node,
             const char  *where,
             const char  *member,
             const char **out,
             GError     **error)
{
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, where, member, "expected a string");

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_headers (JsonNode   *node,
              const char *where,
              GStrvBuilder *builder,
              GError    **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, where, "headers", "expected an object of strings");

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *header = NULL;

      if (json_node_get_value_type (value) != G_TYPE_STRING || *name == '\0')
        return invalid (error, where, "headers", "expected an object of strings");

      header = g_strdup_printf ("%s: %s", name, json_node_get_string (value));
      g_strv_builder_add (builder, header);
    }

  return TRUE;
}

/*
 * The JSON form mirrors the struct: {"kind": "rate-limit", "skip": 2, …},
 * with "headers" as an object of strings. Unknown members are errors, so a
 * misspelt field cannot silently disable a test.
 */
GhFakeFault *
_gh_fake_fault_new_from_json (JsonNode   *node,
                              const char *where,
                              GError    **error)
{
  g_autoptr(GStrvBuilder) headers = g_strv_builder_new ();
  g_auto(GStrv) header_strv = NULL;
  GhFakeFault fault = { 0 };
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  gboolean have_kind = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, GH_DATASET_ERROR, GH_DATASET_ERROR_INVALID,
                   "%s: expected an object", where);
      return NULL;
    }

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &member, &value))
    {
      gboolean ok;

      if (g_str_equal (member, "kind"))
        {
          const char *name = NULL;

          ok = read_string (value, where, member, &name, error);
          if (ok && !kind_from_string (name, &fault.kind))
            ok = invalid (error, where, member, "unknown fault kind");
          have_kind = TRUE;
        }
      else if (g_str_equal (member, "status"))
        {
          ok = read_uint (value, where, member, &fault.status, error);
          if (ok && (fault.status < 100 || fault.status > 599))
            ok = invalid (error, where, member, "not an HTTP status");
        }
      else if (g_str_equal (member, "message"))
        ok = read_string (value, where, member, &fault.message, error);
      else if (g_str_equal (member, "body"))
        ok = read_string (value, where, member, &fault.body, error);
      else if (g_str_equal (member, "content_type"))
        ok = read_string (value, where, member, &fault.content_type, error);
      else if (g_str_equal (member, "location"))
        ok = read_string (value, where, member, &fault.location, error);
      else if (g_str_equal (member, "link"))
        ok = read_string (value, where, member, &fault.link, error);
      else if (g_str_equal (member, "headers"))
        ok = read_headers (value, where, headers, error);
      else if (g_str_equal (member, "skip"))
        ok = read_uint (value, where, member, &fault.skip, error);
      else if (g_str_equal (member, "times"))
        ok = read_uint (value, where, member, &fault.times, error);
      else if (g_str_equal (member, "truncate_at"))
        ok = read_uint (value, where, member, &fault.truncate_at, error);
      else if (g_str_equal (member, "chunk_size"))
        ok = read_uint (value, where, member, &fault.chunk_size, error);
      else if (g_str_equal (member, "interval_ms"))
        ok = read_uint (value, where, member, &fault.interval_ms, error);
      else if (g_str_equal (member, "reset_in_s"))
        ok = read_uint (value, where, member, &fault.reset_in_s, error);
      else if (g_str_equal (member, "retry_after_s"))
        ok = read_uint (value, where, member, &fault.retry_after_s, error);
      else
        ok = invalid (error, where, member, "unknown member");

      if (!ok)
        return NULL;
    }

  if (!have_kind)
    {
      invalid (error, where, "kind", "missing");
      return NULL;
    }

  if (fault.kind == GH_FAKE_FAULT_REDIRECT && fault.location == NULL)
    {
      invalid (error, where, "location", "a redirect needs a location");
      return NULL;
    }

  if (fault.kind == GH_FAKE_FAULT_LINK && fault.link == NULL)
    {
      invalid (error, where, "link", "a link fault needs a link");
      return NULL;
    }

  if (fault.kind == GH_FAKE_FAULT_BODY && fault.body == NULL)
    {
      invalid (error, where, "body", "a body fault needs a body");
      return NULL;
    }

  header_strv = g_strv_builder_end (headers);
  if (header_strv[0] != NULL)
    fault.headers = (const char * const *) header_strv;

  return gh_fake_fault_copy (&fault);
}
