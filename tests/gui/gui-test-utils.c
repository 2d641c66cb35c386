/* gui-test-utils.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What the window tests share: one application for the program (it owns a
 * D-Bus object path), a fake GitHub server with the tutorial's data at a
 * fifth of its latencies, settings pointing the window at it, and waits
 * with a real-time bound.
 */

#include "config.h"

#include "gui-test-utils.h"

#define WAIT_MS 20000

static ContribApplication *application;

void
gui_test_init (int    *argc,
               char ***argv)
{
  g_autoptr(GError) error = NULL;

  gtk_test_init (argc, argv, NULL);

  /* GTK 4.8's cursor blink warns when Xvfb moves focus between the
   * windows the tests open and close; the warnings would be fatal. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  application = contrib_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
}

int
gui_test_run (void)
{
  int status = g_test_run ();

  g_clear_object (&application);
  return status;
}

static void
open_window (GuiFixture *fixture)
{
  fixture->window = contrib_window_new (application);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

/* GTK 4.8 warns when a focused entry goes away with its window. */
static void
close_window (GuiFixture *fixture)
{
  if (fixture->window == NULL)
    return;
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
gui_fixture_setup (GuiFixture    *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = gh_dataset_new_from_name ("tutorial", &error);

  g_assert_no_error (error);
  fixture->server = gh_fake_server_new (dataset);
  gh_fake_server_set_latency_scale (fixture->server, 0.2);
  gh_fake_server_start (fixture->server, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new (APP_ID);
  g_settings_set_enum (fixture->settings, "endpoint", 2);
  g_settings_set_string (fixture->settings, "custom-url", gh_fake_server_get_uri (fixture->server));
  g_settings_set_string (fixture->settings, "organization", "org");

  open_window (fixture);
}

void
gui_fixture_teardown (GuiFixture    *fixture,
                      gconstpointer  data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  close_window (fixture);
  gh_fake_server_stop (fixture->server);
  g_clear_object (&fixture->server);

  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (fixture->settings, keys[i]);
  g_clear_object (&fixture->settings);
}

/* Destroys the window and opens a new one, as a restart would. */
void
gui_fixture_reopen (GuiFixture *fixture)
{
  close_window (fixture);
  open_window (fixture);
}

void
gui_fixture_use_variant (GuiFixture     *fixture,
                         ContribVariant  variant)
{
  g_settings_set_string (fixture->settings, "variant", contrib_variant_get_id (variant));
  gui_fixture_reopen (fixture);
}

/**
 * gui_fixture_use_demo:
 * @fixture: a fixture
 * @latency: the demo-latency setting: 0 as measured, 1 a quarter, 2 a
 *   twentieth
 *
 * Points the window at the embedded demo server's "demo" dataset (160
 * repositories, organization "kotlin") from the next reopen on.
 */
void
gui_fixture_use_demo (GuiFixture *fixture,
                      int         latency)
{
  g_settings_set_enum (fixture->settings, "endpoint", 0);
  g_settings_set_enum (fixture->settings, "demo-dataset", 1);
  g_settings_set_enum (fixture->settings, "demo-latency", latency);
  g_settings_set_string (fixture->settings, "organization", "kotlin");
}

/* The window's minimum size, at the narrowest width, is within the one a
 * small screen gives it. */
void
gui_assert_fits (GuiFixture *fixture,
                 int         width,
                 int         height)
{
  int min_width, min_height;

  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (fixture->window), GTK_ORIENTATION_VERTICAL, width,
                      &min_height, NULL, NULL, NULL);
  g_test_message ("minimum %d × %d", min_width, min_height);
  g_assert_cmpint (min_width, <=, width);
  g_assert_cmpint (min_height, <=, height);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
gui_wait_until (gboolean (*done) (gpointer data),
                gpointer   data,
                guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

static gboolean
load_is_over (gpointer data)
{
  GuiFixture *fixture = data;

  return !contrib_window_is_loading (fixture->window);
}

gboolean
gui_wait_for_load (GuiFixture *fixture)
{
  return gui_wait_until (load_is_over, fixture, WAIT_MS);
}

void
gui_load (GuiFixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.load", NULL));
}

char *
gui_results_text (GuiFixture *fixture)
{
  GListModel *results = contrib_window_get_results (fixture->window);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GhUser) user = g_list_model_get_item (results, i);

      g_string_append_printf (out, "%s%s %" G_GINT64_FORMAT, i > 0 ? ", " : "",
                              gh_user_get_login (user), gh_user_get_contributions (user));
    }
  return g_string_free (out, FALSE);
}

/**
 * gui_find_widget:
 * @root: where to look
 * @type: the widget type
 * @label: (nullable): for labels and buttons, their text (mnemonics
 *   included, as written)
 *
 * Returns: (transfer none) (nullable): the first match, depth first
 */
GtkWidget *
gui_find_widget (GtkWidget  *root,
                 GType       type,
                 const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *text = NULL;

      if (GTK_IS_LABEL (root))
        text = gtk_label_get_label (GTK_LABEL (root));
      else if (GTK_IS_BUTTON (root))
        text = gtk_button_get_label (GTK_BUTTON (root));
      if (label == NULL || g_strcmp0 (text, label) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = gui_find_widget (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * gui_find_by_id:
 * @root: where to look
 * @id: the id the widget has in its template (the .ui file)
 *
 * Returns: (transfer none): the widget; the test fails if there is none
 */
GtkWidget *
gui_find_by_id (GtkWidget  *root,
                const char *id)
{
  GtkWidget *found = NULL;

  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL && found == NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_WIDGET (child))
      found = gui_find_by_id (child, id);

  if (found == NULL && root == GTK_WIDGET (gtk_widget_get_root (root)))
    g_error ("no widget with the id “%s”", id);
  return found;
}

/* Into the meson test log folder (CONTRIB_SCREENSHOT_DIR), so a person can
 * look at what the test saw. */
void
gui_save_screenshot (GtkWidget  *widget,
                     const char *name)
{
  const char *dir = g_getenv ("CONTRIB_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width = 0;
  int height = 0;

  if (dir == NULL)
    return;

  /* A busy machine may not have laid the window out at the first frame:
   * an unallocated widget paints nothing. */
  paintable = gtk_widget_paintable_new (widget);
  for (guint frame = 0; frame < 50 && node == NULL; frame++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      gtk_test_widget_wait_for_draw (widget);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot saved to %s", path);
}

/* user-0 … user-(n-1), best first, totals base, base - 1, … */
GPtrArray *
gui_make_users (guint  n,
                gint64 base)
{
  GPtrArray *users = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *login = g_strdup_printf ("user-%u", i);

      g_ptr_array_add (users, gh_user_new (login, base - i));
    }
  return users;
}
