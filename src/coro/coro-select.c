/* coro-select.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-select.h"

#include "coro-dispatcher-private.h"
#include "coro-error.h"
#include "coro-job-private.h"
#include "coro-select-private.h"

/*
 * kotlinx's select on the ordinary waiter mechanics. Each clause gets a
 * waiter of its own, queued on its channel (or listening on its job, or
 * the coroutine's timer), all under the single wait id the coroutine parks
 * with. Whoever wants to complete a clause first claims the select: the
 * first claim wins and the others find the select taken, so a channel
 * drops such a waiter and serves the next one, and no element is handed to
 * a select that will not take it. Claims go through one lock, so that a
 * select registering a clause can claim itself and a waiting select on the
 * other side of the same channel at once, or neither.
 *
 * Once resumed (or cancelled), the select withdraws every clause that is
 * still registered, and frees the elements of the send clauses that did
 * not fire.
 */

#define UNDECIDED (-1)
#define CANCELLED (-2)

typedef struct
{
  CoroSelectClause clause;
  CoroWaiter       waiter;
  gboolean         listening;   /* a join or await clause's listener is on */
} Entry;

struct _CoroSelect
{
  gint           ref_count;
  gint           winner;          /* under select_lock: a clause, or the above */
  CoroCoroutine *co;
  guint64        wait_id;
  gint           timer_entry;     /* the clause co->timer is for, or -1 */
  guint          n_entries;
  Entry          entries[];
};

static GMutex select_lock;

static gint
entry_index (CoroWaiter *waiter)
{
  Entry *entry = G_STRUCT_MEMBER_P (waiter, -G_STRUCT_OFFSET (Entry, waiter));

  return entry - waiter->select->entries;
}

static void
select_unref (gpointer data)
{
  CoroSelect *self = data;

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  for (guint i = 0; i < self->n_entries; i++)
    {
      CoroSelectClause *clause = &self->entries[i].clause;

      g_clear_pointer (&clause->channel, coro_channel_unref);
      g_clear_pointer (&clause->job, coro_job_unref);
    }
  coro_job_unref (&self->co->job);
  g_free (self);
}

/* Claims the selects of @mine (a clause being registered) and @other (a
 * waiter found in a queue), both or neither; either may be NULL or a plain
 * waiter. Winning @other's select takes a reference that
 * _coro_select_resume() drops. */
CoroClaim
_coro_select_claim (CoroWaiter *mine,
                    CoroWaiter *other)
{
  CoroSelect *a = mine != NULL ? mine->select : NULL;
  CoroSelect *b = other != NULL ? other->select : NULL;
  CoroClaim claim = CORO_CLAIM_WON;

  if (a != NULL && a == b)
    return CORO_CLAIM_SKIP;
  if (a == NULL && b == NULL)
    return CORO_CLAIM_WON;

  g_mutex_lock (&select_lock);
  if (a != NULL && a->winner != UNDECIDED)
    claim = CORO_CLAIM_MINE_LOST;
  else if (b != NULL && b->winner != UNDECIDED)
    claim = CORO_CLAIM_OTHER_LOST;
  else
    {
      if (a != NULL)
        a->winner = entry_index (mine);
      if (b != NULL)
        {
          b->winner = entry_index (other);
          g_atomic_int_inc (&b->ref_count);
        }
    }
  g_mutex_unlock (&select_lock);

  return claim;
}

/* Completes a select whose clause @waiter was claimed. */
void
_coro_select_resume (CoroWaiter     *waiter,
                     gpointer        value,
                     GDestroyNotify  value_destroy,
                     GError         *error)
{
  CoroSelect *self = waiter->select;

  _coro_coroutine_resume (self->co, self->wait_id, value, value_destroy, error);
  select_unref (self);
}

static gint
get_winner (CoroSelect *self)
{
  gint winner;

  g_mutex_lock (&select_lock);
  winner = self->winner;
  g_mutex_unlock (&select_lock);

  return winner;
}

static void
job_done (CoroJob  *job,
          gpointer  data)
{
  CoroWaiter *waiter = data;
  CoroSelect *self = waiter->select;

  if (_coro_select_claim (NULL, waiter) == CORO_CLAIM_WON)
    _coro_select_resume (waiter, NULL, NULL, NULL);
  select_unref (self);   /* the listener's */
}

static void
timer_fire (CoroTimer *timer)
{
  CoroCoroutine *co = G_STRUCT_MEMBER_P (timer, -G_STRUCT_OFFSET (CoroCoroutine, timer));
  CoroSelect *self = co->wait_cancel_data;
  CoroWaiter *waiter = &self->entries[self->timer_entry].waiter;

  if (_coro_select_claim (NULL, waiter) == CORO_CLAIM_WON)
    _coro_select_resume (waiter, NULL, NULL, NULL);
}

/* Takes back every clause that is still registered; may run twice (a
 * cancellation, then the finish). */
static void
withdraw (CoroSelect *self)
{
  for (guint i = 0; i < self->n_entries; i++)
    {
      Entry *entry = &self->entries[i];

      switch (entry->clause.kind)
        {
        case CORO_SELECT_RECEIVE:
        case CORO_SELECT_RECEIVE_CATCHING:
        case CORO_SELECT_SEND:
          _coro_channel_select_withdraw (entry->clause.channel, &entry->waiter,
                                         entry->clause.kind == CORO_SELECT_SEND);
          break;

        case CORO_SELECT_AWAIT:
        case CORO_SELECT_JOIN:
          if (entry->listening &&
              _coro_job_remove_listener (entry->clause.job, job_done, &entry->waiter))
            select_unref (self);
          entry->listening = FALSE;
          break;

        case CORO_SELECT_TIMEOUT:
        default:
          break;
        }
    }

  if (self->timer_entry >= 0)
    _coro_dispatcher_remove_timer (self->co->executor, &self->co->timer);
}

static void
select_cancel (CoroCoroutine *co,
               gpointer       data)
{
  CoroSelect *self = data;

  g_mutex_lock (&select_lock);
  if (self->winner == UNDECIDED)
    self->winner = CANCELLED;
  g_mutex_unlock (&select_lock);

  withdraw (self);
}

static CoroSelect *
select_new (CoroCoroutine          *co,
            const CoroSelectClause *clauses,
            guint                   n_clauses)
{
  CoroSelect *self = g_malloc0 (sizeof (CoroSelect) + n_clauses * sizeof (Entry));

  self->ref_count = 1;
  self->winner = UNDECIDED;
  self->co = (CoroCoroutine *) coro_job_ref (&co->job);
  self->wait_id = co->wait_id + 1;   /* the id _coro_coroutine_park() will use */
  self->timer_entry = -1;
  self->n_entries = n_clauses;

  for (guint i = 0; i < n_clauses; i++)
    {
      Entry *entry = &self->entries[i];

      entry->clause = clauses[i];
      if (entry->clause.channel != NULL)
        coro_channel_ref (entry->clause.channel);
      if (entry->clause.job != NULL)
        coro_job_ref (entry->clause.job);
      entry->waiter.co = co;
      entry->waiter.wait_id = self->wait_id;
      entry->waiter.select = self;
      entry->waiter.slot = g_steal_pointer (&entry->clause.element);
    }

  return self;
}

/* Registers one clause; TRUE when it claimed the select and completed it at
 * once, with the outcome in @value or @error. */
static gboolean
register_clause (CoroSelect      *self,
                 Entry           *entry,
                 gpointer        *value,
                 GDestroyNotify  *value_destroy,
                 GError         **error)
{
  CoroSelectClause *clause = &entry->clause;
  CoroCoroutine *co = self->co;

  switch (clause->kind)
    {
    case CORO_SELECT_RECEIVE:
    case CORO_SELECT_RECEIVE_CATCHING:
    case CORO_SELECT_SEND:
      return _coro_channel_select_register (clause->channel, &entry->waiter,
                                            clause->kind == CORO_SELECT_SEND,
                                            value, value_destroy, error);

    case CORO_SELECT_AWAIT:
    case CORO_SELECT_JOIN:
      g_atomic_int_inc (&self->ref_count);   /* the listener's */
      if (_coro_job_add_listener (clause->job, job_done, &entry->waiter))
        {
          entry->listening = TRUE;
          return FALSE;
        }
      select_unref (self);
      return _coro_select_claim (&entry->waiter, NULL) == CORO_CLAIM_WON;

    case CORO_SELECT_TIMEOUT:
    default:
      if (clause->timeout_ms <= 0)
        return _coro_select_claim (&entry->waiter, NULL) == CORO_CLAIM_WON;

      /* One timer, for the earliest timeout. */
      if (self->timer_entry < 0 ||
          clause->timeout_ms < self->entries[self->timer_entry].clause.timeout_ms)
        {
          if (self->timer_entry >= 0)
            _coro_dispatcher_remove_timer (co->executor, &co->timer);
          self->timer_entry = entry - self->entries;
          co->timer = (CoroTimer) CORO_TIMER_INIT;
          co->timer.deadline = _coro_deadline_after (co->executor, clause->timeout_ms);
          co->timer.func = timer_fire;
          _coro_dispatcher_add_timer (co->executor, &co->timer);
        }
      return FALSE;
    }
}

/* Starts a select; FALSE when it is over at once, with the outcome set. */
static const CoroWaitKind select_wait = { "select", select_cancel, select_unref };

static gboolean
select_begin (CoroCoroutine          *co,
              const CoroSelectClause *clauses,
              guint                   n_clauses,
              gboolean                unbiased)
{
  g_autofree guint *order = NULL;
  GDestroyNotify value_destroy = NULL;
  gpointer value = NULL;
  GError *error = NULL;
  CoroSelect *self;
  gboolean done;

  /* Before the wait id is taken: an unconfined start may suspend the
   * caller for a moment, under an id of its own. */
  for (guint i = 0; i < n_clauses; i++)
    if (clauses[i].kind == CORO_SELECT_AWAIT || clauses[i].kind == CORO_SELECT_JOIN)
      coro_job_start (clauses[i].job);

  self = select_new (co, clauses, n_clauses);
  order = g_new (guint, n_clauses);
  for (guint i = 0; i < n_clauses; i++)
    order[i] = i;
  /* A Fisher-Yates shuffle: every order equally likely. */
  for (guint i = n_clauses; unbiased && i > 1; i--)
    {
      guint j = g_random_int_range (0, i);
      guint tmp = order[i - 1];

      order[i - 1] = order[j];
      order[j] = tmp;
    }

  done = !_coro_coroutine_check_active (co, &error);
  if (done)
    self->winner = CANCELLED;   /* no one else knows of it yet */

  /* In order, stopping at the first clause that can fire now (kotlinx's
   * bias), or once another thread has taken one already registered. */
  for (guint i = 0; !done && i < n_clauses; i++)
    {
      done = register_clause (self, &self->entries[order[i]], &value, &value_destroy, &error);
      if (!done && get_winner (self) != UNDECIDED)
        break;
    }

  if (done)
    {
      _coro_coroutine_complete_now (co, value, value_destroy, error);
      /* Where coro_select_finish() finds it, as after a suspension. */
      co->wait_kind = &select_wait;
      co->wait_cancel_data = self;
      return FALSE;
    }

  _coro_coroutine_park (co, &select_wait, TRUE, self);
  return TRUE;
}

static gboolean
select_finish (CoroCoroutine     *co,
               CoroSelectResult  *result,
               GError           **error)
{
  CoroSelect *self = co->wait_cancel_data;
  GError *local_error = NULL;
  gpointer value = NULL;
  gboolean closed = FALSE;
  Entry *entry = NULL;
  gboolean ok;
  gint winner;

  g_assert (self != NULL);
  g_atomic_int_inc (&self->ref_count);   /* beyond the outcome */

  withdraw (self);
  winner = get_winner (self);
  if (winner >= 0)
    entry = &self->entries[winner];

  ok = _coro_coroutine_outcome (co, &value, &local_error);
  if (!ok && entry != NULL && entry->clause.kind == CORO_SELECT_RECEIVE_CATCHING &&
      _coro_coroutine_check_active (co, NULL))
    {
      /* The only failure a receive-catching clause fires with is its
       * channel's closing (CLOSED, CANCELLED or the close cause): a result,
       * unless the caller is cancelled besides. */
      g_clear_error (&local_error);
      ok = closed = TRUE;
    }
  else if (ok && entry->clause.kind == CORO_SELECT_AWAIT)
    {
      value = _coro_deferred_outcome (entry->clause.job, &local_error);
      ok = local_error == NULL;
    }

  if (ok)
    *result = (CoroSelectResult) { .index = winner, .value = value, .closed = closed };
  else
    g_propagate_error (error, local_error);
  select_unref (self);
  return ok;
}

static gboolean
clauses_valid (const CoroSelectClause *clauses,
               guint                   n_clauses)
{
  if (clauses == NULL || n_clauses == 0)
    return FALSE;

  for (guint i = 0; i < n_clauses; i++)
    {
      switch (clauses[i].kind)
        {
        case CORO_SELECT_RECEIVE:
        case CORO_SELECT_RECEIVE_CATCHING:
        case CORO_SELECT_SEND:
          if (clauses[i].channel == NULL)
            return FALSE;
          break;

        case CORO_SELECT_AWAIT:
        case CORO_SELECT_JOIN:
          if (clauses[i].job == NULL)
            return FALSE;
          break;

        case CORO_SELECT_TIMEOUT:
          break;

        default:
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
run_select (const CoroSelectClause  *clauses,
        guint                    n_clauses,
        gboolean                 unbiased,
        const char              *func_name,
        CoroSelectResult        *result,
        GError                 **error)
{
  CoroCoroutine *co = _coro_coroutine_require (func_name, error);

  if (co == NULL)
    return FALSE;

  _coro_coroutine_wait (co, select_begin (co, clauses, n_clauses, unbiased));
  return select_finish (co, result, error);
}

gboolean
coro_select (const CoroSelectClause  *clauses,
             guint                    n_clauses,
             CoroSelectResult        *result,
             GError                 **error)
{
  g_return_val_if_fail (clauses_valid (clauses, n_clauses), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  return run_select (clauses, n_clauses, FALSE, G_STRFUNC, result, error);
}

gboolean
coro_select_unbiased (const CoroSelectClause  *clauses,
                      guint                    n_clauses,
                      CoroSelectResult        *result,
                      GError                 **error)
{
  g_return_val_if_fail (clauses_valid (clauses, n_clauses), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  return run_select (clauses, n_clauses, TRUE, G_STRFUNC, result, error);
}

static gboolean
begin (const CoroSelectClause *clauses,
       guint                   n_clauses,
       gboolean                unbiased,
       const char             *func_name)
{
  CoroCoroutine *co = _coro_coroutine_require_step (func_name);

  return co != NULL && select_begin (co, clauses, n_clauses, unbiased);
}

gboolean
coro_select_begin (const CoroSelectClause *clauses,
                   guint                   n_clauses)
{
  g_return_val_if_fail (clauses_valid (clauses, n_clauses), FALSE);

  return begin (clauses, n_clauses, FALSE, G_STRFUNC);
}

gboolean
coro_select_unbiased_begin (const CoroSelectClause *clauses,
                            guint                   n_clauses)
{
  g_return_val_if_fail (clauses_valid (clauses, n_clauses), FALSE);

  return begin (clauses, n_clauses, TRUE, G_STRFUNC);
}

gboolean
coro_select_finish (CoroSelectResult  *result,
                    GError           **error)
{
  CoroCoroutine *co;

  g_return_val_if_fail (result != NULL, FALSE);

  co = _coro_coroutine_finishing (G_STRFUNC, error);
  if (co == NULL)
    return FALSE;

  /* Whatever else the body waited for last, its data is not a select. */
  if (G_UNLIKELY (co->wait_kind != &select_wait || co->wait_cancel_data == NULL))
    {
      g_critical ("%s: the last wait was not a select", G_STRFUNC);
      g_set_error (error, CORO_ERROR, CORO_ERROR_STEP_PROTOCOL,
                   "%s was called without coro_select_begin()", G_STRFUNC);
      return FALSE;
    }
  return select_finish (co, result, error);
}
