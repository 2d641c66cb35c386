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

/**
 * coro_launch:
 * @scope: (nullable): the parent job, or %CORO_GLOBAL_SCOPE
 * @func: the coroutine's body
 * @user_data: data for @func
 * @user_data_destroy: (nullable): frees @user_data once the body is over
 *
 * Starts a coroutine that runs @func on the scope's dispatcher (Default in
 * the global scope). It is queued, not run inline. The body's result is
 * ignored; a failure cancels @scope or, at the root, goes to the exception
 * handler.
 *
 * Returns: (transfer full): the coroutine's job
 */
CoroJob      *coro_launch              (CoroJob            *scope,
                                        CoroFunc            func,
                                        gpointer            user_data,
                                        GDestroyNotify      user_data_destroy) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_launch_full:
 * @scope: (nullable): the parent job, or %CORO_GLOBAL_SCOPE
 * @context: (nullable): dispatcher, name, stack size, exception handler and
 *   context elements
 * @func: the coroutine's body
 * @user_data: data for @func
 * @user_data_destroy: (nullable): frees @user_data once the body is over
 *
 * Like coro_launch(), with options.
 *
 * Returns: (transfer full): the coroutine's job
 */
CoroJob      *coro_launch_full         (CoroJob            *scope,
                                        const CoroContext  *context,
                                        CoroFunc            func,
                                        gpointer            user_data,
                                        GDestroyNotify      user_data_destroy) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_async:
 * @scope: (nullable): the parent job, or %CORO_GLOBAL_SCOPE
 * @func: the coroutine's body; its return value is the result
 * @user_data: data for @func
 * @user_data_destroy: (nullable): frees @user_data once the body is over
 * @result_destroy: (nullable): frees the result with the deferred
 *
 * Starts a coroutine whose result is awaited with coro_deferred_await().
 * Its failure is kept for the awaiter and, unless @scope is a supervisor,
 * also cancels @scope.
 *
 * Returns: (transfer full): the deferred
 */
CoroDeferred *coro_async               (CoroJob            *scope,
                                        CoroFunc            func,
                                        gpointer            user_data,
                                        GDestroyNotify      user_data_destroy,
                                        GDestroyNotify      result_destroy) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_async_full:
 * @scope: (nullable): the parent job, or %CORO_GLOBAL_SCOPE
 * @context: (nullable): dispatcher, name, stack size and context elements
 * @func: the coroutine's body; its return value is the result
 * @user_data: data for @func
 * @user_data_destroy: (nullable): frees @user_data once the body is over
 * @result_destroy: (nullable): frees the result with the deferred
 *
 * Like coro_async(), with options.
 *
 * Returns: (transfer full): the deferred
 */
CoroDeferred *coro_async_full          (CoroJob            *scope,
                                        const CoroContext  *context,
                                        CoroFunc            func,
                                        gpointer            user_data,
                                        GDestroyNotify      user_data_destroy,
                                        GDestroyNotify      result_destroy) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_job_new:
 * @parent: (nullable): the parent job, or %CORO_GLOBAL_SCOPE
 * @dispatcher: (nullable): what coroutines launched into it run on; %NULL
 *   inherits @parent's (Default for a root)
 * @supervisor: whether a child's failure leaves the job and the other
 *   children alone (kotlinx's SupervisorJob)
 *
 * A job with no body of its own, to launch coroutines into from anywhere:
 * kotlinx's `CoroutineScope(Job())`. It stays active until
 * coro_job_complete() (then it completes when its children have) or
 * coro_job_cancel().
 *
 * Returns: (transfer full): the job
 */
CoroJob      *coro_job_new             (CoroJob            *parent,
                                        CoroDispatcher     *dispatcher,
                                        gboolean            supervisor) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_job_complete:
 * @self: a job from coro_job_new()
 *
 * Declares that no more children will be launched: @self completes once the
 * ones it has are done.
 *
 * Returns: %FALSE if it was completed already
 */
gboolean      coro_job_complete        (CoroJob            *self);

/**
 * coro_job_ref:
 * @self: a job
 *
 * Takes a reference on @self. Thread-safe.
 *
 * Returns: (transfer full): @self
 */
CoroJob      *coro_job_ref             (CoroJob            *self);

/**
 * coro_job_unref:
 * @self: (transfer full): a job
 *
 * Drops a reference on @self. Thread-safe. Dropping the reference that
 * coro_launch() returned neither cancels nor detaches the coroutine: it
 * runs on, and its parent keeps it until it is final. The last reference
 * frees the result with its result destroy function.
 */
void          coro_job_unref           (CoroJob            *self);

/**
 * coro_job_set_result_destroy:
 * @self: the job a body was given as its scope
 * @result_destroy: (nullable): frees the body's result
 *
 * For a scope body (coro_scope(), coro_with_timeout(), coro_with_context(),
 * coro_run_blocking(), ...) that returns owned memory: if the scope then
 * fails anyway (a child failed, the timeout fired while it waited for its
 * children), the result is freed with this instead of being lost. Async
 * coroutines get theirs from coro_async().
 */
void          coro_job_set_result_destroy (CoroJob         *self,
                                           GDestroyNotify   result_destroy);

/**
 * coro_job_get_id:
 * @self: a job
 *
 * Returns: the coroutine's debug id (as in "coroutine#3"), which a
 *   coro_with_context() block shares with its caller, or 0 for a scope
 */
guint64       coro_job_get_id          (CoroJob            *self);

/**
 * coro_job_get_name:
 * @self: a job
 *
 * The name given in #CoroContext, or inherited from the scope.
 *
 * Returns: (transfer none) (nullable): the name, "coroutine" at the root
 */
const char   *coro_job_get_name        (CoroJob            *self);

/**
 * coro_job_get_parent:
 * @self: a job
 *
 * Returns: (transfer none) (nullable): the parent while @self is not final
 */
CoroJob      *coro_job_get_parent      (CoroJob            *self);

/**
 * coro_job_is_active:
 * @self: a job
 *
 * Returns: whether @self is neither cancelled nor complete; a job whose body
 * returned but whose children still run is active
 */
gboolean      coro_job_is_active       (CoroJob            *self);

/**
 * coro_job_is_completed:
 * @self: a job
 *
 * Whether @self is final: completed normally, failed or cancelled, with all
 * its children final too, as kotlinx's `isCompleted`.
 *
 * Returns: %TRUE once @self is final
 */
gboolean      coro_job_is_completed    (CoroJob            *self);

/**
 * coro_job_is_cancelled:
 * @self: a job
 *
 * Whether @self was cancelled or failed, as kotlinx's `isCancelled`: %TRUE
 * from the moment of the cancellation, while its children still finish.
 *
 * Returns: %TRUE once @self is cancelling or cancelled
 */
gboolean      coro_job_is_cancelled    (CoroJob            *self);

/**
 * coro_job_dup_error:
 * @self: a job
 *
 * Returns: (transfer full) (nullable): the cause of the cancellation or
 *   failure, or %NULL while the job is active or once it completed normally
 */
GError       *coro_job_dup_error       (CoroJob            *self);

/**
 * coro_job_dup_suppressed:
 * @self: a job
 *
 * The failures that came after the first one: children failing while the
 * job was already cancelling because of another failure.
 *
 * Returns: (transfer full) (element-type GError): copies, possibly empty
 */
GPtrArray    *coro_job_dup_suppressed  (CoroJob            *self);

/**
 * coro_job_to_string:
 * @self: a job
 *
 * The job as kotlinx's toString() prints it, without the trailing
 * "@address": its class ("StandaloneCoroutine" for coro_launch(),
 * "DeferredCoroutine" for coro_async(), "BlockingCoroutine" for
 * coro_run_blocking(), "ScopeCoroutine", "JobImpl" for coro_job_new(), ...)
 * and state (New, Active, Completing, Cancelling, Cancelled or Completed),
 * after the quoted "name#id" of a coroutine when debugging is on (see
 * coro_debug_set_enabled()), as in kotlinx's debug mode:
 * `"coroutine#2":StandaloneCoroutine{Active}`. Does not suspend.
 *
 * Returns: (transfer full): the description
 */
char         *coro_job_to_string       (CoroJob            *self);

/**
 * coro_job_get_cancellable:
 * @self: a job
 *
 * A GCancellable that is cancelled when @self is, so GIO calls started on
 * its behalf stop with it.
 *
 * Returns: (transfer none): the job's cancellable
 */
GCancellable *coro_job_get_cancellable (CoroJob            *self);

/**
 * coro_job_start:
 * @self: a job
 *
 * Starts a coroutine launched with `.lazy = TRUE`. Does nothing if it
 * started already, or if @self is not a coroutine.
 *
 * Returns: %TRUE if this call started it
 */
gboolean      coro_job_start           (CoroJob            *self);

/**
 * coro_job_cancel:
 * @self: a job
 *
 * Cancels @self and all its descendants. Does not suspend; the job is final
 * only once its body and children have unwound (see coro_job_join()).
 * May be called from any thread.
 */
void          coro_job_cancel          (CoroJob            *self);

/**
 * coro_job_cancel_children:
 * @self: a job
 *
 * Cancels every child of @self, and so their descendants, leaving @self
 * itself active: kotlinx's `job.cancelChildren()`. Does not suspend and
 * does not wait for them (join each, see coro_job_dup_children()). May be
 * called from any thread.
 */
void          coro_job_cancel_children (CoroJob            *self);

/**
 * coro_job_dup_children:
 * @self: a job
 *
 * kotlinx's `job.children`: the jobs launched into @self (coroutines and
 * the scopes its body runs) that are not final yet, oldest first. Does not
 * suspend.
 *
 * Returns: (transfer full) (element-type CoroJob): references to the
 *   children, possibly none
 */
GPtrArray    *coro_job_dup_children    (CoroJob            *self);

/**
 * coro_job_join:
 * @self: a job
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine until @self is final. It does not report
 * the job's own failure (see coro_deferred_await() for that); it fails only
 * when the caller is cancelled.
 *
 * Returns: %TRUE once @self is final
 */
gboolean      coro_job_join            (CoroJob            *self,
                                        GError            **error);

/**
 * coro_job_cancel_and_join:
 * @self: a job
 * @error: return location for a #GError
 *
 * Cancels @self. Suspends the calling coroutine until @self is final;
 * as coro_job_join(), it fails only when the caller is cancelled.
 *
 * Returns: %TRUE once @self is final
 */
gboolean      coro_job_cancel_and_join (CoroJob            *self,
                                        GError            **error);

/**
 * coro_join_all:
 * @jobs: (array length=n_jobs): jobs
 * @n_jobs: how many
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine until every job in @jobs is final.
 *
 * Returns: %TRUE once they all are
 */
gboolean      coro_join_all            (CoroJob           **jobs,
                                        guint               n_jobs,
                                        GError            **error);

/**
 * coro_job_join_begin:
 * @self: a job, which the caller keeps alive until coro_job_join_finish()
 *
 * The stackless form of coro_job_join(); see #CoroStepFunc.
 *
 * Returns: %TRUE if the body must return %CORO_STEP_SUSPENDED before
 *   calling coro_job_join_finish()
 */
gboolean      coro_job_join_begin      (CoroJob            *self) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_job_join_finish:
 * @self: the job given to coro_job_join_begin()
 * @error: return location for a #GError
 *
 * Takes the outcome of the wait that coro_job_join_begin() started,
 * once the stackless coroutine has resumed. Does not suspend.
 *
 * Returns: %TRUE once @self is final, as coro_job_join()
 */
gboolean      coro_job_join_finish     (CoroJob            *self,
                                        GError            **error);

/**
 * coro_deferred_await:
 * @self: a deferred
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine until @self is final, then hands back its
 * result or its failure (or CANCELLED if it was cancelled, or if the caller
 * is).
 *
 * Returns: (transfer none) (nullable): the result, owned by @self
 */
gpointer      coro_deferred_await      (CoroDeferred       *self,
                                        GError            **error);

/**
 * coro_await_all:
 * @deferreds: (array length=n_deferreds): deferreds
 * @n_deferreds: how many
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine until all of @deferreds completed, failing
 * as soon as one of them fails (not one after the other, as a loop of awaits
 * would).
 *
 * Returns: (transfer container) (nullable): the results in order, owned by
 *   the deferreds, or %NULL on failure
 */
GPtrArray    *coro_await_all           (CoroDeferred      **deferreds,
                                        guint               n_deferreds,
                                        GError            **error);

/**
 * coro_deferred_await_begin:
 * @self: a deferred, which the caller keeps alive until
 *   coro_deferred_await_finish()
 *
 * The stackless form of coro_deferred_await(); see #CoroStepFunc.
 *
 * Returns: %TRUE if the body must return %CORO_STEP_SUSPENDED before
 *   calling coro_deferred_await_finish()
 */
gboolean      coro_deferred_await_begin  (CoroDeferred     *self) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_deferred_await_finish:
 * @self: the deferred given to coro_deferred_await_begin()
 * @error: return location for a #GError
 *
 * Takes the outcome of the wait that coro_deferred_await_begin() started,
 * once the stackless coroutine has resumed. Does not suspend.
 *
 * Returns: (transfer none) (nullable): the result, owned by @self, as
 *   coro_deferred_await()
 */
gpointer      coro_deferred_await_finish (CoroDeferred     *self,
                                          GError          **error);

/**
 * coro_await_all_begin:
 * @deferreds: (array length=n_deferreds): deferreds, which the caller keeps
 *   alive until coro_await_all_finish()
 * @n_deferreds: how many
 *
 * The stackless form of coro_await_all(); see #CoroStepFunc.
 *
 * Returns: %TRUE if the body must return %CORO_STEP_SUSPENDED before
 *   calling coro_await_all_finish()
 */
gboolean      coro_await_all_begin     (CoroDeferred      **deferreds,
                                        guint               n_deferreds) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_await_all_finish:
 * @deferreds: (array length=n_deferreds): the deferreds given to
 *   coro_await_all_begin()
 * @n_deferreds: how many
 * @error: return location for a #GError
 *
 * Takes the outcome of the wait that coro_await_all_begin() started,
 * once the stackless coroutine has resumed. Does not suspend.
 *
 * Returns: (transfer container) (nullable): the results in order, as
 *   coro_await_all()
 */
GPtrArray    *coro_await_all_finish    (CoroDeferred      **deferreds,
                                        guint               n_deferreds,
                                        GError            **error);

/**
 * coro_set_exception_handler:
 * @handler: (nullable): the handler, or %NULL for the default g_warning()
 * @user_data: data for @handler
 *
 * Sets the process-wide handler for failures of root coroutines that carry
 * no handler of their own.
 */
void          coro_set_exception_handler (CoroExceptionHandler handler,
                                          gpointer             user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroJob, coro_job_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroDeferred, coro_job_unref)

G_END_DECLS
