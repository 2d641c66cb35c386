/* test-gui-coalesce.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The table keeps up with PROGRESS and CHANNELS however fast updates come:
 * the list model behind it, and at most one table change per frame.
 */

#include "config.h"

#include "contrib-row.h"
#include "contrib-row-list.h"
#include "gui-test-utils.h"

#define N_REPOS   60
#define N_LOGINS  20
#define PER_LOGIN (N_REPOS / N_LOGINS)

/* --- the list model ------------------------------------------------------ */

typedef struct
{
  guint n_signals;
  guint position;
  guint removed;
  guint added;
  guint n_items;   /* as the model answered inside the handler */
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  Changes *changes = data;

  changes->n_signals++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  changes->n_items = g_list_model_get_n_items (model);
}

static void
on_user_changed (ContribRow *row,
                 guint      *n_emitted)
{
  (*n_emitted)++;
}

static GhUser *
user_at (GListModel *model,
         guint       position)
{
  g_autoptr(ContribRow) row = g_list_model_get_item (model, position);

  return contrib_row_get_user (row);
}

/* A place is made when asked for, not for every user of a ranking: a
 * table asks for the few hundred it shows */
static void
test_row_list_made_when_asked (void)
{
  g_autoptr(ContribRowList) list = contrib_row_list_new ();
  g_autoptr(GPtrArray) many = gui_make_users (21000, 30000);
  g_autoptr(GPtrArray) fewer = gui_make_users (20000, 30000);
  g_autoptr(ContribRow) row = NULL;
  guint first_changed, n_changed;

  contrib_row_list_set_users (list, many, FALSE, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 21000);
  g_assert_cmpuint (contrib_row_list_get_n_made (list), ==, 0);

  row = g_list_model_get_item (G_LIST_MODEL (list), 20999);
  g_assert_cmpuint (contrib_row_get_rank (row), ==, 21000);
  g_assert_true (contrib_row_get_user (row) == g_ptr_array_index (many, 20999));
  g_assert_cmpuint (contrib_row_list_get_n_made (list), ==, 1);

  /* Places not made yet still count as changed when their user did */
  contrib_row_list_set_users (list, fewer, FALSE, &first_changed, &n_changed);
  g_assert_cmpuint (first_changed, ==, 0);
  g_assert_cmpuint (n_changed, ==, 20000);
  g_assert_cmpuint (contrib_row_list_get_n_made (list), ==, 0);
  /* The place that went no longer points at a user of the list */
  g_assert_null (contrib_row_get_user (row));
}

static void
test_row_list_model (void)
{
  g_autoptr(ContribRowList) list = contrib_row_list_new ();
  GListModel *model = G_LIST_MODEL (list);
  g_autoptr(GPtrArray) three = gui_make_users (3, 100);
  g_autoptr(GPtrArray) five = gui_make_users (5, 50);
  g_autoptr(GPtrArray) mixed = NULL;
  g_autoptr(ContribRow) first = NULL;
  g_autoptr(ContribRow) second = NULL;
  g_autoptr(ContribRow) row = NULL;
  Changes changes = { 0 };
  guint first_changed, n_changed, n_first = 0, n_second = 0;

  g_test_summary ("The ranking's places stay: a new ranking adds or removes places at the end, "
                  "and tells the places watched that their user changed");
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &changes);

  g_assert_true (g_list_model_get_item_type (model) == CONTRIB_TYPE_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (g_list_model_get_item (model, 0));

  contrib_row_list_set_users (list, three, FALSE, &first_changed, &n_changed);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 3);
  g_assert_cmpuint (changes.n_items, ==, 3);
  g_assert_cmpuint (n_changed, ==, 0);
  row = g_list_model_get_item (model, 2);
  g_assert_cmpuint (contrib_row_get_rank (row), ==, 3);
  g_assert_true (contrib_row_get_user (row) == g_ptr_array_index (three, 2));
  g_assert_null (g_list_model_get_item (model, 3));

  /* The same users are no change at all. */
  contrib_row_list_set_users (list, three, TRUE, &first_changed, &n_changed);
  g_assert_cmpuint (changes.n_signals, ==, 1);
  g_assert_cmpuint (n_changed, ==, 0);

  /* Only the first place is watched: only it says its user changed. */
  first = g_list_model_get_item (model, 0);
  second = g_list_model_get_item (model, 1);
  contrib_row_watch (first);
  g_signal_connect (first, "user-changed", G_CALLBACK (on_user_changed), &n_first);
  g_signal_connect (second, "user-changed", G_CALLBACK (on_user_changed), &n_second);

  /* Five others: the three places stay, two are added. */
  contrib_row_list_set_users (list, five, FALSE, &first_changed, &n_changed);
  g_assert_cmpuint (changes.n_signals, ==, 2);
  g_assert_cmpuint (changes.position, ==, 3);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, 2);
  g_assert_cmpuint (changes.n_items, ==, 5);
  g_assert_cmpuint (first_changed, ==, 0);
  g_assert_cmpuint (n_changed, ==, 3);
  g_assert_cmpuint (n_first, ==, 1);
  g_assert_cmpuint (n_second, ==, 0);
  g_assert_true (g_list_model_get_item (model, 0) == (gpointer) first);
  g_object_unref (first);
  g_assert_true (user_at (model, 0) == g_ptr_array_index (five, 0));
  g_assert_true (user_at (model, 4) == g_ptr_array_index (five, 4));
  /* The list only borrowed the users. */
  g_assert_cmpuint (three->len, ==, 3);

  /* Announced: one change from the first place that changed to the end,
   * here one place shorter. */
  mixed = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (mixed, g_object_ref (g_ptr_array_index (five, 0)));
  g_ptr_array_add (mixed, g_object_ref (g_ptr_array_index (three, 0)));
  g_ptr_array_add (mixed, g_object_ref (g_ptr_array_index (five, 2)));
  g_ptr_array_add (mixed, g_object_ref (g_ptr_array_index (three, 1)));
  contrib_row_list_set_users (list, mixed, TRUE, &first_changed, &n_changed);
  g_assert_cmpuint (changes.n_signals, ==, 3);
  g_assert_cmpuint (changes.position, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 4);
  g_assert_cmpuint (changes.added, ==, 3);
  g_assert_cmpuint (changes.n_items, ==, 4);
  g_assert_cmpuint (first_changed, ==, 1);
  g_assert_cmpuint (n_changed, ==, 3);
  g_assert_cmpuint (n_first, ==, 1);
  g_assert_true (user_at (model, 1) == g_ptr_array_index (three, 0));

  contrib_row_unwatch (first);
  contrib_row_list_set_users (list, NULL, FALSE, NULL, NULL);
  g_assert_cmpuint (changes.n_signals, ==, 4);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, 4);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_null (contrib_row_get_user (second));
}

/* --- the window ------------------------------------------------------------ */

/* N_REPOS repositories answering at once: user-K gets K + 1 + N_LOGINS i
 * from repository K + N_LOGINS i and 1 from as many others, a total that
 * grows with K, so the ranking has no ties. */
static GhDataset *
make_dataset (void)
{
  g_autoptr(GString) json = g_string_new ("{\"org\": \"org\", \"org_id\": 1, \"repos\": [");
  g_autoptr(GError) error = NULL;
  GhDataset *dataset;

  for (guint i = 0; i < N_REPOS; i++)
    g_string_append_printf (json,
                            "%s{\"name\": \"repo-%u\", \"contributors\": ["
                            "{\"login\": \"user-%u\", \"contributions\": %u},"
                            "{\"login\": \"user-%u\", \"contributions\": 1}]}",
                            i > 0 ? ", " : "", i, i % N_LOGINS, i + 1, (i + 7) % N_LOGINS);
  g_string_append (json, "]}");

  dataset = gh_dataset_new_from_data (json->str, json->len, &error);
  g_assert_no_error (error);
  return dataset;
}

static char *
expected_ranking (void)
{
  GString *out = g_string_new (NULL);

  for (int k = N_LOGINS - 1; k >= 0; k--)
    g_string_append_printf (out, "%suser-%d %d", k < N_LOGINS - 1 ? ", " : "", k,
                            PER_LOGIN * (k + 2) + N_LOGINS * PER_LOGIN * (PER_LOGIN - 1) / 2);
  return g_string_free (out, FALSE);
}

typedef struct
{
  ContribWindow *window;
  guint          n_changes;
  guint          n_frames;
  guint          n_statuses;
  gboolean       stalled;
} Counts;

/* How long the main loop stops at the first change: the rest of the
 * answers come in meanwhile, so that updates come faster than frames
 * however fast or slow the machine is */
#define STALL_US (300 * G_TIME_SPAN_MILLISECOND)

static void
on_status (GtkLabel   *label,
           GParamSpec *pspec,
           Counts     *counts)
{
  if (contrib_window_is_loading (counts->window))
    counts->n_statuses++;
}

static void
on_results_changed (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    gpointer    data)
{
  Counts *counts = data;

  if (!contrib_window_is_loading (counts->window))
    return;

  counts->n_changes++;
  if (!counts->stalled)
    {
      counts->stalled = TRUE;
      g_usleep (STALL_US);
    }
}

static void
on_frame (GdkFrameClock *clock,
          gpointer       data)
{
  Counts *counts = data;

  if (contrib_window_is_loading (counts->window))
    counts->n_frames++;
}

static void
test_gui_coalesce (GuiFixture    *fixture,
                   gconstpointer  data)
{
  g_autoptr(GhDataset) dataset = make_dataset ();
  g_autoptr(GhFakeServer) server = gh_fake_server_new (dataset);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = expected_ranking ();
  g_autofree char *text = NULL;
  Counts counts = { 0 };
  GListModel *results;
  GdkFrameClock *clock;
  GtkWidget *status;
  gint64 started_us, load_ms;

  g_test_summary ("Updates faster than frames change the table at most once a frame; the last one shows");
  gh_fake_server_start (server, &error);
  g_assert_no_error (error);
  g_settings_set_string (fixture->settings, "custom-url", gh_fake_server_get_uri (server));
  g_settings_set_uint (fixture->settings, "max-requests", 100);
  gui_fixture_use_variant (fixture, GPOINTER_TO_INT (data));

  counts.window = fixture->window;
  results = contrib_window_get_results (fixture->window);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  g_assert_nonnull (clock);
  g_signal_connect (results, "items-changed", G_CALLBACK (on_results_changed), &counts);
  g_signal_connect (clock, "update", G_CALLBACK (on_frame), &counts);
  status = gui_find_by_id (GTK_WIDGET (fixture->window), "status_label");
  g_signal_connect (status, "notify::label", G_CALLBACK (on_status), &counts);

  started_us = g_get_monotonic_time ();
  gui_load (fixture);
  g_assert_true (gui_wait_for_load (fixture));
  load_ms = (g_get_monotonic_time () - started_us) / 1000;
  g_signal_handlers_disconnect_by_func (results, on_results_changed, &counts);
  g_signal_handlers_disconnect_by_func (clock, on_frame, &counts);
  g_signal_handlers_disconnect_by_func (status, on_status, &counts);

  text = gui_results_text (fixture);
  g_assert_cmpstr (text, ==, expected);
  g_assert_true (g_str_has_prefix (contrib_window_get_status (fixture->window), "Completed in"));

  g_test_message ("%u table changes in %u frames for %u updates", counts.n_changes, counts.n_frames, N_REPOS);
  /* Not one change per repository: one per frame at most, plus the final
   * update, which shows at once. */
  g_assert_cmpuint (counts.n_changes, >=, 1);
  g_assert_cmpuint (counts.n_changes, <=, counts.n_frames + 1);
  /* That bound says something only when updates came faster than frames.
   * The stall sees to it for CHANNELS; PROGRESS sends one request after
   * another, each on the main loop, and a machine busy enough to take a
   * frame per request leaves nothing to coalesce. */
  if (counts.n_frames + 1 >= N_REPOS)
    g_test_incomplete ("updates came no faster than frames: nothing to coalesce");

  /* A new status text lays the whole window out again: it changes with the
   * clock's tick (every 100 ms) and once when the number of repositories
   * is known, not with every update. Nor does it set a tooltip, which on
   * X11 asks the server where the pointer is: the tooltip is read when it
   * shows. */
  g_test_message ("%u status texts in %" G_GINT64_FORMAT " ms", counts.n_statuses, load_ms);
  g_assert_cmpuint (counts.n_statuses, <=, load_ms / 100 + 4);
  g_assert_null (gtk_widget_get_tooltip_text (status));
  g_assert_true (gtk_widget_get_has_tooltip (status));

  gh_fake_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/row-list/model", test_row_list_model);
  g_test_add_func ("/gui/row-list/made-when-asked", test_row_list_made_when_asked);
  g_test_add ("/gui/coalesce/PROGRESS", GuiFixture, GINT_TO_POINTER (CONTRIB_VARIANT_PROGRESS),
              gui_fixture_setup, test_gui_coalesce, gui_fixture_teardown);
  g_test_add ("/gui/coalesce/CHANNELS", GuiFixture, GINT_TO_POINTER (CONTRIB_VARIANT_CHANNELS),
              gui_fixture_setup, test_gui_coalesce, gui_fixture_teardown);

  return gui_test_run ();
}
