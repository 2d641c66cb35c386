/* contrib-settings-pane.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Where the window's loads go: the organization, the endpoint (the demo
 * server with its dataset and latency, GitHub, or an Enterprise server),
 * the token for it, and how many requests may run at once. It keeps them
 * in GSettings, the token in the keyring, and refuses next to its field
 * what could never work, before anything is sent.
 */

#include "config.h"

#include "contrib-settings-pane.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <gh-fake-github.h>
#include <tasks.h>

#define TOKEN_SAVE_MS 500

typedef enum
{
  ENDPOINT_DEMO,
  ENDPOINT_GITHUB,
  ENDPOINT_CUSTOM,
} Endpoint;

/* In the order of the dataset and latency rows, and of the settings' enums */
static const char *const dataset_names[] = { "tutorial", "demo", "large" };
static const double latency_scales[] = { 1.0, 0.25, 0.05 };

struct _ContribSettingsPane
{
  GtkWidget          parent_instance;

  AdwEntryRow       *org_row;
  GtkLabel          *org_error_label;
  AdwComboRow       *endpoint_row;
  AdwEntryRow       *custom_url_row;
  AdwComboRow       *dataset_row;
  AdwComboRow       *latency_row;
  AdwPasswordEntryRow *token_row;
  GtkSpinButton     *max_requests_spin;
  AdwActionRow      *cache_row;
  GtkButton         *clear_cache_button;
  GtkLabel          *url_error_label;
  GtkLabel          *server_hint;

  GSettings         *settings;
  gboolean           restoring;      /* settings, not the user, change the rows */
  ContribTokenStore *tokens;
  GCancellable      *token_cancellable;
  char              *token_url;      /* the API the token field is for */
  gboolean           filling_token;
  gboolean           token_edited;   /* typed before the lookup answered */
  guint              token_save_id;
};

G_DEFINE_FINAL_TYPE (ContribSettingsPane, contrib_settings_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ORGANIZATION,
  PROP_DEMO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* --- the rows --------------------------------------------------------------- */

static Endpoint
selected_endpoint (ContribSettingsPane *self)
{
  return (Endpoint) adw_combo_row_get_selected (self->endpoint_row);
}

static const char *
selected_dataset (ContribSettingsPane *self)
{
  return dataset_names[MIN (adw_combo_row_get_selected (self->dataset_row), G_N_ELEMENTS (dataset_names) - 1)];
}

static double
selected_latency_scale (ContribSettingsPane *self)
{
  return latency_scales[MIN (adw_combo_row_get_selected (self->latency_row), G_N_ELEMENTS (latency_scales) - 1)];
}

/* The API URL the current endpoint stands for; the demo server's is only
 * known once it runs, and it takes no token. */
static char *
endpoint_url (ContribSettingsPane *self)
{
  switch (selected_endpoint (self))
    {
    case ENDPOINT_GITHUB:
      return g_strdup (GH_DEFAULT_API_URL);

    case ENDPOINT_CUSTOM:
      return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->custom_url_row))));

    case ENDPOINT_DEMO:
    default:
      return NULL;
    }
}

static void
clear_field_error (GtkWidget *row,
                   GtkLabel  *label)
{
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  gtk_widget_remove_css_class (row, "error");
}

static void
show_field_error (GtkWidget  *row,
                  GtkLabel   *label,
                  const char *message)
{
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  gtk_widget_add_css_class (row, "error");
}

/* --- the token -------------------------------------------------------------- */

static void
update_token_hint (ContribSettingsPane *self)
{
  const char *hint;

  if (self->token_url == NULL)
    hint = _("The demo server runs inside the app, offline, and needs no token.");
  else if (contrib_token_store_is_available (self->tokens))
    hint = _("The token is kept in your keyring and sent only to this endpoint.");
  else
    hint = _("No keyring is running: the token is kept for this session only.");

  gtk_label_set_label (self->server_hint, hint);
}

static void
on_token_looked_up (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ContribSettingsPane *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = contrib_token_store_lookup_finish (CONTRIB_TOKEN_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* What the user typed meanwhile wins over what was saved. */
  if (self->token_edited)
    {
      update_token_hint (self);
      return;
    }

  self->filling_token = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), token != NULL ? token : "");
  self->filling_token = FALSE;
  update_token_hint (self);
}

static gboolean
save_token_cb (gpointer data)
{
  ContribSettingsPane *self = data;

  self->token_save_id = 0;
  contrib_settings_pane_save_token (self);
  return G_SOURCE_REMOVE;
}

static void
on_token_changed (ContribSettingsPane *self)
{
  if (self->filling_token || self->token_url == NULL)
    return;

  self->token_edited = TRUE;

  /* Saved once typing pauses, not on every key. */
  g_clear_handle_id (&self->token_save_id, g_source_remove);
  self->token_save_id = g_timeout_add (TOKEN_SAVE_MS, save_token_cb, self);
}

/* Shows the token saved for the selected endpoint. */
static void
update_token_field (ContribSettingsPane *self)
{
  g_autofree char *url = endpoint_url (self);

  if (self->tokens == NULL)
    return;

  if (g_strcmp0 (url, self->token_url) == 0)
    {
      update_token_hint (self);
      return;
    }

  contrib_settings_pane_save_token (self);
  g_free (self->token_url);
  self->token_url = g_steal_pointer (&url);

  g_cancellable_cancel (self->token_cancellable);
  g_clear_object (&self->token_cancellable);

  self->filling_token = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  self->filling_token = FALSE;
  self->token_edited = FALSE;
  update_token_hint (self);

  if (self->token_url != NULL && self->token_url[0] != '\0')
    {
      self->token_cancellable = g_cancellable_new ();
      contrib_token_store_lookup_async (self->tokens, self->token_url, self->token_cancellable,
                                        on_token_looked_up, self);
    }
}

/* --- signal handlers -------------------------------------------------------- */

static void
on_endpoint_selected (ContribSettingsPane *self)
{
  Endpoint endpoint = selected_endpoint (self);

  gtk_widget_set_visible (GTK_WIDGET (self->custom_url_row), endpoint == ENDPOINT_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->dataset_row), endpoint == ENDPOINT_DEMO);
  gtk_widget_set_visible (GTK_WIDGET (self->latency_row), endpoint == ENDPOINT_DEMO);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), endpoint != ENDPOINT_DEMO);
  if (self->settings != NULL)
    g_settings_set_enum (self->settings, "endpoint", endpoint);
  clear_field_error (GTK_WIDGET (self->custom_url_row), self->url_error_label);
  update_token_field (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMO]);
}

static void
on_custom_url_changed (ContribSettingsPane *self)
{
  if (selected_endpoint (self) == ENDPOINT_CUSTOM)
    on_endpoint_selected (self);
}

/* Choosing a dataset loads its organization: each serves only its own. */
static void
on_dataset_selected (ContribSettingsPane *self)
{
  g_autoptr(GhDataset) dataset = NULL;

  if (self->settings == NULL || self->restoring)
    return;

  g_settings_set_enum (self->settings, "demo-dataset", (int) adw_combo_row_get_selected (self->dataset_row));
  dataset = gh_dataset_new_from_name (selected_dataset (self), NULL);
  if (dataset != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->org_row), gh_dataset_get_org (dataset));
}

static void
on_latency_selected (ContribSettingsPane *self)
{
  if (self->settings != NULL)
    g_settings_set_enum (self->settings, "demo-latency", (int) adw_combo_row_get_selected (self->latency_row));
}

static void
on_org_changed (ContribSettingsPane *self)
{
  clear_field_error (GTK_WIDGET (self->org_row), self->org_error_label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ORGANIZATION]);
}

static void
on_max_requests_changed (ContribSettingsPane *self)
{
  if (self->settings != NULL)
    g_settings_set_uint (self->settings, "max-requests",
                         (guint) gtk_spin_button_get_value_as_int (self->max_requests_spin));
}

/* Entries load on Enter through the default widget; a spin button has no
 * "activate" signal before GTK 4.14, so it gets a shortcut of its own. */
static void
add_enter_loads (GtkWidget *widget)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const guint keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], 0),
                                                            gtk_named_action_new ("win.load")));
  gtk_widget_add_controller (widget, controller);
}

/* --- GObject ---------------------------------------------------------------- */

static void
contrib_settings_pane_dispose (GObject *object)
{
  ContribSettingsPane *self = CONTRIB_SETTINGS_PANE (object);
  GtkWidget *child;

  if (self->token_save_id != 0)
    contrib_settings_pane_save_token (self);
  g_cancellable_cancel (self->token_cancellable);
  g_clear_object (&self->token_cancellable);
  /* A keyring answer may still arrive for the store after we are gone. */
  if (self->tokens != NULL)
    g_signal_handlers_disconnect_by_data (self->tokens, self);
  g_clear_object (&self->tokens);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONTRIB_TYPE_SETTINGS_PANE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (contrib_settings_pane_parent_class)->dispose (object);
}

static void
contrib_settings_pane_finalize (GObject *object)
{
  ContribSettingsPane *self = CONTRIB_SETTINGS_PANE (object);

  g_free (self->token_url);

  G_OBJECT_CLASS (contrib_settings_pane_parent_class)->finalize (object);
}

static void
contrib_settings_pane_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ContribSettingsPane *self = CONTRIB_SETTINGS_PANE (object);

  switch (prop_id)
    {
    case PROP_ORGANIZATION:
      g_value_take_string (value, contrib_settings_pane_dup_org (self));
      break;

    case PROP_DEMO:
      g_value_set_boolean (value, contrib_settings_pane_is_demo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Every endpoint's pages, and every token's */
static void
on_clear_cache_clicked (ContribSettingsPane *self)
{
  g_autofree char *dir = contrib_page_cache_dir ();
  g_autoptr(GError) error = NULL;

  if (gh_page_cache_clear (dir, &error))
    adw_action_row_set_subtitle (self->cache_row, _("Cleared: the next load asks for every page in full"));
  else
    {
      g_autofree char *message = g_markup_escape_text (error->message, -1);

      adw_action_row_set_subtitle (self->cache_row, message);
    }
}

static void
contrib_settings_pane_class_init (ContribSettingsPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrib_settings_pane_dispose;
  object_class->finalize = contrib_settings_pane_finalize;
  object_class->get_property = contrib_settings_pane_get_property;

  /**
   * ContribSettingsPane:organization:
   *
   * The organization to load, as typed, without surrounding spaces.
   */
  properties[PROP_ORGANIZATION] =
    g_param_spec_string ("organization", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ContribSettingsPane:demo:
   *
   * Whether loads go to the embedded demo server, whose logins are made
   * up and which needs no token.
   */
  properties[PROP_DEMO] =
    g_param_spec_boolean ("demo", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/contributors/Contributors/contrib-settings-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, org_row);
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, org_error_label);
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, endpoint_row);
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, custom_url_row);
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, dataset_row);
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, latency_row);
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, token_row);
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, max_requests_spin);
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, url_error_label);
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, server_hint);
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, cache_row);
  gtk_widget_class_bind_template_child (widget_class, ContribSettingsPane, clear_cache_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
contrib_settings_pane_init (ContribSettingsPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->endpoint_row, "notify::selected", G_CALLBACK (on_endpoint_selected), self);
  g_signal_connect_swapped (self->dataset_row, "notify::selected", G_CALLBACK (on_dataset_selected), self);
  g_signal_connect_swapped (self->latency_row, "notify::selected", G_CALLBACK (on_latency_selected), self);
  g_signal_connect_swapped (self->custom_url_row, "changed", G_CALLBACK (on_custom_url_changed), self);
  g_signal_connect_swapped (self->org_row, "changed", G_CALLBACK (on_org_changed), self);
  g_signal_connect_swapped (self->max_requests_spin, "value-changed", G_CALLBACK (on_max_requests_changed), self);
  g_signal_connect_swapped (self->clear_cache_button, "clicked", G_CALLBACK (on_clear_cache_clicked), self);
  g_signal_connect_swapped (self->token_row, "changed", G_CALLBACK (on_token_changed), self);
  add_enter_loads (GTK_WIDGET (self->max_requests_spin));
}

/* --- public API ------------------------------------------------------------- */

/**
 * contrib_settings_pane_setup:
 * @self: a pane
 * @settings: where the choices are kept
 * @tokens: where the tokens are kept, one per API URL
 *
 * Shows the saved choices, and saves every change from now on.
 */
void
contrib_settings_pane_setup (ContribSettingsPane *self,
                             GSettings           *settings,
                             ContribTokenStore   *tokens)
{
  g_return_if_fail (CONTRIB_IS_SETTINGS_PANE (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (CONTRIB_IS_TOKEN_STORE (tokens));
  g_return_if_fail (self->settings == NULL);

  self->tokens = g_object_ref (tokens);
  g_signal_connect_swapped (tokens, "notify::available", G_CALLBACK (update_token_hint), self);

  self->restoring = TRUE;
  adw_combo_row_set_selected (self->endpoint_row, g_settings_get_enum (settings, "endpoint"));
  adw_combo_row_set_selected (self->dataset_row, g_settings_get_enum (settings, "demo-dataset"));
  adw_combo_row_set_selected (self->latency_row, g_settings_get_enum (settings, "demo-latency"));
  gtk_spin_button_set_value (self->max_requests_spin, g_settings_get_uint (settings, "max-requests"));
  g_settings_bind (settings, "organization", self->org_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "custom-url", self->custom_url_row, "text", G_SETTINGS_BIND_DEFAULT);
  self->settings = g_object_ref (settings);
  on_endpoint_selected (self);
  self->restoring = FALSE;
}

/**
 * contrib_settings_pane_dup_org:
 * @self: a pane
 *
 * Returns: (transfer full): the organization, without surrounding spaces
 */
char *
contrib_settings_pane_dup_org (ContribSettingsPane *self)
{
  g_return_val_if_fail (CONTRIB_IS_SETTINGS_PANE (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->org_row))));
}

gboolean
contrib_settings_pane_is_demo (ContribSettingsPane *self)
{
  g_return_val_if_fail (CONTRIB_IS_SETTINGS_PANE (self), TRUE);

  return selected_endpoint (self) == ENDPOINT_DEMO;
}

/**
 * contrib_settings_pane_make_service:
 * @self: a pane
 * @application: the application, which runs the demo server
 * @invalid_field: (out) (transfer none) (optional): the field to fix, when
 *   one was refused
 * @error: return location for a #GError
 *
 * Checks the organization and the API URL, showing what is wrong next to
 * the field, and makes the service a load goes through.
 *
 * Returns: (transfer full) (nullable): the service, or %NULL with @error
 *   set, and @invalid_field too if the user can fix it in this pane
 */
GhService *
contrib_settings_pane_make_service (ContribSettingsPane  *self,
                                    ContribApplication   *application,
                                    GtkWidget           **invalid_field,
                                    GError              **error)
{
  g_autofree char *org = NULL;
  g_autofree char *url = NULL;
  g_autofree char *cache_dir = NULL;
  g_autoptr(GhClient) client = NULL;
  const char *token;

  g_return_val_if_fail (CONTRIB_IS_SETTINGS_PANE (self), NULL);
  g_return_val_if_fail (CONTRIB_IS_APPLICATION (application), NULL);

  if (invalid_field != NULL)
    *invalid_field = NULL;
  contrib_settings_pane_save_token (self);
  clear_field_error (GTK_WIDGET (self->org_row), self->org_error_label);
  clear_field_error (GTK_WIDGET (self->custom_url_row), self->url_error_label);

  /* Nothing the server could only refuse is sent to it. */
  org = contrib_settings_pane_dup_org (self);
  if (!gh_validate_org_name (org, error))
    {
      show_field_error (GTK_WIDGET (self->org_row), self->org_error_label, (*error)->message);
      if (invalid_field != NULL)
        *invalid_field = GTK_WIDGET (self->org_row);
      return NULL;
    }

  if (selected_endpoint (self) == ENDPOINT_DEMO)
    {
      url = g_strdup (contrib_application_get_demo_url (application, selected_dataset (self),
                                                        selected_latency_scale (self), error));
      if (url == NULL)
        return NULL;
    }
  else
    url = endpoint_url (self);

  cache_dir = contrib_page_cache_dir ();
  client = g_initable_new (GH_TYPE_CLIENT, NULL, error, "api-url", url, "cache-dir", cache_dir, NULL);
  if (client == NULL)
    {
      if (g_error_matches (*error, GH_ERROR, GH_ERROR_INVALID_URL) && selected_endpoint (self) == ENDPOINT_CUSTOM)
        {
          show_field_error (GTK_WIDGET (self->custom_url_row), self->url_error_label, (*error)->message);
          if (invalid_field != NULL)
            *invalid_field = GTK_WIDGET (self->custom_url_row);
        }
      return NULL;
    }

  /* The demo server never gets a token. */
  token = gtk_editable_get_text (GTK_EDITABLE (self->token_row));
  if (selected_endpoint (self) != ENDPOINT_DEMO && token[0] != '\0' && !gh_client_set_token (client, token, error))
    {
      if (invalid_field != NULL)
        *invalid_field = GTK_WIDGET (self->token_row);
      return NULL;
    }

  gh_client_set_max_requests (client, (guint) gtk_spin_button_get_value_as_int (self->max_requests_spin));
  return GH_SERVICE (g_steal_pointer (&client));
}

/**
 * contrib_settings_pane_describe_source:
 * @self: a pane
 *
 * Returns: (transfer full): where loads go, for the comparison: "Demo ·
 *   tutorial", or the API's host such as "api.github.com"
 */
char *
contrib_settings_pane_describe_source (ContribSettingsPane *self)
{
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  double scale;

  g_return_val_if_fail (CONTRIB_IS_SETTINGS_PANE (self), NULL);

  if (selected_endpoint (self) == ENDPOINT_DEMO)
    {
      scale = selected_latency_scale (self);
      if (scale == 1.0)
        /* Translators: the demo server, then a dataset's name */
        return g_strdup_printf (_("Demo · %s"), selected_dataset (self));
      /* Translators: the demo server, a dataset's name, and how much
       * faster than the real latencies it answers, e.g. "×0.25" */
      return g_strdup_printf (_("Demo · %s · ×%g"), selected_dataset (self), scale);
    }

  url = endpoint_url (self);
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return gh_text_sanitize (url, GH_TEXT_MAX_NAME_CHARS, NULL);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

/**
 * contrib_settings_pane_get_ideal_ms:
 * @self: a pane
 * @application: the application, whose demo server serves the dataset
 *
 * Returns: how long a load could take at best against the demo server,
 *   with the in-flight limit set here; -1 where that is not known (a real
 *   API, or before the demo server has started)
 */
gint64
contrib_settings_pane_get_ideal_ms (ContribSettingsPane *self,
                                    ContribApplication  *application)
{
  GhDataset *dataset;

  g_return_val_if_fail (CONTRIB_IS_SETTINGS_PANE (self), -1);
  g_return_val_if_fail (CONTRIB_IS_APPLICATION (application), -1);

  if (selected_endpoint (self) != ENDPOINT_DEMO)
    return -1;
  dataset = contrib_application_get_demo_dataset (application, selected_dataset (self));
  if (dataset == NULL)
    return -1;
  return gh_dataset_get_ideal_ms (dataset, selected_latency_scale (self),
                                  (guint) gtk_spin_button_get_value_as_int (self->max_requests_spin));
}

/* Saves the token typed for the current endpoint now, not when typing
 * pauses. */
void
contrib_settings_pane_save_token (ContribSettingsPane *self)
{
  g_return_if_fail (CONTRIB_IS_SETTINGS_PANE (self));

  g_clear_handle_id (&self->token_save_id, g_source_remove);
  if (self->token_url != NULL && self->tokens != NULL)
    contrib_token_store_save (self->tokens, self->token_url,
                              gtk_editable_get_text (GTK_EDITABLE (self->token_row)));
}

/**
 * contrib_settings_pane_get_token_row:
 * @self: a pane
 *
 * Returns: (transfer none): the token's field, to focus when a token
 *   would help
 */
GtkWidget *
contrib_settings_pane_get_token_row (ContribSettingsPane *self)
{
  g_return_val_if_fail (CONTRIB_IS_SETTINGS_PANE (self), NULL);

  return GTK_WIDGET (self->token_row);
}
