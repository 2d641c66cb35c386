/* coro-stack-pool-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The insides of a stack pool, shared by the files that make it up:
 * coro-stack.c (the pool and its slabs), coro-stack-helper.c (the helper
 * thread) and coro-stack-guard.c (guard pages, process_madvise).
 * Nothing outside those three includes it.
 */

#pragma once

#include <glib.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "coro-stack-private.h"

/* Linux 6.13 added guard regions and 5.14 MADV_POPULATE_WRITE; Debian
 * 12's headers predate the first.
 */
#ifndef MADV_GUARD_INSTALL
# define MADV_GUARD_INSTALL 102
#endif
#ifndef MADV_POPULATE_WRITE
# define MADV_POPULATE_WRITE 23
#endif

G_BEGIN_DECLS

/* Slab sizes, in slots. */
#define CORO_STACK_SLAB_MIN_SLOTS 16
#define CORO_STACK_SLAB_MAX_SLOTS 1024

/* Guard regions are installed, and top pages populated, for a batch of
 * this many slots at a time.
 */
#define CORO_STACK_BATCH     64
#define CORO_STACK_N_BATCHES (CORO_STACK_SLAB_MAX_SLOTS / CORO_STACK_BATCH)

/* Warm stacks kept by a pool; once LOW_WATER + TRIM_BATCH are warm, the
 * oldest TRIM_BATCH of them go cold.
 */
#define CORO_STACK_POOL_LOW_WATER  64
#define CORO_STACK_POOL_TRIM_BATCH 64

/* The helper prepares slabs of at least this many slots (a pool's fifth
 * slab on), at most LOOKAHEAD slots ahead of the pool.
 */
#define CORO_STACK_HELPER_MIN_SLOTS 256
#define CORO_STACK_HELPER_LOOKAHEAD 256
#define CORO_STACK_HELPER_IDLE_USEC (2 * G_USEC_PER_SEC)

/* Work for the helper thread. */
typedef enum
{
  CORO_STACK_JOB_PREPARE,
  CORO_STACK_JOB_UNMAP,
  CORO_STACK_JOB_TRIM,
} CoroStackJobKind;

typedef struct
{
  GList            link;     /* in the helper's queue; data is the container */
  CoroStackJobKind kind;
  CoroStackPool   *pool;
} CoroStackJob;

/* The stacks of a trim batch, and the ranges to drop. */
typedef struct _CoroStackTrim CoroStackTrim;
struct _CoroStackTrim
{
  CoroStackJob   job;
  CoroStackTrim *next_done;
  gsize          n_stacks;
  gsize         n_iov;
  CoroStack     *stacks[CORO_STACK_POOL_TRIM_BATCH];
  struct iovec   iov[CORO_STACK_POOL_TRIM_BATCH];
};

/* What the helper does with a slab's preparation; changed under the
 * helper's lock, read atomically.
 */
enum
{
  CORO_STACK_PREP_IDLE,       /* not given to the helper, or left by it */
  CORO_STACK_PREP_QUEUED,
  CORO_STACK_PREP_BUSY,
  CORO_STACK_PREP_GAVE_UP,    /* the helper cannot prepare slots here */
};

/* Who settles a batch of a slab (atomic). */
enum
{
  CORO_STACK_BATCH_UNCLAIMED,
  CORO_STACK_BATCH_GUARDING,    /* the helper installs its guard regions */
  CORO_STACK_BATCH_POPULATING,  /* guards are in, the helper populates */
  CORO_STACK_BATCH_READY,       /* guards are in, top pages populated */
  CORO_STACK_BATCH_POOL,        /* the pool settles it */
};

struct _CoroStackSlab
{
  guint8        *map;
  gsize          map_size;
  CoroStackSlab *prev;
  CoroStackSlab *next;
  guint          n_slots;
  /* Slots below n_handed_out have been handed out at least once (written
   * by the pool, read by the helper); slots below n_described have their
   * descriptor filled in and their guard settled.
   */
  int            n_handed_out;
  guint          n_described;
  guint          n_in_use;
  guint          n_warm;
  /* Stacks of this slab in a trim job the helper has not finished. */
  guint          n_trimming;
  /* The helper's side: one job, to prepare the slab, then to unmap it. */
  CoroStackJob   job;
  int            prep_state;
  int            prep_cancel;
  int            prep_waiting;
  int            batches[CORO_STACK_N_BATCHES];
  CoroStack      slots[];
};

typedef struct
{
  CoroStack *head;
  CoroStack *tail;
  guint      length;
} CoroStackList;

struct _CoroStackPool
{
  CoroStackList  warm;
  CoroStackList  cold;
  CoroStackSlab *slabs;
  /* The newest slab while it still has untouched slots. */
  CoroStackSlab *fresh;
  guint          next_slab_slots;
  /* Stacks of every size handed out and not yet released. */
  guint          n_in_use;
  /* Unmap and trim jobs given to the helper and not finished, and the
   * finished trims not taken back yet: under the helper's lock, with
   * has_trimmed set atomically so the pool can look without it.
   */
  guint          n_jobs;
  CoroStackTrim *trimmed;
  int            has_trimmed;
};

static inline gsize
_coro_stack_page_size (void)
{
  return (gsize) sysconf (_SC_PAGESIZE);
}

/* Slab geometry. */

static inline gsize
_coro_stack_slot_size (void)
{
  return _coro_stack_page_size () + CORO_FIBER_DEFAULT_STACK_SIZE;
}

static inline guint8 *
_coro_stack_slab_guard_page (CoroStackSlab *slab,
                             guint          i)
{
  return slab->map + (gsize) i * _coro_stack_slot_size ();
}

static inline guint8 *
_coro_stack_slab_top_page (CoroStackSlab *slab,
                           guint          i)
{
  return slab->map + (gsize) (i + 1) * _coro_stack_slot_size () - _coro_stack_page_size ();
}

/* coro-stack-guard.c */
extern int _coro_stack_vector_guard_ok;

CoroStackGuard  _coro_stack_preferred_guard      (void);
CoroStackGuard  _coro_stack_install_guard        (guint8        *page,
                                                  gsize          len);
void            _coro_stack_forget_guard         (CoroStack     *stack);
int             _coro_stack_open_self            (void);
gsize           _coro_stack_madvise_vector       (int            pidfd,
                                                  struct iovec  *iov,
                                                  gsize          n_iov,
                                                  int            advice);
void            _coro_stack_dontneed             (int            pidfd,
                                                  struct iovec  *iov,
                                                  gsize          n_iov);

/* coro-stack-helper.c */
void            _coro_stack_helper_lock          (void);
void            _coro_stack_helper_unlock        (void);
gboolean        _coro_stack_helper_wait          (gint64         deadline);
gboolean        _coro_stack_helper_push_pool_job (CoroStackPool *pool,
                                                  CoroStackJob  *job,
                                                  gpointer       container);
void            _coro_stack_helper_prepare_slab  (CoroStackSlab *slab);
void            _coro_stack_helper_nudge         (CoroStackSlab *slab,
                                                  guint          i);
void            _coro_stack_helper_take_back     (CoroStackSlab *slab);

G_END_DECLS
