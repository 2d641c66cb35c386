/* contrib-token-store.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The GitHub token lives in the Secret Service (the desktop keyring,
 * through libsecret), one per API URL, and nowhere else: never in
 * GSettings, never in a file. When no Secret Service answers, the store
 * says so and keeps the token in memory for this run only.
 */

#include "config.h"

#include "contrib-token-store.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

struct _ContribTokenStore
{
  GObject     parent_instance;

  /* Whether the Secret Service answered the last call; TRUE until then. */
  gboolean    available;
  GHashTable *session_tokens;   /* api url -> token, when unavailable */
};

enum {
  PROP_0,
  PROP_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ContribTokenStore, contrib_token_store, G_TYPE_OBJECT)

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.contributors.Contributors.Token", SECRET_SCHEMA_NONE,
    {
      { "api-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

static void
set_available (ContribTokenStore *self,
               gboolean           available)
{
  if (self->available == available)
    return;
  self->available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

static void
contrib_token_store_finalize (GObject *object)
{
  ContribTokenStore *self = CONTRIB_TOKEN_STORE (object);

  g_hash_table_unref (self->session_tokens);

  G_OBJECT_CLASS (contrib_token_store_parent_class)->finalize (object);
}

static void
contrib_token_store_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ContribTokenStore *self = CONTRIB_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrib_token_store_class_init (ContribTokenStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = contrib_token_store_finalize;
  object_class->get_property = contrib_token_store_get_property;

  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL,
                          TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
contrib_token_store_init (ContribTokenStore *self)
{
  self->available = TRUE;
  self->session_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

ContribTokenStore *
contrib_token_store_new (void)
{
  return g_object_new (CONTRIB_TYPE_TOKEN_STORE, NULL);
}

/**
 * contrib_token_store_is_available:
 * @self: a token store
 *
 * Returns: whether tokens are kept in the Secret Service; %FALSE once it
 *   failed to answer, and tokens then last for this run only
 */
gboolean
contrib_token_store_is_available (ContribTokenStore *self)
{
  g_return_val_if_fail (CONTRIB_IS_TOKEN_STORE (self), FALSE);

  return self->available;
}

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ContribTokenStore *self = g_task_get_source_object (task);
  const char *api_url = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  char *token;

  token = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      /* No keyring to ask: what this run was given is all there is. */
      g_debug ("Secret Service unavailable: %s", error->message);
      set_available (self, FALSE);
      g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->session_tokens, api_url)), g_free);
      return;
    }

  set_available (self, TRUE);
  g_task_return_pointer (task, token, (GDestroyNotify) secret_password_free);
}

/**
 * contrib_token_store_lookup_async:
 * @self: a token store
 * @api_url: the API the token is for
 * @cancellable: (nullable): a cancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Looks up the token saved for @api_url.
 */
void
contrib_token_store_lookup_async (ContribTokenStore   *self,
                                  const char          *api_url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CONTRIB_IS_TOKEN_STORE (self));
  g_return_if_fail (api_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, contrib_token_store_lookup_async);
  g_task_set_task_data (task, g_strdup (api_url), g_free);

  secret_password_lookup (token_schema (), cancellable, lookup_done, task,
                          "api-url", api_url,
                          NULL);
}

/**
 * contrib_token_store_lookup_finish:
 * @self: a token store
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the token, or %NULL if none is saved
 */
char *
contrib_token_store_lookup_finish (ContribTokenStore  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ContribTokenStore) self = user_data;
  g_autoptr(GError) error = NULL;

  if (secret_password_store_finish (result, &error))
    {
      set_available (self, TRUE);
      return;
    }
  g_debug ("Could not store the token: %s", error->message);
  set_available (self, FALSE);
}

static void
clear_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ContribTokenStore) self = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_debug ("Could not clear the token: %s", error->message);
      set_available (self, FALSE);
    }
}

/**
 * contrib_token_store_save:
 * @self: a token store
 * @api_url: the API the token is for
 * @token: (nullable): the token; empty or %NULL forgets it
 *
 * Saves the token in the keyring, and for this run in memory, in case the
 * keyring is not there.
 */
void
contrib_token_store_save (ContribTokenStore *self,
                          const char        *api_url,
                          const char        *token)
{
  g_autofree char *label = NULL;

  g_return_if_fail (CONTRIB_IS_TOKEN_STORE (self));
  g_return_if_fail (api_url != NULL);

  if (token == NULL || token[0] == '\0')
    {
      g_hash_table_remove (self->session_tokens, api_url);
      secret_password_clear (token_schema (), NULL, clear_done, g_object_ref (self),
                             "api-url", api_url,
                             NULL);
      return;
    }

  g_hash_table_replace (self->session_tokens, g_strdup (api_url), g_strdup (token));

  /* Translators: the name of the keyring entry; %s is an API URL */
  label = g_strdup_printf (_("GitHub token for %s"), api_url);
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         NULL, save_done, g_object_ref (self),
                         "api-url", api_url,
                         NULL);
}
