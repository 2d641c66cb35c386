/* gh-uri.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-uri-private.h"

#include <string.h>

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "gh-error.h"
#include "gh-json-private.h"

/* The components stay %-encoded: a decoded "%2F" would turn into a path
 * separator when the URI is printed again. */
#define URI_FLAGS (G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE)

gboolean
_gh_uri_is_loopback_host (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/*
 * Whether @host, as GUri gives it (%-escapes decoded, international names
 * in punycode), is an IP address or a DNS name. Anything else ("/" from
 * "%2f", "%" from "%25" or an IPv6 zone, a sub-delimiter such as ',') is no
 * host that libsoup, which parses the URL again, would read the same.
 */
gboolean
_gh_uri_is_valid_host (const char *host)
{
  if (host == NULL || host[0] == '\0' || strchr (host, '%') != NULL)
    return FALSE;

  if (g_hostname_is_ip_address (host))
    return TRUE;

  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
      return FALSE;

  return TRUE;
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

/* RFC 6454 origins: scheme, host and port, with default ports filled in */
gboolean
_gh_uri_same_origin (GUri *a,
                     GUri *b)
{
  const char *host_a = g_uri_get_host (a);
  const char *host_b = g_uri_get_host (b);

  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         host_a != NULL && host_b != NULL &&
         g_ascii_strcasecmp (host_a, host_b) == 0 &&
         effective_port (a) == effective_port (b);
}

/*
 * Checks an API URL and returns it with a path that ends in '/', so that
 * relative references ("orgs/x/repos") keep an Enterprise prefix such as
 * /api/v3/ instead of replacing it.
 */
GUri *
_gh_uri_parse_api_url (const char  *url,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lower_host = NULL;
  const char *scheme;
  const char *host;

  g_assert (url != NULL);

  uri = g_uri_parse (url, URI_FLAGS, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   "The GitHub API URL “%s” is not an absolute URL: %s",
                   url, local_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   "The GitHub API URL “%s” must start with https:// (it uses “%s”)",
                   url, scheme);
      return NULL;
    }

  if (host == NULL || host[0] == '\0')
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   "The GitHub API URL “%s” has no host name", url);
      return NULL;
    }

  if (!_gh_uri_is_valid_host (host))
    {
      g_autofree char *shown = _gh_sanitize_text (host, 200);

      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   "The GitHub API URL “%s” has an invalid host name “%s”: write a DNS "
                   "name or an IP address, without %%-escapes", url, shown);
      return NULL;
    }

  /* Credentials in the URL would end up in logs and error messages */
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   "The GitHub API URL must not contain a user name or password; "
                   "set an access token instead");
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   "The GitHub API URL “%s” must not have a query or fragment "
                   "(use e.g. https://HOST/api/v3/)", url);
      return NULL;
    }

  /* Plain http would send the token in clear text; only the local machine
   * (the fake server, a tunnel) may be reached that way */
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !_gh_uri_is_loopback_host (host))
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   "The GitHub API URL “%s” uses plain http to a host that is not "
                   "on this machine; use https://", url);
      return NULL;
    }

  path = g_strdup (g_uri_get_path (uri));
  if (!g_str_has_suffix (path, "/"))
    {
      char *with_slash = g_strconcat (path, "/", NULL);

      g_free (path);
      path = with_slash;
    }

  /* Host names are case-insensitive; a canonical form keeps URLs comparable */
  lower_host = g_ascii_strdown (host, -1);

  return g_uri_build (URI_FLAGS, scheme, NULL, lower_host, g_uri_get_port (uri), path, NULL, NULL);
}

/*
 * Refuses what cannot be a GitHub name before it goes into a URL: "." and
 * ".." would be removed as dot segments (orgs/../repos → repos), control
 * characters have no business in a name, and escaping handles the rest.
 */
gboolean
_gh_validate_name (const char  *what,
                   const char  *name,
                   GError     **error)
{
  gsize length;

  g_assert (what != NULL);
  g_assert (name != NULL);

  length = strlen (name);

  if (length == 0)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                   "The %s name is empty", what);
      return FALSE;
    }

  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                   "“%s” is not a valid %s name", name, what);
      return FALSE;
    }

  if (length > GH_MAX_NAME_BYTES)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                   "The %s name is too long (%" G_GSIZE_FORMAT " bytes; at most %d)",
                   what, length, GH_MAX_NAME_BYTES);
      return FALSE;
    }

  if (!g_utf8_validate (name, length, NULL))
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                   "The %s name is not valid UTF-8", what);
      return FALSE;
    }

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                       "The %s name contains a control character", what);
          return FALSE;
        }
    }

  return TRUE;
}

/* One path segment: '/', '?', '#', '%' and spaces are all escaped */
char *
_gh_escape_segment (const char *name)
{
  return g_uri_escape_string (name, G_URI_RESERVED_CHARS_ALLOWED_IN_PATH_ELEMENT, FALSE);
}

static gboolean
rel_has_next (const char *rel)
{
  g_auto(GStrv) tokens = NULL;

  if (rel == NULL)
    return FALSE;

  /* rel may hold several space-separated relation types */
  tokens = g_strsplit_set (rel, " \t", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    if (g_ascii_strcasecmp (tokens[i], "next") == 0)
      return TRUE;

  return FALSE;
}

/*
 * Returns the target of the first rel="next" link of an RFC 8288 Link
 * header, verbatim (it may be relative), or NULL.
 */
char *
_gh_link_find_next (const char *link_header)
{
  GSList *list;
  char *found = NULL;

  if (link_header == NULL)
    return NULL;

  list = soup_header_parse_list (link_header);

  for (GSList *l = list; l != NULL && found == NULL; l = l->next)
    {
      const char *item = l->data;
      const char *open;
      const char *close;
      GHashTable *params;

      while (g_ascii_isspace (*item))
        item++;

      open = item;
      if (*open != '<')
        continue;

      close = strchr (open, '>');
      if (close == NULL)
        continue;

      params = soup_header_parse_semi_param_list (close + 1);
      if (rel_has_next (g_hash_table_lookup (params, "rel")))
        found = g_strstrip (g_strndup (open + 1, close - open - 1));
      soup_header_free_param_list (params);
    }

  soup_header_free_list (list);

  return found;
}
