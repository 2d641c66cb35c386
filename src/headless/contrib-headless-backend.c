/* contrib-headless-backend.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Where the runner loads from: GitHub (or any API URL) with the token read
 * from its file, or the embedded fake GitHub on its own thread. Each run
 * gets a client of its own, so that in --compare no variant inherits
 * another's warm connections.
 */

#include "config.h"

#include "contrib-headless-backend.h"

#include <glib/gi18n.h>

#include "contrib-headless-token.h"
#include "contrib-quota.h"

struct _ContribHeadlessBackend
{
  GhFakeServer *server;         /* --demo only */
  char         *api_url;
  char         *org;
  char         *token;          /* wiped on free */
  guint         max_requests;
};

static gboolean
start_demo (ContribHeadlessBackend        *self,
            const ContribHeadlessOptions  *options,
            GError                       **error)
{
  g_autoptr(GhDataset) dataset = NULL;
  g_autoptr(GError) local_error = NULL;

  dataset = gh_dataset_new_from_name (options->dataset, &local_error);
  if (dataset == NULL)
    {
      g_set_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE,
                   "--dataset: %s", local_error->message);
      return FALSE;
    }

  self->server = gh_fake_server_new (dataset);
  gh_fake_server_set_latency_scale (self->server, options->latency_scale);
  if (!gh_fake_server_start (self->server, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Cannot start the embedded fake GitHub: %s"), local_error->message);
      return FALSE;
    }

  self->api_url = g_strdup (gh_fake_server_get_uri (self->server));
  if (options->org == NULL)
    self->org = g_strdup (gh_dataset_get_org (dataset));
  return TRUE;
}

/**
 * contrib_headless_backend_new:
 * @options: the checked command line
 * @error: return location for an error: %CONTRIB_HEADLESS_ERROR_USAGE for
 *   anything the command line got wrong (token file, dataset, URL)
 *
 * Reads the token, starts the demo server if asked, and checks that a
 * client can be made.
 *
 * Returns: (transfer full) (nullable): the backend
 */
ContribHeadlessBackend *
contrib_headless_backend_new (const ContribHeadlessOptions  *options,
                              GError                       **error)
{
  g_autoptr(ContribHeadlessBackend) self = g_new0 (ContribHeadlessBackend, 1);
  g_autoptr(GhService) probe = NULL;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->max_requests = options->max_requests;
  self->org = g_strdup (options->org);

  if (options->token_file != NULL)
    {
      self->token = contrib_headless_read_token (options->token_file, error);
      if (self->token == NULL)
        return NULL;
    }

  if (options->demo)
    {
      if (!start_demo (self, options, error))
        return NULL;
    }
  else
    {
      self->api_url = g_strdup (options->api_url != NULL ? options->api_url : GH_DEFAULT_API_URL);
    }

  /* Bad URLs and tokens show up now, as usage errors, not as a failed load */
  probe = contrib_headless_backend_new_service (self, error);
  if (probe == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

void
contrib_headless_backend_free (ContribHeadlessBackend *self)
{
  if (self == NULL)
    return;

  if (self->server != NULL)
    gh_fake_server_stop (self->server);
  g_clear_object (&self->server);
  g_free (self->api_url);
  g_free (self->org);
  contrib_headless_token_free (self->token);
  g_free (self);
}

/**
 * contrib_headless_backend_new_service:
 * @self: a backend
 * @error: return location for a %CONTRIB_HEADLESS_ERROR_USAGE error
 *
 * Returns: (transfer full) (nullable): a new client for the API URL, with
 *   the token and the in-flight limit
 */
GhService *
contrib_headless_backend_new_service (ContribHeadlessBackend  *self,
                                      GError                 **error)
{
  g_autoptr(GhClient) client = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *cache_dir = contrib_page_cache_dir ();

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Pages that did not change come back as 304s, which GitHub does not
   * count: --compare's eight loads cost about one */
  client = g_initable_new (GH_TYPE_CLIENT, NULL, &local_error, "api-url", self->api_url,
                           "cache-dir", cache_dir, NULL);
  if (client == NULL)
    {
      g_set_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE,
                   "--api-url: %s", local_error->message);
      return NULL;
    }

  if (!gh_client_set_token (client, self->token, &local_error))
    {
      g_set_error (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE,
                   "--token-file: %s", local_error->message);
      return NULL;
    }

  if (self->max_requests > 0)
    gh_client_set_max_requests (client, self->max_requests);

  return GH_SERVICE (g_steal_pointer (&client));
}

const char *
contrib_headless_backend_get_api_url (ContribHeadlessBackend *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->api_url;
}

const char *
contrib_headless_backend_get_org (ContribHeadlessBackend *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->org;
}

/**
 * contrib_headless_backend_get_server:
 * @self: a backend
 *
 * Returns: (transfer none) (nullable): the embedded fake GitHub, with --demo
 */
GhFakeServer *
contrib_headless_backend_get_server (ContribHeadlessBackend *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->server;
}

gboolean
contrib_headless_backend_has_token (ContribHeadlessBackend *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->token != NULL;
}
