/* test-gui-ranking.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What a new ranking costs the table: during a large load one arrives
 * every frame, each with thousands of users whose total changed. The rows
 * must stay (no row widget made again, no row announced as replaced), the
 * cells must keep their size whatever their text (or every column measures
 * every cell again), and search and sort must still see every update.
 */

#include "config.h"

#include <string.h>

#include "contrib-ranking.h"
#include "gui-test-utils.h"

#define N_USERS 5000

/* The cells' own key for their list item (contrib-ranking.c) */
#define ITEM_KEY "contrib-ranking-item"

typedef struct
{
  GtkWidget      *window;
  ContribRanking *ranking;
  GtkColumnView  *view;
} Table;

static void
table_open (Table *table)
{
  table->window = gtk_window_new ();
  table->ranking = CONTRIB_RANKING (contrib_ranking_new ());
  gtk_window_set_child (GTK_WINDOW (table->window), GTK_WIDGET (table->ranking));
  gtk_window_set_default_size (GTK_WINDOW (table->window), 600, 500);
  gtk_window_present (GTK_WINDOW (table->window));
  table->view = GTK_COLUMN_VIEW (gui_find_widget (GTK_WIDGET (table->ranking), GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_nonnull (table->view);
  gtk_test_widget_wait_for_draw (table->window);
}

static void
table_draw (Table *table)
{
  for (guint i = 0; i < 3; i++)
    gtk_test_widget_wait_for_draw (table->window);
}

static void
table_close (Table *table)
{
  gtk_window_destroy (GTK_WINDOW (table->window));
}

/* What a repository with many contributors does to a ranking: every
 * third user gets a new total (a new object), and a user from far down
 * jumps to the top, so every row from the first one on holds someone
 * else. */
static GPtrArray *
next_ranking (GPtrArray *users,
              guint      n_more)
{
  GPtrArray *next = g_ptr_array_new_with_free_func (g_object_unref);
  GhUser *jumper = g_ptr_array_index (users, users->len / 2);

  g_ptr_array_add (next, gh_user_new (gh_user_get_login (jumper), 1000000));
  for (guint i = 0; i < users->len; i++)
    {
      GhUser *user = g_ptr_array_index (users, i);

      if (user == jumper)
        continue;
      if (i % 3 == 0)
        g_ptr_array_add (next, gh_user_new (gh_user_get_login (user), gh_user_get_contributions (user)));
      else
        g_ptr_array_add (next, g_object_ref (user));
    }
  for (guint i = 0; i < n_more; i++)
    {
      g_autofree char *login = g_strdup_printf ("newcomer-%u", i);

      g_ptr_array_add (next, gh_user_new (login, 1));
    }
  return next;
}

static const char *
cell_text (GtkWidget *cell)
{
  if (GTK_IS_LABEL (cell))
    return gtk_label_get_label (GTK_LABEL (cell));
  if (GTK_IS_INSCRIPTION (cell))
    return gtk_inscription_get_text (GTK_INSCRIPTION (cell));
  return NULL;
}

static void
collect_cells (GtkWidget *root,
               GPtrArray *cells)
{
  if (g_object_get_data (G_OBJECT (root), ITEM_KEY) != NULL)
    g_ptr_array_add (cells, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, cells);
}

static GtkWidget *
find_cell (Table      *table,
           const char *text)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();

  collect_cells (GTK_WIDGET (table->view), cells);
  for (guint i = 0; i < cells->len; i++)
    if (g_strcmp0 (cell_text (cells->pdata[i]), text) == 0)
      return cells->pdata[i];
  return NULL;
}

typedef struct
{
  guint n_signals;
  guint removed;
  guint added;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_signals++;
  changes->removed += removed;
  changes->added += added;
}

static char *
first_rows (GListModel *model,
            guint       n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < MIN (n, g_list_model_get_n_items (model)); i++)
    {
      g_autoptr(GhUser) user = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s %" G_GINT64_FORMAT, i > 0 ? ", " : "",
                              gh_user_get_login (user), gh_user_get_contributions (user));
    }
  return g_string_free (out, FALSE);
}

static void
test_ranking_rows_stay (void)
{
  Table table = { 0 };
  g_autoptr(GPtrArray) first = gui_make_users (N_USERS, 100000);
  g_autoptr(GPtrArray) second = next_ranking (first, 0);
  g_autoptr(GPtrArray) third = next_ranking (second, 7);
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells_after = g_ptr_array_new ();
  g_autofree char *rows = NULL;
  GListModel *table_model;
  Changes table_changes = { 0 }, result_changes = { 0 };
  guint n_gone = 0;

  g_test_summary ("A new ranking changes the text of the rows on screen, not the rows: "
                  "none is announced as replaced, none is made again");
  table_open (&table);
  contrib_ranking_set_users (table.ranking, first);
  table_draw (&table);

  table_model = G_LIST_MODEL (gtk_column_view_get_model (table.view));
  g_signal_connect (table_model, "items-changed", G_CALLBACK (on_items_changed), &table_changes);
  g_signal_connect (contrib_ranking_get_model (table.ranking), "items-changed",
                    G_CALLBACK (on_items_changed), &result_changes);

  collect_cells (GTK_WIDGET (table.view), cells);
  g_assert_cmpuint (cells->len, >, 0);
  for (guint i = 0; i < cells->len; i++)
    g_object_add_weak_pointer (cells->pdata[i], &cells->pdata[i]);
  g_assert_nonnull (find_cell (&table, "user-0"));

  /* Same length, every row from the first on holds someone else */
  contrib_ranking_set_users (table.ranking, second);
  table_draw (&table);
  g_test_message ("table: %u items-changed, %u removed, %u added", table_changes.n_signals,
                  table_changes.removed, table_changes.added);
  g_assert_cmpuint (table_changes.removed, ==, 0);
  g_assert_cmpuint (table_changes.added, ==, 0);

  /* Seven more: only they are new to the table */
  contrib_ranking_set_users (table.ranking, third);
  table_draw (&table);
  g_assert_cmpuint (table_changes.n_signals, ==, 1);
  g_assert_cmpuint (table_changes.removed, ==, 0);
  g_assert_cmpuint (table_changes.added, ==, 7);

  /* The same cell widgets, showing the new rows */
  for (guint i = 0; i < cells->len; i++)
    if (cells->pdata[i] == NULL)
      n_gone++;
  g_test_message ("%u of %u cells made again", n_gone, cells->len);
  g_assert_cmpuint (n_gone, ==, 0);
  collect_cells (GTK_WIDGET (table.view), cells_after);
  g_assert_cmpuint (cells_after->len, ==, cells->len);
  for (guint i = 0; i < cells_after->len; i++)
    g_assert_true (g_ptr_array_find (cells, cells_after->pdata[i], NULL));
  g_assert_nonnull (find_cell (&table, gh_user_get_login (g_ptr_array_index (third, 0))));
  g_assert_nonnull (find_cell (&table, "1000000"));

  /* Readers of the results hear of each ranking once, and read users */
  g_assert_cmpuint (result_changes.n_signals, ==, 2);
  g_assert_cmpuint (contrib_ranking_get_n_users (table.ranking), ==, N_USERS + 7);
  rows = first_rows (contrib_ranking_get_model (table.ranking), 2);
  g_assert_cmpstr (rows, ==, "user-2499 1000000, user-2500 1000000");
  g_assert_cmpuint (contrib_ranking_get_rank (table.ranking, g_ptr_array_index (third, 1)), ==, 2);

  for (guint i = 0; i < cells->len; i++)
    if (cells->pdata[i] != NULL)
      g_object_remove_weak_pointer (cells->pdata[i], &cells->pdata[i]);
  g_signal_handlers_disconnect_by_data (table_model, &table_changes);
  g_signal_handlers_disconnect_by_data (contrib_ranking_get_model (table.ranking), &result_changes);
  table_close (&table);
}

static void
test_ranking_cells_keep_size (void)
{
  Table table = { 0 };
  g_autoptr(GPtrArray) short_logins = gui_make_users (50, 1000);
  g_autoptr(GPtrArray) long_logins = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *cell;
  int before, after;

  g_test_summary ("A cell's size does not depend on its text: new text does not make the "
                  "columns measure every cell again");
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *login = g_strdup_printf ("a-much-longer-login-than-before-%u", i);

      g_ptr_array_add (long_logins, gh_user_new (login, 2000 - i));
    }

  table_open (&table);
  contrib_ranking_set_users (table.ranking, short_logins);
  table_draw (&table);
  cell = find_cell (&table, "user-0");
  g_assert_nonnull (cell);
  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &before, NULL, NULL);

  contrib_ranking_set_users (table.ranking, long_logins);
  table_draw (&table);
  cell = find_cell (&table, "a-much-longer-login-than-before-0");
  g_assert_nonnull (cell);
  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &after, NULL, NULL);
  g_assert_cmpint (after, ==, before);

  cell = find_cell (&table, "2000");
  g_assert_nonnull (cell);
  table_close (&table);
}

static gboolean
results_are (gpointer data)
{
  Table *table = data;
  g_autofree char *rows = first_rows (contrib_ranking_get_model (table->ranking), 10);

  return g_str_equal (rows, g_object_get_data (G_OBJECT (table->window), "expected"));
}

static void
test_ranking_search_sees_updates (void)
{
  Table table = { 0 };
  g_autoptr(GPtrArray) first = gui_make_users (300, 1000);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  GtkWidget *entry;
  GtkColumnViewColumn *login;

  g_test_summary ("With a search or a sort on, a new ranking is searched and sorted again");
  table_open (&table);
  contrib_ranking_set_users (table.ranking, first);
  table_draw (&table);

  entry = gui_find_widget (GTK_WIDGET (table.ranking), GTK_TYPE_SEARCH_ENTRY, NULL);
  contrib_ranking_start_search (table.ranking);
  gtk_editable_set_text (GTK_EDITABLE (entry), "user-15");
  g_object_set_data (G_OBJECT (table.window), "expected", (gpointer) "user-15 985, user-150 850, "
                     "user-151 849, user-152 848, user-153 847, user-154 846, user-155 845, user-156 844, "
                     "user-157 843, user-158 842");
  g_assert_true (gui_wait_until (results_are, &table, 5000));

  /* user-150 jumps to the top: the first row, which the search left out,
   * now holds a user it must show */
  second = next_ranking (first, 0);
  contrib_ranking_set_users (table.ranking, second);
  g_object_set_data (G_OBJECT (table.window), "expected", (gpointer) "user-150 1000000, user-15 985, "
                     "user-151 849, user-152 848, user-153 847, user-154 846, user-155 845, user-156 844, "
                     "user-157 843, user-158 842");
  g_assert_true (gui_wait_until (results_are, &table, 5000));

  /* Sorted by login, then user-99 drops to the end of the ranking: the
   * sort must look at the rows again to keep it first */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  login = g_list_model_get_item (gtk_column_view_get_columns (table.view), 1);
  gtk_column_view_sort_by_column (table.view, login, GTK_SORT_DESCENDING);
  g_object_unref (login);
  g_object_set_data (G_OBJECT (table.window), "expected", (gpointer) "user-99 901, user-98 902, user-97 903, "
                     "user-96 904, user-95 905, user-94 906, user-93 907, user-92 908, user-91 909, user-90 910");
  g_assert_true (gui_wait_until (results_are, &table, 5000));

  third = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < second->len; i++)
    if (!g_str_equal (gh_user_get_login (g_ptr_array_index (second, i)), "user-99"))
      g_ptr_array_add (third, g_object_ref (g_ptr_array_index (second, i)));
  g_ptr_array_add (third, gh_user_new ("user-99", 5));
  contrib_ranking_set_users (table.ranking, third);
  g_object_set_data (G_OBJECT (table.window), "expected", (gpointer) "user-99 5, user-98 902, user-97 903, "
                     "user-96 904, user-95 905, user-94 906, user-93 907, user-92 908, user-91 909, user-90 910");
  g_assert_true (gui_wait_until (results_are, &table, 5000));
  table_close (&table);
}

int
main (int    argc,
      char **argv)
{
  gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/ranking-cost/rows-stay", test_ranking_rows_stay);
  g_test_add_func ("/gui/ranking-cost/cells-keep-size", test_ranking_cells_keep_size);
  g_test_add_func ("/gui/ranking-cost/search-sees-updates", test_ranking_search_sees_updates);

  return gui_test_run ();
}
