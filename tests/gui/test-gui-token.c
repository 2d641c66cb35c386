/* test-gui-token.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The token round-trips through a real Secret Service: the program runs
 * itself again inside a private D-Bus session with its own
 * gnome-keyring-daemon, unlocked with a throwaway password, in a throwaway
 * home, so it neither touches nor needs the user's keyring. Where that
 * cannot start, the tests skip and say why.
 */

#include "config.h"

#include <string.h>

#include "gui-test-utils.h"

#define TOKEN "ghp_round_trip_0123456789"

static const char *keyring_problem;

static GtkEditable *
token_entry (GuiFixture *fixture)
{
  return GTK_EDITABLE (gui_find_by_id (GTK_WIDGET (fixture->window), "token_row"));
}

static const char *
token_hint (GuiFixture *fixture)
{
  GtkWidget *hint = gui_find_by_id (GTK_WIDGET (fixture->window), "server_hint");

  return gtk_label_get_label (GTK_LABEL (hint));
}

static gboolean
token_is (gpointer data)
{
  GuiFixture *fixture = data;

  return g_str_equal (gtk_editable_get_text (token_entry (fixture)), TOKEN);
}

static gboolean
quiet_for_a_while (gpointer data)
{
  return FALSE;
}

static void
test_gui_token_round_trip (GuiFixture    *fixture,
                           gconstpointer  data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  if (keyring_problem != NULL)
    {
      g_test_skip (keyring_problem);
      return;
    }

  g_test_summary ("The token is kept in the Secret Service, per endpoint, and nowhere in GSettings");
  g_settings_set_enum (fixture->settings, "endpoint", 1);   /* GitHub */
  gui_fixture_reopen (fixture);
  gtk_widget_grab_focus (GTK_WIDGET (token_entry (fixture)));
  gtk_editable_set_text (token_entry (fixture), TOKEN);

  /* Saving waits for typing to pause. */
  gui_wait_until (quiet_for_a_while, NULL, 1500);
  g_assert_cmpstr (token_hint (fixture), ==, "The token is kept in your keyring and sent only to this endpoint.");

  gui_fixture_reopen (fixture);
  g_assert_true (gui_wait_until (token_is, fixture, 10000));

  /* Not in any setting. */
  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (fixture->settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, TOKEN));
    }

  /* The demo server never gets it: its field is empty and hidden. */
  g_settings_set_enum (fixture->settings, "endpoint", 0);
  gui_fixture_reopen (fixture);
  g_assert_cmpstr (gtk_editable_get_text (token_entry (fixture)), ==, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (token_entry (fixture))));
}

/* Runs this program again inside its own D-Bus session and keyring. */
static int
rerun_with_keyring (int    argc,
                    char **argv)
{
  g_autofree char *dbus_run_session = g_find_program_in_path ("dbus-run-session");
  g_autofree char *keyring_daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *home = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  int status;

  if (dbus_run_session == NULL || keyring_daemon == NULL)
    return -1;

  home = g_dir_make_tmp ("contrib-keyring-XXXXXX", &error);
  g_assert_no_error (error);

  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", home, TRUE);
  env = g_environ_setenv (env, "CONTRIB_KEYRING_READY", "1", TRUE);

  g_ptr_array_add (args, (char *) "dbus-run-session");
  g_ptr_array_add (args, (char *) "--");
  g_ptr_array_add (args, (char *) "sh");
  g_ptr_array_add (args, (char *) "-c");
  g_ptr_array_add (args, (char *) "printf contrib | gnome-keyring-daemon --unlock --components=secrets >/dev/null "
                                  "&& exec \"$0\" \"$@\"");
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, NULL);

  g_spawn_sync (NULL, (char **) args->pdata, env, G_SPAWN_SEARCH_PATH | G_SPAWN_CHILD_INHERITS_STDIN,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);

  /* The throwaway home goes, keyring files and all. */
  {
    const char *rm[] = { "rm", "-rf", home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }

  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("CONTRIB_KEYRING_READY") == NULL)
    {
      int status = rerun_with_keyring (argc, argv);

      if (status >= 0)
        return status;
      keyring_problem = "dbus-run-session or gnome-keyring-daemon is not installed";
    }

  gui_test_init (&argc, &argv);

  g_test_add ("/gui/token/round-trip", GuiFixture, NULL,
              gui_fixture_setup, test_gui_token_round_trip, gui_fixture_teardown);

  return gui_test_run ();
}
