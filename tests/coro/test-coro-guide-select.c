/* test-coro-guide-select.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

/*
 * The "Select expression" chapter of the kotlinx.coroutines guide, example
 * by example, under virtual time; then what the guide does not show:
 * produce, the stackless select, cancelling a select, fairness
 * of the unbiased select, and two clauses completing at once.
 */

#include "config.h"

#include <gio/gio.h>

#include <coro.h>

#include "coro-test-utils.h"

/* Selecting from channels (select-01) */

static gboolean
fizz_func (CoroChannel  *channel,
           gpointer      user_data,
           GError      **error)
{
  for (;;)
    if (!coro_delay (500, error) || !coro_channel_send (channel, (gpointer) "Fizz", error))
      return FALSE;
}

static gboolean
buzz_func (CoroChannel  *channel,
           gpointer      user_data,
           GError      **error)
{
  for (;;)
    if (!coro_delay (1000, error) || !coro_channel_send (channel, (gpointer) "Buzz!", error))
      return FALSE;
}

static gboolean
select_fizz_buzz (CoroChannel  *fizz,
                  CoroChannel  *buzz,
                  GError      **error)
{
  CoroSelectClause clauses[] = { CORO_ON_RECEIVE (fizz), CORO_ON_RECEIVE (buzz) };
  CoroSelectResult result;

  if (!coro_select (clauses, G_N_ELEMENTS (clauses), &result, error))
    return FALSE;
  if (result.index == 0)
    test_println ("fizz -> '%s'", (const char *) result.value);
  else
    test_println ("buzz -> '%s'", (const char *) result.value);
  return TRUE;
}

static gpointer
fizz_buzz_body (CoroJob  *scope,
                gpointer  user_data,
                GError  **error)
{
  g_autoptr(CoroChannel) fizz = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, NULL, fizz_func, NULL, NULL);
  g_autoptr(CoroChannel) buzz = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, NULL, buzz_func, NULL, NULL);

  for (gint i = 0; i < 7; i++)
    if (!select_fizz_buzz (fizz, buzz, error))
      return NULL;
  coro_job_cancel_children (scope);
  return NULL;
}

static void
test_guide_select_channels (void)
{
  test_log_reset ();
  run_test_or_fail (fizz_buzz_body, NULL);
  TEST_LOG_ASSERT ("fizz -> 'Fizz'",
                   "buzz -> 'Buzz!'",
                   "fizz -> 'Fizz'",
                   "fizz -> 'Fizz'",
                   "buzz -> 'Buzz!'",
                   "fizz -> 'Fizz'",
                   "fizz -> 'Fizz'");
}

/* Selecting on close (select-02) */

static gboolean
repeat_four_func (CoroChannel  *channel,
                  gpointer      user_data,
                  GError      **error)
{
  for (gint i = 0; i < 4; i++)
    if (!coro_channel_send (channel, g_strdup_printf ("%s %d", (const char *) user_data, i), error))
      return FALSE;
  return TRUE;
}

static char *
select_a_or_b (CoroChannel  *a,
               CoroChannel  *b,
               GError      **error)
{
  CoroSelectClause clauses[] = { CORO_ON_RECEIVE_CATCHING (a), CORO_ON_RECEIVE_CATCHING (b) };
  const char *name[] = { "a", "b" };
  g_autofree char *value = NULL;
  CoroSelectResult result;

  if (!coro_select (clauses, G_N_ELEMENTS (clauses), &result, error))
    return NULL;
  value = result.value;
  if (result.closed)
    return g_strdup_printf ("Channel '%s' is closed", name[result.index]);
  return g_strdup_printf ("%s -> '%s'", name[result.index], value);
}

static gpointer
on_close_body (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  g_autoptr(CoroChannel) a = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, g_free, repeat_four_func, (gpointer) "Hello", NULL);
  g_autoptr(CoroChannel) b = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, g_free, repeat_four_func, (gpointer) "World", NULL);

  for (gint i = 0; i < 8; i++)
    {
      g_autofree char *line = select_a_or_b (a, b, error);

      if (line == NULL)
        return NULL;
      test_println ("%s", line);
    }
  coro_job_cancel_children (scope);
  return NULL;
}

static void
test_guide_select_on_close (void)
{
  test_log_reset ();
  run_test_or_fail (on_close_body, NULL);
  TEST_LOG_ASSERT ("a -> 'Hello 0'",
                   "a -> 'Hello 1'",
                   "b -> 'World 0'",
                   "a -> 'Hello 2'",
                   "a -> 'Hello 3'",
                   "b -> 'World 1'",
                   "Channel 'a' is closed",
                   "Channel 'a' is closed");
}

/* Selecting to send (select-03) */

static gboolean
produce_numbers_func (CoroChannel  *channel,
                      gpointer      user_data,
                      GError      **error)
{
  CoroChannel *side = user_data;

  for (gint num = 1; num <= 10; num++)
    {
      CoroSelectClause clauses[] = {
        CORO_ON_SEND (channel, GINT_TO_POINTER (num)),
        CORO_ON_SEND (side, GINT_TO_POINTER (num)),
      };
      CoroSelectResult result;

      if (!coro_delay (100, error) ||
          !coro_select (clauses, G_N_ELEMENTS (clauses), &result, error))
        return FALSE;
    }
  return TRUE;
}

static gpointer
side_consumer (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  gpointer num;

  while (coro_channel_iterate (user_data, &num, error))
    test_println ("Side channel has %d", GPOINTER_TO_INT (num));
  return NULL;
}

static gpointer
on_send_body (CoroJob  *scope,
              gpointer  user_data,
              GError  **error)
{
  g_autoptr(CoroChannel) side = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, NULL);
  g_autoptr(CoroChannel) numbers = NULL;
  g_autoptr(CoroJob) consumer = NULL;
  gpointer num;

  consumer = coro_launch (scope, side_consumer, coro_channel_ref (side), (GDestroyNotify) coro_channel_unref);
  numbers = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, NULL, produce_numbers_func,
                          coro_channel_ref (side), (GDestroyNotify) coro_channel_unref);
  while (coro_channel_iterate (numbers, &num, error))
    {
      test_println ("Consuming %d", GPOINTER_TO_INT (num));
      if (!coro_delay (250, error))
        return NULL;
    }
  test_println ("Done consuming");
  coro_job_cancel_children (scope);
  return NULL;
}

static void
test_guide_select_on_send (void)
{
  test_log_reset ();
  run_test_or_fail (on_send_body, NULL);
  TEST_LOG_ASSERT ("Consuming 1",
                   "Side channel has 2",
                   "Side channel has 3",
                   "Consuming 4",
                   "Side channel has 5",
                   "Side channel has 6",
                   "Consuming 7",
                   "Side channel has 8",
                   "Side channel has 9",
                   "Consuming 10",
                   "Done consuming");
}

/* Selecting deferred values (select-04) */

/* java.util.Random, which the example seeds with 3. */
typedef struct
{
  guint64 seed;
} JavaRandom;

#define JAVA_RANDOM_MASK ((G_GUINT64_CONSTANT (1) << 48) - 1)

static void
java_random_init (JavaRandom *random,
                  gint64      seed)
{
  random->seed = ((guint64) seed ^ G_GUINT64_CONSTANT (0x5DEECE66D)) & JAVA_RANDOM_MASK;
}

static gint32
java_random_next (JavaRandom *random,
                  guint       bits)
{
  random->seed = (random->seed * G_GUINT64_CONSTANT (0x5DEECE66D) + 0xB) & JAVA_RANDOM_MASK;
  return (gint32) (random->seed >> (48 - bits));
}

static gint32
java_random_next_int (JavaRandom *random,
                      gint32      bound)
{
  gint32 bits;
  gint32 value;

  /* Java's rejection loop, where bits - value + (bound - 1) overflowing an
   * int means a retry. */
  do
    {
      bits = java_random_next (random, 31);
      value = bits % bound;
    }
  while ((gint64) bits - value + (bound - 1) > G_MAXINT32);
  return value;
}

static gpointer
async_string_block (CoroJob  *scope,
                    gpointer  user_data,
                    GError  **error)
{
  gint time = GPOINTER_TO_INT (user_data);

  if (!coro_delay (time, error))
    return NULL;
  return g_strdup_printf ("Waited for %d ms", time);
}

static gpointer
on_await_body (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) coro_job_unref);
  CoroSelectClause clauses[12];
  CoroSelectResult result;
  JavaRandom random;
  guint count_active = 0;

  java_random_init (&random, 3);
  for (guint i = 0; i < G_N_ELEMENTS (clauses); i++)
    {
      gint time = java_random_next_int (&random, 1000);

      g_ptr_array_add (list, coro_async (scope, async_string_block, GINT_TO_POINTER (time), NULL, g_free));
      clauses[i] = CORO_ON_AWAIT (g_ptr_array_index (list, i));
    }

  if (!coro_select (clauses, G_N_ELEMENTS (clauses), &result, error))
    return NULL;
  test_println ("Deferred %u produced answer '%s'", result.index, (const char *) result.value);
  g_assert_cmpint (coro_test_current_time (), ==, 128);

  for (guint i = 0; i < list->len; i++)
    count_active += coro_job_is_active (g_ptr_array_index (list, i));
  test_println ("%u coroutines are still active", count_active);
  return NULL;
}

static void
test_guide_select_on_await (void)
{
  test_log_reset ();
  run_test_or_fail (on_await_body, NULL);
  TEST_LOG_ASSERT ("Deferred 4 produced answer 'Waited for 128 ms'",
                   "11 coroutines are still active");
}

/* Switch over a channel of deferred values (select-05) */

static gboolean
switch_map_deferreds_func (CoroChannel  *channel,
                           gpointer      user_data,
                           GError      **error)
{
  CoroChannel *input = user_data;
  g_autoptr(CoroDeferred) current = NULL;

  if (!coro_channel_receive (input, (gpointer *) &current, error))
    return FALSE;

  while (coro_is_active ())
    {
      CoroSelectClause clauses[] = { CORO_ON_RECEIVE_CATCHING (input), CORO_ON_AWAIT (current) };
      CoroDeferred *next = NULL;
      CoroSelectResult result;

      if (!coro_select (clauses, G_N_ELEMENTS (clauses), &result, error))
        return FALSE;

      if (result.index == 0)
        next = result.value;   /* the next deferred, or NULL once closed */
      else
        {
          GError *local_error = NULL;

          if (!coro_channel_send (channel, g_strdup (result.value), error) ||
              (!coro_channel_receive (input, (gpointer *) &next, &local_error) &&
               !g_error_matches (local_error, CORO_ERROR, CORO_ERROR_CLOSED)))
            {
              if (local_error != NULL)
                g_propagate_error (error, local_error);
              return FALSE;
            }
          g_clear_error (&local_error);
        }

      if (next == NULL)
        {
          test_println ("Channel was closed");
          break;
        }
      g_clear_pointer (&current, coro_job_unref);
      current = next;
    }
  return TRUE;
}

typedef struct
{
  const char *str;
  gint64      time;
} AsyncString;

static gpointer
async_string_of (CoroJob  *scope,
                 gpointer  user_data,
                 GError  **error)
{
  AsyncString *async_string = user_data;

  if (!coro_delay (async_string->time, error))
    return NULL;
  return g_strdup (async_string->str);
}

static CoroDeferred *
async_string (CoroJob    *scope,
              const char *str,
              gint64      time)
{
  AsyncString *async_string = g_new (AsyncString, 1);

  async_string->str = str;
  async_string->time = time;
  return coro_async (scope, async_string_of, async_string, g_free, g_free);
}

static gpointer
print_switched (CoroJob  *scope,
                gpointer  user_data,
                GError  **error)
{
  g_autoptr(CoroChannel) strings = NULL;
  gpointer s;

  strings = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, g_free, switch_map_deferreds_func,
                          coro_channel_ref (user_data), (GDestroyNotify) coro_channel_unref);
  while (coro_channel_iterate (strings, &s, error))
    {
      test_println ("%s", (const char *) s);
      g_free (s);
    }
  return NULL;
}

static gpointer
switch_body (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  g_autoptr(CoroChannel) chan = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, (GDestroyNotify) coro_job_unref);
  g_autoptr(CoroJob) printer = NULL;
  static const struct { const char *str; gint64 time; gint64 pause; } steps[] = {
    { "BEGIN", 100, 200 },     /* enough time for "BEGIN" to be produced */
    { "Slow", 500, 100 },      /* not enough time to produce slow */
    { "Replace", 100, 500 },   /* give it time before the last one */
    { "END", 500, 1000 },      /* give it time to process */
  };

  printer = coro_launch (scope, print_switched, coro_channel_ref (chan), (GDestroyNotify) coro_channel_unref);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!coro_channel_send (chan, async_string (scope, steps[i].str, steps[i].time), error) ||
        !coro_delay (steps[i].pause, error))
      return NULL;
  coro_channel_close (chan);
  coro_delay (500, error);   /* and wait some time to let it finish */
  return NULL;
}

static void
test_guide_select_switch (void)
{
  test_log_reset ();
  run_test_or_fail (switch_body, NULL);
  TEST_LOG_ASSERT ("BEGIN", "Replace", "END", "Channel was closed");
}

/* produce: the producer's end, failure and cancellation reach the channel,
 * and the channel's cancellation reaches the producer. */

static gboolean
send_three_func (CoroChannel  *channel,
                 gpointer      user_data,
                 GError      **error)
{
  for (gint i = 1; i <= 3; i++)
    if (!coro_channel_send (channel, test_element_new (i), error))
      return FALSE;

  if (user_data != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Producer failed");
      return FALSE;
    }
  return TRUE;
}

/* Receives everything, then returns how the channel ended. */
static GError *
drain (CoroChannel *channel,
       gint        *sum)
{
  GError *error = NULL;
  gpointer element;

  while (coro_channel_receive (channel, &element, &error))
    *sum += test_element_take (element);
  return error;
}

static gpointer
produce_failing_scope (CoroJob  *scope,
                       gpointer  user_data,
                       GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_produce (scope, 2, test_element_drop, send_three_func, scope, NULL);
  g_autoptr(GError) end = NULL;
  gint sum = 0;

  /* Buffered elements still come out before the producer's error. */
  end = drain (channel, &sum);
  g_assert_cmpint (sum, ==, 6);
  g_assert_error (end, G_IO_ERROR, G_IO_ERROR_FAILED);
  return NULL;
}

static gpointer
consume_failing_scope (CoroJob  *scope,
                       gpointer  user_data,
                       GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_produce (scope, 2, test_element_drop, send_three_func, scope, NULL);
  g_autoptr(GError) end = NULL;
  gint sum = 0;

  end = drain (channel, &sum);
  g_assert_error (end, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  return NULL;
}

static void
record_failure (CoroJob      *job,
                const GError *error,
                gpointer      user_data)
{
  g_assert_null (*(GError **) user_data);
  *(GError **) user_data = g_error_copy (error);
}

static gpointer
produce_end_body (CoroJob  *scope,
                  gpointer  user_data,
                  GError  **error)
{
  g_autoptr(GError) failure = NULL;

  /* A producer that returns closes its channel. */
  {
    g_autoptr(CoroChannel) channel = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, test_element_drop,
                                                   send_three_func, NULL, NULL);
    g_autoptr(GError) end = NULL;
    gint sum = 0;

    end = drain (channel, &sum);
    g_assert_cmpint (sum, ==, 6);
    g_assert_error (end, CORO_ERROR, CORO_ERROR_CLOSED);
  }

  /* A producer that fails closes it with its error, which reaches the
   * consumer that way only: under a supervisor, no exception handler
   * hears of it, as in kotlinx. */
  coro_set_exception_handler (record_failure, &failure);
  coro_supervisor_scope (produce_failing_scope, NULL, error);
  coro_set_exception_handler (NULL, NULL);
  g_assert_no_error (failure);

  /* Under a plain scope, it fails the scope, consumer and all. */
  coro_scope (consume_failing_scope, NULL, &failure);
  g_assert_error (failure, G_IO_ERROR, G_IO_ERROR_FAILED);
  return NULL;
}

static void
test_produce_end (void)
{
  test_elements_reset ();
  run_test_or_fail (produce_end_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

static gboolean
send_forever_func (CoroChannel  *channel,
                   gpointer      user_data,
                   GError      **error)
{
  GError **ended_with = user_data;

  for (gint i = 0; ; i++)
    if (!coro_channel_send (channel, test_element_new (i), error))
      {
        *ended_with = g_error_copy (*error);
        return FALSE;
      }
}

static gpointer
produce_cancel_body (CoroJob  *scope,
                     gpointer  user_data,
                     GError  **error)
{
  g_autoptr(GError) producer_error = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer element;

  /* The consumer cancels the channel: the producer is cancelled with it,
   * else this test would never end. */
  {
    g_autoptr(CoroChannel) channel = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, test_element_drop,
                                                   send_forever_func, &producer_error, NULL);

    g_assert_true (coro_channel_receive (channel, &element, error));
    g_assert_cmpint (test_element_take (element), ==, 0);
    coro_channel_cancel (channel);
    if (!coro_yield (error))
      return NULL;
    g_assert_error (producer_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }

  /* The producer's job is cancelled, once running and once before it ever
   * ran: both times the consumer learns it from the channel. */
  for (gint before_run = 0; before_run < 2; before_run++)
    {
      g_autoptr(CoroJob) parent = coro_job_new (scope, NULL, FALSE);
      g_autoptr(CoroChannel) channel = NULL;

      g_clear_error (&producer_error);
      channel = coro_produce (parent, CORO_CHANNEL_RENDEZVOUS, test_element_drop,
                              send_forever_func, &producer_error, NULL);
      if (!before_run && !coro_yield (error))
        return NULL;
      coro_job_cancel (parent);
      g_assert_false (coro_channel_receive (channel, &element, &local_error));
      g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&local_error);
      if (!coro_job_join (parent, error))
        return NULL;
      if (before_run)
        g_assert_null (producer_error);
      else
        g_assert_error (producer_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
  return NULL;
}

static void
test_produce_cancel (void)
{
  test_elements_reset ();
  run_test_or_fail (produce_cancel_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

typedef struct
{
  gint i;
} CountTo;

static CoroStep
count_to_three_step (CoroChannel  *channel,
                     guint        *label,
                     gpointer      user_data,
                     GError      **error)
{
  CountTo *count = user_data;

  CORO_STEP_BEGIN (label);
  for (count->i = 1; count->i <= 3; count->i++)
    {
      CORO_STEP_AWAIT (label, coro_delay_begin (10));
      if (!coro_delay_finish (error))
        return CORO_STEP_DONE;
      CORO_STEP_AWAIT (label, coro_channel_send_begin (channel, GINT_TO_POINTER (count->i)));
      if (!coro_channel_send_finish (channel, error))
        return CORO_STEP_DONE;
    }
  CORO_STEP_END (label);
}

static gpointer
produce_step_body (CoroJob  *scope,
                   gpointer  user_data,
                   GError  **error)
{
  g_autoptr(CoroChannel) channel = NULL;
  gpointer x;

  channel = coro_produce_step (scope, NULL, CORO_CHANNEL_RENDEZVOUS, NULL, count_to_three_step,
                               g_new0 (CountTo, 1), g_free);
  while (coro_channel_iterate (channel, &x, error))
    test_println ("%d at %" G_GINT64_FORMAT, GPOINTER_TO_INT (x), coro_test_current_time ());
  test_println ("Done!");
  return NULL;
}

static void
test_produce_step (void)
{
  test_log_reset ();
  run_test_or_fail (produce_step_body, NULL);
  TEST_LOG_ASSERT ("1 at 10", "2 at 20", "3 at 30", "Done!");
}

/* The stackless select: fizz and buzz again, with a timeout that fires
 * between two of them. */

typedef struct
{
  CoroChannel      *fizz;
  CoroChannel      *buzz;
  gboolean          unbiased;
  gint              i;
  CoroSelectResult  result;
} StepSelect;

static void
step_select_free (gpointer data)
{
  StepSelect *state = data;

  coro_channel_unref (state->fizz);
  coro_channel_unref (state->buzz);
  g_free (state);
}

/* The clauses are copied: they need not outlive the call. */
static gboolean
step_select_begin (StepSelect *state)
{
  CoroSelectClause clauses[] = {
    CORO_ON_RECEIVE (state->fizz),
    CORO_ON_RECEIVE (state->buzz),
    CORO_ON_TIMEOUT (400),
  };

  if (state->unbiased)
    return coro_select_unbiased_begin (clauses, G_N_ELEMENTS (clauses));
  return coro_select_begin (clauses, G_N_ELEMENTS (clauses));
}

static CoroStep
step_select (CoroJob   *scope,
             guint     *label,
             gpointer   user_data,
             gpointer  *result,
             GError   **error)
{
  StepSelect *state = user_data;

  CORO_STEP_BEGIN (label);
  for (state->i = 0; state->i < 5; state->i++)
    {
      CORO_STEP_AWAIT (label, step_select_begin (state));
      if (!coro_select_finish (&state->result, error))
        return CORO_STEP_DONE;
      if (state->result.index == 2)
        test_println ("timeout at %" G_GINT64_FORMAT, coro_test_current_time ());
      else
        test_println ("%s at %" G_GINT64_FORMAT, (const char *) state->result.value,
                      coro_test_current_time ());
    }
  CORO_STEP_END (label);
}

static gpointer
step_select_body (CoroJob  *scope,
                  gpointer  user_data,
                  GError  **error)
{
  StepSelect *state = g_new0 (StepSelect, 1);
  g_autoptr(CoroJob) selector = NULL;

  state->fizz = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, NULL, fizz_func, NULL, NULL);
  state->buzz = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, NULL, buzz_func, NULL, NULL);
  state->unbiased = GPOINTER_TO_INT (user_data);
  selector = coro_launch_step (scope, NULL, step_select, state, step_select_free);
  if (!coro_job_join (selector, error))
    return NULL;
  coro_job_cancel_children (scope);
  return NULL;
}

/* Never are two clauses ready at once here, so biased or not makes no
 * difference. */
static void
test_select_stackless (void)
{
  for (gint unbiased = 0; unbiased < 2; unbiased++)
    {
      test_log_reset ();
      run_test_or_fail (step_select_body, GINT_TO_POINTER (unbiased));
      TEST_LOG_ASSERT ("timeout at 400", "Fizz at 500", "timeout at 900", "Buzz! at 1000", "Fizz at 1000");
    }
}

/* Clauses that do not fire are withdrawn: after a timeout, a cancellation,
 * or another clause winning, nothing of the select stays behind. */

static gpointer
finish_at (CoroJob  *scope,
           gpointer  user_data,
           GError  **error)
{
  coro_delay (GPOINTER_TO_INT (user_data), error);
  return user_data;
}

typedef struct
{
  CoroChannel  *in;
  CoroChannel  *out;
  CoroDeferred *deferred;
  GError       *error;
} Withdraw;

static gpointer
select_all_kinds (CoroJob  *scope,
                  gpointer  user_data,
                  GError  **error)
{
  Withdraw *w = user_data;
  CoroSelectClause clauses[] = {
    CORO_ON_RECEIVE (w->in),
    CORO_ON_SEND (w->out, test_element_new (7)),
    CORO_ON_AWAIT (w->deferred),
    CORO_ON_JOIN (w->deferred),
    CORO_ON_TIMEOUT (1000),
  };
  CoroSelectResult result;

  g_assert_false (coro_select (clauses, G_N_ELEMENTS (clauses), &result, &w->error));
  return NULL;
}

static void
assert_withdrawn (Withdraw *w)
{
  g_autoptr(GError) local_error = NULL;
  gpointer element = NULL;
  gint *probe = test_element_new (1);

  /* No receiver is left on @in, no sender on @out. */
  g_assert_false (coro_channel_try_send (w->in, probe, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_FULL);
  g_clear_error (&local_error);
  test_element_take (probe);
  g_assert_false (coro_channel_try_receive (w->out, &element, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_EMPTY);
}

static gpointer
select_withdraw_body (CoroJob  *scope,
                      gpointer  user_data,
                      GError  **error)
{
  g_autoptr(CoroChannel) in = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
  g_autoptr(CoroChannel) out = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
  g_autoptr(CoroDeferred) deferred = coro_async (scope, finish_at, GINT_TO_POINTER (5000), NULL, NULL);
  Withdraw w = { in, out, deferred, NULL };
  g_autoptr(CoroJob) selector = NULL;
  CoroSelectResult result;

  /* Cancelled while it waits: it fails with CANCELLED at once. */
  selector = coro_launch (scope, select_all_kinds, &w, NULL);
  if (!coro_delay (10, error))
    return NULL;
  coro_job_cancel (selector);
  if (!coro_job_join (selector, error))
    return NULL;
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&w.error);
  g_assert_cmpint (coro_test_current_time (), ==, 10);
  assert_withdrawn (&w);
  /* The unsent element went the way of a failed send. */
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 1);

  /* Timed out, and then a deferred that completes. */
  {
    CoroSelectClause clauses[] = {
      CORO_ON_RECEIVE (in),
      CORO_ON_SEND (out, test_element_new (8)),
      CORO_ON_TIMEOUT (300),
      CORO_ON_TIMEOUT (200),
      CORO_ON_AWAIT (deferred),
    };

    g_assert_true (coro_select (clauses, G_N_ELEMENTS (clauses), &result, error));
    g_assert_cmpuint (result.index, ==, 3);
    g_assert_cmpint (coro_test_current_time (), ==, 210);
    assert_withdrawn (&w);
    g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 2);

    clauses[1] = CORO_ON_SEND (out, test_element_new (9));
    clauses[2] = clauses[3] = CORO_ON_TIMEOUT (10000);
    g_assert_true (coro_select (clauses, G_N_ELEMENTS (clauses), &result, error));
    g_assert_cmpuint (result.index, ==, 4);
    g_assert_cmpint (GPOINTER_TO_INT (result.value), ==, 5000);
    g_assert_cmpint (coro_test_current_time (), ==, 5000);
    assert_withdrawn (&w);
    g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 3);
  }

  /* A select on a deferred that is done, or on a closed channel, fires
   * at once; a plain receive fails on the closed channel where a
   * receive-catching clause reports it. */
  {
    CoroSelectClause clauses[] = { CORO_ON_RECEIVE_CATCHING (in), CORO_ON_JOIN (deferred) };
    CoroSelectClause receive[] = { CORO_ON_RECEIVE (in) };
    g_autoptr(GError) local_error = NULL;

    g_assert_true (coro_select (clauses, G_N_ELEMENTS (clauses), &result, error));
    g_assert_cmpuint (result.index, ==, 1);
    coro_channel_close (in);
    g_assert_true (coro_select (clauses, G_N_ELEMENTS (clauses), &result, error));
    g_assert_cmpuint (result.index, ==, 0);
    g_assert_true (result.closed);
    g_assert_false (coro_select (receive, 1, &result, &local_error));
    g_assert_error (local_error, CORO_ERROR, CORO_ERROR_CLOSED);
    g_assert_cmpint (coro_test_current_time (), ==, 5000);
  }
  return NULL;
}

static void
test_select_withdraw (void)
{
  test_elements_reset ();
  run_test_or_fail (select_withdraw_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

/* Biased and unbiased: with both channels always ready, select always
 * takes the first, selectUnbiased takes each about half of the time. */

static gpointer
fairness_body (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  g_autoptr(CoroChannel) a = coro_channel_new (CORO_CHANNEL_UNLIMITED, NULL);
  g_autoptr(CoroChannel) b = coro_channel_new (CORO_CHANNEL_UNLIMITED, NULL);
  CoroSelectClause clauses[] = { CORO_ON_RECEIVE (a), CORO_ON_RECEIVE (b) };
  guint picked[2][2] = { { 0 } };
  const guint n = 400;

  for (guint i = 0; i < 2 * n; i++)
    {
      g_assert_true (coro_channel_try_send (a, GINT_TO_POINTER (1), NULL));
      g_assert_true (coro_channel_try_send (b, GINT_TO_POINTER (2), NULL));
    }

  for (guint unbiased = 0; unbiased < 2; unbiased++)
    for (guint i = 0; i < n; i++)
      {
        CoroSelectResult result;

        if (!(unbiased ? coro_select_unbiased : coro_select) (clauses, 2, &result, error))
          return NULL;
        g_assert_cmpint (GPOINTER_TO_INT (result.value), ==, result.index + 1);
        picked[unbiased][result.index]++;
      }

  g_assert_cmpuint (picked[0][0], ==, n);
  /* 400 fair coin flips land within 100 of 200 but for odds of 1e-23. */
  g_assert_cmpuint (picked[1][0], >, 100);
  g_assert_cmpuint (picked[1][1], >, 100);
  return NULL;
}

static void
test_select_fairness (void)
{
  run_test_or_fail (fairness_body, NULL);
}

/* A select meets a select across one channel: the sender's send clause and
 * the receiver's receive clause fire together, the other clauses of both
 * are withdrawn. */

static gpointer
select_sender (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  CoroChannel **channels = user_data;
  CoroSelectClause clauses[] = {
    CORO_ON_SEND (channels[1], test_element_new (1)),
    CORO_ON_SEND (channels[0], test_element_new (2)),
    CORO_ON_TIMEOUT (1000),
  };
  CoroSelectResult result;

  g_assert_true (coro_select (clauses, G_N_ELEMENTS (clauses), &result, error));
  g_assert_cmpuint (result.index, ==, 1);
  return NULL;
}

static gpointer
select_meets_select_body (CoroJob  *scope,
                          gpointer  user_data,
                          GError  **error)
{
  g_autoptr(CoroChannel) a = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
  g_autoptr(CoroChannel) unused = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
  CoroChannel *channels[] = { a, unused };
  CoroSelectClause clauses[] = { CORO_ON_TIMEOUT (1000), CORO_ON_RECEIVE (a) };
  g_autoptr(CoroJob) sender = NULL;
  CoroSelectResult result;

  /* The receiver waits first; then the sender waits first. */
  for (gint round = 0; round < 2; round++)
    {
      sender = coro_launch (scope, select_sender, channels, NULL);
      if (round == 1 && !coro_delay (10, error))
        return NULL;
      g_assert_true (coro_select (clauses, G_N_ELEMENTS (clauses), &result, error));
      g_assert_cmpuint (result.index, ==, 1);
      g_assert_cmpint (test_element_take (result.value), ==, 2);
      if (!coro_job_join (sender, error))
        return NULL;
      g_clear_pointer (&sender, coro_job_unref);
      g_assert_true (coro_channel_is_empty (unused));
    }
  g_assert_cmpint (coro_test_current_time (), ==, 10);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 2);
  return NULL;
}

static void
test_select_meets_select (void)
{
  test_elements_reset ();
  run_test_or_fail (select_meets_select_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

/* Two clauses made ready at the same moment by other threads: exactly one
 * fires; the losing rendezvous sender keeps its element (a plain receive
 * gets it after), a losing send clause hands nothing to its receiver, and
 * a cancellation racing both loses nothing and frees nothing twice. */

static gpointer
send_one (CoroJob  *scope,
          gpointer  user_data,
          GError  **error)
{
  coro_channel_send (user_data, test_element_new (1), error);
  return NULL;
}

static gpointer
receive_one (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  gpointer element = NULL;

  if (!coro_channel_receive (user_data, &element, error))
    return NULL;
  return element;
}

static gpointer
receive_either (CoroJob  *scope,
                gpointer  user_data,
                GError  **error)
{
  CoroChannel **channels = user_data;
  CoroSelectClause clauses[] = { CORO_ON_RECEIVE (channels[0]), CORO_ON_RECEIVE (channels[1]) };
  CoroSelectResult result;

  if (coro_select (clauses, 2, &result, error))
    test_element_take (result.value);
  return NULL;
}

static gpointer
cancel_job (CoroJob  *scope,
            gpointer  user_data,
            GError  **error)
{
  coro_job_cancel (user_data);
  return NULL;
}

static gpointer
race_body (CoroJob  *scope,
           gpointer  user_data,
           GError  **error)
{
  g_autoptr(CoroDispatcher) one = coro_dispatcher_new_single_thread ("one");
  g_autoptr(CoroDispatcher) two = coro_dispatcher_new_single_thread ("two");
  gint n = GPOINTER_TO_INT (user_data);

  for (gint i = 0; i < n; i++)
    {
      g_autoptr(CoroChannel) a = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
      g_autoptr(CoroChannel) b = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
      CoroChannel *channels[] = { a, b };
      g_autoptr(CoroJob) sender_a = NULL;
      g_autoptr(CoroJob) sender_b = NULL;
      g_autoptr(CoroDeferred) receiver_a = NULL;
      g_autoptr(CoroDeferred) receiver_b = NULL;
      g_autoptr(CoroJob) selector = NULL;
      g_autoptr(CoroJob) canceller = NULL;
      gint dropped = g_atomic_int_get (&test_n_elements_dropped);
      CoroSelectResult result;
      gpointer element;

      /* Two receive clauses, two senders on two threads. */
      {
        CoroSelectClause clauses[] = { CORO_ON_RECEIVE (a), CORO_ON_RECEIVE (b) };

        sender_a = coro_launch_full (scope, &(CoroContext) { .dispatcher = one }, send_one, a, NULL);
        sender_b = coro_launch_full (scope, &(CoroContext) { .dispatcher = two }, send_one, b, NULL);
        if (!(i % 2 ? coro_select_unbiased : coro_select) (clauses, 2, &result, error))
          return NULL;
        g_assert_cmpint (test_element_take (result.value), ==, 1);
        /* The other sender's element is still there, whole. */
        if (!coro_channel_receive (channels[!result.index], &element, error))
          return NULL;
        g_assert_cmpint (test_element_take (element), ==, 1);
        if (!coro_job_join (sender_a, error) || !coro_job_join (sender_b, error))
          return NULL;
      }

      /* Two send clauses, two receivers on two threads. */
      {
        CoroSelectClause clauses[] = {
          CORO_ON_SEND (a, test_element_new (2)),
          CORO_ON_SEND (b, test_element_new (2)),
        };
        GPtrArray *got;

        receiver_a = coro_async_full (scope, &(CoroContext) { .dispatcher = one },
                                      receive_one, a, NULL, NULL);
        receiver_b = coro_async_full (scope, &(CoroContext) { .dispatcher = two },
                                      receive_one, b, NULL, NULL);
        if (!(i % 2 ? coro_select_unbiased : coro_select) (clauses, 2, &result, error))
          return NULL;
        /* The other receiver got nothing from the select: it gets this. */
        if (!coro_channel_send (channels[!result.index], test_element_new (3), error))
          return NULL;
        got = coro_await_all ((CoroDeferred *[]) { receiver_a, receiver_b }, 2, error);
        if (got == NULL)
          return NULL;
        g_assert_cmpint (test_element_take (got->pdata[result.index]), ==, 2);
        g_assert_cmpint (test_element_take (got->pdata[!result.index]), ==, 3);
        g_ptr_array_unref (got);
        /* Only the losing send clause's element was dropped. */
        g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, dropped + 1);
      }

      /* A select cancelled from one thread while senders on two threads
       * race it: an element it won is dropped once, and one it did not
       * win stays with its sender, to be dropped when the channel is
       * cancelled. Only the count of live elements can tell. */
      {
        g_clear_pointer (&sender_a, coro_job_unref);
        g_clear_pointer (&sender_b, coro_job_unref);
        selector = coro_launch (scope, receive_either, channels, NULL);
        sender_a = coro_launch_full (scope, &(CoroContext) { .dispatcher = one }, send_one, a, NULL);
        sender_b = coro_launch_full (scope, &(CoroContext) { .dispatcher = two }, send_one, b, NULL);
        canceller = coro_launch_full (scope, &(CoroContext) { .dispatcher = one }, cancel_job, selector, NULL);
        if (!coro_job_join (selector, error) || !coro_job_join (canceller, error))
          return NULL;
        coro_channel_cancel (a);
        coro_channel_cancel (b);
        if (!coro_job_join (sender_a, error) || !coro_job_join (sender_b, error))
          return NULL;
        /* A sender that handed its element over just as the select was
         * cancelled resumes it through this dispatcher's inbox, where the
         * stale resumption drops the element: on the next turn, which a
         * delay waits for (the inbox is read before timers fire). */
        if (g_atomic_int_get (&test_n_elements_alive) != 0 && !coro_delay (1, error))
          return NULL;
        g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
      }
    }

  coro_dispatcher_close (one);
  coro_dispatcher_close (two);
  return NULL;
}

static void
test_select_race (void)
{
  g_autoptr(GError) error = NULL;
  gint n = test_under_valgrind () ? 50 : 2000;

  test_elements_reset ();
  coro_run_blocking (race_body, GINT_TO_POINTER (n), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

/* A stackless body that takes a select's outcome without starting one
 * gets an error, not another wait's data read as a select. */

static CoroStep
finish_without_begin (CoroJob   *scope,
                      guint     *label,
                      gpointer   user_data,
                      gpointer  *result,
                      GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  CoroSelectResult select_result;

  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_delay_begin (10));
  if (!coro_delay_finish (error))
    return CORO_STEP_DONE;
  g_assert_false (coro_select_finish (&select_result, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_STEP_PROTOCOL);
  CORO_STEP_END (label);
}

static gpointer
misuse_body (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  g_autoptr(CoroJob) job = coro_launch_step (scope, NULL, finish_without_begin, NULL, NULL);

  coro_job_join (job, error);
  return NULL;
}

static void
test_select_misuse (void)
{
  if (!g_test_undefined ())
    return;

  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*the last wait was not a select*");
  run_test_or_fail (misuse_body, NULL);
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/guide/select/channels", test_guide_select_channels);
  g_test_add_func ("/coro/guide/select/on-close", test_guide_select_on_close);
  g_test_add_func ("/coro/guide/select/on-send", test_guide_select_on_send);
  g_test_add_func ("/coro/guide/select/on-await", test_guide_select_on_await);
  g_test_add_func ("/coro/guide/select/switch", test_guide_select_switch);

  g_test_add_func ("/coro/produce/end", test_produce_end);
  g_test_add_func ("/coro/produce/cancel", test_produce_cancel);
  g_test_add_func ("/coro/produce/stackless", test_produce_step);
  g_test_add_func ("/coro/select/stackless", test_select_stackless);
  g_test_add_func ("/coro/select/withdraw", test_select_withdraw);
  g_test_add_func ("/coro/select/fairness", test_select_fairness);
  g_test_add_func ("/coro/select/select", test_select_meets_select);
  g_test_add_func ("/coro/select/race", test_select_race);
  g_test_add_func ("/coro/select/misuse", test_select_misuse);

  return g_test_run ();
}
