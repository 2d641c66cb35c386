/* contrib-counting-service.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gh.h>

G_BEGIN_DECLS

#define CONTRIB_TYPE_COUNTING_SERVICE (contrib_counting_service_get_type ())

G_DECLARE_FINAL_TYPE (ContribCountingService, contrib_counting_service, CONTRIB, COUNTING_SERVICE, GObject)

/**
 * ContribCountingChangedFunc:
 * @user_data: the data given with the function
 *
 * Called, on any thread, after a count of a #ContribCountingService changed.
 */
typedef void (*ContribCountingChangedFunc) (gpointer user_data);

/**
 * ContribCountingReposFunc:
 * @repos: the organization's repository list, as the load received it
 * @user_data: the data given with the function
 *
 * Called, on the thread that made the call, as soon as a repository list
 * arrives and before the load asks for any contributors: the number of
 * repositories is the fewest contributors requests the load will make,
 * and the response's rate-limit figures say how many remain.
 */
typedef void (*ContribCountingReposFunc) (GhResponse *repos,
                                          gpointer    user_data);

ContribCountingService *contrib_counting_service_new                   (GhService              *inner);
GhService              *contrib_counting_service_get_inner             (ContribCountingService *self);
guint                   contrib_counting_service_get_n_requests        (ContribCountingService *self);
guint                   contrib_counting_service_get_in_flight         (ContribCountingService *self);
guint                   contrib_counting_service_get_peak_in_flight    (ContribCountingService *self);
void                    contrib_counting_service_reset                 (ContribCountingService *self);
void                    contrib_counting_service_get_progress          (ContribCountingService *self,
                                                                        guint                  *loaded,
                                                                        guint                  *failed,
                                                                        guint                  *total);
guint                   contrib_counting_service_get_n_repos_pending   (ContribCountingService *self);
void                    contrib_counting_service_set_changed_func      (ContribCountingService     *self,
                                                                        ContribCountingChangedFunc  func,
                                                                        gpointer                    user_data,
                                                                        GDestroyNotify              user_data_destroy);
void                    contrib_counting_service_set_repos_func        (ContribCountingService     *self,
                                                                        ContribCountingReposFunc    func,
                                                                        gpointer                    user_data,
                                                                        GDestroyNotify              user_data_destroy);

G_END_DECLS
