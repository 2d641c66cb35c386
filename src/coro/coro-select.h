/* coro-select.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

/**
 * CoroSelectKind:
 * @CORO_SELECT_RECEIVE: fires with an element of @channel; a closed
 *   channel fails the select, as kotlinx's `onReceive`
 * @CORO_SELECT_RECEIVE_CATCHING: fires with an element of @channel, or
 *   with #CoroSelectResult.closed once it is closed and drained
 *   (`onReceiveCatching`)
 * @CORO_SELECT_SEND: fires once @channel took @element (`onSend`); a
 *   closed channel fails the select
 * @CORO_SELECT_AWAIT: fires when the deferred @job completes, with its
 *   result; its failure fails the select (`onAwait`)
 * @CORO_SELECT_JOIN: fires when @job is final (`onJoin`)
 * @CORO_SELECT_TIMEOUT: fires after @timeout_ms on the dispatcher's
 *   clock, at once if it is 0 or less (`onTimeout`)
 *
 * What a #CoroSelectClause waits for.
 */
typedef enum
{
  CORO_SELECT_RECEIVE,
  CORO_SELECT_RECEIVE_CATCHING,
  CORO_SELECT_SEND,
  CORO_SELECT_AWAIT,
  CORO_SELECT_JOIN,
  CORO_SELECT_TIMEOUT,
} CoroSelectKind;

/**
 * CoroSelectClause:
 * @kind: what the clause waits for
 * @channel: the channel of a receive or send clause; the select keeps a
 *   reference while it waits
 * @element: (transfer full): what a send clause sends. The select consumes
 *   it: if the clause does not fire, it is freed with the channel's element
 *   destroy function, as a failed coro_channel_send() does; so each send
 *   clause needs an element of its own.
 * @job: the job of a join clause, the deferred of an await clause
 * @timeout_ms: the delay of a timeout clause
 *
 * One clause of coro_select(); the CORO_ON_RECEIVE() family of macros
 * writes them. An await or join clause starts a lazy job, as
 * coro_deferred_await() does.
 */
typedef struct
{
  CoroSelectKind  kind;
  CoroChannel    *channel;
  gpointer        element;
  CoroJob        *job;
  gint64          timeout_ms;
} CoroSelectClause;

/**
 * CORO_ON_RECEIVE:
 * @ch: a #CoroChannel
 *
 * A %CORO_SELECT_RECEIVE clause, as a compound literal.
 */
#define CORO_ON_RECEIVE(ch) \
  ((CoroSelectClause) { .kind = CORO_SELECT_RECEIVE, .channel = (ch) })

/**
 * CORO_ON_RECEIVE_CATCHING:
 * @ch: a #CoroChannel
 *
 * A %CORO_SELECT_RECEIVE_CATCHING clause, as a compound literal.
 */
#define CORO_ON_RECEIVE_CATCHING(ch) \
  ((CoroSelectClause) { .kind = CORO_SELECT_RECEIVE_CATCHING, .channel = (ch) })

/**
 * CORO_ON_SEND:
 * @ch: a #CoroChannel
 * @elem: (transfer full): the element to send, consumed by the select
 *
 * A %CORO_SELECT_SEND clause, as a compound literal.
 */
#define CORO_ON_SEND(ch, elem) \
  ((CoroSelectClause) { .kind = CORO_SELECT_SEND, .channel = (ch), .element = (elem) })

/**
 * CORO_ON_AWAIT:
 * @deferred: a #CoroDeferred
 *
 * A %CORO_SELECT_AWAIT clause, as a compound literal.
 */
#define CORO_ON_AWAIT(deferred) \
  ((CoroSelectClause) { .kind = CORO_SELECT_AWAIT, .job = (deferred) })

/**
 * CORO_ON_JOIN:
 * @j: a #CoroJob
 *
 * A %CORO_SELECT_JOIN clause, as a compound literal.
 */
#define CORO_ON_JOIN(j) \
  ((CoroSelectClause) { .kind = CORO_SELECT_JOIN, .job = (j) })

/**
 * CORO_ON_TIMEOUT:
 * @ms: the timeout in milliseconds
 *
 * A %CORO_SELECT_TIMEOUT clause, as a compound literal.
 */
#define CORO_ON_TIMEOUT(ms) \
  ((CoroSelectClause) { .kind = CORO_SELECT_TIMEOUT, .timeout_ms = (ms) })

/**
 * CoroSelectResult:
 * @index: the position of the clause that fired
 * @value: a receive clause's element (transfer full), or an await clause's
 *   result (transfer none, owned by the deferred); %NULL otherwise
 * @closed: a receive-catching clause found its channel closed (and
 *   drained, or cancelled); @value is %NULL then
 *
 * Which clause of coro_select() fired, and with what.
 */
typedef struct
{
  guint    index;
  gpointer value;
  gboolean closed;
} CoroSelectResult;

/**
 * coro_select:
 * @clauses: (array length=n_clauses): what to wait for; the array is copied
 * @n_clauses: how many, at least one
 * @result: (out caller-allocates): which clause fired, and with what
 * @error: return location for a #GError
 *
 * Suspends the calling coroutine until one of @clauses can fire, fires
 * exactly that one and withdraws the others: kotlinx's `select`. It is
 * biased like kotlinx's: when several clauses can fire at once, the first
 * of them in @clauses wins; coro_select_unbiased() picks at random. A
 * clause that a channel or job on another thread completes at the same
 * moment as another loses cleanly: a losing receive takes nothing, a losing
 * send gives nothing.
 *
 * Cancellable: cancelling the caller withdraws every clause and fails with
 * the cancellation. A receive clause on a closed channel, a send clause on
 * a closed one and an await clause on a failed deferred fail the select
 * with that error.
 *
 * Returns: %TRUE with @result filled in
 */
gboolean coro_select                (const CoroSelectClause *clauses,
                                     guint                   n_clauses,
                                     CoroSelectResult       *result,
                                     GError                **error);

/**
 * coro_select_unbiased:
 * @clauses: (array length=n_clauses): what to wait for; the array is copied
 * @n_clauses: how many, at least one
 * @result: (out caller-allocates): which clause fired, and with what
 * @error: return location for a #GError
 *
 * coro_select() with the clauses tried in a random order, so that among
 * clauses that can fire at once each gets its turn: kotlinx's
 * `selectUnbiased`. Suspends the calling coroutine.
 *
 * Returns: %TRUE with @result filled in
 */
gboolean coro_select_unbiased       (const CoroSelectClause *clauses,
                                     guint                   n_clauses,
                                     CoroSelectResult       *result,
                                     GError                **error);

/**
 * coro_select_begin:
 * @clauses: (array length=n_clauses): what to wait for; the array is copied
 * @n_clauses: how many, at least one
 *
 * The stackless form of coro_select(); see #CoroStepFunc.
 *
 * Returns: %TRUE if the body must return %CORO_STEP_SUSPENDED before
 *   calling coro_select_finish()
 */
gboolean coro_select_begin          (const CoroSelectClause *clauses,
                                     guint                   n_clauses) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_select_unbiased_begin:
 * @clauses: (array length=n_clauses): what to wait for; the array is copied
 * @n_clauses: how many, at least one
 *
 * The stackless form of coro_select_unbiased(); see #CoroStepFunc.
 *
 * Returns: %TRUE if the body must return %CORO_STEP_SUSPENDED before
 *   calling coro_select_finish()
 */
gboolean coro_select_unbiased_begin (const CoroSelectClause *clauses,
                                     guint                   n_clauses) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_select_finish:
 * @result: (out caller-allocates): which clause fired, and with what
 * @error: return location for a #GError
 *
 * Takes the outcome of coro_select_begin() or coro_select_unbiased_begin(),
 * once the stackless coroutine has resumed. Does not suspend.
 *
 * Returns: %TRUE with @result filled in, as coro_select()
 */
gboolean coro_select_finish         (CoroSelectResult       *result,
                                     GError                **error);

G_END_DECLS
