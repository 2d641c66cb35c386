/* coro-job.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

#include "coro-types.h"

G_BEGIN_DECLS

/**
 * CORO_GLOBAL_SCOPE:
 *
 * The scope of coroutines that are children of nobody: cancelling or failing
 * anything else never touches them.
 */
#define CORO_GLOBAL_SCOPE ((CoroJob *) NULL)

CoroJob      *coro_launch              (CoroJob            *scope,
                                        CoroFunc            func,
                                        gpointer            user_data,
                                        GDestroyNotify      user_data_destroy) G_GNUC_WARN_UNUSED_RESULT;
CoroJob      *coro_launch_full         (CoroJob            *scope,
                                        const CoroContext  *context,
                                        CoroFunc            func,
                                        gpointer            user_data,
                                        GDestroyNotify      user_data_destroy) G_GNUC_WARN_UNUSED_RESULT;
CoroDeferred *coro_async               (CoroJob            *scope,
                                        CoroFunc            func,
                                        gpointer            user_data,
                                        GDestroyNotify      user_data_destroy,
                                        GDestroyNotify      result_destroy) G_GNUC_WARN_UNUSED_RESULT;
CoroDeferred *coro_async_full          (CoroJob            *scope,
                                        const CoroContext  *context,
                                        CoroFunc            func,
                                        gpointer            user_data,
                                        GDestroyNotify      user_data_destroy,
                                        GDestroyNotify      result_destroy) G_GNUC_WARN_UNUSED_RESULT;

CoroJob      *coro_job_new             (CoroJob            *parent,
                                        CoroDispatcher     *dispatcher,
                                        gboolean            supervisor) G_GNUC_WARN_UNUSED_RESULT;
gboolean      coro_job_complete        (CoroJob            *self);
CoroJob      *coro_job_ref             (CoroJob            *self);
void          coro_job_unref           (CoroJob            *self);
void          coro_job_set_result_destroy (CoroJob         *self,
                                           GDestroyNotify   result_destroy);
guint64       coro_job_get_id          (CoroJob            *self);
const char   *coro_job_get_name        (CoroJob            *self);
CoroJob      *coro_job_get_parent      (CoroJob            *self);
gboolean      coro_job_is_active       (CoroJob            *self);
gboolean      coro_job_is_completed    (CoroJob            *self);
gboolean      coro_job_is_cancelled    (CoroJob            *self);
GError       *coro_job_dup_error       (CoroJob            *self);
GPtrArray    *coro_job_dup_suppressed  (CoroJob            *self);
char         *coro_job_to_string       (CoroJob            *self);
GCancellable *coro_job_get_cancellable (CoroJob            *self);
gboolean      coro_job_start           (CoroJob            *self);
void          coro_job_cancel          (CoroJob            *self);
void          coro_job_cancel_children (CoroJob            *self);
GPtrArray    *coro_job_dup_children    (CoroJob            *self);
gboolean      coro_job_join            (CoroJob            *self,
                                        GError            **error);
gboolean      coro_job_cancel_and_join (CoroJob            *self,
                                        GError            **error);
gboolean      coro_join_all            (CoroJob           **jobs,
                                        guint               n_jobs,
                                        GError            **error);
gboolean      coro_job_join_begin      (CoroJob            *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean      coro_job_join_finish     (CoroJob            *self,
                                        GError            **error);

gpointer      coro_deferred_await      (CoroDeferred       *self,
                                        GError            **error);
GPtrArray    *coro_await_all           (CoroDeferred      **deferreds,
                                        guint               n_deferreds,
                                        GError            **error);
gboolean      coro_deferred_await_begin  (CoroDeferred     *self) G_GNUC_WARN_UNUSED_RESULT;
gpointer      coro_deferred_await_finish (CoroDeferred     *self,
                                          GError          **error);
gboolean      coro_await_all_begin     (CoroDeferred      **deferreds,
                                        guint               n_deferreds) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray    *coro_await_all_finish    (CoroDeferred      **deferreds,
                                        guint               n_deferreds,
                                        GError            **error);

void          coro_set_exception_handler (CoroExceptionHandler handler,
                                          gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroJob, coro_job_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroDeferred, coro_job_unref)

G_END_DECLS
