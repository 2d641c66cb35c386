/* contrib-ranking.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CONTRIB_TYPE_RANKING (contrib_ranking_get_type ())

G_DECLARE_FINAL_TYPE (ContribRanking, contrib_ranking, CONTRIB, RANKING, GtkWidget)

GtkWidget  *contrib_ranking_new               (void);
void        contrib_ranking_set_users         (ContribRanking *self,
                                               GPtrArray      *users);
guint       contrib_ranking_get_n_users       (ContribRanking *self);
GListModel *contrib_ranking_get_model         (ContribRanking *self);
void        contrib_ranking_set_profiles      (ContribRanking *self,
                                               gboolean        profiles);
void        contrib_ranking_start_search      (ContribRanking *self);
gboolean    contrib_ranking_is_at_top         (ContribRanking *self);
guint       contrib_ranking_get_rank          (ContribRanking *self,
                                               gpointer        user);

G_END_DECLS
