/* coro-job.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-job.h"

#include "coro-alloc-private.h"
#include "coro-dispatcher-private.h"
#include "coro-element-private.h"
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
 *
 * Joins and awaits (coro-job-join.c, coro-await-all.c), launches
 * (coro-launch.c) and descriptions (coro-job-debug.c) are built on this
 * tree in files of their own.
 */

GMutex _coro_job_lock;

typedef struct _CoroListener Listener;

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

static GError *
child_cancel_error (const GError *cause)
{
  if (coro_error_is_cancelled (cause))
    return g_error_copy (cause);
  return g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Parent job is cancelling: %s", cause->message);
}

static void finalize_locked (CoroJob *job,
                             Notes   *notes);

/* Stored atomically, for _coro_job_is_cancelled_unlocked(). */
static void
set_state_locked (CoroJob      *job,
                  CoroJobState  state)
{
  __atomic_store_n (&job->state, state, __ATOMIC_RELEASE);
}

static CoroJobExtra *
get_extra_locked (CoroJob *job)
{
  if (job->extra == NULL)
    job->extra = g_new0 (CoroJobExtra, 1);
  return job->extra;
}

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
              CoroJobExtra *extra = get_extra_locked (job);

              if (extra->suppressed == NULL)
                extra->suppressed = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
              g_ptr_array_add (extra->suppressed, g_steal_pointer (&cause));
            }
        }
      g_clear_error (&cause);
      return FALSE;
    }

  set_state_locked (job, CORO_JOB_STATE_CANCELLING);
  job->cause = cause;

  if (job->extra != NULL && job->extra->cancellable != NULL)
    note_add (&notes->cancellables, g_object_ref (job->extra->cancellable));

  if (job->owner != NULL && job->owner->current == job)
    note_add (&notes->cancel_cos, coro_job_ref (&job->owner->job));

  for (CoroJob *child = job->first_child; child != NULL; child = child->next_sibling)
    cancel_locked (child, child_cancel_error (job->cause), notes);

  /* A standalone job (coro_job_new()) has no body: once cancelled it is
   * over as soon as its children are. */
  if (job->owner == NULL && !_coro_job_is_coroutine (job) && !job->body_done)
    {
      job->body_done = TRUE;
      if (job->first_child == NULL)
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

  g_assert (job->body_done && job->first_child == NULL);
  g_assert (job->state == CORO_JOB_STATE_ACTIVE || job->state == CORO_JOB_STATE_CANCELLING);

  set_state_locked (job, job->cause != NULL ? CORO_JOB_STATE_CANCELLED : CORO_JOB_STATE_COMPLETED);
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

  if (parent->body_done && parent->first_child == NULL &&
      (parent->state == CORO_JOB_STATE_ACTIVE || parent->state == CORO_JOB_STATE_CANCELLING))
    finalize_locked (parent, notes);
}

static void
report_failure (CoroJob *job)
{
  CoroJob *root = job;
  CoroExceptionHandler handler = NULL;
  gpointer handler_data = NULL;

  if (_coro_job_is_coroutine (job) && job->handler != NULL)
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
  if (parent != NULL && parent->elements != NULL)
    job->elements = _coro_element_set_ref (parent->elements);

  if (parent == NULL)
    return;

  g_mutex_lock (&_coro_job_lock);
  if (parent->state == CORO_JOB_STATE_CANCELLED || parent->state == CORO_JOB_STATE_COMPLETED)
    {
      /* Launched into a scope that is already over: it never runs. */
      set_state_locked (job, CORO_JOB_STATE_CANCELLING);
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
  /* A non-cancellable block has no parent, but keeps the elements. */
  if (parent == NULL && owner->current->elements != NULL)
    job->elements = _coro_element_set_ref (owner->current->elements);
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

  if (job->first_child == NULL)
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
  g_return_val_if_fail (self->owner == NULL && !_coro_job_is_coroutine (self), FALSE);

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
  if (self->extra != NULL)
    {
      g_clear_pointer (&self->extra->suppressed, g_ptr_array_unref);
      g_clear_object (&self->extra->cancellable);
      g_clear_pointer (&self->extra, g_free);
    }
  g_clear_pointer (&self->name, g_ref_string_release);
  g_clear_pointer (&self->elements, _coro_element_set_unref);
  g_clear_pointer (&self->dispatcher, coro_dispatcher_unref);

  if (_coro_job_is_coroutine (self))
    {
      CoroCoroutine *co = (CoroCoroutine *) self;

      g_assert (!co->ran || co->fiber == NULL);
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

  if (_coro_job_is_coroutine (self))
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
           (!_coro_job_is_coroutine (self) || _coro_coroutine_is_started ((CoroCoroutine *) self));
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
  GPtrArray *suppressed;

  g_return_val_if_fail (self != NULL, copy);

  g_mutex_lock (&_coro_job_lock);
  suppressed = self->extra != NULL ? self->extra->suppressed : NULL;
  for (guint i = 0; suppressed != NULL && i < suppressed->len; i++)
    g_ptr_array_add (copy, g_error_copy (g_ptr_array_index (suppressed, i)));
  g_mutex_unlock (&_coro_job_lock);

  return copy;
}

GCancellable *
coro_job_get_cancellable (CoroJob *self)
{
  CoroJobExtra *extra;
  GCancellable *cancellable;
  gboolean cancel_now;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&_coro_job_lock);
  extra = get_extra_locked (self);
  if (extra->cancellable == NULL)
    extra->cancellable = g_cancellable_new ();
  cancellable = extra->cancellable;
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

GPtrArray *
coro_job_dup_children (CoroJob *self)
{
  GPtrArray *children = g_ptr_array_new_with_free_func ((GDestroyNotify) coro_job_unref);
  guint i;

  g_return_val_if_fail (self != NULL, children);

  g_mutex_lock (&_coro_job_lock);
  i = 0;
  for (CoroJob *child = self->first_child; child != NULL; child = child->next_sibling)
    i++;
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

void
coro_set_exception_handler (CoroExceptionHandler handler,
                            gpointer             user_data)
{
  g_mutex_lock (&_coro_job_lock);
  default_handler = handler;
  default_handler_data = user_data;
  g_mutex_unlock (&_coro_job_lock);
}
