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
 * One repository's contributors request as a coroutine body, shared by the
 * concurrent variants: a failure is carried in the result rather than
 * failing the coroutine (which would cancel its siblings), so that the
 * other repositories still load; only a cancellation fails it.
 *
 * And the last step of the variants that run on Main: the final ranking,
 * made on the dispatcher the caller names for it.
 */

typedef struct
{
  GhService *service;
  char      *org;
  char      *repo;
  gint64     delay_ms;   /* NOT_CANCELLABLE waits this long first */
} ContribRepoLoad;

typedef struct
{
  char       *repo;
  GhResponse *users;
  GError     *error;
} ContribRepoResult;

ContribRepoLoad *contrib_repo_load_new      (GhService          *service,
                                             const char         *org,
                                             const char         *repo);
void             contrib_repo_load_free     (gpointer            data);
gpointer         contrib_repo_load_run      (CoroJob            *scope,
                                             gpointer            data,
                                             GError            **error);
void             contrib_repo_result_free   (gpointer            data);
void             contrib_repo_result_apply  (ContribRepoResult  *result,
                                             ContribAggregator  *aggregator,
                                             GPtrArray          *failures);
ContribUpdate   *contrib_repo_loads_await   (GPtrArray          *deferreds,
                                             CoroDispatcher     *dispatcher,
                                             GError            **error);
ContribUpdate   *contrib_rank_on            (CoroDispatcher     *dispatcher,
                                             ContribAggregator **aggregator,
                                             GPtrArray          *failures,
                                             GError            **error);

G_END_DECLS
