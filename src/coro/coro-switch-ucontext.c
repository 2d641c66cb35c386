/* coro-switch-ucontext.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The portable fallback switch: makecontext once per fiber, then
 * swapcontext per switch. swapcontext saves and restores the signal mask
 * with two system calls, which makes a switch about twenty times slower
 * than the assembly one (coro-switch-asm.S); it is here for architectures
 * without one and so that the fallback can be tested (-Dfiber_switch=ucontext).
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "coro-stack-private.h"

/* makecontext passes int arguments only; a pointer travels as two halves. */
static void
coro_switch_ucontext_trampoline (unsigned int hi,
                                 unsigned int lo)
{
  CoroSwitchContext *ctx = (CoroSwitchContext *) (guintptr) (((guint64) hi << 32) | lo);

  ctx->entry (ctx->arg);

  /* Entries never return: there is no uc_link to go back to. */
  abort ();
}

void
_coro_switch_context_init (CoroSwitchContext *ctx,
                           CoroStack         *stack,
                           void              *top,
                           CoroSwitchEntry    entry,
                           void              *arg)
{
  guint64 bits = (guint64) (guintptr) ctx;

  if (getcontext (&ctx->uc) != 0)
    g_error ("getcontext failed: %s", g_strerror (errno));

  ctx->uc.uc_stack.ss_sp = stack->lo;
  ctx->uc.uc_stack.ss_size = (gsize) ((guint8 *) top - stack->lo);
  ctx->uc.uc_link = NULL;
  ctx->entry = entry;
  ctx->arg = arg;

  makecontext (&ctx->uc, (void (*) (void)) coro_switch_ucontext_trampoline, 2,
               (unsigned int) (bits >> 32), (unsigned int) (bits & 0xffffffffu));
}

void
_coro_switch_context_switch (CoroSwitchContext *from,
                             CoroSwitchContext *to)
{
  if (swapcontext (&from->uc, &to->uc) != 0)
    g_error ("swapcontext failed: %s", g_strerror (errno));
}
