/* gh-uri.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-uri-private.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "gh-client.h"
#include "gh-error.h"
#include "gh-text.h"

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
                   _("The GitHub API URL “%s” is not an absolute URL: %s"),
                   url, local_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);

  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   _("The GitHub API URL “%s” must start with https:// (it uses “%s”)"),
                   url, scheme);
      return NULL;
    }

  if (host == NULL || host[0] == '\0')
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   _("The GitHub API URL “%s” has no host name"), url);
      return NULL;
    }

  if (!_gh_uri_is_valid_host (host))
    {
      g_autofree char *shown = gh_text_sanitize (host, GH_TEXT_MAX_NAME_CHARS, NULL);

      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   _("The GitHub API URL “%s” has an invalid host name “%s”: write a DNS "
                     "name or an IP address, without %%-escapes"), url, shown);
      return NULL;
    }

  /* Credentials in the URL would end up in logs and error messages */
  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, GH_ERROR, GH_ERROR_INVALID_URL,
                           _("The GitHub API URL must not contain a user name or password; "
                             "set an access token instead"));
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   _("The GitHub API URL “%s” must not have a query or fragment "
                     "(use e.g. https://HOST/api/v3/)"), url);
      return NULL;
    }

  /* Plain http would send the token in clear text; only the local machine
   * (the fake server, a tunnel) may be reached that way */
  if (g_ascii_strcasecmp (scheme, "http") == 0 && !_gh_uri_is_loopback_host (host))
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_URL,
                   _("The GitHub API URL “%s” uses plain http to a host that is not "
                     "on this machine; use https://"), url);
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

/* @what as it goes into the messages below, translated: a translation may
 * need another form of the word than a sentence of its own would */
static const char *
name_of (const char *what)
{
  if (g_str_equal (what, "organization"))
    /* Translators: in “The %s name is empty” and the like */
    return C_("name of", "organization");
  if (g_str_equal (what, "owner"))
    /* Translators: the owner of a repository, in “The %s name is empty” and the like */
    return C_("name of", "owner");
  if (g_str_equal (what, "repository"))
    /* Translators: in “The %s name is empty” and the like */
    return C_("name of", "repository");
  return what;
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

  what = name_of (what);
  length = strlen (name);

  if (length == 0)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                   /* Translators: %s is an organization, owner or repository */
                   _("The %s name is empty"), what);
      return FALSE;
    }

  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                   /* Translators: the name given, then an organization, owner or
                      repository */
                   _("“%s” is not a valid %s name"), name, what);
      return FALSE;
    }

  if (length > GH_MAX_NAME_BYTES)
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                   /* Translators: an organization, owner or repository, then
                      how long the name is, in bytes */
                   g_dngettext (GETTEXT_PACKAGE,
                                "The %s name is too long (%lu byte; at most %d)",
                                "The %s name is too long (%lu bytes; at most %d)", length),
                   what, (gulong) length, GH_MAX_NAME_BYTES);
      return FALSE;
    }

  if (!g_utf8_validate (name, length, NULL))
    {
      g_set_error (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                   /* Translators: %s is an organization, owner or repository */
                   _("The %s name is not valid UTF-8"), what);
      return FALSE;
    }

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          g_set_error (error, GH_ERROR, GH_ERROR_INVALID_NAME,
                       /* Translators: %s is an organization, owner or repository */
                       _("The %s name contains a control character"), what);
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

/* RFC 7230 tchar */
static gboolean
is_token_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

static const char *
skip_ows (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* A token or a quoted-string (its escapes undone) at *p, which moves past
 * it; NULL, with *p where it stopped, when there is neither */
static char *
parse_param_value (const char **p)
{
  const char *start = *p;

  if (*start == '"')
    {
      GString *value = g_string_new (NULL);
      const char *q = start + 1;

      for (; *q != '"'; q++)
        {
          if (*q == '\\' && q[1] != '\0')
            q++;
          if (*q == '\0')
            {
              *p = q;
              g_string_free (value, TRUE);
              return NULL;
            }
          g_string_append_c (value, *q);
        }
      *p = q + 1;
      return g_string_free (value, FALSE);
    }

  while (is_token_char (**p))
    (*p)++;
  return *p > start ? g_strndup (start, *p - start) : NULL;
}

/* Past the rest of a malformed link-value: to its comma, skipping quoted
 * strings, in which a comma does not count */
static const char *
skip_link_value (const char *p)
{
  while (*p != '\0' && *p != ',')
    {
      if (*p == '"')
        g_free (parse_param_value (&p));
      else
        p++;
    }
  return p;
}

/*
 * Returns the target of the first rel="next" link of an RFC 8288 Link
 * header, verbatim (it may be relative), or NULL.
 *
 * Parsed by the grammar, not split on commas first: a URI-reference may
 * hold commas, and so may a quoted parameter value.
 */
char *
_gh_link_find_next (const char *link_header)
{
  const char *p = link_header;

  if (link_header == NULL)
    return NULL;

  for (;;)
    {
      const char *open;
      const char *close;
      gboolean valid = TRUE;
      gboolean has_rel = FALSE;
      gboolean is_next = FALSE;

      while (*p == ',' || *p == ' ' || *p == '\t')
        p++;
      if (*p == '\0')
        return NULL;

      /* A URI-reference has no '<', '>', '"' or white space (they would
       * be %-escaped), but it may have commas */
      open = p;
      close = open + 1 + strcspn (open + 1, "<>\" \t");
      if (*open != '<' || *close != '>')
        {
          p = skip_link_value (open + 1);
          continue;
        }

      p = skip_ows (close + 1);
      while (valid && *p == ';')
        {
          const char *name = p = skip_ows (p + 1);
          gsize name_length;
          g_autofree char *value = NULL;

          while (is_token_char (*p))
            p++;
          name_length = p - name;
          p = skip_ows (p);
          if (*p == '=')
            {
              p = skip_ows (p + 1);
              value = parse_param_value (&p);
              valid = value != NULL;
              p = skip_ows (p);
            }

          /* Only the first rel counts (RFC 8288, 3.3) */
          if (name_length == 3 && g_ascii_strncasecmp (name, "rel", 3) == 0 && !has_rel)
            {
              has_rel = TRUE;
              is_next = rel_has_next (value);
            }
        }

      /* Anything the grammar does not allow makes the link unreliable */
      if (!valid || (*p != ',' && *p != '\0'))
        {
          p = skip_link_value (p);
          continue;
        }

      if (is_next)
        return g_strndup (open + 1, close - open - 1);
    }
}

/* GitHub's cloud, whose secondary rate limit allows no more than 100
 * concurrent requests: api.github.com, and the *.ghe.com hosts of GitHub
 * Enterprise Cloud with data residency (api.SUBDOMAIN.ghe.com). @host is
 * lower case, as _gh_uri_parse_api_url() leaves it. */
gboolean
_gh_uri_is_github_cloud_host (const char *host)
{
  g_autofree char *name = NULL;
  gsize length;

  if (host == NULL)
    return FALSE;

  name = g_strdup (host);
  length = strlen (name);

  /* A fully qualified name ("api.github.com.") is the same host */
  if (length > 0 && name[length - 1] == '.')
    name[length - 1] = '\0';

  return g_str_equal (name, "api.github.com") || g_str_has_suffix (name, ".ghe.com");
}

/* The most requests a client of @api_uri may have in flight */
guint
_gh_uri_max_requests (GUri *api_uri)
{
  if (_gh_uri_is_github_cloud_host (g_uri_get_host (api_uri)))
    return GH_CLIENT_GITHUB_MAX_REQUESTS;

  return GH_CLIENT_MAX_REQUESTS_LIMIT;
}

/**
 * gh_api_url_for_host:
 * @host: (nullable): "github.com", a GitHub Enterprise Server host name, or
 *   a full API URL
 *
 * Returns: (transfer full): the API URL to give gh_client_new():
 *   #GH_DEFAULT_API_URL for %NULL, "", "github.com" and "api.github.com",
 *   `https://HOST/api/v3/` for other hosts, and @host itself when it
 *   already is a URL
 */
char *
gh_api_url_for_host (const char *host)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (host != NULL ? host : ""));

  if (trimmed[0] == '\0' ||
      g_ascii_strcasecmp (trimmed, "github.com") == 0 ||
      g_ascii_strcasecmp (trimmed, "api.github.com") == 0)
    return g_strdup (GH_DEFAULT_API_URL);

  if (strstr (trimmed, "://") != NULL)
    return g_steal_pointer (&trimmed);

  return g_strdup_printf ("https://%s/api/v3/", trimmed);
}

/**
 * gh_max_requests_for_api_url:
 * @api_url: an API URL, as gh_client_new() takes it
 *
 * Says how many requests a client of @api_url may have in flight at most,
 * whatever its #GhClient:max-requests: #GH_CLIENT_GITHUB_MAX_REQUESTS for
 * GitHub's cloud (api.github.com, and `*.ghe.com` hosts), whose secondary
 * rate limit allows no more than 100 concurrent requests, and
 * #GH_CLIENT_MAX_REQUESTS_LIMIT for any other server (GitHub Enterprise
 * Server, the fake server), whose limits are its administrator's.
 *
 * Returns: the highest effective in-flight limit, or 0 if @api_url is not
 *   a valid API URL
 */
guint
gh_max_requests_for_api_url (const char *api_url)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (api_url != NULL, 0);

  uri = _gh_uri_parse_api_url (api_url, NULL);
  if (uri == NULL)
    return 0;

  return _gh_uri_max_requests (uri);
}
