/* request2-background.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Tutorial task 2: the blocking loader moves to a thread of its own, so the
 * window stays responsive; the requests still go one after another. The
 * result comes back to the caller's main context (the tutorial's
 * invokeLater). Unlike the original, a cancel is honoured and an error is
 * reported instead of leaving the window "in progress" forever.
 */

#include "config.h"

#include "contrib-requests.h"

typedef struct
{
  GhService         *service;
  char              *org;
  ContribUpdateFunc  update;
  gpointer           user_data;
  GDestroyNotify     user_data_destroy;
} Background;

static void
background_free (gpointer data)
{
  Background *background = data;

  g_clear_object (&background->service);
  g_free (background->org);
  if (background->user_data_destroy != NULL && background->user_data != NULL)
    background->user_data_destroy (background->user_data);
  g_free (background);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Background *background = task_data;
  GError *error = NULL;
  ContribUpdate *update;

  update = contrib_load_contributors_blocking (background->service, background->org, cancellable, &error);
  if (update != NULL)
    g_task_return_pointer (task, update, (GDestroyNotify) contrib_update_unref);
  else
    g_task_return_error (task, error);
}

static void
loaded (GObject      *source_object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Background *background = g_task_get_task_data (G_TASK (result));
  g_autoptr(ContribUpdate) update = NULL;
  g_autoptr(GError) error = NULL;

  update = g_task_propagate_pointer (G_TASK (result), &error);
  background->update (update, error, background->user_data);

  /* Release what the load holds here, on the caller's thread: the worker
   * may drop the task's last reference later, and the caller's destroy
   * notify need not be thread-safe. */
  if (background->user_data_destroy != NULL)
    g_clear_pointer (&background->user_data, background->user_data_destroy);
  g_clear_object (&background->service);
}

/**
 * contrib_load_contributors_background:
 * @service: the GitHub service
 * @org: the organization
 * @cancellable: (nullable): cancels the load
 * @update: receives the result, or the error, on the caller's thread-default
 *   main context
 * @user_data: data for @update
 * @user_data_destroy: (nullable): frees @user_data after @update
 *
 * Runs contrib_load_contributors_blocking() on a new thread.
 */
void
contrib_load_contributors_background (GhService         *service,
                                      const char        *org,
                                      GCancellable      *cancellable,
                                      ContribUpdateFunc  update,
                                      gpointer           user_data,
                                      GDestroyNotify     user_data_destroy)
{
  g_autoptr(GTask) task = NULL;
  Background *background;

  g_return_if_fail (GH_IS_SERVICE (service));
  g_return_if_fail (org != NULL);
  g_return_if_fail (update != NULL);

  background = g_new0 (Background, 1);
  background->service = g_object_ref (service);
  background->org = g_strdup (org);
  background->update = update;
  background->user_data = user_data;
  background->user_data_destroy = user_data_destroy;

  task = g_task_new (NULL, cancellable, loaded, NULL);
  g_task_set_name (task, "contrib_load_contributors_background");
  g_task_set_task_data (task, background, background_free);
  g_task_run_in_thread (task, load_in_thread);
}
