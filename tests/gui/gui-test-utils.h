/* gui-test-utils.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh-fake-github.h>
#include <gtk/gtk.h>
#include <tasks.h>

#include "contrib-application.h"
#include "contrib-window.h"

G_BEGIN_DECLS

typedef struct
{
  GhFakeServer  *server;
  ContribWindow *window;
  GSettings     *settings;
} GuiFixture;

void           gui_test_init          (int            *argc,
                                       char         ***argv);
int            gui_test_run           (void);
void           gui_fixture_setup      (GuiFixture     *fixture,
                                       gconstpointer   data);
void           gui_fixture_teardown   (GuiFixture     *fixture,
                                       gconstpointer   data);
void           gui_fixture_reopen     (GuiFixture     *fixture);
void           gui_fixture_use_variant (GuiFixture    *fixture,
                                        ContribVariant  variant);
void           gui_fixture_use_demo   (GuiFixture     *fixture,
                                       int             latency);
void           gui_assert_fits        (GuiFixture     *fixture,
                                       int             width,
                                       int             height);
gboolean       gui_wait_until         (gboolean      (*done) (gpointer data),
                                       gpointer        data,
                                       guint           timeout_ms);
gboolean       gui_wait_for_load      (GuiFixture     *fixture);
void           gui_load               (GuiFixture     *fixture);
char          *gui_results_text       (GuiFixture     *fixture);
GtkWidget     *gui_find_widget        (GtkWidget      *root,
                                       GType           type,
                                       const char     *label);
GtkWidget     *gui_find_by_id         (GtkWidget      *root,
                                       const char     *id);
void           gui_save_screenshot    (GtkWidget      *widget,
                                       const char     *name);
GPtrArray     *gui_make_users         (guint           n,
                                       gint64          base);

G_END_DECLS
