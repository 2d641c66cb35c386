/* coro-job.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-job.h"

#include "coro-alloc-private.h"
#include "coro-debug.h"
#include "coro-dispatcher-private.h"
#include "coro-error.h"
#include "coro-job-private.h"

/*
 * The job tree, with kotlinx semantics:
 *
 *  - a job completes only after its body and all its children;
 *  - cancelling a job cancels its descendants;
 *  - a child's failure (any error but a cancellation) cancels its parent,
 *    and so its siblings, unless the parent is a supervisor;
 *  - the first failure is the cause, later ones are kept as suppressed;
 *  - a failure no one else will see goes to an exception handler.
 *
 * All of this state is guarded by _coro_job_lock. Work that leaves the lock
 * (waking coroutines, GCancellable handlers, exception handlers, destroy
 * notifies) is collected in Notes and done after unlocking, so user code
 * never runs under the lock.
 */

GMutex _coro_job_lock;

typedef struct _CoroListener Listener;

typedef CoroJobListenerFunc ListenerFunc;

struct _CoroListener
{
  Listener     *next;
  ListenerFunc  func;
  gpointer      data;
};

typedef struct
{
  CoroJob  *job;
  Listener *listeners;
} Finished;

#define N_INLINE 8

typedef struct
{
  gpointer   inline_items[N_INLINE];
  guint      n;
  GPtrArray *more;
} NoteList;

typedef struct
{
  NoteList cancel_cos;     /* CoroCoroutine *, ref'd */
  NoteList cancellables;   /* GCancellable *, ref'd */
  NoteList finished;       /* Finished * */
  NoteList reports;        /* CoroJob *, ref'd: failures for a handler */
  NoteList unrefs;         /* CoroJob * */
} Notes;

static CoroExceptionHandler default_handler;
static gpointer default_handler_data;

static void
note_add (NoteList *list,
          gpointer  item)
{
  if (list->n < N_INLINE)
    {
      list->inline_items[list->n++] = item;
      return;
    }
  if (list->more == NULL)
    list->more = g_ptr_array_new ();
  g_ptr_array_add (list->more, item);
  list->n++;
}

static inline gpointer
note_get (NoteList *list,
          guint     i)
{
  return i < N_INLINE ? list->inline_items[i] : g_ptr_array_index (list->more, i - N_INLINE);
}

static void
note_clear (NoteList *list)
{
  g_clear_pointer (&list->more, g_ptr_array_unref);
  list->n = 0;
}

static gboolean
is_coroutine (CoroJob *job)
{
  return job->kind == CORO_JOB_COROUTINE || job->kind == CORO_JOB_SCOPED;
}

static GError *
child_cancel_error (const GError *cause)
{
  if (coro_error_is_cancelled (cause))
    return g_error_copy (cause);
  return g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Parent job is cancelling: %s", cause->message);
}

static void finalize_locked (CoroJob *job,
                             Notes   *notes);

/* Returns whether @cause became the job's cause. */
static gboolean
cancel_locked (CoroJob *job,
               GError  *cause,
               Notes   *notes)
{
  gboolean failure = !coro_error_is_cancelled (cause);

  if (job->state != CORO_JOB_STATE_ACTIVE)
    {
      /* Already cancelling or final: a real failure still wins over a plain
       * cancellation, and later failures are kept as suppressed. Each
       * comes from another child or from the body, so, as kotlinx compares
       * exception instances, one that reads like the first is kept too. */
      if (job->state == CORO_JOB_STATE_CANCELLING && failure)
        {
          if (coro_error_is_cancelled (job->cause))
            {
              g_error_free (job->cause);
              job->cause = g_steal_pointer (&cause);
            }
          else
            {
              if (job->suppressed == NULL)
                job->suppressed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
              g_ptr_array_add (job->suppressed, g_steal_pointer (&cause));
            }
        }
      g_clear_error (&cause);
      return FALSE;
    }

  job->state = CORO_JOB_STATE_CANCELLING;
  job->cause = cause;

  if (job->cancellable != NULL)
    note_add (&notes->cancellables, g_object_ref (job->cancellable));

  if (job->owner != NULL && job->owner->current == job)
    note_add (&notes->cancel_cos, coro_job_ref (&job->owner->job));

  for (CoroJob *child = job->first_child; child != NULL; child = child->next_sibling)
    cancel_locked (child, child_cancel_error (job->cause), notes);

  /* A standalone job (coro_job_new()) has no body: once cancelled it is
   * over as soon as its children are. */
  if (job->owner == NULL && !is_coroutine (job) && !job->body_done)
    {
      job->body_done = TRUE;
      if (job->n_children == 0)
        finalize_locked (job, notes);
    }

  return TRUE;
}

static void
add_failure_to_parent_locked (CoroJob *parent,
                              CoroJob *child,
                              Notes   *notes)
{
  cancel_locked (parent, g_error_copy (child->cause), notes);
}

static void
finalize_locked (CoroJob *job,
                 Notes   *notes)
{
  CoroJob *parent = job->parent;
  gboolean failure;

  g_assert (job->body_done && job->n_children == 0);
  g_assert (job->state == CORO_JOB_STATE_ACTIVE || job->state == CORO_JOB_STATE_CANCELLING);

  job->state = job->cause != NULL ? CORO_JOB_STATE_CANCELLED : CORO_JOB_STATE_COMPLETED;
  failure = job->cause != NULL && !coro_error_is_cancelled (job->cause);

  if (job->listeners != NULL)
    {
      Finished *finished = g_new (Finished, 1);

      finished->job = coro_job_ref (job);
      finished->listeners = g_steal_pointer (&job->listeners);
      note_add (&notes->finished, finished);
    }

  if (parent == NULL)
    {
      /* A failure that no caller or awaiter will see: a root launch's, or
       * one that a standalone job (coro_job_new()) took from a child. */
      if (failure && (job->is_root_launch || (job->kind == CORO_JOB_SCOPE && job->owner == NULL)))
        note_add (&notes->reports, coro_job_ref (job));
      return;
    }

  /* Unlink from the parent; the references both ways go after unlocking. */
  if (job->prev_sibling != NULL)
    job->prev_sibling->next_sibling = job->next_sibling;
  else
    parent->first_child = job->next_sibling;
  if (job->next_sibling != NULL)
    job->next_sibling->prev_sibling = job->prev_sibling;
  job->prev_sibling = job->next_sibling = NULL;
  job->parent = NULL;
  parent->n_children--;
  note_add (&notes->unrefs, job);
  note_add (&notes->unrefs, parent);

  /* Scopes hand their failure to their caller instead of the tree. */
  if (failure && job->kind == CORO_JOB_COROUTINE)
    {
      if (!parent->supervisor)
        add_failure_to_parent_locked (parent, job, notes);
      else if (!job->is_async)
        note_add (&notes->reports, coro_job_ref (job));
    }

  if (parent->body_done && parent->n_children == 0 &&
      (parent->state == CORO_JOB_STATE_ACTIVE || parent->state == CORO_JOB_STATE_CANCELLING))
    finalize_locked (parent, notes);
}

static void
report_failure (CoroJob *job)
{
  CoroJob *root = job;
  CoroExceptionHandler handler = NULL;
  gpointer handler_data = NULL;

  if (job->handler != NULL)
    {
      handler = job->handler;
      handler_data = job->handler_data;
    }
  else
    {
      g_mutex_lock (&_coro_job_lock);
      handler = default_handler;
      handler_data = default_handler_data;
      g_mutex_unlock (&_coro_job_lock);
    }

  if (handler != NULL)
    handler (root, job->cause, handler_data);
  else
    g_warning ("Unhandled error in coroutine %s#%" G_GUINT64_FORMAT ": %s",
               job->name, coro_job_get_id (job), job->cause->message);
}

static void
notes_run (Notes *notes)
{
  for (guint i = 0; i < notes->cancellables.n; i++)
    {
      GCancellable *cancellable = note_get (&notes->cancellables, i);

      g_cancellable_cancel (cancellable);
      g_object_unref (cancellable);
    }

  for (guint i = 0; i < notes->cancel_cos.n; i++)
    {
      CoroCoroutine *co = note_get (&notes->cancel_cos, i);

      _coro_coroutine_deliver_cancel (co);
      coro_job_unref (&co->job);
    }

  /* The handler hears of a failure before anyone joining the job resumes,
   * as in kotlinx. */
  for (guint i = 0; i < notes->reports.n; i++)
    {
      CoroJob *job = note_get (&notes->reports, i);

      report_failure (job);
      coro_job_unref (job);
    }

  for (guint i = 0; i < notes->finished.n; i++)
    {
      Finished *finished = note_get (&notes->finished, i);
      Listener *next;

      for (Listener *l = finished->listeners; l != NULL; l = next)
        {
          next = l->next;
          l->func (finished->job, l->data);
          g_free (l);
        }
      coro_job_unref (finished->job);
      g_free (finished);
    }

  for (guint i = 0; i < notes->unrefs.n; i++)
    coro_job_unref (note_get (&notes->unrefs, i));

  note_clear (&notes->cancellables);
  note_clear (&notes->cancel_cos);
  note_clear (&notes->finished);
  note_clear (&notes->reports);
  note_clear (&notes->unrefs);
}

#define NOTES_INIT { { { NULL }, 0, NULL }, { { NULL }, 0, NULL }, { { NULL }, 0, NULL }, \
                     { { NULL }, 0, NULL }, { { NULL }, 0, NULL } }

void
_coro_job_init (CoroJob        *job,
                CoroJobKind     kind,
                CoroJob        *parent,
                CoroDispatcher *dispatcher,
                const char     *name)
{
  Notes notes = NOTES_INIT;

  job->ref_count = 1;
  job->kind = kind;
  job->state = CORO_JOB_STATE_ACTIVE;
  job->dispatcher = coro_dispatcher_ref (dispatcher);
  /* Names are shared down the tree, so most launches copy nothing. */
  job->name = parent != NULL && name == parent->name ? g_ref_string_acquire (parent->name)
                                                     : g_ref_string_new_intern (name);

  if (parent == NULL)
    return;

  g_mutex_lock (&_coro_job_lock);
  if (parent->state == CORO_JOB_STATE_CANCELLED || parent->state == CORO_JOB_STATE_COMPLETED)
    {
      /* Launched into a scope that is already over: it never runs. */
      job->state = CORO_JOB_STATE_CANCELLING;
      job->cause = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                        "The parent job has already completed");
    }
  else
    {
      job->parent = coro_job_ref (parent);
      job->ref_count++;   /* the parent's reference */
      job->next_sibling = parent->first_child;
      if (parent->first_child != NULL)
        parent->first_child->prev_sibling = job;
      parent->first_child = job;
      parent->n_children++;

      if (parent->state == CORO_JOB_STATE_CANCELLING)
        cancel_locked (job, child_cancel_error (parent->cause), &notes);
    }
  g_mutex_unlock (&_coro_job_lock);

  notes_run (&notes);
}

CoroJob *
_coro_job_new_scope (CoroCoroutine *owner,
                     CoroJobKind    kind,
                     CoroJob       *parent,
                     gboolean       supervisor)
{
  CoroJob *job = g_new0 (CoroJob, 1);

  job->supervisor = supervisor;
  job->owner = owner;
  _coro_job_init (job, kind, parent,
                  parent != NULL ? parent->dispatcher : owner->executor,
                  parent != NULL ? parent->name : owner->job.name);
  return job;
}

void
_coro_job_body_done (CoroJob  *job,
                     gpointer  result,
                     GError   *error)
{
  Notes notes = NOTES_INIT;
  GDestroyNotify drop = NULL;

  g_mutex_lock (&_coro_job_lock);
  g_assert (!job->body_done);
  job->body_done = TRUE;

  if (error != NULL)
    {
      cancel_locked (job, error, &notes);
      drop = job->result_destroy;
    }
  else
    job->result = result;

  if (job->n_children == 0)
    finalize_locked (job, &notes);
  g_mutex_unlock (&_coro_job_lock);

  if (error != NULL && result != NULL && drop != NULL)
    drop (result);

  notes_run (&notes);
}

/* Returns whether @cause became the job's cause: FALSE if the job was
 * cancelling or final already (and then @cause is dropped). */
gboolean
_coro_job_cancel_with (CoroJob *job,
                       GError  *cause)
{
  Notes notes = NOTES_INIT;
  gboolean took;

  g_mutex_lock (&_coro_job_lock);
  took = cancel_locked (job, cause, &notes);
  g_mutex_unlock (&_coro_job_lock);

  notes_run (&notes);

  return took;
}

gboolean
_coro_job_is_cancelled_locked (CoroJob *job)
{
  return job->state != CORO_JOB_STATE_ACTIVE && job->state != CORO_JOB_STATE_COMPLETED;
}

GError *
_coro_job_dup_cancel_error (CoroJob *job)
{
  GError *error;

  g_mutex_lock (&_coro_job_lock);
  if (job->cause == NULL)
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Job was cancelled");
  else if (coro_error_is_cancelled (job->cause))
    error = g_error_copy (job->cause);
  else
    error = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Job was cancelled: %s", job->cause->message);
  g_mutex_unlock (&_coro_job_lock);

  return error;
}

/* Registers @func to run once @job is final, after the lock is dropped.
 * Returns FALSE, registering nothing, when the job is final already. */
gboolean
_coro_job_add_listener (CoroJob      *job,
                        ListenerFunc  func,
                        gpointer      data)
{
  Listener *listener;

  g_mutex_lock (&_coro_job_lock);
  if (job->state == CORO_JOB_STATE_CANCELLED || job->state == CORO_JOB_STATE_COMPLETED)
    {
      g_mutex_unlock (&_coro_job_lock);
      return FALSE;
    }

  listener = g_new (Listener, 1);
  listener->func = func;
  listener->data = data;
  listener->next = job->listeners;
  job->listeners = listener;
  g_mutex_unlock (&_coro_job_lock);

  return TRUE;
}

/* Takes back a listener that has not run; FALSE if it ran or is running. */
gboolean
_coro_job_remove_listener (CoroJob      *job,
                           ListenerFunc  func,
                           gpointer      data)
{
  Listener *found = NULL;

  g_mutex_lock (&_coro_job_lock);
  for (Listener **link = &job->listeners; *link != NULL; link = &(*link)->next)
    if ((*link)->func == func && (*link)->data == data)
      {
        found = *link;
        *link = found->next;
        break;
      }
  g_mutex_unlock (&_coro_job_lock);

  g_free (found);
  return found != NULL;
}

typedef struct
{
  CoroCoroutine *co;
  guint64        wait_id;
} JoinWait;

static void
join_wait_done (CoroJob  *job,
                gpointer  data)
{
  JoinWait *wait = data;

  _coro_coroutine_resume (wait->co, wait->wait_id, NULL, NULL, NULL);
  coro_job_unref (&wait->co->job);
  g_free (wait);
}

/* A cancelled join takes its listener off the joined job at once, so that
 * a coroutine that keeps giving up on a long-lived job does not pile up
 * listeners on it. It looks the listener up rather than keeping a pointer:
 * if the job just finished on another thread, the listener may be running
 * or gone already, and then there is nothing to remove. */
static void
join_wait_cancel (CoroCoroutine *co,
                  gpointer       data)
{
  CoroJob *job = data;
  Listener *found = NULL;

  g_mutex_lock (&_coro_job_lock);
  for (Listener **link = &job->listeners; *link != NULL; link = &(*link)->next)
    {
      JoinWait *wait = (*link)->data;

      if ((*link)->func == join_wait_done && wait->co == co && wait->wait_id == co->wait_id)
        {
          found = *link;
          *link = found->next;
          break;
        }
    }
  g_mutex_unlock (&_coro_job_lock);

  if (found != NULL)
    {
      JoinWait *wait = found->data;

      coro_job_unref (&wait->co->job);
      g_free (wait);
      g_free (found);
    }
}

/* Starts waiting until @job is final; FALSE when it is final already (or
 * the caller is cancelled), with the outcome set. With @deliver the wait
 * ends with the job's own outcome, as an await's does. Scopes wait
 * non-cancellably because a scope always waits for its children. */
static gboolean
wait_final_begin (CoroCoroutine *co,
                  CoroJob       *job,
                  gboolean       cancellable)
{
  GError *error = NULL;
  gboolean cancelled;
  gboolean final;
  JoinWait *wait;

  g_mutex_lock (&_coro_job_lock);
  cancelled = cancellable && _coro_job_is_cancelled_locked (co->current);
  final = job->state == CORO_JOB_STATE_CANCELLED || job->state == CORO_JOB_STATE_COMPLETED;
  g_mutex_unlock (&_coro_job_lock);

  if (cancelled || final)
    {
      if (cancelled)
        error = _coro_job_dup_cancel_error (co->current);
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  wait = g_new (JoinWait, 1);
  wait->co = (CoroCoroutine *) coro_job_ref (&co->job);
  wait->wait_id = co->wait_id + 1;   /* the id _coro_coroutine_park() will use */

  if (!_coro_job_add_listener (job, join_wait_done, wait))
    {
      /* It became final meanwhile, on another thread. */
      coro_job_unref (&co->job);
      g_free (wait);
      if (cancellable)
        _coro_coroutine_check_active (co, &error);
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  _coro_coroutine_park (co, "join", cancellable, join_wait_cancel,
                        coro_job_ref (job), (GDestroyNotify) coro_job_unref);
  return TRUE;
}

/* Suspends the calling fiber until @job is final. */
gboolean
_coro_job_wait_final (CoroJob   *job,
                      gboolean   cancellable,
                      GError   **error)
{
  CoroCoroutine *co = _coro_coroutine_self ();

  g_assert (co != NULL && co->fiber != NULL);

  _coro_coroutine_wait (co, wait_final_begin (co, job, cancellable));
  return _coro_coroutine_outcome (co, NULL, error);
}

static void
wake_context (CoroJob  *job,
              gpointer  data)
{
  g_main_context_wakeup (data);
  g_main_context_unref (data);
}

/* For the loops that drive a root job from outside any coroutine
 * (run_blocking, run_test): the job may become final on another thread,
 * and then their context must wake up to notice. */
void
_coro_job_wake_when_final (CoroJob      *job,
                           GMainContext *context)
{
  g_main_context_ref (context);
  if (!_coro_job_add_listener (job, wake_context, context))
    g_main_context_unref (context);
}

/* The outcome of a final job whose result goes to a caller rather than to
 * awaiters: a scope's, a with-context child's, a root's. */
gpointer
_coro_job_take_outcome (CoroJob  *job,
                        GError  **error)
{
  gpointer result = NULL;

  g_mutex_lock (&_coro_job_lock);
  g_assert (job->state == CORO_JOB_STATE_COMPLETED || job->state == CORO_JOB_STATE_CANCELLED);
  if (job->cause == NULL)
    result = g_steal_pointer (&job->result);
  else
    g_propagate_error (error, g_error_copy (job->cause));
  g_mutex_unlock (&_coro_job_lock);

  return result;
}

static CoroDispatcher *
inherited_dispatcher (CoroJob           *scope,
                      const CoroContext *context)
{
  if (context != NULL && context->dispatcher != NULL)
    return context->dispatcher;
  if (scope != NULL)
    return scope->dispatcher;
  return coro_dispatcher_default ();
}

/* Creates and (unless lazy) starts a child of @scope whose body is either
 * a fiber function or a stackless step function. */
CoroCoroutine *
_coro_launch (CoroJob           *scope,
              const CoroContext *context,
              gboolean           is_async,
              CoroFunc           func,
              CoroStepFunc       step,
              gpointer           user_data,
              GDestroyNotify     user_data_destroy,
              GDestroyNotify     result_destroy)
{
  CoroContext resolved = { 0 };
  CoroCoroutine *co;

  if (context != NULL)
    resolved = *context;
  resolved.dispatcher = inherited_dispatcher (scope, context);

  co = _coro_coroutine_new (scope, &resolved, CORO_JOB_COROUTINE, func, user_data, user_data_destroy);
  co->step = step;
  co->job.is_async = is_async;
  co->job.is_root_launch = !is_async && scope == NULL;
  co->job.result_destroy = result_destroy;
  if (!resolved.lazy)
    _coro_coroutine_start (co);

  return co;
}

CoroJob *
coro_launch (CoroJob        *scope,
             CoroFunc        func,
             gpointer        user_data,
             GDestroyNotify  user_data_destroy)
{
  return coro_launch_full (scope, NULL, func, user_data, user_data_destroy);
}

CoroJob *
coro_launch_full (CoroJob           *scope,
                  const CoroContext *context,
                  CoroFunc           func,
                  gpointer           user_data,
                  GDestroyNotify     user_data_destroy)
{
  g_return_val_if_fail (func != NULL, NULL);

  return &_coro_launch (scope, context, FALSE, func, NULL, user_data, user_data_destroy, NULL)->job;
}

CoroDeferred *
coro_async (CoroJob        *scope,
            CoroFunc        func,
            gpointer        user_data,
            GDestroyNotify  user_data_destroy,
            GDestroyNotify  result_destroy)
{
  return coro_async_full (scope, NULL, func, user_data, user_data_destroy, result_destroy);
}

CoroDeferred *
coro_async_full (CoroJob           *scope,
                 const CoroContext *context,
                 CoroFunc           func,
                 gpointer           user_data,
                 GDestroyNotify     user_data_destroy,
                 GDestroyNotify     result_destroy)
{
  g_return_val_if_fail (func != NULL, NULL);

  return &_coro_launch (scope, context, TRUE, func, NULL, user_data, user_data_destroy, result_destroy)->job;
}

CoroJob *
coro_job_new (CoroJob        *parent,
              CoroDispatcher *dispatcher,
              gboolean        supervisor)
{
  CoroJob *job = g_new0 (CoroJob, 1);

  if (dispatcher == NULL)
    dispatcher = parent != NULL ? parent->dispatcher : coro_dispatcher_default ();

  job->supervisor = supervisor;
  _coro_job_init (job, CORO_JOB_SCOPE, parent, dispatcher,
                  parent != NULL ? parent->name : "coroutine");
  return job;
}

gboolean
coro_job_complete (CoroJob *self)
{
  gboolean done;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->owner == NULL && !is_coroutine (self), FALSE);

  g_mutex_lock (&_coro_job_lock);
  done = self->body_done;
  g_mutex_unlock (&_coro_job_lock);

  if (done)
    return FALSE;
  _coro_job_body_done (self, NULL, NULL);
  return TRUE;
}

CoroJob *
coro_job_ref (CoroJob *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
coro_job_unref (CoroJob *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_assert (self->parent == NULL && self->first_child == NULL);

  if (self->result != NULL && self->result_destroy != NULL)
    self->result_destroy (self->result);
  g_clear_error (&self->cause);
  g_clear_pointer (&self->suppressed, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->name, g_ref_string_release);
  g_clear_pointer (&self->dispatcher, coro_dispatcher_unref);

  if (is_coroutine (self))
    {
      CoroCoroutine *co = (CoroCoroutine *) self;

      g_assert (co->fiber == NULL);
      g_clear_pointer (&co->executor, coro_dispatcher_unref);
      _coro_coroutine_free (co);
      return;
    }

  g_free (self);
}

void
coro_job_set_result_destroy (CoroJob        *self,
                             GDestroyNotify  result_destroy)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&_coro_job_lock);
  self->result_destroy = result_destroy;
  g_mutex_unlock (&_coro_job_lock);
}

guint64
coro_job_get_id (CoroJob *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (is_coroutine (self))
    return ((CoroCoroutine *) self)->id;
  return 0;
}

const char *
coro_job_get_name (CoroJob *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

CoroJob *
coro_job_get_parent (CoroJob *self)
{
  CoroJob *parent;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&_coro_job_lock);
  parent = self->parent;
  g_mutex_unlock (&_coro_job_lock);

  return parent;
}

gboolean
coro_job_is_active (CoroJob *self)
{
  gboolean active;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&_coro_job_lock);
  active = self->state == CORO_JOB_STATE_ACTIVE &&
           (!is_coroutine (self) || g_atomic_int_get (&((CoroCoroutine *) self)->started));
  g_mutex_unlock (&_coro_job_lock);

  return active;
}

gboolean
coro_job_is_completed (CoroJob *self)
{
  gboolean completed;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&_coro_job_lock);
  completed = self->state == CORO_JOB_STATE_CANCELLED || self->state == CORO_JOB_STATE_COMPLETED;
  g_mutex_unlock (&_coro_job_lock);

  return completed;
}

gboolean
coro_job_is_cancelled (CoroJob *self)
{
  gboolean cancelled;

  g_return_val_if_fail (self != NULL, FALSE);

  g_mutex_lock (&_coro_job_lock);
  cancelled = _coro_job_is_cancelled_locked (self) || self->state == CORO_JOB_STATE_CANCELLED;
  g_mutex_unlock (&_coro_job_lock);

  return cancelled;
}

GError *
coro_job_dup_error (CoroJob *self)
{
  GError *error = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&_coro_job_lock);
  if (self->cause != NULL)
    error = g_error_copy (self->cause);
  g_mutex_unlock (&_coro_job_lock);

  return error;
}

GPtrArray *
coro_job_dup_suppressed (CoroJob *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  g_return_val_if_fail (self != NULL, copy);

  g_mutex_lock (&_coro_job_lock);
  for (guint i = 0; self->suppressed != NULL && i < self->suppressed->len; i++)
    g_ptr_array_add (copy, g_error_copy (g_ptr_array_index (self->suppressed, i)));
  g_mutex_unlock (&_coro_job_lock);

  return copy;
}

GCancellable *
coro_job_get_cancellable (CoroJob *self)
{
  GCancellable *cancellable;
  gboolean cancel_now;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&_coro_job_lock);
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  cancellable = self->cancellable;
  cancel_now = self->state != CORO_JOB_STATE_ACTIVE && self->state != CORO_JOB_STATE_COMPLETED;
  g_mutex_unlock (&_coro_job_lock);

  if (cancel_now)
    g_cancellable_cancel (cancellable);

  return cancellable;
}

void
coro_job_cancel (CoroJob *self)
{
  g_return_if_fail (self != NULL);

  _coro_job_cancel_with (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Job was cancelled"));
}

/* kotlinx's class names, for coro_job_to_string(). */
static const char *
class_name (CoroJob *job)
{
  switch ((CoroJobKind) job->kind)
    {
    case CORO_JOB_COROUTINE:
      if (job->is_producer)
        return "ProducerCoroutine";
      return job->is_async ? "DeferredCoroutine" : "StandaloneCoroutine";

    case CORO_JOB_SCOPED:
      return job->is_blocking ? "BlockingCoroutine" : "DispatchedCoroutine";

    case CORO_JOB_SCOPE:
      if (job->owner == NULL)
        return job->supervisor ? "SupervisorJobImpl" : "JobImpl";
      if (job->supervisor)
        return "SupervisorCoroutine";
      return job->is_timeout ? "TimeoutCoroutine" : "ScopeCoroutine";

    case CORO_JOB_DETACHED:
    default:
      return job->owner == NULL ? "JobImpl" : "NonCancellable";
    }
}

static const char *
state_string_locked (CoroJob *job)
{
  switch ((CoroJobState) job->state)
    {
    case CORO_JOB_STATE_ACTIVE:
      if (is_coroutine (job) && !g_atomic_int_get (&((CoroCoroutine *) job)->started))
        return "New";
      return job->body_done ? "Completing" : "Active";

    case CORO_JOB_STATE_CANCELLING:
      return "Cancelling";

    case CORO_JOB_STATE_CANCELLED:
      return "Cancelled";

    case CORO_JOB_STATE_COMPLETED:
    default:
      return "Completed";
    }
}

/* "name#id":Class{State}, the name part only for a coroutine and when
 * asked for. */
static void
append_job_locked (GString  *out,
                   CoroJob  *job,
                   gboolean  with_name)
{
  if (with_name && coro_job_get_id (job) != 0)
    g_string_append_printf (out, "\"%s#%" G_GUINT64_FORMAT "\":",
                            job->name, coro_job_get_id (job));
  g_string_append_printf (out, "%s{%s}", class_name (job), state_string_locked (job));
}

char *
coro_job_to_string (CoroJob *self)
{
  GString *out;
  gboolean with_name;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  with_name = coro_debug_is_enabled ();
  g_mutex_lock (&_coro_job_lock);
  append_job_locked (out, self, with_name);
  g_mutex_unlock (&_coro_job_lock);

  return g_string_free (out, FALSE);
}

static gboolean
is_final (CoroJob *job)
{
  return job->state == CORO_JOB_STATE_CANCELLED || job->state == CORO_JOB_STATE_COMPLETED;
}

static gboolean
is_bodyless (CoroJob *job)
{
  return job->owner == NULL && !is_coroutine (job);
}

static void
append_unfinished_locked (GString *out,
                          CoroJob *job,
                          guint    depth)
{
  if (is_final (job))
    return;

  g_string_append_printf (out, "%*s", 2 * (depth + 1), "");
  append_job_locked (out, job, TRUE);
  if (is_bodyless (job) && !job->body_done)
    g_string_append (out, ", waiting for coro_job_complete() or coro_job_cancel()");
  else if (job->body_done)
    g_string_append_printf (out, ", its body done, waiting for %u child(ren)", job->n_children);
  g_string_append_c (out, '\n');

  for (CoroJob *child = job->first_child; child != NULL; child = child->next_sibling)
    append_unfinished_locked (out, child, depth + 1);
}

/* For coro_run_test()'s failures: @root and its descendants that are not
 * final, one a line, including those with no coroutine running any more
 * (a body that returned while its children did not, a job without a
 * body), which the list of live coroutines cannot show. */
char *
_coro_job_dup_unfinished (CoroJob *root)
{
  GString *out = g_string_new (NULL);

  g_mutex_lock (&_coro_job_lock);
  append_unfinished_locked (out, root, 0);
  g_mutex_unlock (&_coro_job_lock);

  return g_string_free (out, FALSE);
}

static gboolean
has_unfinished_bodyless_locked (CoroJob *job)
{
  if (is_final (job))
    return FALSE;
  if (is_bodyless (job) && !job->body_done)
    return TRUE;
  for (CoroJob *child = job->first_child; child != NULL; child = child->next_sibling)
    if (has_unfinished_bodyless_locked (child))
      return TRUE;
  return FALSE;
}

/* Whether @root waits, in its tree, for a job without a body
 * (coro_job_new()), which anyone may complete from anywhere. */
gboolean
_coro_job_has_unfinished_bodyless (CoroJob *root)
{
  gboolean found;

  g_mutex_lock (&_coro_job_lock);
  found = has_unfinished_bodyless_locked (root);
  g_mutex_unlock (&_coro_job_lock);

  return found;
}

GPtrArray *
coro_job_dup_children (CoroJob *self)
{
  GPtrArray *children = g_ptr_array_new_with_free_func ((GDestroyNotify) coro_job_unref);
  guint i;

  g_return_val_if_fail (self != NULL, children);

  g_mutex_lock (&_coro_job_lock);
  i = self->n_children;
  g_ptr_array_set_size (children, i);
  /* The list is newest first. */
  for (CoroJob *child = self->first_child; child != NULL; child = child->next_sibling)
    children->pdata[--i] = coro_job_ref (child);
  g_mutex_unlock (&_coro_job_lock);

  return children;
}

void
coro_job_cancel_children (CoroJob *self)
{
  Notes notes = NOTES_INIT;

  g_return_if_fail (self != NULL);

  g_mutex_lock (&_coro_job_lock);
  for (CoroJob *child = self->first_child, *next; child != NULL; child = next)
    {
      /* A child without a body may be over, and unlinked, at once. */
      next = child->next_sibling;
      cancel_locked (child,
                     g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Job was cancelled"),
                     &notes);
    }
  g_mutex_unlock (&_coro_job_lock);

  notes_run (&notes);
}

gboolean
coro_job_start (CoroJob *self)
{
  CoroCoroutine *co = (CoroCoroutine *) self;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!is_coroutine (self) || g_atomic_int_get (&co->started))
    return FALSE;
  _coro_coroutine_start (co);
  return TRUE;
}

gboolean
coro_job_join (CoroJob  *self,
               GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (_coro_coroutine_require (G_STRFUNC, error) == NULL)
    return FALSE;

  coro_job_start (self);
  return _coro_job_wait_final (self, TRUE, error);
}

gboolean
coro_job_join_begin (CoroJob *self)
{
  CoroCoroutine *co;

  g_return_val_if_fail (self != NULL, FALSE);

  co = _coro_coroutine_require_step (G_STRFUNC);
  if (co == NULL)
    return FALSE;

  coro_job_start (self);
  return wait_final_begin (co, self, TRUE);
}

gboolean
coro_job_join_finish (CoroJob  *self,
                      GError  **error)
{
  CoroCoroutine *co;

  g_return_val_if_fail (self != NULL, FALSE);

  co = _coro_coroutine_finishing (G_STRFUNC, error);
  return co != NULL && _coro_coroutine_outcome (co, NULL, error);
}

gboolean
coro_job_cancel_and_join (CoroJob  *self,
                          GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  coro_job_cancel (self);
  return coro_job_join (self, error);
}

gboolean
coro_join_all (CoroJob **jobs,
               guint     n_jobs,
               GError  **error)
{
  for (guint i = 0; i < n_jobs; i++)
    if (!coro_job_join (jobs[i], error))
      return FALSE;
  return TRUE;
}

gpointer
_coro_deferred_outcome (CoroDeferred  *self,
                        GError       **error)
{
  gpointer result = NULL;

  g_mutex_lock (&_coro_job_lock);
  if (self->state == CORO_JOB_STATE_COMPLETED)
    result = self->result;
  else if (self->cause != NULL)
    g_propagate_error (error, g_error_copy (self->cause));
  g_mutex_unlock (&_coro_job_lock);

  return result;
}

gpointer
coro_deferred_await (CoroDeferred  *self,
                     GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!coro_job_join (self, error))
    return NULL;
  return _coro_deferred_outcome (self, error);
}

gboolean
coro_deferred_await_begin (CoroDeferred *self)
{
  return coro_job_join_begin (self);
}

gpointer
coro_deferred_await_finish (CoroDeferred  *self,
                            GError       **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (!coro_job_join_finish (self, error))
    return NULL;
  return _coro_deferred_outcome (self, error);
}

typedef struct
{
  gint           ref_count;
  CoroCoroutine *co;
  guint64        wait_id;
  guint          pending;
  gboolean       resumed;
} AwaitAll;

static void
await_all_unref (AwaitAll *all)
{
  if (g_atomic_int_dec_and_test (&all->ref_count))
    {
      coro_job_unref (&all->co->job);
      g_free (all);
    }
}

static void
await_all_one_done (CoroJob  *job,
                    gpointer  data)
{
  AwaitAll *all = data;
  gboolean failed;
  gboolean wake;

  g_mutex_lock (&_coro_job_lock);
  failed = job->state == CORO_JOB_STATE_CANCELLED;
  all->pending--;
  wake = !all->resumed && (failed || all->pending == 0);
  if (wake)
    all->resumed = TRUE;
  g_mutex_unlock (&_coro_job_lock);

  if (wake)
    _coro_coroutine_resume (all->co, all->wait_id, NULL, NULL, NULL);
  await_all_unref (all);
}

/* Starts waiting for all of @deferreds, or the first failure; FALSE when
 * that is over at once, with the outcome set. */
static gboolean
await_all_begin (CoroCoroutine  *co,
                 CoroDeferred  **deferreds,
                 guint           n_deferreds)
{
  GError *error = NULL;
  AwaitAll *all;
  gboolean over;

  if (!_coro_coroutine_check_active (co, &error))
    {
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  /* Before the wait id is taken: an unconfined start may suspend the
   * caller for a moment, under an id of its own. */
  for (guint i = 0; i < n_deferreds; i++)
    coro_job_start (deferreds[i]);

  all = g_new0 (AwaitAll, 1);
  all->ref_count = 1;
  all->co = (CoroCoroutine *) coro_job_ref (&co->job);
  all->wait_id = co->wait_id + 1;   /* the id _coro_coroutine_park() will use */
  all->pending = n_deferreds + 1;   /* + 1 until registration is over */

  for (guint i = 0; i < n_deferreds; i++)
    {
      g_atomic_int_inc (&all->ref_count);
      if (!_coro_job_add_listener (deferreds[i], await_all_one_done, all))
        await_all_one_done (deferreds[i], all);
    }

  g_mutex_lock (&_coro_job_lock);
  all->pending--;
  /* Everything was final already, or a failure came in meanwhile. */
  over = all->pending == 0 || all->resumed;
  if (over)
    all->resumed = TRUE;
  g_mutex_unlock (&_coro_job_lock);
  await_all_unref (all);

  if (over)
    {
      /* A failure that woke us during registration sent a resume under
       * the id we did not use; make sure a later wait does not take it. */
      co->wait_id++;
      _coro_coroutine_check_active (co, &error);
      _coro_coroutine_complete_now (co, NULL, NULL, error);
      return FALSE;
    }

  _coro_coroutine_park (co, "await_all", TRUE, NULL, NULL, NULL);
  return TRUE;
}

/* Collects the results once the wait is over. */
static GPtrArray *
await_all_finish (CoroCoroutine  *co,
                  CoroDeferred  **deferreds,
                  guint           n_deferreds,
                  GError        **error)
{
  GPtrArray *results;

  if (!_coro_coroutine_outcome (co, NULL, error))
    return NULL;

  results = g_ptr_array_sized_new (n_deferreds);
  for (guint i = 0; i < n_deferreds; i++)
    {
      GError *local_error = NULL;
      gpointer result = _coro_deferred_outcome (deferreds[i], &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          g_ptr_array_unref (results);
          return NULL;
        }
      g_ptr_array_add (results, result);
    }
  return results;
}

GPtrArray *
coro_await_all (CoroDeferred **deferreds,
                guint          n_deferreds,
                GError       **error)
{
  CoroCoroutine *co = _coro_coroutine_require (G_STRFUNC, error);

  if (co == NULL)
    return NULL;

  _coro_coroutine_wait (co, await_all_begin (co, deferreds, n_deferreds));
  return await_all_finish (co, deferreds, n_deferreds, error);
}

gboolean
coro_await_all_begin (CoroDeferred **deferreds,
                      guint          n_deferreds)
{
  CoroCoroutine *co = _coro_coroutine_require_step (G_STRFUNC);

  return co != NULL && await_all_begin (co, deferreds, n_deferreds);
}

GPtrArray *
coro_await_all_finish (CoroDeferred **deferreds,
                       guint          n_deferreds,
                       GError       **error)
{
  CoroCoroutine *co = _coro_coroutine_finishing (G_STRFUNC, error);

  if (co == NULL)
    return NULL;
  return await_all_finish (co, deferreds, n_deferreds, error);
}

void
coro_set_exception_handler (CoroExceptionHandler handler,
                            gpointer             user_data)
{
  g_mutex_lock (&_coro_job_lock);
  default_handler = handler;
  default_handler_data = user_data;
  g_mutex_unlock (&_coro_job_lock);
}
