/* contrib-window.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The tutorial's window as a GNOME window: Load, Cancel and the variant in
 * reach above the ranking, the connection settings in a side pane that
 * folds away on a narrow screen, progress as "N of M repositories", and
 * errors as a page that says what to do. The token lives in the keyring.
 */

#include "config.h"

#include "contrib-window-private.h"

#include <glib/gi18n.h>

#define TICK_MS       100
#define HEARTBEAT_MS  5

G_DEFINE_FINAL_TYPE (ContribWindow, contrib_window, ADW_TYPE_APPLICATION_WINDOW)

/* --- the settings ----------------------------------------------------------- */

static ContribVariant
selected_variant (ContribWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->variant_dropdown);

  return selected < CONTRIB_N_VARIANTS ? (ContribVariant) selected : CONTRIB_VARIANT_CONCURRENT;
}

static void
update_subtitle (ContribWindow *self)
{
  g_autofree char *org = contrib_settings_pane_dup_org (self->settings_pane);

  adw_view_switcher_title_set_subtitle (self->switcher_title, org);
}

static void
on_demo_changed (ContribWindow *self)
{
  contrib_ranking_set_profiles (self->ranking, !contrib_settings_pane_is_demo (self->settings_pane));
}

static void
on_variant_selected (ContribWindow *self)
{
  ContribVariant variant = selected_variant (self);

  gtk_label_set_label (self->variant_description, contrib_variant_get_description (variant));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->variant_description), contrib_variant_get_description (variant));
  g_settings_set_string (self->settings, "variant", contrib_variant_get_id (variant));
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
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  on_variant_selected (self);
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

/* --- results ---------------------------------------------------------------- */

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
  /* The ranking borrows the update's users: it compares them with the
   * ones it shows (21,000 pointers at most) and redraws the rows on screen
   * that changed; it makes no row and copies no user. */
  contrib_ranking_set_users (self->ranking, contrib_update_get_users (update));
  release_later (self, g_steal_pointer (&self->shown));
  self->shown = contrib_update_ref (update);
  contrib_status_bar_set_failures (self->status_bar, contrib_update_get_failures (update));
  _contrib_window_update_exports (self);
}

static void
cancel_pending (ContribWindow *self)
{
  if (self->apply_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->ranking), self->apply_tick_id);
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
  if (gtk_widget_get_mapped (GTK_WIDGET (self->ranking)))
    self->apply_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->ranking), apply_tick_cb, self, NULL);
  else
    self->apply_idle_id = g_idle_add (apply_idle_cb, self);
}

/* --- status ----------------------------------------------------------------- */

/* "2.2 s": truncated to a tenth, as the tutorial does. */
static char *
format_elapsed (ContribWindow *self)
{
  gint64 ms = (g_get_monotonic_time () - self->started_us) / 1000;

  /* Translators: a duration in seconds and tenths, e.g. "2.2 s" */
  return g_strdup_printf (_("%d.%d s"), (int) (ms / 1000), (int) ((ms % 1000) / 100));
}

/* "Loading… 37 of 160 repositories · 2.4 s" */
static gboolean
tick_cb (gpointer data)
{
  ContribWindow *self = data;
  g_autofree char *elapsed = format_elapsed (self);
  g_autofree char *status = NULL;

  if (self->n_repos == 0)
    /* Translators: %s is a duration such as "0.4 s" */
    status = g_strdup_printf (_("Loading the repositories… %s"), elapsed);
  else
    /* Translators: repositories loaded, of how many, then a duration */
    status = g_strdup_printf (ngettext ("Loading… %u of %u repository · %s",
                                        "Loading… %u of %u repositories · %s", self->n_repos),
                              self->n_loaded, self->n_repos, elapsed);
  contrib_status_bar_set_status (self->status_bar, status);
  return G_SOURCE_CONTINUE;
}

/* The status line is a label, and a label with new text makes the whole
 * window lay itself out again (and, on X11, ask the server for the work
 * area). Updates come by the hundred a second: the count they bring shows
 * with the clock, every TICK_MS, except the first news of how many
 * repositories there are, which shows at once. */
static void
show_progress (ContribWindow *self,
               ContribUpdate *update)
{
  guint loaded, failed, n_repos_before = self->n_repos;

  contrib_update_get_progress (update, &loaded, &failed, &self->n_repos);
  self->n_loaded = loaded + failed;
  contrib_status_bar_set_fraction (self->status_bar,
                                   self->n_repos > 0 ? (double) self->n_loaded / self->n_repos : 0);
  if (n_repos_before == 0 && self->n_repos > 0)
    tick_cb (self);
}

static void
set_loading (ContribWindow *self,
             gboolean       loading)
{
  gboolean cancellable = loading && contrib_variant_is_cancellable (self->load_variant);
  GtkWidget *pane = adw_flap_get_flap (self->flap);
  GtkWidget *shown = loading ? GTK_WIDGET (self->cancel_button) : GTK_WIDGET (self->load_button);
  GtkWidget *hidden = loading ? GTK_WIDGET (self->load_button) : GTK_WIDGET (self->cancel_button);
  GtkWidget *focus;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load", !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-all", !loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", cancellable);

  /* One place in the header bar: Load, or Cancel while there is a load.
   * Focus leaves what is hidden or turns insensitive (GTK 4.8 warns when
   * a focused entry does), and lands where the next key makes sense: on
   * Cancel during a load, on Load after it. */
  gtk_widget_set_visible (shown, TRUE);
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL &&
      (focus == hidden || (loading && (gtk_widget_is_ancestor (focus, pane) ||
                                       gtk_widget_is_ancestor (focus, GTK_WIDGET (self->variant_dropdown))))))
    gtk_widget_grab_focus (gtk_widget_get_sensitive (shown) ? shown : GTK_WIDGET (self->ranking));
  gtk_widget_set_visible (hidden, FALSE);

  gtk_widget_set_sensitive (pane, !loading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->variant_dropdown), !loading);
  contrib_status_bar_set_busy (self->status_bar, loading);
}

/* Input that reached a window frozen by BLOCKING is dropped, not replayed
 * once it thaws: a click on Load during the freeze must not start another.
 * Events already queued are dispatched before this low-priority idle. */
static gboolean
stop_dropping_input_cb (gpointer data)
{
  ContribWindow *self = data;

  self->drop_input_id = 0;
  self->dropping_input = FALSE;
  return G_SOURCE_REMOVE;
}

static gboolean
on_input_event (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                ContribWindow            *self)
{
  if (!self->dropping_input)
    return GDK_EVENT_PROPAGATE;

  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
forget_canceled (ContribWindow *self)
{
  if (self->canceled != NULL)
    g_signal_handlers_disconnect_by_data (self->canceled, self);
  g_clear_object (&self->canceled);
  g_clear_pointer (&self->canceled_status, g_free);
}

/* NOT_CANCELLABLE's lesson: its requests go on after Cancel. The status
 * counts them down. */
static void
on_requests_in_flight (ContribWindow *self)
{
  guint n = contrib_loader_get_requests_in_flight (self->canceled);
  g_autofree char *status = NULL;

  if (n == 0)
    {
      contrib_status_bar_set_status (self->status_bar, self->canceled_status);
      forget_canceled (self);
      return;
    }

  /* Translators: after Cancel, requests that could not be canceled */
  status = g_strdup_printf (ngettext ("%s\n%u request still running", "%s\n%u requests still running", n),
                            self->canceled_status, n);
  contrib_status_bar_set_status (self->status_bar, status);
}

static void
watch_canceled (ContribWindow *self,
                ContribLoader *loader,
                const char    *status)
{
  forget_canceled (self);
  if (contrib_loader_get_requests_in_flight (loader) == 0)
    return;

  self->canceled = g_object_ref (loader);
  self->canceled_status = g_strdup (status);
  g_signal_connect_swapped (loader, "notify::requests-in-flight", G_CALLBACK (on_requests_in_flight), self);
}

static void
finish (ContribWindow *self,
        const char    *icon_name,
        const char    *status)
{
  g_autofree char *details = NULL;
  guint n_users = contrib_ranking_get_n_users (self->ranking);

  contrib_heartbeat_stop (self->heartbeat);
  self->blocked_ms = contrib_heartbeat_get_max_block_ms (self->heartbeat);
  /* Translators: the number of contributors, then how long the window
   * could not respond during the load */
  details = g_strdup_printf (ngettext ("%u contributor · UI blocked at most %d ms",
                                       "%u contributors · UI blocked at most %d ms", n_users),
                             n_users, (int) MIN (self->blocked_ms, G_MAXINT));
  contrib_status_bar_set_details (self->status_bar, details);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  contrib_status_bar_set_outcome (self->status_bar, icon_name, status);
  if (self->canceled != NULL)
    on_requests_in_flight (self);
  if (self->loader != NULL && contrib_loader_get_variant (self->loader) == CONTRIB_VARIANT_BLOCKING)
    {
      self->dropping_input = TRUE;
      g_clear_handle_id (&self->drop_input_id, g_source_remove);
      self->drop_input_id = g_idle_add_full (G_PRIORITY_LOW, stop_dropping_input_cb, self, NULL);
    }
  g_clear_object (&self->loader);
  contrib_timeline_page_set_running (self->timeline_page, FALSE);
  set_loading (self, FALSE);
}

static void
on_update (ContribUpdate *update,
           const GError  *error,
           gpointer       user_data)
{
  ContribWindow *self = user_data;
  g_autofree char *elapsed = format_elapsed (self);
  g_autofree char *status = NULL;
  const char *icon_name;

  if (update != NULL)
    {
      guint n_failures = contrib_update_get_n_failures (update);

      show_progress (self, update);
      if (!contrib_update_is_completed (update))
        {
          if (contrib_update_has_ranking (update))
            defer_users (self, update);
          return;
        }

      /* The final ranking shows at once, whatever was still waiting. */
      cancel_pending (self);
      show_users (self, update);
      contrib_status_bar_set_fraction (self->status_bar, 1);

      icon_name = n_failures > 0 ? "dialog-warning-symbolic" : "object-select-symbolic";
      if (n_failures > 0)
        /* Translators: %s is a duration such as "2.2 s" */
        status = g_strdup_printf (ngettext ("Completed in %s with %u error",
                                            "Completed in %s with %u errors", n_failures),
                                  elapsed, n_failures);
      else
        /* Translators: %s is a duration such as "2.2 s" */
        status = g_strdup_printf (_("Completed in %s"), elapsed);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      guint loaded, failed, total;

      /* What had arrived stays on screen, and the status says how much. */
      apply_pending (self);
      icon_name = "process-stop-symbolic";
      contrib_loader_get_progress (self->loader, &loaded, &failed, &total);
      if (total == 0)
        /* Translators: %s is a duration such as "0.4 s" */
        status = g_strdup_printf (_("Canceled after %s, before the repositories were listed"), elapsed);
      else
        /* Translators: a duration such as "1.4 s", then repositories
         * loaded, of how many */
        status = g_strdup_printf (ngettext ("Canceled after %s: %u of %u repository loaded",
                                            "Canceled after %s: %u of %u repositories loaded", total),
                                  elapsed, loaded + failed, total);
      if (contrib_ranking_get_n_users (self->ranking) == 0)
        gtk_stack_set_visible_child_name (self->results_stack, "empty");
      watch_canceled (self, self->loader, status);
    }
  else
    {
      apply_pending (self);
      _contrib_window_show_error (self, error);
      icon_name = "dialog-error-symbolic";
      /* Translators: %s is a duration such as "0.4 s" */
      status = g_strdup_printf (_("Failed after %s"), elapsed);
    }

  if (self->loader != NULL)
    _contrib_window_load_ended (self, self->loader, update, error);
  finish (self, icon_name, status);
}

/* --- loading ---------------------------------------------------------------- */

static void
start_loader (ContribWindow *self)
{
  /* A local reference: BLOCKING delivers its result, and so finishes,
   * before contrib_loader_start() returns. */
  g_autoptr(ContribLoader) loader = g_object_ref (self->loader);

  contrib_loader_start (loader, on_update, self, NULL);
}

static void on_busy_painted (ContribWindow *self,
                             GdkFrameClock *frame_clock);

/* BLOCKING freezes the window by design: it first shows that it is busy,
 * then blocks once that frame is painted. */
static void
run_loader (ContribWindow *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (contrib_loader_get_variant (self->loader) == CONTRIB_VARIANT_BLOCKING && frame_clock != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->painted_id = g_signal_connect_swapped (frame_clock, "after-paint", G_CALLBACK (on_busy_painted), self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    start_loader (self);
}

static gboolean
start_blocking_cb (gpointer data)
{
  ContribWindow *self = data;

  self->start_id = 0;
  if (self->loader != NULL)
    start_loader (self);
  return G_SOURCE_REMOVE;
}

/* Blocks from an idle, outside the frame clock's cycle, which must finish
 * for the busy frame to reach the screen. */
static void
on_busy_painted (ContribWindow *self,
                 GdkFrameClock *frame_clock)
{
  g_clear_signal_handler (&self->painted_id, frame_clock);
  self->start_id = g_idle_add (start_blocking_cb, self);
}

/* --- the rate limit ---------------------------------------------------------- */

typedef struct
{
  GWeakRef    window;
  GhRateLimit quota;
  char       *message;
} QuotaWatch;

static void
quota_watch_free (gpointer data)
{
  QuotaWatch *watch = data;

  g_weak_ref_clear (&watch->window);
  g_free (watch->message);
  g_free (watch);
}

static void
show_warning (ContribWindow *self,
              const char    *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);

  g_free (self->warning);
  self->warning = g_strdup (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
show_shortfall_cb (gpointer data)
{
  QuotaWatch *watch = data;
  g_autoptr(ContribWindow) self = g_weak_ref_get (&watch->window);

  if (self != NULL)
    show_warning (self, watch->message);
  return G_SOURCE_REMOVE;
}

/* On whichever thread loads the repository list: said on Main */
static void
check_repos_against_quota (GhResponse *repos,
                           gpointer    data)
{
  QuotaWatch *watch = data;
  g_autoptr(ContribWindow) self = g_weak_ref_get (&watch->window);
  QuotaWatch *shortfall;

  if (self == NULL)
    return;

  shortfall = g_new0 (QuotaWatch, 1);
  shortfall->message = contrib_quota_shortfall (repos, &watch->quota);
  if (shortfall->message == NULL)
    {
      quota_watch_free (shortfall);
      return;
    }
  g_weak_ref_init (&shortfall->window, self);
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, show_shortfall_cb, shortfall, quota_watch_free);
}

/* GET /rate_limit costs nothing, so a load against a real API reads it
 * first, and says up front when nothing is left. What it cannot read (an
 * Enterprise server without limits) it loads anyway. */
static void
on_quota_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ContribWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  QuotaWatch *watch = g_new0 (QuotaWatch, 1);

  if (!gh_client_get_rate_limit_finish (GH_CLIENT (source), result, &watch->quota, &error))
    {
      quota_watch_free (watch);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("No rate limit to check before the load: %s", error->message);
    }
  else if (watch->quota.remaining == 0)
    {
      g_autoptr(GError) used_up = contrib_quota_used_up_error (&watch->quota,
                                                               gh_client_has_token (GH_CLIENT (source)));

      quota_watch_free (watch);
      g_clear_object (&self->quota_cancellable);
      on_update (NULL, used_up, self);
      return;
    }
  else
    {
      g_weak_ref_init (&watch->window, self);
      contrib_counting_service_set_repos_func (contrib_loader_get_counting_service (self->loader),
                                               check_repos_against_quota, watch, quota_watch_free);
    }

  g_clear_object (&self->quota_cancellable);
  run_loader (self);
}

/**
 * _contrib_window_load_variant:
 * @self: a window
 * @variant: how to load, whatever the variant list shows
 *
 * Starts a load with the settings of the pane, unless one runs.
 */
void
_contrib_window_load_variant (ContribWindow  *self,
                              ContribVariant  variant)
{
  ContribApplication *application = CONTRIB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GError) error = NULL;
  g_autoptr(GhService) service = NULL;
  g_autofree char *org = NULL;
  GtkWidget *invalid_field;

  if (self->loader != NULL)
    return;

  /* A field that could never work is fixed in the pane, not shown as a
   * failed load. */
  service = contrib_settings_pane_make_service (self->settings_pane, application, &invalid_field, &error);
  if (service == NULL && invalid_field != NULL)
    {
      adw_flap_set_reveal_flap (self->flap, TRUE);
      gtk_widget_grab_focus (invalid_field);
      return;
    }
  if (service == NULL)
    {
      _contrib_window_show_error (self, error);
      return;
    }

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);

  forget_canceled (self);
  g_clear_pointer (&self->warning, g_free);
  self->started_us = g_get_monotonic_time ();
  self->n_loaded = 0;
  self->n_repos = 0;
  cancel_pending (self);
  contrib_ranking_set_users (self->ranking, NULL);
  release_later (self, g_steal_pointer (&self->shown));
  contrib_status_bar_set_failures (self->status_bar, NULL);
  contrib_status_bar_set_details (self->status_bar, "");
  contrib_status_bar_set_fraction (self->status_bar, 0);
  gtk_stack_set_visible_child_name (self->results_stack, "results");

  org = contrib_settings_pane_dup_org (self->settings_pane);
  self->load_variant = variant;
  self->loader = contrib_loader_new (service, variant, org);
  g_set_object (&self->requests, contrib_loader_get_request_log (self->loader));
  g_free (self->requests_title);
  self->requests_title = g_strdup_printf ("%s %s", contrib_variant_get_id (variant), org);
  contrib_timeline_page_set_log (self->timeline_page, self->requests);
  contrib_timeline_page_set_running (self->timeline_page, TRUE);
  _contrib_window_update_exports (self);
  set_loading (self, TRUE);
  tick_cb (self);
  self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
  contrib_heartbeat_start (self->heartbeat);

  if (GH_IS_CLIENT (service) && !contrib_settings_pane_is_demo (self->settings_pane))
    {
      self->quota_cancellable = g_cancellable_new ();
      gh_client_get_rate_limit_async (GH_CLIENT (service), self->quota_cancellable, on_quota_read, self);
    }
  else
    run_loader (self);
}

/* --- actions ---------------------------------------------------------------- */

static void
load_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ContribWindow *self = CONTRIB_WINDOW (widget);

  _contrib_window_load_variant (self, selected_variant (self));
}

static void
view_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ContribWindow *self = CONTRIB_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ContribWindow *self = CONTRIB_WINDOW (widget);
  g_autoptr(GError) canceled = NULL;

  /* Before the load starts, while the rate limit is read: nothing to
   * cancel but the reading. */
  if (self->quota_cancellable != NULL)
    {
      g_cancellable_cancel (self->quota_cancellable);
      g_clear_object (&self->quota_cancellable);
      canceled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "canceled");
      on_update (NULL, canceled, self);
    }
  else if (self->loader != NULL)
    contrib_loader_cancel (self->loader);
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ContribWindow *self = CONTRIB_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->results_stack, "results");
  contrib_ranking_start_search (self->ranking);
}

static void
set_token_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ContribWindow *self = CONTRIB_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  gtk_widget_grab_focus (contrib_settings_pane_get_token_row (self->settings_pane));
}

/* --- GObject ---------------------------------------------------------------- */

static void
contrib_window_dispose (GObject *object)
{
  ContribWindow *self = CONTRIB_WINDOW (object);

  /* Closing mid-load cancels the load; nothing may call back in here. */
  if (self->loader != NULL)
    contrib_loader_abandon (self->loader);
  g_clear_object (&self->loader);
  g_cancellable_cancel (self->quota_cancellable);
  g_clear_object (&self->quota_cancellable);
  g_clear_pointer (&self->warning, g_free);
  g_clear_object (&self->requests);
  g_clear_pointer (&self->requests_title, g_free);
  if (self->compare_page != NULL)
    g_signal_handlers_disconnect_by_data (contrib_compare_page_get_runs (self->compare_page), self);
  forget_canceled (self);
  if (self->painted_id != 0)
    g_clear_signal_handler (&self->painted_id, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->start_id, g_source_remove);
  g_clear_handle_id (&self->drop_input_id, g_source_remove);
  _contrib_window_series_stop (self);
  cancel_pending (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONTRIB_TYPE_WINDOW);

  release_later (self, g_steal_pointer (&self->shown));
  /* Waits: the users must not outlive the window's tests. */
  if (self->releaser != NULL)
    g_thread_pool_free (g_steal_pointer (&self->releaser), FALSE, TRUE);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->heartbeat, contrib_heartbeat_free);

  G_OBJECT_CLASS (contrib_window_parent_class)->dispose (object);
}

static void
contrib_window_class_init (ContribWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrib_window_dispose;

  g_type_ensure (CONTRIB_TYPE_RANKING);
  g_type_ensure (CONTRIB_TYPE_SETTINGS_PANE);
  g_type_ensure (CONTRIB_TYPE_STATUS_BAR);
  g_type_ensure (CONTRIB_TYPE_TIMELINE_PAGE);
  g_type_ensure (CONTRIB_TYPE_COMPARE_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/contributors/Contributors/contrib-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, settings_button);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, load_button);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, settings_pane);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, variant_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, variant_description);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, results_stack);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, set_token_button);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, ranking);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, status_bar);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, timeline_page);
  gtk_widget_class_bind_template_child (widget_class, ContribWindow, compare_page);

  gtk_widget_class_install_action (widget_class, "win.load", NULL, load_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.set-token", NULL, set_token_activated);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_activated);
  _contrib_window_install_compare (widget_class);
  _contrib_window_install_export (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.view", "s", "ranking");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.view", "s", "timeline");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.view", "s", "compare");
}

static void
contrib_window_init (ContribWindow *self)
{
  g_autoptr(GListModel) labels = variant_labels ();
  GtkEventController *input = gtk_event_controller_legacy_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  self->heartbeat = contrib_heartbeat_new (NULL, HEARTBEAT_MS);

  gtk_drop_down_set_model (self->variant_dropdown, labels);
  g_object_bind_property (self->flap, "reveal-flap", self->settings_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  g_signal_connect_swapped (self->variant_dropdown, "notify::selected", G_CALLBACK (on_variant_selected), self);
  g_signal_connect_swapped (self->settings_pane, "notify::organization", G_CALLBACK (update_subtitle), self);
  g_signal_connect_swapped (self->settings_pane, "notify::demo", G_CALLBACK (on_demo_changed), self);
  g_signal_connect (self, "close-request", G_CALLBACK (save_window_state), NULL);

  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect (input, "event", G_CALLBACK (on_input_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self), input);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->load_button));
  contrib_status_bar_set_status (self->status_bar, _("Choose a variant and press Load."));
  g_signal_connect_swapped (contrib_compare_page_get_runs (self->compare_page), "items-changed",
                            G_CALLBACK (_contrib_window_update_exports), self);
  _contrib_window_update_exports (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->load_button));
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
  contrib_settings_pane_setup (self->settings_pane, self->settings,
                               contrib_application_get_token_store (application));
  restore_settings (self);
  update_subtitle (self);
  on_demo_changed (self);

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
 * Returns: (transfer none): the rows as the table shows them
 */
GListModel *
contrib_window_get_results (ContribWindow *self)
{
  g_return_val_if_fail (CONTRIB_IS_WINDOW (self), NULL);

  return contrib_ranking_get_model (self->ranking);
}

const char *
contrib_window_get_status (ContribWindow *self)
{
  g_return_val_if_fail (CONTRIB_IS_WINDOW (self), NULL);

  return contrib_status_bar_get_status (self->status_bar);
}

/**
 * contrib_window_get_error:
 * @self: a window
 *
 * Returns: (nullable): the error page's text while it shows
 */
const char *
contrib_window_get_error (ContribWindow *self)
{
  g_return_val_if_fail (CONTRIB_IS_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "error") != 0)
    return NULL;
  return adw_status_page_get_description (self->error_page);
}

/**
 * contrib_window_get_warning:
 * @self: a window
 *
 * Returns: (nullable): the text of the last warning the window showed as a
 *   toast
 */
const char *
contrib_window_get_warning (ContribWindow *self)
{
  g_return_val_if_fail (CONTRIB_IS_WINDOW (self), NULL);

  return self->warning;
}

gint64
contrib_window_get_blocked_ms (ContribWindow *self)
{
  g_return_val_if_fail (CONTRIB_IS_WINDOW (self), 0);

  return self->blocked_ms;
}
