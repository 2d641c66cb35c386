/* contrib-ranking.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The ranking table: rank, login and contributions, searchable, sortable by
 * any column, with a contributor's profile a row activation away and the
 * login a right click away. It stays at the top while new rankings arrive
 * unless the user has scrolled down to read.
 */

#include "config.h"

#include "contrib-ranking.h"

#include <glib/gi18n.h>
#include <gh.h>

#include "contrib-row.h"
#include "contrib-row-list.h"
#include "contrib-user-view.h"

struct _ContribRanking
{
  GtkWidget           parent_instance;

  GtkWidget          *search_bar;
  GtkWidget          *search_entry;
  GtkWidget          *scroller;
  GtkColumnView      *view;
  GtkWidget          *menu;

  GPtrArray          *users;         /* (nullable): the ranking shown */
  ContribRowList     *rows;
  GtkStringFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  GtkSingleSelection *selection;     /* the table's, of ContribRow */
  ContribUserView    *user_view;
  GtkSingleSelection *results;       /* the same rows as users, for readers */
  gboolean            syncing;       /* copying one selection to the other */
  GHashTable         *ranks;         /* GhUser → rank, made on first use */
  gboolean            profiles;      /* whether rows link to profiles */

  gboolean            stick_to_top;  /* the user has not scrolled down */
  gint64              last_input_us;
  gulong              layout_id;
};

enum {
  PROFILE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ContribRanking, contrib_ranking, GTK_TYPE_WIDGET)

/* The key under which a cell's label keeps its list item, to find the row
 * under the pointer. */
#define ITEM_KEY "contrib-ranking-item"

/* --- rows ------------------------------------------------------------------- */

static GhUser *
selected_user (ContribRanking *self)
{
  ContribRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? contrib_row_get_user (row) : NULL;
}

static const char *
profile_url (ContribRanking *self,
             GhUser         *user)
{
  return self->profiles ? gh_user_get_html_url (user) : NULL;
}

static void
update_actions (ContribRanking *self)
{
  GhUser *user = selected_user (self);
  const char *url = user != NULL ? profile_url (self, user) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.copy-login", user != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ranking.open-profile", url != NULL);
}

static void
open_profile (ContribRanking *self,
              GhUser         *user)
{
  const char *url = profile_url (self, user);

  if (url != NULL)
    g_signal_emit (self, signals[PROFILE_ACTIVATED], 0, url);
}

static void
open_profile_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ContribRanking *self = CONTRIB_RANKING (widget);

  if (selected_user (self) != NULL)
    open_profile (self, selected_user (self));
}

static void
copy_login_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ContribRanking *self = CONTRIB_RANKING (widget);
  GhUser *user = selected_user (self);

  if (user != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), gh_user_get_login (user));
}

static void
on_view_activate (ContribRanking *self,
                  guint           position)
{
  g_autoptr(ContribRow) row = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (row != NULL && contrib_row_get_user (row) != NULL)
    open_profile (self, contrib_row_get_user (row));
}

static void
show_menu_at (ContribRanking *self,
              double          x,
              double          y)
{
  graphene_point_t point;

  if (!gtk_widget_compute_point (GTK_WIDGET (self->view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
on_right_click (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                ContribRanking  *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self->view), x, y, GTK_PICK_DEFAULT);

  for (; picked != NULL && picked != GTK_WIDGET (self->view); picked = gtk_widget_get_parent (picked))
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (picked), ITEM_KEY);

      if (item != NULL && gtk_list_item_get_position (item) != GTK_INVALID_LIST_POSITION)
        {
          gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (item));
          show_menu_at (self, x, y);
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
          return;
        }
    }
}

/* --- cells ------------------------------------------------------------------ */

/* Cells are GtkInscriptions: their size comes from a number of characters,
 * not from their text, so new text only redraws the cell. A GtkLabel asks
 * for a new size at every new text, and a column then measures every cell
 * it has, for every row that changed, at every frame of a load. */

typedef enum
{
  CELL_RANK,
  CELL_LOGIN,
  CELL_CONTRIBUTIONS,
} CellKind;

#define KIND_KEY "contrib-ranking-kind"

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  data)
{
  CellKind kind = GPOINTER_TO_INT (data);
  GtkInscription *cell = GTK_INSCRIPTION (gtk_inscription_new (NULL));

  if (kind == CELL_LOGIN)
    {
      gtk_inscription_set_xalign (cell, 0);
      gtk_inscription_set_min_chars (cell, 8);
      gtk_inscription_set_nat_chars (cell, 20);
      gtk_inscription_set_text_overflow (cell, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_widget_add_css_class (GTK_WIDGET (cell), "login");
    }
  else
    {
      /* Up to 7 digits, the same width each (the "numeric" class). */
      gtk_inscription_set_xalign (cell, 1);
      gtk_inscription_set_min_chars (cell, kind == CELL_RANK ? 5 : 7);
      gtk_inscription_set_nat_chars (cell, kind == CELL_RANK ? 5 : 7);
      if (kind == CELL_RANK)
        gtk_widget_add_css_class (GTK_WIDGET (cell), "rank");
      gtk_widget_add_css_class (GTK_WIDGET (cell), "numeric");
    }
  g_object_set_data (G_OBJECT (cell), ITEM_KEY, item);
  g_object_set_data (G_OBJECT (cell), KIND_KEY, data);
  gtk_list_item_set_child (item, GTK_WIDGET (cell));
}

/* A login is the server's text: shown escaped and bounded, never as is. */
static void
show_cell (GtkInscription *cell,
           ContribRow     *row)
{
  GhUser *user = contrib_row_get_user (row);
  char text[32];

  switch ((CellKind) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), KIND_KEY)))
    {
    case CELL_RANK:
      g_snprintf (text, sizeof text, "%u", contrib_row_get_rank (row));
      gtk_inscription_set_text (cell, text);
      break;

    case CELL_LOGIN:
      {
        g_autofree char *login = user != NULL ? gh_text_sanitize (gh_user_get_login (user),
                                                                  GH_TEXT_MAX_NAME_CHARS, NULL) : NULL;

        gtk_inscription_set_text (cell, login);
      }
      break;

    case CELL_CONTRIBUTIONS:
    default:
      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT,
                  user != NULL ? gh_user_get_contributions (user) : 0);
      gtk_inscription_set_text (cell, text);
      break;
    }
}

static void
on_row_user_changed (ContribRow     *row,
                     GtkInscription *cell)
{
  show_cell (cell, row);
}

/* A row keeps its place while its user changes: the cells follow. The rank
 * is the place's own and never changes. */
static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  data)
{
  ContribRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);

  show_cell (GTK_INSCRIPTION (cell), row);
  if (GPOINTER_TO_INT (data) != CELL_RANK)
    {
      contrib_row_watch (row);
      g_signal_connect_object (row, "user-changed", G_CALLBACK (on_row_user_changed), cell, 0);
    }
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  if (GPOINTER_TO_INT (data) != CELL_RANK)
    {
      g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), on_row_user_changed,
                                            gtk_list_item_get_child (item));
      contrib_row_unwatch (gtk_list_item_get_item (item));
    }
}

static int
compare_rank (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  guint rank_a = contrib_row_get_rank ((ContribRow *) a);
  guint rank_b = contrib_row_get_rank ((ContribRow *) b);

  return rank_a < rank_b ? -1 : rank_a > rank_b;
}

static void
add_column (ContribRanking *self,
            const char     *title,
            CellKind        kind,
            GtkSorter      *sorter,
            gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GINT_TO_POINTER (kind));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_append_column (self->view, column);
  g_object_unref (sorter);
  g_object_unref (column);
}

/* A property of the user a row shows */
static GtkExpression *
user_property (const char *name)
{
  return gtk_property_expression_new (GH_TYPE_USER,
                                      gtk_property_expression_new (CONTRIB_TYPE_ROW, NULL, "user"),
                                      name);
}

static void
add_columns (ContribRanking *self)
{
  GtkExpression *login = user_property ("login");
  GtkExpression *contributions = user_property ("contributions");
  GtkNumericSorter *by_contributions = gtk_numeric_sorter_new (contributions);

  gtk_numeric_sorter_set_sort_order (by_contributions, GTK_SORT_DESCENDING);
  /* Translators: the column of ranks: 1, 2, 3... */
  add_column (self, C_("column", "#"), CELL_RANK,
              GTK_SORTER (gtk_custom_sorter_new (compare_rank, self, NULL)), FALSE);
  add_column (self, _("Login"), CELL_LOGIN, GTK_SORTER (gtk_string_sorter_new (login)), TRUE);
  add_column (self, _("Contributions"), CELL_CONTRIBUTIONS, GTK_SORTER (by_contributions), FALSE);
}

/* --- scrolling -------------------------------------------------------------- */

/* The list view keeps its place by an anchor row, so when rows are
 * replaced, re-sorted or filtered the view lands wherever its anchor went.
 * Scrolling that follows the user's own input says where they want to be;
 * any other scrolling is undone after layout while they want the top. */
#define USER_SCROLL_US (500 * 1000)

static GtkAdjustment *
vadjustment (ContribRanking *self)
{
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
}

static void
scroll_to_top (ContribRanking *self)
{
  self->stick_to_top = TRUE;
  gtk_adjustment_set_value (vadjustment (self), 0);
}

static void
on_value_changed (ContribRanking *self,
                  GtkAdjustment  *adjustment)
{
  if (g_get_monotonic_time () - self->last_input_us < USER_SCROLL_US)
    self->stick_to_top = gtk_adjustment_get_value (adjustment) < 1;
}

static gboolean
on_scroller_input (GtkEventControllerLegacy *controller,
                   GdkEvent                 *event,
                   ContribRanking           *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_SCROLL:
    case GDK_BUTTON_PRESS:
    case GDK_KEY_PRESS:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCHPAD_SWIPE:
      self->last_input_us = g_get_monotonic_time ();
      break;

    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
on_after_layout (GdkFrameClock  *frame_clock,
                 ContribRanking *self)
{
  if (self->stick_to_top && gtk_adjustment_get_value (vadjustment (self)) >= 1)
    gtk_adjustment_set_value (vadjustment (self), 0);
}

static void
contrib_ranking_realize (GtkWidget *widget)
{
  ContribRanking *self = CONTRIB_RANKING (widget);

  GTK_WIDGET_CLASS (contrib_ranking_parent_class)->realize (widget);

  /* After the window's own handler, which lays the list out */
  self->layout_id = g_signal_connect_after (gtk_widget_get_frame_clock (widget), "layout",
                                            G_CALLBACK (on_after_layout), self);
}

static void
contrib_ranking_unrealize (GtkWidget *widget)
{
  ContribRanking *self = CONTRIB_RANKING (widget);

  g_clear_signal_handler (&self->layout_id, gtk_widget_get_frame_clock (widget));

  GTK_WIDGET_CLASS (contrib_ranking_parent_class)->unrealize (widget);
}

/* A new order puts a new row first: that is the one to see. */
static void
on_sorter_changed (ContribRanking *self)
{
  scroll_to_top (self);
}

/* --- search ----------------------------------------------------------------- */

static void
on_search_changed (ContribRanking *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  /* Without a search the rows pass through untouched: a filter, even
   * one that keeps everything, would look at each of 21,000 rows at every
   * ranking update. */
  gtk_string_filter_set_search (self->filter, text[0] != '\0' ? text : NULL);
  gtk_filter_list_model_set_filter (self->filtered, text[0] != '\0' ? GTK_FILTER (self->filter) : NULL);
  scroll_to_top (self);
}

/* --- selection -------------------------------------------------------------- */

/* The table's selection and the results' are the same rows. While rows
 * go away, the one that hears of it first may drop a selected row before
 * the other knows the rows went: the other then drops it by itself. */
static void
sync_selection (ContribRanking     *self,
                GParamSpec         *pspec,
                GtkSingleSelection *changed)
{
  GtkSingleSelection *other = changed == self->selection ? self->results : self->selection;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (other));
  guint was = gtk_single_selection_get_selected (other);
  guint now = gtk_single_selection_get_selected (changed);

  if (self->syncing ||
      (was != GTK_INVALID_LIST_POSITION && was >= n_items) ||
      (now != GTK_INVALID_LIST_POSITION && now >= n_items))
    return;
  self->syncing = TRUE;
  gtk_single_selection_set_selected (other, gtk_single_selection_get_selected (changed));
  self->syncing = FALSE;
}

/* --- GObject ---------------------------------------------------------------- */

static void
contrib_ranking_dispose (GObject *object)
{
  ContribRanking *self = CONTRIB_RANKING (object);
  GtkWidget *child;

  g_clear_pointer (&self->menu, gtk_widget_unparent);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  /* No row may keep pointing at users it borrowed from the ranking. */
  if (self->rows != NULL)
    contrib_row_list_set_users (self->rows, NULL, TRUE, NULL, NULL);
  g_clear_object (&self->results);
  g_clear_object (&self->user_view);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->ranks, g_hash_table_unref);

  G_OBJECT_CLASS (contrib_ranking_parent_class)->dispose (object);
}

static void
profile_activated_default (ContribRanking *self,
                           const char     *url)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
contrib_ranking_class_init (ContribRankingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = contrib_ranking_dispose;
  widget_class->realize = contrib_ranking_realize;
  widget_class->unrealize = contrib_ranking_unrealize;

  /**
   * ContribRanking::profile-activated:
   * @self: the ranking
   * @url: the contributor's profile page
   *
   * A contributor's row was activated. The default handler opens @url.
   */
  signals[PROFILE_ACTIVATED] =
    g_signal_new_class_handler ("profile-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (profile_activated_default), NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "ranking.open-profile", NULL, open_profile_activated);
  gtk_widget_class_install_action (widget_class, "ranking.copy-login", NULL, copy_login_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "ranking.copy-login", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static GMenuModel *
row_menu (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("_Open Profile"), "ranking.open-profile");
  g_menu_append (menu, _("_Copy Login"), "ranking.copy-login");
  return G_MENU_MODEL (menu);
}

static void
contrib_ranking_init (ContribRanking *self)
{
  g_autoptr(GMenuModel) menu = row_menu ();
  GtkGesture *right_click;
  GtkEventController *input;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->search_entry = g_object_new (GTK_TYPE_SEARCH_ENTRY, "placeholder-text", _("Search logins"), NULL);
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  self->search_bar = gtk_search_bar_new ();
  gtk_search_bar_set_child (GTK_SEARCH_BAR (self->search_bar), self->search_entry);
  gtk_search_bar_connect_entry (GTK_SEARCH_BAR (self->search_bar), GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (GTK_SEARCH_BAR (self->search_bar), GTK_WIDGET (self));
  gtk_widget_set_parent (self->search_bar, GTK_WIDGET (self));
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search logins"), -1);

  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Contributors"), -1);
  add_columns (self);
  g_signal_connect_swapped (self->view, "activate", G_CALLBACK (on_view_activate), self);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->view));
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  self->stick_to_top = TRUE;
  g_signal_connect_swapped (vadjustment (self), "value-changed", G_CALLBACK (on_value_changed), self);
  input = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect (input, "event", G_CALLBACK (on_scroller_input), self);
  gtk_widget_add_controller (self->scroller, input);

  self->rows = contrib_row_list_new ();
  self->filter = gtk_string_filter_new (user_property ("login"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)), NULL);
  gtk_filter_list_model_set_incremental (self->filtered, TRUE);
  /* No column sorted by default: the ranking's own order shows, ties as
   * the tutorial orders them. Sorting 21,000 rows at once would freeze
   * the window, so it goes a bit per frame. */
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->view)));
  gtk_sort_list_model_set_incremental (self->sorted, TRUE);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (update_actions), self);

  /* What readers of the results get: the same rows, as users. */
  self->user_view = contrib_user_view_new (G_LIST_MODEL (self->sorted));
  self->results = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->user_view)));
  gtk_single_selection_set_autoselect (self->results, FALSE);
  gtk_single_selection_set_can_unselect (self->results, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (sync_selection), self);
  g_signal_connect_swapped (self->results, "notify::selected", G_CALLBACK (sync_selection), self);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->view), "changed",
                            G_CALLBACK (on_sorter_changed), self);

  self->menu = gtk_popover_menu_new_from_model (menu);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, GTK_WIDGET (self));

  right_click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (right_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (right_click, "pressed", G_CALLBACK (on_right_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->view), GTK_EVENT_CONTROLLER (right_click));

  update_actions (self);
}

/* --- public API ------------------------------------------------------------- */

GtkWidget *
contrib_ranking_new (void)
{
  return g_object_new (CONTRIB_TYPE_RANKING, NULL);
}

/**
 * contrib_ranking_set_users:
 * @self: a ranking
 * @users: (nullable) (element-type GhUser) (transfer none): the ranking,
 *   best first, which nobody may change from now on
 *
 * Shows @users. A view that was at the top stays there, so the first
 * rows a person sees are the best ranked; one the user scrolled down
 * stays where it was.
 */
void
contrib_ranking_set_users (ContribRanking *self,
                           GPtrArray      *users)
{
  g_autoptr(GPtrArray) old = NULL;
  gboolean announce;
  guint old_n, new_n, first, n_changed;

  g_return_if_fail (CONTRIB_IS_RANKING (self));

  if (users == self->users)
    return;

  /* The rows borrow their users from the ranking: the old one stays
   * alive until no row shows its users any more. */
  old = g_steal_pointer (&self->users);
  old_n = old != NULL ? old->len : 0;
  new_n = users != NULL ? users->len : 0;
  g_clear_pointer (&self->ranks, g_hash_table_unref);
  self->users = users != NULL ? g_ptr_array_ref (users) : NULL;

  /* A search or a sort only looks again at rows announced as changed;
   * without either, the rows on screen follow their user by themselves,
   * and the table hears of nothing but rows added or removed at the end. */
  announce = gtk_filter_list_model_get_filter (self->filtered) != NULL ||
             gtk_sorter_get_order (gtk_column_view_get_sorter (self->view)) != GTK_SORTER_ORDER_NONE;
  if (announce)
    contrib_row_list_set_users (self->rows, users, TRUE, NULL, NULL);
  else
    {
      /* Readers of the results hear of it all in one change, as the
       * table would have. */
      contrib_user_view_hold (self->user_view);
      contrib_row_list_set_users (self->rows, users, FALSE, &first, &n_changed);
      if (n_changed == 0)
        first = MIN (old_n, new_n);
      contrib_user_view_release (self->user_view, first, old_n - first, new_n - first);
    }

  if (self->stick_to_top)
    gtk_adjustment_set_value (vadjustment (self), 0);
  update_actions (self);
}

guint
contrib_ranking_get_n_users (ContribRanking *self)
{
  g_return_val_if_fail (CONTRIB_IS_RANKING (self), 0);

  return self->users != NULL ? self->users->len : 0;
}

/**
 * contrib_ranking_get_model:
 * @self: a ranking
 *
 * Returns: (transfer none): the rows as the table shows them: searched
 *   and sorted, as #GhUser, in a #GtkSingleSelection that is the table's
 */
GListModel *
contrib_ranking_get_model (ContribRanking *self)
{
  g_return_val_if_fail (CONTRIB_IS_RANKING (self), NULL);

  return G_LIST_MODEL (self->results);
}

/**
 * contrib_ranking_set_profiles:
 * @self: a ranking
 * @profiles: whether activating a row opens the profile page its server
 *   gave; the demo's logins are made up, and their pages are not theirs
 */
void
contrib_ranking_set_profiles (ContribRanking *self,
                              gboolean        profiles)
{
  g_return_if_fail (CONTRIB_IS_RANKING (self));

  self->profiles = profiles;
  update_actions (self);
}

void
contrib_ranking_start_search (ContribRanking *self)
{
  g_return_if_fail (CONTRIB_IS_RANKING (self));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (self->search_bar), TRUE);
  gtk_widget_grab_focus (self->search_entry);
}

gboolean
contrib_ranking_is_at_top (ContribRanking *self)
{
  g_return_val_if_fail (CONTRIB_IS_RANKING (self), FALSE);

  return gtk_adjustment_get_value (vadjustment (self)) < 1;
}

/**
 * contrib_ranking_get_rank:
 * @self: a ranking
 * @user: (type GhUser): a row of the current ranking
 *
 * Returns: @user's place in the ranking, from 1; 0 if it is not there
 */
guint
contrib_ranking_get_rank (ContribRanking *self,
                          gpointer        user)
{
  GPtrArray *users = self->users;

  g_return_val_if_fail (CONTRIB_IS_RANKING (self), 0);

  if (users == NULL)
    return 0;

  /* The table reads ranks off its rows; this is for readers of the
   * results, made once a ranking and only if someone looks. */
  if (self->ranks == NULL)
    {
      self->ranks = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < users->len; i++)
        g_hash_table_insert (self->ranks, users->pdata[i], GUINT_TO_POINTER (i + 1));
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->ranks, user));
}
