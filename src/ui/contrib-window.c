/* contrib-window.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The tutorial's Swing window as a GNOME window: the form, Load and Cancel,
 * the ranking, the status line, plus what the original lacked: errors in a
 * banner, per-repository failures, a responsiveness figure, settings that
 * survive, and the token in the keyring.
 */

#include "config.h"

#include "contrib-window.h"

#include <glib/gi18n.h>
#include <tasks.h>

#include "contrib-token-store.h"
#include "contrib-user-list.h"

#define TICK_MS       100
#define HEARTBEAT_MS  5
#define TOKEN_SAVE_MS 500

typedef enum
{
  ENDPOINT_DEMO,
  ENDPOINT_GITHUB,
  ENDPOINT_CUSTOM,
} Endpoint;

struct _ContribWindow
{
  GtkApplicationWindow  parent_instance;

  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkGrid              *form;
  GtkEntry             *username_entry;
  GtkPasswordEntry     *token_entry;
  GtkLabel             *token_hint;
  GtkEntry             *org_entry;
  GtkDropDown          *endpoint_dropdown;
  GtkEntry             *custom_url_entry;
  GtkSpinButton        *max_requests_spin;
  GtkDropDown          *variant_dropdown;
  GtkLabel             *variant_description;
  GtkButton            *load_button;
  GtkButton            *cancel_button;
  GtkColumnView        *results_view;
  GtkLabel             *row_count_label;
  GtkExpander          *failures_expander;
  GtkLabel             *failures_label;
  GtkSpinner           *spinner;
  GtkLabel             *status_label;
  GtkLabel             *blocked_label;

  GSettings            *settings;
  ContribTokenStore    *tokens;
  GCancellable         *token_cancellable;
  char                 *token_url;     /* the API the token field is for */
  gboolean              filling_token;
  gboolean              token_edited;  /* typed before the lookup answered */
  guint                 token_save_id;

  ContribUserList      *users;
  ContribUpdate        *shown;         /* owns the rows the list shows */
  ContribUpdate        *pending;       /* the latest update not shown yet */
  GThreadPool          *releaser;
  guint                 apply_tick_id; /* shows it on the next frame */
  guint                 apply_idle_id; /* or soon, while there are no frames */
  ContribLoader        *loader;
  ContribHeartbeat     *heartbeat;
  gint64                started_us;
  guint                 tick_id;
  gint64                blocked_ms;
};

G_DEFINE_FINAL_TYPE (ContribWindow, contrib_window, GTK_TYPE_APPLICATION_WINDOW)

static void update_token_field (ContribWindow *self);

/* --- the form ----------------------------------------------------------- */

static ContribVariant
selected_variant (ContribWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->variant_dropdown);

  return selected < CONTRIB_N_VARIANTS ? (ContribVariant) selected : CONTRIB_VARIANT_CONCURRENT;
}

static Endpoint
selected_endpoint (ContribWindow *self)
{
  return (Endpoint) gtk_drop_down_get_selected (self->endpoint_dropdown);
}

/* The API URL the current endpoint stands for; the demo server's is only
 * known once it runs, and it takes no token. */
static char *
endpoint_url (ContribWindow *self)
{
  switch (selected_endpoint (self))
    {
    case ENDPOINT_GITHUB:
      return g_strdup (GH_DEFAULT_API_URL);

    case ENDPOINT_CUSTOM:
      return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->custom_url_entry))));

    case ENDPOINT_DEMO:
    default:
      return NULL;
    }
}

static void
on_variant_selected (ContribWindow *self)
{
  ContribVariant variant = selected_variant (self);

  gtk_label_set_label (self->variant_description, contrib_variant_get_description (variant));
  g_settings_set_string (self->settings, "variant", contrib_variant_get_id (variant));
}

static void
on_endpoint_selected (ContribWindow *self)
{
  Endpoint endpoint = selected_endpoint (self);

  gtk_widget_set_visible (GTK_WIDGET (self->custom_url_entry), endpoint == ENDPOINT_CUSTOM);
  g_settings_set_enum (self->settings, "endpoint", endpoint);
  update_token_field (self);
}

static void
on_custom_url_changed (ContribWindow *self)
{
  if (selected_endpoint (self) == ENDPOINT_CUSTOM)
    update_token_field (self);
}

static void
on_max_requests_changed (ContribWindow *self)
{
  g_settings_set_uint (self->settings, "max-requests",
                       (guint) gtk_spin_button_get_value_as_int (self->max_requests_spin));
}

static GListModel *
variant_labels (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  /* The readable label, with the tutorial's enum name kept alongside so its
   * text still matches. */
  for (guint i = 0; i < CONTRIB_N_VARIANTS; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s (%s)", contrib_variant_get_label (i),
                                                contrib_variant_get_id (i));

      gtk_string_list_append (labels, label);
    }
  return G_LIST_MODEL (labels);
}

static void
restore_settings (ContribWindow *self)
{
  g_autofree char *variant_id = g_settings_get_string (self->settings, "variant");
  ContribVariant variant;

  /* A variant saved by another version may not exist here: fall back. */
  if (!contrib_variant_from_id (variant_id, &variant))
    variant = CONTRIB_VARIANT_CONCURRENT;

  gtk_drop_down_set_selected (self->variant_dropdown, variant);
  gtk_drop_down_set_selected (self->endpoint_dropdown, g_settings_get_enum (self->settings, "endpoint"));
  gtk_spin_button_set_value (self->max_requests_spin, g_settings_get_uint (self->settings, "max-requests"));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "username", self->username_entry, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "organization", self->org_entry, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "custom-url", self->custom_url_entry, "text", G_SETTINGS_BIND_DEFAULT);

  on_variant_selected (self);
  on_endpoint_selected (self);
}

static gboolean
save_window_state (ContribWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  return FALSE;
}

/* --- the token ------------------------------------------------------------- */

static void
update_token_hint (ContribWindow *self)
{
  const char *hint;

  if (self->token_url == NULL)
    hint = _("The offline demo needs no token.");
  else if (contrib_token_store_is_available (self->tokens))
    hint = _("Kept in your keyring, and sent only to this endpoint.");
  else
    hint = _("No keyring is running: the token is kept for this session only.");

  gtk_label_set_label (self->token_hint, hint);
  gtk_widget_set_sensitive (GTK_WIDGET (self->token_entry), self->token_url != NULL);
}

static void
on_token_looked_up (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  ContribWindow *self = user_data;
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
  gtk_editable_set_text (GTK_EDITABLE (self->token_entry), token != NULL ? token : "");
  self->filling_token = FALSE;
  update_token_hint (self);
}

static void
save_token_now (ContribWindow *self)
{
  g_clear_handle_id (&self->token_save_id, g_source_remove);
  if (self->token_url != NULL)
    contrib_token_store_save (self->tokens, self->token_url,
                              gtk_editable_get_text (GTK_EDITABLE (self->token_entry)));
}

static gboolean
save_token_cb (gpointer data)
{
  ContribWindow *self = data;

  self->token_save_id = 0;
  save_token_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_token_changed (ContribWindow *self)
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
update_token_field (ContribWindow *self)
{
  g_autofree char *url = endpoint_url (self);

  if (g_strcmp0 (url, self->token_url) == 0)
    {
      update_token_hint (self);
      return;
    }

  save_token_now (self);
  g_free (self->token_url);
  self->token_url = g_steal_pointer (&url);

  g_cancellable_cancel (self->token_cancellable);
  g_clear_object (&self->token_cancellable);

  self->filling_token = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->token_entry), "");
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

/* --- results and status ---------------------------------------------------- */

static void
show_error (ContribWindow *self,
            const char    *message)
{
  gtk_label_set_label (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
on_banner_close_button_clicked_cb (ContribWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

/* "2.2 sec": truncated to a tenth, as the tutorial does. */
static char *
format_elapsed (ContribWindow *self)
{
  gint64 ms = (g_get_monotonic_time () - self->started_us) / 1000;

  /* Translators: a duration in seconds and tenths, e.g. "2.2 sec" */
  return g_strdup_printf (_("%d.%d sec"), (int) (ms / 1000), (int) ((ms % 1000) / 100));
}

static gboolean
tick_cb (gpointer data)
{
  ContribWindow *self = data;
  g_autofree char *elapsed = format_elapsed (self);
  g_autofree char *status = g_strdup_printf (_("Loading status: in progress %s"), elapsed);

  gtk_label_set_label (self->status_label, status);
  return G_SOURCE_CONTINUE;
}

static void
release_cb (gpointer data,
            gpointer user_data)
{
  contrib_update_unref (data);
}

/* The last reference to a ranking frees up to 21,000 users: not on Main,
 * where it would freeze the window. Users are plain objects, and nothing
 * else holds them by then. */
static void
release_later (ContribWindow *self,
               ContribUpdate *update)
{
  if (update == NULL)
    return;

  if (self->releaser == NULL)
    self->releaser = g_thread_pool_new (release_cb, NULL, 1, FALSE, NULL);
  g_thread_pool_push (self->releaser, update, NULL);
}

static void
show_users (ContribWindow *self,
            ContribUpdate *update)
{
  GPtrArray *users = contrib_update_get_users (update);
  GPtrArray *failures = contrib_update_get_failures (update);
  g_autofree char *count = NULL;

  /* In place: the view keeps its columns, sorting and scroll position.
   * The list shares the update's array, so this costs the same for 3 rows
   * as for 21,000. */
  contrib_user_list_set_users (self->users, users);
  release_later (self, g_steal_pointer (&self->shown));
  self->shown = contrib_update_ref (update);

  count = g_strdup_printf (ngettext ("%u contributor", "%u contributors", users->len), users->len);
  gtk_label_set_label (self->row_count_label, count);

  gtk_widget_set_visible (GTK_WIDGET (self->failures_expander), failures->len > 0);
  if (failures->len > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u repository failed to load",
                                                          "%u repositories failed to load",
                                                          failures->len), failures->len);
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < failures->len; i++)
        {
          ContribFailure *failure = g_ptr_array_index (failures, i);

          g_string_append_printf (list, "%s%s: %s", i > 0 ? "\n" : "", failure->repo, failure->error->message);
        }
      gtk_expander_set_label (self->failures_expander, title);
      gtk_label_set_label (self->failures_label, list->str);
    }
}

static void
cancel_pending (ContribWindow *self)
{
  if (self->apply_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->results_view), self->apply_tick_id);
      self->apply_tick_id = 0;
    }
  g_clear_handle_id (&self->apply_idle_id, g_source_remove);
  release_later (self, g_steal_pointer (&self->pending));
}

static void
apply_pending (ContribWindow *self)
{
  g_autoptr(ContribUpdate) update = g_steal_pointer (&self->pending);

  cancel_pending (self);
  if (update != NULL)
    show_users (self, update);
}

static gboolean
apply_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       data)
{
  ContribWindow *self = data;

  self->apply_tick_id = 0;
  apply_pending (self);
  return G_SOURCE_REMOVE;
}

static gboolean
apply_idle_cb (gpointer data)
{
  ContribWindow *self = data;

  self->apply_idle_id = 0;
  apply_pending (self);
  return G_SOURCE_REMOVE;
}

/* PROGRESS and CHANNELS send an update per repository, each the whole
 * ranking: faster than anyone can read, and each one redraws the table.
 * Only the latest waits, and shows at the next frame. */
static void
defer_users (ContribWindow *self,
             ContribUpdate *update)
{
  release_later (self, g_steal_pointer (&self->pending));
  self->pending = contrib_update_ref (update);

  if (self->apply_tick_id != 0 || self->apply_idle_id != 0)
    return;

  /* A hidden window draws no frames; it still has to show the rows. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->results_view)))
    self->apply_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->results_view),
                                                        apply_tick_cb, self, NULL);
  else
    self->apply_idle_id = g_idle_add (apply_idle_cb, self);
}

static void
set_loading (ContribWindow *self,
             gboolean       loading)
{
  gboolean cancellable = loading && contrib_variant_is_cancellable (selected_variant (self));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Focus leaves the form before it turns insensitive (GTK 4.8 warns when
   * a focused entry does), and lands where the next key makes sense. */
  if (loading && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->form)))
    gtk_widget_grab_focus (cancellable ? GTK_WIDGET (self->cancel_button) : GTK_WIDGET (self->results_view));

  gtk_widget_set_sensitive (GTK_WIDGET (self->form), !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load", !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);
}

static void
finish (ContribWindow *self,
        const char    *status)
{
  g_autofree char *blocked = NULL;

  contrib_heartbeat_stop (self->heartbeat);
  self->blocked_ms = contrib_heartbeat_get_max_block_ms (self->heartbeat);
  /* Translators: how long the window could not respond during the load */
  blocked = g_strdup_printf (_("UI blocked at most %d ms"), (int) MIN (self->blocked_ms, G_MAXINT));
  gtk_label_set_label (self->blocked_label, blocked);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_label_set_label (self->status_label, status);
  g_clear_object (&self->loader);
  set_loading (self, FALSE);
}

static char *
describe_error (const GError *error)
{
  gint64 reset = gh_error_get_rate_limit_reset (error);

  if (g_error_matches (error, GH_ERROR, GH_ERROR_RATE_LIMITED) && reset > 0)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (reset);
      g_autofree char *time = g_date_time_format (when, "%X");

      /* Translators: %s is an error message, then a time of day */
      return g_strdup_printf (_("%s\nThe rate limit resets at %s."), error->message, time);
    }
  return g_strdup (error->message);
}

static void
on_update (ContribUpdate *update,
           const GError  *error,
           gpointer       user_data)
{
  ContribWindow *self = user_data;
  g_autofree char *elapsed = format_elapsed (self);
  g_autofree char *status = NULL;

  if (update != NULL)
    {
      guint n_failures = contrib_update_get_n_failures (update);

      if (!contrib_update_is_completed (update))
        {
          defer_users (self, update);
          return;
        }

      /* The final ranking shows at once, whatever was still waiting. */
      cancel_pending (self);
      show_users (self, update);

      if (n_failures > 0)
        status = g_strdup_printf (ngettext ("Loading status: completed in %s with %u error",
                                            "Loading status: completed in %s with %u errors", n_failures),
                                  elapsed, n_failures);
      else
        status = g_strdup_printf (_("Loading status: completed in %s"), elapsed);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* What had arrived stays on screen, as before the coalescing. */
      apply_pending (self);
      status = g_strdup (_("Loading status: canceled"));
    }
  else
    {
      g_autofree char *message = describe_error (error);

      apply_pending (self);
      show_error (self, message);
      status = g_strdup (_("Loading status: failed"));
    }

  finish (self, status);
}

static GhService *
make_service (ContribWindow  *self,
              GError        **error)
{
  g_autofree char *url = endpoint_url (self);
  g_autoptr(GhClient) client = NULL;

  if (selected_endpoint (self) == ENDPOINT_DEMO)
    {
      const char *demo_url = contrib_application_get_demo_url (
        CONTRIB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))), error);

      if (demo_url == NULL)
        return NULL;
      client = gh_client_new (demo_url, error);
    }
  else
    {
      const char *token = gtk_editable_get_text (GTK_EDITABLE (self->token_entry));

      client = gh_client_new (url, error);
      if (client != NULL && token[0] != '\0' && !gh_client_set_token (client, token, error))
        return NULL;
    }

  if (client == NULL)
    return NULL;

  gh_client_set_max_requests (client, (guint) gtk_spin_button_get_value_as_int (self->max_requests_spin));
  return GH_SERVICE (g_steal_pointer (&client));
}

static void
load (ContribWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhService) service = NULL;
  g_autoptr(ContribLoader) loader = NULL;
  g_autofree char *org = NULL;

  if (self->loader != NULL)
    return;

  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  save_token_now (self);

  org = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->org_entry))));
  if (org[0] == '\0')
    {
      show_error (self, _("Enter the organization whose contributors to load, for example “kotlin”."));
      gtk_widget_grab_focus (GTK_WIDGET (self->org_entry));
      return;
    }

  service = make_service (self, &error);
  if (service == NULL)
    {
      show_error (self, error->message);
      return;
    }

  cancel_pending (self);
  contrib_user_list_set_users (self->users, NULL);
  release_later (self, g_steal_pointer (&self->shown));
  gtk_label_set_label (self->row_count_label, "");
  gtk_label_set_label (self->blocked_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->failures_expander), FALSE);

  set_loading (self, TRUE);
  self->started_us = g_get_monotonic_time ();
  tick_cb (self);
  self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  contrib_heartbeat_start (self->heartbeat);

  /* A local reference: BLOCKING delivers its result, and so finishes,
   * before contrib_loader_start() returns. */
  loader = contrib_loader_new (service, selected_variant (self), org);
  self->loader = g_object_ref (loader);
  contrib_loader_start (loader, on_update, self, NULL);
}

static void
load_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  load (CONTRIB_WINDOW (widget));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ContribWindow *self = CONTRIB_WINDOW (widget);

  if (self->loader != NULL)
    contrib_loader_cancel (self->loader);
}

/* --- GObject ------------------------------------------------------------------ */

static void
contrib_window_dispose (GObject *object)
{
  ContribWindow *self = CONTRIB_WINDOW (object);

  /* Closing mid-load cancels the load; nothing may call back in here. */
  if (self->loader != NULL)
    contrib_loader_abandon (self->loader);
  g_clear_object (&self->loader);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  cancel_pending (self);
  if (self->token_save_id != 0)
    save_token_now (self);
  g_cancellable_cancel (self->token_cancellable);
  g_clear_object (&self->token_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONTRIB_TYPE_WINDOW);

  g_clear_object (&self->users);
  release_later (self, g_steal_pointer (&self->shown));
  /* Waits: the users must not outlive the window's tests. */
  if (self->releaser != NULL)
    g_thread_pool_free (g_steal_pointer (&self->releaser), FALSE, TRUE);
  /* A keyring answer may still arrive for the store after we are gone. */
  if (self->tokens != NULL)
    g_signal_handlers_disconnect_by_data (self->tokens, self);
  g_clear_object (&self->tokens);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->heartbeat, contrib_heartbeat_free);

  G_OBJECT_CLASS (contrib_window_parent_class)->dispose (object);
}

static void
contrib_window_finalize (GObject *object)
{
  ContribWindow *self = CONTRIB_WINDOW (object);

  g_free (self->token_url);

  G_OBJECT_CLASS (contrib_window_parent_class)->finalize (object);
}

static void
contrib_window_class_init (ContribWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrib_window_dispose;
  object_class->finalize = contrib_window_finalize;

  /* The list item templates look GhUser up by name. */
  g_type_ensure (GH_TYPE_USER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/contributors/Contributors/contrib-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, form);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, username_entry);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, token_entry);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, token_hint);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, org_entry);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, endpoint_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, custom_url_entry);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, max_requests_spin);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, variant_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, variant_description);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, load_button);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, results_view);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, row_count_label);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, failures_expander);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, failures_label);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, blocked_label);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_close_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "win.load", NULL, load_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
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

static void
contrib_window_init (ContribWindow *self)
{
  g_autoptr(GListModel) labels = variant_labels ();
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->heartbeat = contrib_heartbeat_new (NULL, HEARTBEAT_MS);
  self->users = contrib_user_list_new ();

  /* No column sorted by default: the ranking's own order shows, ties as
   * the tutorial orders them. Clicking a header sorts. */
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->users)),
                                    g_object_ref (gtk_column_view_get_sorter (self->results_view)));
  /* Sorting 21,000 rows at once would freeze the window: a bit per frame. */
  gtk_sort_list_model_set_incremental (sorted, TRUE);
  gtk_column_view_set_model (self->results_view, GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (sorted))));

  gtk_drop_down_set_model (self->variant_dropdown, labels);

  g_signal_connect_swapped (self->variant_dropdown, "notify::selected", G_CALLBACK (on_variant_selected), self);
  g_signal_connect_swapped (self->endpoint_dropdown, "notify::selected", G_CALLBACK (on_endpoint_selected), self);
  g_signal_connect_swapped (self->custom_url_entry, "changed", G_CALLBACK (on_custom_url_changed), self);
  g_signal_connect_swapped (self->max_requests_spin, "value-changed", G_CALLBACK (on_max_requests_changed), self);
  g_signal_connect_swapped (self->token_entry, "changed", G_CALLBACK (on_token_changed), self);
  g_signal_connect (self, "close-request", G_CALLBACK (save_window_state), NULL);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->load_button));
  add_enter_loads (GTK_WIDGET (self->max_requests_spin));
  gtk_label_set_label (self->status_label, _("Start new loading"));
  set_loading (self, FALSE);
}

ContribWindow *
contrib_window_new (ContribApplication *application)
{
  ContribWindow *self;

  g_return_val_if_fail (CONTRIB_IS_APPLICATION (application), NULL);

  self = g_object_new (CONTRIB_TYPE_WINDOW, "application", application, NULL);

  /* The token store belongs to the application: tokens kept for the
   * session must outlive a window. */
  self->tokens = g_object_ref (contrib_application_get_token_store (application));
  g_signal_connect_swapped (self->tokens, "notify::available", G_CALLBACK (update_token_hint), self);
  restore_settings (self);

  return self;
}

/* For tests and the screenshot: what a person would read off the window. */

gboolean
contrib_window_is_loading (ContribWindow *self)
{
  g_return_val_if_fail (CONTRIB_IS_WINDOW (self), FALSE);

  return self->loader != NULL;
}

/**
 * contrib_window_get_results:
 * @self: a window
 *
 * Returns: (transfer none): the rows as the table shows them (sorted)
 */
GListModel *
contrib_window_get_results (ContribWindow *self)
{
  g_return_val_if_fail (CONTRIB_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (gtk_column_view_get_model (self->results_view));
}

const char *
contrib_window_get_status (ContribWindow *self)
{
  g_return_val_if_fail (CONTRIB_IS_WINDOW (self), NULL);

  return gtk_label_get_label (self->status_label);
}

/**
 * contrib_window_get_error:
 * @self: a window
 *
 * Returns: (nullable): the banner's text while it shows
 */
const char *
contrib_window_get_error (ContribWindow *self)
{
  g_return_val_if_fail (CONTRIB_IS_WINDOW (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->banner_revealer))
    return NULL;
  return gtk_label_get_label (self->banner_label);
}

gint64
contrib_window_get_blocked_ms (ContribWindow *self)
{
  g_return_val_if_fail (CONTRIB_IS_WINDOW (self), 0);

  return self->blocked_ms;
}
