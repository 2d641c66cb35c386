/* coro-stack-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-fiber-private.h"
#include "coro-switch-config.h"

#if CORO_FIBER_SWITCH_UCONTEXT
# include <ucontext.h>
#endif

/* Sanitizer detection: gcc defines __SANITIZE_*__, clang answers
 * __has_feature.
 */
#if defined(__SANITIZE_ADDRESS__)
# define CORO_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define CORO_ASAN 1
# endif
#endif
#ifndef CORO_ASAN
# define CORO_ASAN 0
#endif

#if defined(__SANITIZE_THREAD__)
# define CORO_TSAN 1
#elif defined(__has_feature)
# if __has_feature(thread_sanitizer)
#  define CORO_TSAN 1
# endif
#endif
#ifndef CORO_TSAN
# define CORO_TSAN 0
#endif

#if CORO_ASAN
# include <sanitizer/asan_interface.h>
# include <sanitizer/common_interface_defs.h>
# define CORO_NO_SANITIZE_ADDRESS __attribute__((no_sanitize_address))
#else
# define CORO_NO_SANITIZE_ADDRESS
#endif

#if CORO_TSAN
# include <sanitizer/tsan_interface.h>
#endif

G_BEGIN_DECLS

/* How the lowest page of a stack is kept from being written by an overflow. */
typedef enum
{
  CORO_STACK_GUARD_NONE,      /* canary only: the page is mapped read-write */
  CORO_STACK_GUARD_MADVISE,   /* MADV_GUARD_INSTALL: costs no VMA */
  CORO_STACK_GUARD_MPROTECT,  /* PROT_NONE: splits the mapping, 2 VMAs */
} CoroStackGuard;

/* Where an idle stack is kept (coro-stack.c). */
typedef enum
{
  CORO_STACK_IN_USE,
  CORO_STACK_WARM,            /* idle, keeps the pages it touched */
  CORO_STACK_COLD,            /* idle, pages given back to the kernel */
  CORO_STACK_TRIMMING,        /* idle, pages being given back: not reusable */
} CoroStackState;

typedef struct _CoroStackSlab CoroStackSlab;

/*
 * One stack, from low to high addresses:
 *
 *   map                 lo                                    lo + size
 *   | guard (one page)  | canary | ...... usable stack ...... |
 *
 * The stack grows down from lo + size. The guard page is always reserved,
 * even when it is not protected, so that a small overflow in canary-only
 * mode lands in memory we own and is caught by the canary check instead of
 * scribbling over a neighbour. The canary is only written on stacks whose
 * guard page is not protected: a protected one already catches the
 * overflow, and writing the canary would touch a second page.
 *
 * Default-size stacks are slots of a slab (one mapping holding many of
 * them, each with its own guard page); other sizes get a mapping each and
 * a NULL slab.
 */
typedef struct _CoroStack CoroStack;
struct _CoroStack
{
  guint8         *map;
  gsize           map_size;
  guint8         *lo;
  gsize           size;
  CoroStackGuard  guard;
  CoroStackState  state;
  guint           valgrind_id;
  CoroStackSlab  *slab;
  CoroStack      *prev_idle;
  CoroStack      *next_idle;
};

/* 128 bytes rather than a word: an overflowing frame leaves its padding
 * and uninitialised locals unwritten, and the canary must not fit in such
 * a gap.
 */
#define CORO_STACK_CANARY_WORDS 16

static inline guintptr
_coro_stack_canary_word (const CoroStack *stack,
                         guint            i)
{
  /* Depends on the address so that a stack copied over another does not
   * look intact.
   */
  return ((guintptr) G_GUINT64_CONSTANT (0xc0de5eed5afe57ac)) ^ ((guintptr) stack->lo + i);
}

/* Not instrumented: after an overflow the canary lies under a frame's
 * poisoned redzone, and the scheduler must still be able to look at it.
 */
CORO_NO_SANITIZE_ADDRESS
static inline gboolean
_coro_stack_canary_intact (const CoroStack *stack)
{
  const volatile guintptr *words = (const volatile guintptr *) (gpointer) stack->lo;
  guint i;

  for (i = 0; i < CORO_STACK_CANARY_WORDS; i++)
    if (words[i] != _coro_stack_canary_word (stack, i))
      return FALSE;

  return TRUE;
}

CoroStack      *_coro_stack_pool_acquire  (CoroStackPool *pool,
                                           gsize          size);
void            _coro_stack_pool_release  (CoroStackPool *pool,
                                           CoroStack     *stack);

/*
 * The switch. A context is what a suspended side of a switch leaves behind:
 * the saved stack pointer for the assembly switch (the registers themselves
 * are pushed on the suspended stack), a whole ucontext_t for the fallback.
 */
typedef void (*CoroSwitchEntry) (void *arg);

#if CORO_FIBER_SWITCH_ASM

typedef struct
{
  void *sp;
} CoroSwitchContext;

/* Implemented in coro-switch-asm.S; the register contract is described there. */
void  _coro_switch_asm      (void          **save_sp,
                             void           *new_sp);
void *_coro_switch_asm_init (void           *stack_top,
                             CoroSwitchEntry entry,
                             void           *arg);

/* TOP is where the fiber's frames start, at most lo + size: the fiber
 * layer keeps its own bookkeeping above it.
 */
static inline void
_coro_switch_context_init (CoroSwitchContext *ctx,
                           CoroStack         *stack,
                           void              *top,
                           CoroSwitchEntry    entry,
                           void              *arg)
{
  ctx->sp = _coro_switch_asm_init ((void *) ((guintptr) top & ~(guintptr) 15), entry, arg);
}

static inline void
_coro_switch_context_switch (CoroSwitchContext *from,
                             CoroSwitchContext *to)
{
  _coro_switch_asm (&from->sp, to->sp);
}

#elif CORO_FIBER_SWITCH_UCONTEXT

typedef struct
{
  ucontext_t      uc;
  CoroSwitchEntry entry;
  void           *arg;
} CoroSwitchContext;

/* Implemented in coro-switch-ucontext.c. */
void _coro_switch_context_init   (CoroSwitchContext *ctx,
                                  CoroStack         *stack,
                                  void              *top,
                                  CoroSwitchEntry    entry,
                                  void              *arg);
void _coro_switch_context_switch (CoroSwitchContext *from,
                                  CoroSwitchContext *to);

#else
# error "no fiber switch configured"
#endif

G_END_DECLS
