/* test-gui-cache.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The window's loads keep their pages: a second load of the same
 * organization gets 304s and no body, the same ranking, and the pane's
 * Clear forgets the pages.
 */

#include "config.h"

#include "gui-test-utils.h"

/* What the server answered to the load's pages (the rate limit it reads
 * first is never conditional) */
static char *
page_statuses (GuiFixture *fixture)
{
  g_autoptr(GPtrArray) requests = gh_fake_server_get_log (fixture->server);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < requests->len; i++)
    {
      GhFakeRequest *request = g_ptr_array_index (requests, i);

      if (!g_str_has_prefix (request->path, "/rate_limit"))
        g_string_append_printf (out, "%s%u", out->len > 0 ? " " : "", request->status);
    }
  return g_string_free (out, FALSE);
}

static void
load_once (GuiFixture *fixture)
{
  gh_fake_server_clear_log (fixture->server);
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  g_assert_true (gh_fake_server_wait_idle (fixture->server, 5000));
}

static void
test_second_load (GuiFixture    *fixture,
                  gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *first_ranking = NULL;
  g_autofree char *second = NULL;
  g_autofree char *second_ranking = NULL;

  gui_fixture_use_variant (fixture, CONTRIB_VARIANT_CONCURRENT);
  load_once (fixture);
  first = page_statuses (fixture);
  first_ranking = gui_results_text (fixture);
  g_assert_cmpstr (first, ==, "200 200 200 200");

  load_once (fixture);
  second = page_statuses (fixture);
  second_ranking = gui_results_text (fixture);
  g_assert_cmpstr (second, ==, "304 304 304 304");
  g_assert_cmpstr (second_ranking, ==, first_ranking);
}

static void
test_clear (GuiFixture    *fixture,
            gconstpointer  data)
{
  GtkWidget *clear = gui_find_by_id (GTK_WIDGET (fixture->window), "clear_cache_button");
  g_autofree char *dir = contrib_page_cache_dir ();
  g_autoptr(GDir) listing = NULL;
  g_autofree char *after = NULL;

  load_once (fixture);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  g_assert_nonnull (g_dir_read_name (listing));
  g_clear_pointer (&listing, g_dir_close);

  g_assert_nonnull (clear);
  g_signal_emit_by_name (clear, "clicked");
  listing = g_dir_open (dir, 0, NULL);
  g_assert_null (listing != NULL ? g_dir_read_name (listing) : NULL);

  load_once (fixture);
  after = page_statuses (fixture);
  g_assert_cmpstr (after, ==, "200 200 200 200");
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add ("/gui/cache/second-load", GuiFixture, NULL, gui_fixture_setup, test_second_load,
              gui_fixture_teardown);
  g_test_add ("/gui/cache/clear", GuiFixture, NULL, gui_fixture_setup, test_clear, gui_fixture_teardown);

  return gui_test_run ();
}
