/* test-gui-window.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The real window, under Xvfb, driven through its actions against the fake
 * GitHub server: each variant loads the tutorial's data.
 */

#include "config.h"

#include "gui-test-utils.h"

#define TUTORIAL_USERS "user-2 100, user-3 60, user-1 50"

static void
test_gui_variant_loads (GuiFixture    *fixture,
                        gconstpointer  data)
{
  ContribVariant variant = GPOINTER_TO_INT (data);
  g_autofree char *text = NULL;

  gui_fixture_use_variant (fixture, variant);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));

  text = gui_results_text (fixture);
  g_assert_cmpstr (text, ==, TUTORIAL_USERS);
  g_assert_true (g_str_has_prefix (contrib_window_get_status (fixture->window), "Completed in"));
  g_assert_true (gtk_widget_get_sensitive (gui_find_by_id (GTK_WIDGET (fixture->window), "load_button")));
  g_assert_null (contrib_window_get_error (fixture->window));
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  for (guint i = 0; i < CONTRIB_N_VARIANTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/gui/load/%s", contrib_variant_get_id (i));

      g_test_add (path, GuiFixture, GINT_TO_POINTER (i), gui_fixture_setup, test_gui_variant_loads,
                  gui_fixture_teardown);
    }

  return gui_test_run ();
}
