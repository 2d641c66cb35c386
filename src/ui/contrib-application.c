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

/* The offline demo answers at a quarter of the dataset's latencies, so the
 * sequential variants finish in seconds rather than a minute, while the
 * difference between the variants stays plain to see. */
#define DEMO_LATENCY_SCALE 0.25

struct _ContribApplication
{
  GtkApplication  parent_instance;

  GhFakeServer      *demo_server;
  ContribTokenStore *tokens;   /* one per run: it also holds session-only tokens */
};

G_DEFINE_FINAL_TYPE (ContribApplication, contrib_application, GTK_TYPE_APPLICATION)

/**
 * contrib_application_get_demo_url:
 * @self: the application
 * @error: return location for a #GError
 *
 * Starts the embedded fake GitHub server with the demo dataset on first
 * use, on loopback, in its own thread.
 *
 * Returns: (transfer none) (nullable): its base URL
 */
const char *
contrib_application_get_demo_url (ContribApplication  *self,
                                  GError             **error)
{
  g_return_val_if_fail (CONTRIB_IS_APPLICATION (self), NULL);

  if (self->demo_server == NULL)
    {
      g_autoptr(GhDataset) dataset = gh_dataset_new_from_name ("demo", error);
      g_autoptr(GhFakeServer) server = NULL;

      if (dataset == NULL)
        return NULL;

      server = gh_fake_server_new (dataset);
      gh_fake_server_set_latency_scale (server, DEMO_LATENCY_SCALE);
      if (!gh_fake_server_start (server, error))
        return NULL;
      self->demo_server = g_steal_pointer (&server);
    }

  return gh_fake_server_get_uri (self->demo_server);
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

static void
contrib_application_startup (GApplication *application)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (contrib_application_parent_class)->startup (application);

  gtk_css_provider_load_from_resource (css, "/io/github/contributors/Contributors/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

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

  /* Closing each window cancels its load cleanly before we go. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_destroy (windows->data);
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
  static const char *authors[] = { "The Contributors authors", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (application),
                         "program-name", _("Contributors"),
                         "logo-icon-name", "io.github.contributors.Contributors",
                         "version", PACKAGE_VERSION,
                         "comments", _("The GitHub contributors loader of the Kotlin “Coroutines and channels” tutorial, loaded eight ways"),
                         "license-type", GTK_LICENSE_MIT_X11,
                         "authors", authors,
                         /* Translators: put your names here */
                         "translator-credits", _("translator-credits"),
                         NULL);
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
