/* coro-job-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <gio/gio.h>

#include "coro-job.h"
#include "coro-step.h"
#include "coro-fiber-private.h"
#include "coro-timer-heap-private.h"

G_BEGIN_DECLS

typedef struct _CoroCoroutine CoroCoroutine;

typedef enum
{
  CORO_JOB_COROUTINE,  /* the body of coro_launch()/coro_async() */
  CORO_JOB_SCOPE,      /* coroutine_scope, supervisor_scope, with_timeout */
  CORO_JOB_SCOPED,     /* the child coroutine of with_context() */
  CORO_JOB_DETACHED,   /* non-cancellable blocks and run_blocking's root */
} CoroJobKind;

typedef enum
{
  CORO_JOB_STATE_ACTIVE,
  CORO_JOB_STATE_CANCELLING,
  CORO_JOB_STATE_CANCELLED,
  CORO_JOB_STATE_COMPLETED,
} CoroJobState;

typedef struct _CoroWaiter CoroWaiter;

/*
 * A coroutine waiting for something: the unit of every hand-off. Whoever
 * completes the wait calls _coro_coroutine_resume() with the waiter's
 * wait_id; a stale id (the coroutine was cancelled meanwhile) makes the
 * resume drop and free what it carried.
 */
typedef struct
{
  CoroWaiter *head;
  CoroWaiter *tail;
} CoroWaitQueue;

struct _CoroWaiter
{
  CoroCoroutine *co;
  guint64        wait_id;
  CoroWaiter    *prev;
  CoroWaiter    *next;
  CoroWaitQueue *queue;  /* the queue it is in, or NULL */
  gpointer       slot;   /* a channel element travelling with the waiter */
  struct _CoroSelect *select;   /* the select it is a clause of, or NULL */
};

/* All job-tree state (state, cause, children, listeners) is guarded by one
 * process-wide lock. Nothing is called out while it is held: wake-ups and
 * cancellation deliveries are collected and done after unlocking. */
struct _CoroJob
{
  gint            ref_count;
  guint8          kind;
  guint8          state;
  guint           supervisor : 1;
  guint           body_done : 1;
  guint           is_async : 1;
  guint           is_root_launch : 1;
  guint           is_blocking : 1;   /* run_blocking's or run_test's root */
  guint           is_timeout : 1;    /* a with_timeout scope */
  guint           is_producer : 1;   /* coro_produce()'s, also is_async */
  guint           is_stackless : 1;  /* a coroutine whose body is a step function */

  CoroJob        *parent;
  CoroJob        *first_child;   /* newest first; NULL once every child is final */
  CoroJob        *prev_sibling;
  CoroJob        *next_sibling;

  CoroDispatcher *dispatcher;    /* what children inherit */
  char           *name;          /* a GRefString; what children inherit */
  struct _CoroElementSet *elements;  /* NULL, or what its coroutine installs;
                                     * what children inherit */
  CoroCoroutine  *owner;         /* the coroutine whose fiber runs this job's body */

  GError         *cause;
  gpointer        result;
  GDestroyNotify  result_destroy;

  struct _CoroJobExtra *extra;       /* NULL, or what few jobs need */
  struct _CoroListener *listeners;   /* run once the job is final */

  union                          /* by kind of job */
  {
    struct                       /* a coroutine's */
    {
      CoroExceptionHandler handler;
      gpointer        handler_data;
    };
    CoroJob        *outer;       /* an inline scope's: the job current before it opened */
  };
};

/* What few jobs need, allocated (under the job lock) by the first that
 * needs it, so that every coroutine does not carry it. */
typedef struct _CoroJobExtra
{
  GPtrArray      *suppressed;    /* failures after the cause */
  GCancellable   *cancellable;   /* coro_job_get_cancellable()'s */
} CoroJobExtra;

typedef enum
{
  CORO_STATE_CREATED,
  CORO_STATE_READY,
  CORO_STATE_RUNNING,
  CORO_STATE_SUSPENDED,
  CORO_STATE_FINISHED,
} CoroCoroutineState;

typedef void (*CoroWaitCancelFunc) (CoroCoroutine *co,
                                    gpointer       data);

/* What a coroutine waits in: one static description per kind of wait,
 * so that a coroutine carries one pointer for it. */
typedef struct
{
  const char         *what;       /* for coro_dump() */
  CoroWaitCancelFunc  cancel;     /* undoes the wait when it is cancelled, or NULL */
  GDestroyNotify      cancel_data_destroy;   /* run when the outcome is taken, or NULL */
} CoroWaitKind;

/* A parked stackless coroutine costs a slot of this (coro-alloc.c): keep it
 * small. Fields that only one kind of body uses share room. */
struct _CoroCoroutine
{
  CoroJob             job;           /* first: a coroutine is its own job */

  guint64             id;
  CoroDispatcher     *executor;      /* a single thread's dispatcher */
  CoroJob            *current;       /* innermost scope, for cancellation checks */
  guint8              started;       /* atomic: queued once, even if raced */
  guint8              ran;           /* the body has begun */
  guint8              state;         /* a CoroCoroutineState */
  guint8              wait_cancellable;
  guint               label;         /* where a stackless body resumes */
  union                              /* by job.is_stackless */
  {
    CoroFunc          func;          /* a fiber's body */
    CoroStepFunc      step;          /* a stackless body */
  };
  union                              /* by ran */
  {
    gsize             stack_size;    /* a fiber's stack, until the body begins */
    CoroFiber        *fiber;         /* then its fiber until done; NULL if stackless */
  };
  gpointer            data;
  GDestroyNotify      data_destroy;

  guint64             wait_id;
  const CoroWaitKind *wait_kind;     /* of the last wait, or NULL */
  gpointer            wait_cancel_data;
  gpointer            resume_value;
  GDestroyNotify      resume_destroy;
  GError             *resume_error;

  union                              /* one wait at a time */
  {
    CoroTimer         timer;         /* delay() */
    CoroWaiter        waiter;        /* channels, mutexes, semaphores */
  };
  CoroCoroutine      *next_ready;
  CoroCoroutine      *prev_live;     /* debug registry */
  CoroCoroutine      *next_live;
};

/*
 * A plain waiter taken off its queue, as its waker holds it: what resuming
 * it needs, read under the queue's lock. Once the lock is dropped the
 * waiter is its coroutine's again: cancelled meanwhile on its own thread,
 * the coroutine may wait anew (and rewrite the waiter) or end. A coroutine
 * of another thread is kept alive until the resume is done.
 */
typedef struct
{
  CoroCoroutine *co;
  guint64        wait_id;
  gboolean       ref;
} CoroWake;

/* Runs once a job is final, outside the job lock. */
typedef void (*CoroJobListenerFunc) (CoroJob  *job,
                                     gpointer  data);

/* One of a job's listeners: coro-job-join.c adds and removes them, and
 * coro-job.c runs them once the job is final. */
struct _CoroListener
{
  struct _CoroListener *next;
  CoroJobListenerFunc   func;
  gpointer              data;
};

/* Whether @job is a coroutine's own job rather than a scope's or a
 * bodyless one's. */
static inline gboolean
_coro_job_is_coroutine (CoroJob *job)
{
  return job->kind == CORO_JOB_COROUTINE || job->kind == CORO_JOB_SCOPED;
}

/* Whether @co was queued to run (or to complete, cancelled before it ran).
 * `started` is a byte, where the struct has room for one: GLib's atomics
 * take ints. */
static inline gboolean
_coro_coroutine_is_started (CoroCoroutine *co)
{
  return __atomic_load_n (&co->started, __ATOMIC_SEQ_CST);
}

/* Whether @job is cancelling or cancelled, without the job lock: a
 * cancellation that happened before whatever woke the caller is seen, as
 * that wake-up synchronises with it (through a lock, or by being on the
 * same thread); one racing with it may be seen only at the next check, as
 * it would if it came a moment later. */
static inline gboolean
_coro_job_is_cancelled_unlocked (CoroJob *job)
{
  guint8 state = __atomic_load_n (&job->state, __ATOMIC_ACQUIRE);

  return state == CORO_JOB_STATE_CANCELLING || state == CORO_JOB_STATE_CANCELLED;
}

/* Whether @job is final, without the job lock. A final state never
 * changes, and all that made it final is seen with it. */
static inline gboolean
_coro_job_is_final_unlocked (CoroJob *job)
{
  guint8 state = __atomic_load_n (&job->state, __ATOMIC_ACQUIRE);

  return state == CORO_JOB_STATE_CANCELLED || state == CORO_JOB_STATE_COMPLETED;
}

/* coro-job.c */
extern GMutex _coro_job_lock;

CoroJob       *_coro_job_new_scope            (CoroCoroutine  *owner,
                                               CoroJobKind     kind,
                                               CoroJob        *parent,
                                               gboolean        supervisor);
void           _coro_job_init                 (CoroJob        *job,
                                               CoroJobKind     kind,
                                               CoroJob        *parent,
                                               CoroDispatcher *dispatcher,
                                               const char     *name);
void           _coro_job_body_done            (CoroJob        *job,
                                               gpointer        result,
                                               GError         *error);
gboolean       _coro_job_is_cancelled_locked  (CoroJob        *job);
gboolean       _coro_job_cancel_with          (CoroJob        *job,
                                               GError         *cause);
GError        *_coro_job_dup_cancel_error     (CoroJob        *job);

/* coro-job-join.c */
gboolean       _coro_job_wait_final           (CoroJob        *job,
                                               gboolean        cancellable,
                                               GError        **error);
void           _coro_job_wake_when_final      (CoroJob        *job,
                                               GMainContext   *context);
gpointer       _coro_job_take_outcome         (CoroJob        *job,
                                               GError        **error);
gpointer       _coro_deferred_outcome         (CoroDeferred   *deferred,
                                               GError        **error);
gboolean       _coro_job_add_listener         (CoroJob        *job,
                                               CoroJobListenerFunc func,
                                               gpointer        data);
gboolean       _coro_job_remove_listener      (CoroJob        *job,
                                               CoroJobListenerFunc func,
                                               gpointer        data);

/* coro-job-debug.c */
char          *_coro_job_dup_unfinished       (CoroJob        *root);
gboolean       _coro_job_has_unfinished_bodyless (CoroJob     *root);

/* coro-launch.c */
CoroCoroutine *_coro_launch                   (CoroJob        *scope,
                                               const CoroContext *context,
                                               gboolean        is_async,
                                               CoroFunc        func,
                                               CoroStepFunc    step,
                                               gpointer        data,
                                               GDestroyNotify  data_destroy,
                                               GDestroyNotify  result_destroy);

/* coro-coroutine.c */
CoroCoroutine *_coro_coroutine_self           (void);
CoroCoroutine *_coro_coroutine_require        (const char     *func_name,
                                               GError        **error);
CoroCoroutine *_coro_coroutine_require_step   (const char     *func_name);
CoroCoroutine *_coro_coroutine_finishing      (const char     *func_name,
                                               GError        **error);
void           _coro_coroutine_set_self       (CoroCoroutine  *co);
void           _coro_coroutine_run            (CoroCoroutine  *co);
gboolean       _coro_coroutine_check_active   (CoroCoroutine  *co,
                                               GError        **error);
void           _coro_coroutine_park           (CoroCoroutine  *co,
                                               const CoroWaitKind *kind,
                                               gboolean        cancellable,
                                               gpointer        cancel_data);
void           _coro_coroutine_complete_now   (CoroCoroutine  *co,
                                               gpointer        value,
                                               GDestroyNotify  value_destroy,
                                               GError         *error);
gboolean       _coro_coroutine_outcome        (CoroCoroutine  *co,
                                               gpointer       *value,
                                               GError        **error);
void           _coro_coroutine_wait           (CoroCoroutine  *co,
                                               gboolean        parked);
gboolean       _coro_coroutine_suspend        (CoroCoroutine  *co,
                                               const CoroWaitKind *kind,
                                               gboolean        cancellable,
                                               gpointer        cancel_data,
                                               gpointer       *value,
                                               GError        **error);
void           _coro_coroutine_resume         (CoroCoroutine  *co,
                                               guint64         wait_id,
                                               gpointer        value,
                                               GDestroyNotify  value_destroy,
                                               GError         *error);
void           _coro_coroutine_deliver_cancel (CoroCoroutine  *co);
CoroCoroutine *_coro_coroutine_new            (CoroJob        *parent,
                                               const CoroContext *context,
                                               CoroJobKind     kind,
                                               CoroFunc        func,
                                               gpointer        data,
                                               GDestroyNotify  data_destroy);
void           _coro_coroutine_start          (CoroCoroutine  *co);

/* wait queues, used by channels, mutexes and semaphores */
void           _coro_waiter_prepare           (CoroCoroutine  *co,
                                               gpointer        slot);
void           _coro_wait_queue_push          (CoroWaitQueue  *queue,
                                               CoroWaiter     *waiter);
CoroWaiter    *_coro_wait_queue_pop           (CoroWaitQueue  *queue);
void           _coro_wake_hold                (CoroWake       *wake,
                                               CoroWaiter     *waiter);
void           _coro_wake_resume              (CoroWake       *wake,
                                               gpointer        value,
                                               GDestroyNotify  value_destroy,
                                               GError         *error);
void           _coro_wait_queue_remove        (CoroWaitQueue  *queue,
                                               CoroWaiter     *waiter);

/* coro-debug.c */
void           _coro_debug_register           (CoroCoroutine  *co);
void           _coro_debug_unregister         (CoroCoroutine  *co);

G_END_DECLS
