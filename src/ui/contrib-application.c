/* contrib-application.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "contrib-application.h"

#include <glib/gi18n.h>
#include <gh-fake-github.h>

#include "contrib-window.h"

struct _ContribApplication
{
  AdwApplication     parent_instance;

  GhFakeServer      *demo_server;
  char              *demo_dataset;
  ContribTokenStore *tokens;   /* one per run: it also holds session-only tokens */
};

G_DEFINE_FINAL_TYPE (ContribApplication, contrib_application, ADW_TYPE_APPLICATION)

/**
 * contrib_application_get_demo_url:
 * @self: the application
 * @dataset: the dataset's name: "tutorial", "demo" or "large"
 * @latency_scale: the factor for the dataset's latencies; 1 is as measured
 * @error: return location for a #GError
 *
 * Starts the embedded fake GitHub server with @dataset on first use, on
 * loopback, in its own thread. Another dataset replaces the server; the
 * scale applies to the requests that follow.
 *
 * Returns: (transfer none) (nullable): its base URL
 */
const char *
contrib_application_get_demo_url (ContribApplication  *self,
                                  const char          *dataset,
                                  double               latency_scale,
                                  GError             **error)
{
  g_return_val_if_fail (CONTRIB_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (latency_scale >= 0, NULL);

  if (self->demo_server != NULL && g_strcmp0 (self->demo_dataset, dataset) != 0)
    {
      gh_fake_server_stop (self->demo_server);
      g_clear_object (&self->demo_server);
    }

  if (self->demo_server == NULL)
    {
      g_autoptr(GhDataset) data = gh_dataset_new_from_name (dataset, error);
      g_autoptr(GhFakeServer) server = NULL;

      if (data == NULL)
        return NULL;

      server = gh_fake_server_new (data);
      /* Nobody reads its log, which would grow with every load */
      gh_fake_server_set_keep_log (server, FALSE);
      if (!gh_fake_server_start (server, error))
        return NULL;
      self->demo_server = g_steal_pointer (&server);
      g_free (self->demo_dataset);
      self->demo_dataset = g_strdup (dataset);
    }

  gh_fake_server_set_latency_scale (self->demo_server, latency_scale);
  return gh_fake_server_get_uri (self->demo_server);
}

/**
 * contrib_application_get_demo_dataset:
 * @self: the application
 * @dataset: a dataset's name
 *
 * Returns: (transfer none) (nullable): the dataset the demo server serves,
 *   if it runs and serves @dataset
 */
GhDataset *
contrib_application_get_demo_dataset (ContribApplication *self,
                                      const char         *dataset)
{
  g_return_val_if_fail (CONTRIB_IS_APPLICATION (self), NULL);

  if (self->demo_server == NULL || g_strcmp0 (self->demo_dataset, dataset) != 0)
    return NULL;
  return gh_fake_server_get_dataset (self->demo_server);
}

/**
 * contrib_application_get_token_store:
 * @self: the application
 *
 * Returns: (transfer none): the token store every window shares
 */
ContribTokenStore *
contrib_application_get_token_store (ContribApplication *self)
{
  g_return_val_if_fail (CONTRIB_IS_APPLICATION (self), NULL);

  return self->tokens;
}

static void
contrib_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (contrib_window_new (CONTRIB_APPLICATION (application)));
  gtk_window_present (window);
}

/* AdwApplication loads style.css from the resource base path itself. */
static void
contrib_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (contrib_application_parent_class)->startup (application);

  gtk_application_set_accels_for_action (GTK_APPLICATION (application), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
}

static void
contrib_application_shutdown (GApplication *application)
{
  ContribApplication *self = CONTRIB_APPLICATION (application);

  if (self->demo_server != NULL)
    gh_fake_server_stop (self->demo_server);
  g_clear_object (&self->demo_server);
  g_clear_pointer (&self->demo_dataset, g_free);
  g_clear_object (&self->tokens);

  G_APPLICATION_CLASS (contrib_application_parent_class)->shutdown (application);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *application = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

  /* Closed the way the close button closes them, so that each saves its
   * state and cancels its load cleanly before we go. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
  g_application_quit (application);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *application = user_data;
  static const char *developers[] = { "The Contributors authors", NULL };
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (adw_about_window_new ());

  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (application));
  adw_about_window_set_application_name (about, _("Contributors"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_comments (about, _("The GitHub contributors loader of the Kotlin “Coroutines and channels” tutorial, loaded eight ways"));
  adw_about_window_set_website (about, "https://kotlinlang.org/docs/coroutines-and-channels.html");
  adw_about_window_set_license_type (about, GTK_LICENSE_MIT_X11);
  adw_about_window_set_developers (about, developers);
  /* Translators: put your names here */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
};

/* shutdown() releases the store too, but an application that never starts
 * up (--version, no display) never shuts down either */
static void
contrib_application_dispose (GObject *object)
{
  ContribApplication *self = CONTRIB_APPLICATION (object);

  g_clear_object (&self->tokens);

  G_OBJECT_CLASS (contrib_application_parent_class)->dispose (object);
}

static void
contrib_application_class_init (ContribApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = contrib_application_dispose;
  app_class->activate = contrib_application_activate;
  app_class->startup = contrib_application_startup;
  app_class->shutdown = contrib_application_shutdown;
}

static void
contrib_application_init (ContribApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  self->tokens = contrib_token_store_new ();
}

ContribApplication *
contrib_application_new (void)
{
  return g_object_new (CONTRIB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/contributors/Contributors",
                       NULL);
}
