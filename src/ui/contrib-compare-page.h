/* contrib-compare-page.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gtk/gtk.h>
#include <tasks.h>

G_BEGIN_DECLS

#define CONTRIB_TYPE_COMPARE_PAGE (contrib_compare_page_get_type ())

G_DECLARE_FINAL_TYPE (ContribComparePage, contrib_compare_page, CONTRIB, COMPARE_PAGE, GtkWidget)

GtkWidget  *contrib_compare_page_new                  (void);
void        contrib_compare_page_add_run              (ContribComparePage *self,
                                                       ContribRun         *run);
GListModel *contrib_compare_page_get_runs             (ContribComparePage *self);
void        contrib_compare_page_clear                (ContribComparePage *self);
gboolean    contrib_compare_page_get_include_blocking (ContribComparePage *self);
void        contrib_compare_page_set_include_blocking (ContribComparePage *self,
                                                       gboolean            include_blocking);

G_END_DECLS
