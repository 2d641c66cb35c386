/* contrib-repo-load.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <coro.h>
#include <gh.h>

#include "aggregation.h"
#include "contrib-update.h"

G_BEGIN_DECLS

/*
 * What the variants share: one repository's outcome (its users, or a
 * failure that does not stop the load), the partial updates, and the last
 * step of the variants that run on Main: the final ranking, made on the
 * dispatcher the caller names for it.
 */

typedef struct
{
  char       *repo;
  GhResponse *users;
  GError     *error;
} ContribRepoResult;

ContribRepoResult *contrib_repo_result_new   (const char         *repo,
                                              GhResponse         *users,
                                              GError             *failure,
                                              GError            **error);
void               contrib_repo_result_free  (gpointer            data);
void               contrib_repo_result_apply (ContribRepoResult  *result,
                                              ContribAggregator  *aggregator,
                                              GPtrArray          *failures);
ContribUpdate     *contrib_repo_results_rank (GPtrArray          *results,
                                              ContribAggregator  *aggregator,
                                              GPtrArray          *failures);
ContribUpdate     *contrib_repo_loads_await  (GPtrArray          *deferreds,
                                              CoroDispatcher     *dispatcher,
                                              GError            **error);
gboolean           contrib_repo_users_add    (ContribAggregator  *aggregator,
                                              GPtrArray          *failures,
                                              const char         *repo,
                                              GhResponse         *users,
                                              GError            **failure,
                                              GError            **error);
void               contrib_update_send       (ContribUpdateFunc   update,
                                              gpointer            user_data,
                                              ContribAggregator  *aggregator,
                                              GPtrArray          *failures,
                                              gboolean            final);
ContribUpdate     *contrib_rank_on           (CoroDispatcher     *dispatcher,
                                              ContribAggregator **aggregator,
                                              GPtrArray          *failures,
                                              GError            **error);

/* The tutorial's updateResults, bound for a loader that ends in a callback
 * (BACKGROUND, CALLBACKS): called once, on the caller's thread, then freed
 * with its data. */
typedef struct _ContribUpdateTarget ContribUpdateTarget;

ContribUpdateTarget *contrib_update_target_new     (ContribUpdateFunc     update,
                                                    gpointer              user_data,
                                                    GDestroyNotify        user_data_destroy);
void                 contrib_update_target_deliver (ContribUpdateTarget  *target,
                                                    ContribUpdate        *update,
                                                    const GError         *error);
void                 contrib_update_target_ready   (GObject              *source,
                                                    GAsyncResult         *result,
                                                    gpointer              target);

G_END_DECLS
