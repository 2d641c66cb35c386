/* contrib-requests.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <coro.h>
#include <gh.h>

#include "contrib-update.h"

G_BEGIN_DECLS

/*
 * The tutorial's loaders, one per file, named after its Request*.kt files.
 * Each passes the organization as the owner of every repository, as the
 * tutorial does, logs in the tutorial's words, records a repository that
 * fails and goes on with the others, and fails as a whole only when the
 * repository list cannot be loaded (or on cancellation).
 *
 * The coroutine variants that run on Main (SUSPEND, CONCURRENT,
 * NOT_CANCELLABLE) make their final ranking on the @dispatcher they are
 * given, Default in the app: on a large organization it is too much work
 * for Main's loop to wait for.
 */

/* request1-blocking.c */
ContribUpdate *contrib_load_contributors_blocking        (GhService          *service,
                                                          const char         *org,
                                                          GCancellable       *cancellable,
                                                          GError            **error);

/* request2-background.c */
void           contrib_load_contributors_background      (GhService          *service,
                                                          const char         *org,
                                                          GCancellable       *cancellable,
                                                          ContribUpdateFunc   update,
                                                          gpointer            user_data,
                                                          GDestroyNotify      user_data_destroy);

/* request3-callbacks.c */
void           contrib_load_contributors_callbacks       (GhService          *service,
                                                          const char         *org,
                                                          GCancellable       *cancellable,
                                                          ContribUpdateFunc   update,
                                                          gpointer            user_data,
                                                          GDestroyNotify      user_data_destroy);

/* request4-suspend.c: suspends */
ContribUpdate *contrib_load_contributors_suspend         (GhService          *service,
                                                          const char         *org,
                                                          CoroDispatcher     *dispatcher,
                                                          GError            **error);

/* request5-concurrent.c: suspends */
ContribUpdate *contrib_load_contributors_concurrent      (GhService          *service,
                                                          const char         *org,
                                                          CoroDispatcher     *dispatcher,
                                                          GError            **error);

/* request5-not-cancellable.c: suspends */
ContribUpdate *contrib_load_contributors_not_cancellable (GhService          *service,
                                                          const char         *org,
                                                          CoroDispatcher     *dispatcher,
                                                          GError            **error);

/* request6-progress.c: suspends */
gboolean       contrib_load_contributors_progress        (GhService          *service,
                                                          const char         *org,
                                                          ContribUpdateFunc   update,
                                                          gpointer            user_data,
                                                          GError            **error);

/* request7-channels.c: suspends */
gboolean       contrib_load_contributors_channels        (GhService          *service,
                                                          const char         *org,
                                                          ContribUpdateFunc   update,
                                                          gpointer            user_data,
                                                          GError            **error);

G_END_DECLS
