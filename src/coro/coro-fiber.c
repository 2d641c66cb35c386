/* coro-fiber.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Fibers: resume, suspend and exit, with the bookkeeping the tools need.
 *
 * - Each thread keeps its scheduler context and its running fiber in
 *   thread-local storage, so fibers on different threads never meet.
 * - Overflow: the guard page under every stack (coro-stack-guard.c) faults, and a
 *   process-wide SIGSEGV handler, running on a per-thread sigaltstack,
 *   checks whether the fault hit the running fiber's guard page. If so it
 *   names the coroutine with write(2) and aborts; any other fault goes to
 *   the handler that was there before. Stacks without a protected guard
 *   page (canary only) are caught by the canary check done by the
 *   scheduler after every switch back to it.
 * - AddressSanitizer: every switch is announced with
 *   __sanitizer_start_switch_fiber and confirmed with
 *   __sanitizer_finish_switch_fiber; the scheduler's stack bounds are
 *   learnt from the confirmation on the fiber side. Our SIGSEGV handler is
 *   installed after ASan's, so an overflow is reported by us and not as
 *   ASan's "stack-overflow"; with allow_user_segv_handler=0 ASan keeps the
 *   signal and reports it itself. Both abort.
 * - ThreadSanitizer: one TSan fiber per fiber, and a synchronising switch
 *   (flag 0), which is what cooperative scheduling on one thread means.
 * - valgrind: stacks are registered in coro-stack.c.
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coro-stack-private.h"

struct _CoroFiber
{
  CoroSwitchContext  ctx;
  CoroStack         *stack;
  CoroStackPool     *pool;
  const char        *name;
  CoroFiberFunc      func;
  gpointer           data;
  /* The thread that first resumed the fiber; it may not run anywhere
   * else, since code on its stack may have cached thread-local addresses.
   */
  gconstpointer      thread;
  gboolean           finished;
#if CORO_ASAN
  void              *asan_fake_stack;
#endif
#if CORO_TSAN
  void              *tsan_fiber;
#endif
};

/* Per-thread scheduler side of the star. */
typedef struct
{
  CoroFiber         *current;
  CoroSwitchContext  sched_ctx;
  gboolean           signals_ready;
#if CORO_ASAN
  const void        *sched_stack_bottom;
  size_t             sched_stack_size;
#endif
#if CORO_TSAN
  void              *sched_tsan_fiber;
#endif
} CoroThread;

static _Thread_local CoroThread coro_thread;

/* Lets the abort paths name a coroutine without allocating. */
static void
coro_write_str (const char *s)
{
  size_t len = 0;

  while (s[len] != '\0')
    len++;

  while (len > 0)
    {
      ssize_t n = write (STDERR_FILENO, s, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;
      s += n;
      len -= (size_t) n;
    }
}

static void
coro_write_uint (gsize value)
{
  char buf[32];
  char *p = buf + sizeof buf - 1;

  *p = '\0';
  do
    {
      *--p = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value != 0);

  coro_write_str (p);
}

/* Async-signal-safe: called from the SIGSEGV handler too. */
G_GNUC_NORETURN static void
coro_fiber_report_overflow (const CoroFiber *fiber)
{
  coro_write_str ("coroutine '");
  coro_write_str (fiber->name != NULL ? fiber->name : "(unnamed)");
  coro_write_str ("' overflowed its stack (");
  coro_write_uint (fiber->stack->size / 1024);
  coro_write_str (" KiB)\n");
  abort ();
}

/* Overflow detection by guard page. */

static struct sigaction coro_prev_segv_action;

static void
coro_segv_handler (int        sig,
                   siginfo_t *info,
                   void      *ucontext)
{
  const CoroFiber *fiber = coro_thread.current;

  if (fiber != NULL && info != NULL)
    {
      const guint8 *addr = info->si_addr;

      /* Only the running fiber can run off the bottom of its stack. */
      if (addr >= fiber->stack->map && addr < fiber->stack->lo)
        coro_fiber_report_overflow (fiber);
    }

  /* Not ours: behave as if we had never been installed. */
  if (coro_prev_segv_action.sa_flags & SA_SIGINFO)
    {
      coro_prev_segv_action.sa_sigaction (sig, info, ucontext);
    }
  else if (coro_prev_segv_action.sa_handler == SIG_DFL ||
           coro_prev_segv_action.sa_handler == SIG_IGN)
    {
      /* Returning re-runs the faulting instruction, which now takes the
       * default action and leaves a core as usual. SIGSEGV cannot be
       * ignored meaningfully for a real fault.
       */
      struct sigaction dfl;
      int saved_errno = errno;

      memset (&dfl, 0, sizeof dfl);
      dfl.sa_handler = SIG_DFL;
      sigemptyset (&dfl.sa_mask);
      sigaction (sig, &dfl, NULL);
      errno = saved_errno;
    }
  else
    {
      coro_prev_segv_action.sa_handler (sig);
    }
}

static gpointer
coro_install_segv_handler (gpointer unused)
{
  struct sigaction action;

  memset (&action, 0, sizeof action);
  action.sa_sigaction = coro_segv_handler;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset (&action.sa_mask);

  if (sigaction (SIGSEGV, &action, &coro_prev_segv_action) != 0)
    g_warning ("could not install the coroutine stack overflow handler: %s",
               g_strerror (errno));

  return NULL;
}

/* The handler runs on an alternate stack, since the faulting one is full.
 * sigaltstack is per thread: each thread that resumes fibers gets one the
 * first time, unless it already has one (ASan installs its own, for
 * example), and ours is released when the thread exits.
 */
#define CORO_ALTSTACK_SIZE (64 * 1024)

static void
coro_altstack_free (gpointer data)
{
  stack_t current;

  if (sigaltstack (NULL, &current) == 0 && current.ss_sp == data)
    {
      stack_t disable;

      memset (&disable, 0, sizeof disable);
      disable.ss_flags = SS_DISABLE;
      sigaltstack (&disable, NULL);
    }

  g_free (data);
}

static GPrivate coro_altstack_private = G_PRIVATE_INIT (coro_altstack_free);

static void
coro_thread_setup_signals (void)
{
  static GOnce handler_once = G_ONCE_INIT;
  stack_t current;

  g_once (&handler_once, coro_install_segv_handler, NULL);

  if (sigaltstack (NULL, &current) == 0 && (current.ss_flags & SS_DISABLE))
    {
      stack_t alt;

      alt.ss_sp = g_malloc (CORO_ALTSTACK_SIZE);
      alt.ss_size = CORO_ALTSTACK_SIZE;
      alt.ss_flags = 0;
      if (sigaltstack (&alt, NULL) == 0)
        g_private_set (&coro_altstack_private, alt.ss_sp);
      else
        g_free (alt.ss_sp);
    }

  coro_thread.signals_ready = TRUE;
}

/* Canary check, at every switch back to the scheduler, on stacks that
 * have no protected guard page to fault on.
 */
static inline void
coro_fiber_check_stack (CoroFiber *fiber)
{
  if (G_UNLIKELY (fiber->stack->guard == CORO_STACK_GUARD_NONE &&
                  !_coro_stack_canary_intact (fiber->stack)))
    coro_fiber_report_overflow (fiber);
}

/* First code run on a fresh fiber stack. */
G_GNUC_NORETURN static void
coro_fiber_entry (void *arg)
{
  CoroFiber *fiber = arg;
  CoroThread *thread = &coro_thread;

#if CORO_ASAN
  /* Learn the scheduler's stack bounds for the switches back. */
  __sanitizer_finish_switch_fiber (NULL, &thread->sched_stack_bottom,
                                   &thread->sched_stack_size);
#endif

  fiber->func (fiber->data);
  fiber->finished = TRUE;

#if CORO_ASAN
  /* NULL: this stack is left for good, ASan may forget its frames. */
  __sanitizer_start_switch_fiber (NULL, thread->sched_stack_bottom,
                                  thread->sched_stack_size);
#endif
#if CORO_TSAN
  __tsan_switch_to_fiber (thread->sched_tsan_fiber, 0);
#endif

  _coro_switch_context_switch (&fiber->ctx, &thread->sched_ctx);
  g_assert_not_reached ();
}

/* The fiber lives at the top of its own stack, above its first frame: the
 * page is touched by the first frame anyway, and a parked fiber then costs
 * that page and nothing else. Rounded to a cache line.
 */
#define CORO_FIBER_RESERVED ((sizeof (CoroFiber) + 63) & ~(gsize) 63)

CoroFiber *
_coro_fiber_new (CoroStackPool *pool,
                 gsize          stack_size,
                 const char    *name,
                 CoroFiberFunc  func,
                 gpointer       data)
{
  CoroStack *stack;
  CoroFiber *fiber;

  g_return_val_if_fail (pool != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  stack = _coro_stack_pool_acquire (pool, stack_size);
  fiber = (CoroFiber *) (gpointer) (stack->lo + stack->size - CORO_FIBER_RESERVED);
  fiber->stack = stack;
  fiber->pool = pool;
  fiber->name = name;
  fiber->func = func;
  fiber->data = data;
  fiber->thread = NULL;
  fiber->finished = FALSE;
#if CORO_ASAN
  fiber->asan_fake_stack = NULL;
#endif
#if CORO_TSAN
  fiber->tsan_fiber = __tsan_create_fiber (0);
#endif

  _coro_switch_context_init (&fiber->ctx, stack, fiber, coro_fiber_entry, fiber);

  return fiber;
}

void
_coro_fiber_set_name (CoroFiber  *fiber,
                      const char *name)
{
  g_return_if_fail (fiber != NULL);

  fiber->name = name;
}

void
_coro_fiber_resume (CoroFiber *fiber)
{
  CoroThread *thread = &coro_thread;
#if CORO_ASAN
  void *fake_stack = NULL;
#endif

  g_return_if_fail (fiber != NULL);
  g_return_if_fail (!fiber->finished);

  if (G_UNLIKELY (thread->current != NULL))
    {
      g_critical ("%s: called from inside coroutine '%s'; fibers are resumed "
                  "from the thread's own stack only", G_STRFUNC,
                  thread->current->name != NULL ? thread->current->name : "(unnamed)");
      return;
    }

  if (G_UNLIKELY (fiber->thread != thread))
    {
      if (fiber->thread != NULL)
        {
          g_critical ("%s: coroutine '%s' was started on another thread; a fiber "
                      "never moves between threads", G_STRFUNC,
                      fiber->name != NULL ? fiber->name : "(unnamed)");
          return;
        }
      fiber->thread = thread;
    }

  if (G_UNLIKELY (!thread->signals_ready))
    coro_thread_setup_signals ();

#if CORO_TSAN
  if (thread->sched_tsan_fiber == NULL)
    thread->sched_tsan_fiber = __tsan_get_current_fiber ();
#endif

  thread->current = fiber;

#if CORO_ASAN
  __sanitizer_start_switch_fiber (&fake_stack, fiber->stack->lo, fiber->stack->size);
#endif
#if CORO_TSAN
  __tsan_switch_to_fiber (fiber->tsan_fiber, 0);
#endif

  _coro_switch_context_switch (&thread->sched_ctx, &fiber->ctx);

#if CORO_ASAN
  __sanitizer_finish_switch_fiber (fake_stack, NULL, NULL);
#endif

  thread->current = NULL;
  coro_fiber_check_stack (fiber);
}

void
_coro_fiber_suspend (void)
{
  CoroThread *thread = &coro_thread;
  CoroFiber *fiber = thread->current;

  if (G_UNLIKELY (fiber == NULL))
    {
      g_critical ("%s: not called from inside a coroutine", G_STRFUNC);
      return;
    }

#if CORO_ASAN
  __sanitizer_start_switch_fiber (&fiber->asan_fake_stack, thread->sched_stack_bottom,
                                  thread->sched_stack_size);
#endif
#if CORO_TSAN
  __tsan_switch_to_fiber (thread->sched_tsan_fiber, 0);
#endif

  _coro_switch_context_switch (&fiber->ctx, &thread->sched_ctx);

#if CORO_ASAN
  __sanitizer_finish_switch_fiber (fiber->asan_fake_stack, &thread->sched_stack_bottom,
                                   &thread->sched_stack_size);
#endif
}

CoroFiber *
_coro_fiber_self (void)
{
  return coro_thread.current;
}

gboolean
_coro_fiber_is_finished (CoroFiber *fiber)
{
  g_return_val_if_fail (fiber != NULL, FALSE);

  return fiber->finished;
}

void
_coro_fiber_free (CoroFiber *fiber)
{
  if (fiber == NULL)
    return;

  if (G_UNLIKELY (fiber == coro_thread.current))
    {
      g_critical ("%s: coroutine '%s' cannot free itself", G_STRFUNC,
                  fiber->name != NULL ? fiber->name : "(unnamed)");
      return;
    }

#if CORO_TSAN
  __tsan_destroy_fiber (fiber->tsan_fiber);
#endif

  /* A fiber freed while suspended is simply abandoned: nothing more runs on
   * its stack, and the pool cleans the stack's sanitizer state. The fiber
   * itself goes with the stack.
   */
  _coro_stack_pool_release (fiber->pool, fiber->stack);
}
