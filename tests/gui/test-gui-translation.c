/* test-gui-translation.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * With LANGUAGE=ru the window speaks Russian, from the translation built
 * in this build tree.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "gui-test-utils.h"

static void
assert_translated (const char *msgid)
{
  const char *translated = g_dgettext (GETTEXT_PACKAGE, msgid);

  if (g_strcmp0 (translated, msgid) == 0)
    g_error ("“%s” has no Russian translation", msgid);
}

static void
test_gui_russian_labels (GuiFixture    *fixture,
                         gconstpointer  data)
{
  GtkWidget *root = GTK_WIDGET (fixture->window);
  const struct { const char *id; const char *title; } rows[] = {
    { "org_row", "_Organization" },
    { "endpoint_row", "API _endpoint" },
    { "token_row", "_Token" },
    { "max_requests_row", "_Requests at once" },
  };

  g_test_summary ("With LANGUAGE=ru the window shows the Russian labels");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      assert_translated (rows[i].title);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gui_find_by_id (root, rows[i].id))), ==,
                       g_dgettext (GETTEXT_PACKAGE, rows[i].title));
    }
  assert_translated ("_Variant");
  g_assert_nonnull (gui_find_widget (root, GTK_TYPE_LABEL, g_dgettext (GETTEXT_PACKAGE, "_Variant")));

  assert_translated ("_Load");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gui_find_by_id (root, "load_button"))), ==,
                   g_dgettext (GETTEXT_PACKAGE, "_Load"));
  assert_translated ("Choose a variant and press Load.");
  g_assert_cmpstr (contrib_window_get_status (fixture->window), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Choose a variant and press Load."));

  /* A load's status line too. */
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  assert_translated ("Completed in %s");
  g_assert_false (g_str_has_prefix (contrib_window_get_status (fixture->window), "Completed"));
  gui_save_screenshot (root, "window-ru.png");
}

static void
test_gui_russian_min_size (GuiFixture    *fixture,
                           gconstpointer  data)
{
  g_test_summary ("The Russian window, whose words are longer, still fits 360 × 600");
  gui_assert_fits (fixture, 360, 600);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 600);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  gui_save_screenshot (GTK_WIDGET (fixture->window), "window-ru-narrow.png");
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LANGUAGE", "ru", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gui_test_init (&argc, &argv);

  g_test_add ("/gui/translation/russian", GuiFixture, NULL,
              gui_fixture_setup, test_gui_russian_labels, gui_fixture_teardown);
  g_test_add ("/gui/translation/min-size", GuiFixture, NULL,
              gui_fixture_setup, test_gui_russian_min_size, gui_fixture_teardown);

  return gui_test_run ();
}
