/* coro-thread.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-thread.h"

/*
 * A GTask does the work. Its task data may be freed on the worker, which
 * can drop the task's last reference after the callback ran; so the data
 * lives in the record below, which the callback's wrapper frees on the
 * caller's thread once the worker returned.
 */

typedef struct
{
  CoroThreadFunc       func;
  gpointer             data;
  GDestroyNotify       data_destroy;
  GDestroyNotify       result_destroy;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} Work;

static void
work_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Work *work = task_data;
  GError *error = NULL;
  gpointer result = work->func (work->data, cancellable, &error);

  g_assert ((result == NULL) != (error == NULL));
  if (result != NULL)
    g_task_return_pointer (task, result, work->result_destroy);
  else
    g_task_return_error (task, error);
}

static void
work_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Work *work = data;

  work->callback (source, result, work->user_data);
  if (work->data_destroy != NULL)
    work->data_destroy (work->data);
  g_free (work);
}

void
coro_run_in_thread (CoroThreadFunc       func,
                    gpointer             data,
                    GDestroyNotify       data_destroy,
                    GDestroyNotify       result_destroy,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Work *work;

  g_return_if_fail (func != NULL);
  g_return_if_fail (callback != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  work = g_new0 (Work, 1);
  work->func = func;
  work->data = data;
  work->data_destroy = data_destroy;
  work->result_destroy = result_destroy;
  work->callback = callback;
  work->user_data = user_data;

  task = g_task_new (NULL, cancellable, work_done, work);
  g_task_set_source_tag (task, coro_run_in_thread);
  g_task_set_name (task, "coro_run_in_thread");
  g_task_set_task_data (task, work, NULL);
  g_task_run_in_thread (task, work_in_thread);
}

gpointer
coro_run_in_thread_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == coro_run_in_thread, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
