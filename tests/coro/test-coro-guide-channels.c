/* test-coro-guide-channels.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

/*
 * The "Channels" chapter of the kotlinx.coroutines guide, example by
 * example, under virtual time; then channel semantics the guide does not
 * show: conflation, unlimited buffers, the try_ calls, closing and
 * cancelling, cancelled waiters, and a channel shared across threads.
 *
 * Integers travel as GINT_TO_POINTER, so 0 travels as NULL: a channel must
 * not treat a NULL element specially.
 */

#include "config.h"

#include <gio/gio.h>

#include <coro.h>

#include "coro-test-utils.h"

/* Runs a test body under virtual time and fails the test on its error. */
static void
run_test (CoroFunc func,
          gpointer data)
{
  g_autoptr(GError) error = NULL;

  test_log_reset ();
  coro_run_test (func, data, &error);
  g_assert_no_error (error);
}

/* Channel basics */

static gpointer
send_five_squares (CoroJob  *scope,
                   gpointer  user_data,
                   GError  **error)
{
  CoroChannel *channel = user_data;

  for (gint x = 1; x <= 5; x++)
    if (!coro_channel_send (channel, GINT_TO_POINTER (x * x), error))
      return NULL;
  return NULL;
}

static gpointer
basics_body (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, NULL);
  g_autoptr(CoroJob) sender = NULL;

  sender = coro_launch (scope, send_five_squares, coro_channel_ref (channel),
                        (GDestroyNotify) coro_channel_unref);
  for (gint i = 0; i < 5; i++)
    {
      gpointer x;

      if (!coro_channel_receive (channel, &x, error))
        return NULL;
      test_println ("%d", GPOINTER_TO_INT (x));
    }
  test_println ("Done!");
  return NULL;
}

static void
test_guide_basics (void)
{
  run_test (basics_body, NULL);
  TEST_LOG_ASSERT ("1", "4", "9", "16", "25", "Done!");
}

/* Closing and iteration over channels */

static gpointer
send_five_squares_and_close (CoroJob  *scope,
                             gpointer  user_data,
                             GError  **error)
{
  CoroChannel *channel = user_data;

  for (gint x = 1; x <= 5; x++)
    if (!coro_channel_send (channel, GINT_TO_POINTER (x * x), error))
      return NULL;
  coro_channel_close (channel);
  return NULL;
}

/* Prints every element until the channel is closed: Kotlin's
 * `for (y in channel) println (y)`. */
static gboolean
print_all (CoroChannel  *channel,
           GError      **error)
{
  GError *local_error = NULL;
  gpointer y;

  while (coro_channel_iterate (channel, &y, &local_error))
    test_println ("%d", GPOINTER_TO_INT (y));
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gpointer
closing_body (CoroJob  *scope,
              gpointer  user_data,
              GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, NULL);
  g_autoptr(CoroJob) sender = NULL;

  sender = coro_launch (scope, send_five_squares_and_close, coro_channel_ref (channel),
                        (GDestroyNotify) coro_channel_unref);
  if (!print_all (channel, error))
    return NULL;
  test_println ("Done!");
  g_assert_true (coro_channel_is_closed_for_send (channel));
  return NULL;
}

static void
test_guide_closing (void)
{
  run_test (closing_body, NULL);
  TEST_LOG_ASSERT ("1", "4", "9", "16", "25", "Done!");
}

/* Building channel producers */

static gboolean
squares_func (CoroChannel  *channel,
              gpointer      data,
              GError      **error)
{
  for (gint x = 1; x <= 5; x++)
    if (!coro_channel_send (channel, GINT_TO_POINTER (x * x), error))
      return FALSE;
  return TRUE;
}

/* Kotlin's `CoroutineScope.produceSquares ()`. */
static CoroChannel *
produce_squares (CoroJob *scope)
{
  return coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, NULL, squares_func, NULL, NULL);
}

static gpointer
producers_body (CoroJob  *scope,
                gpointer  user_data,
                GError  **error)
{
  g_autoptr(CoroChannel) squares = produce_squares (scope);

  /* consumeEach: iterate, then cancel the channel, however the loop ends. */
  if (!print_all (squares, error))
    {
      coro_channel_cancel (squares);
      return NULL;
    }
  coro_channel_cancel (squares);
  test_println ("Done!");
  return NULL;
}

static void
test_guide_producers (void)
{
  run_test (producers_body, NULL);
  TEST_LOG_ASSERT ("1", "4", "9", "16", "25", "Done!");
}

/* Pipelines */

static gboolean
numbers_from_func (CoroChannel  *channel,
                   gpointer      data,
                   GError      **error)
{
  /* An infinite stream: only a cancellation ends it. */
  for (gint x = GPOINTER_TO_INT (data); ; x++)
    if (!coro_channel_send (channel, GINT_TO_POINTER (x), error))
      return FALSE;
}

static CoroChannel *
produce_numbers (CoroJob *scope,
                 gint     start)
{
  return coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, NULL, numbers_from_func, GINT_TO_POINTER (start), NULL);
}

static gboolean
square_func (CoroChannel  *channel,
             gpointer      data,
             GError      **error)
{
  CoroChannel *numbers = data;
  GError *local_error = NULL;
  gpointer x;

  while (coro_channel_iterate (numbers, &x, &local_error))
    {
      gint n = GPOINTER_TO_INT (x);

      if (!coro_channel_send (channel, GINT_TO_POINTER (n * n), error))
        {
          g_clear_error (&local_error);
          return FALSE;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gpointer
pipelines_body (CoroJob  *scope,
                gpointer  user_data,
                GError  **error)
{
  g_autoptr(CoroChannel) numbers = produce_numbers (scope, 1);
  g_autoptr(CoroChannel) squares = NULL;

  squares = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, NULL, square_func,
                          coro_channel_ref (numbers), (GDestroyNotify) coro_channel_unref);

  for (gint i = 0; i < 5; i++)
    {
      gpointer x;

      if (!coro_channel_receive (squares, &x, error))
        return NULL;
      test_println ("%d", GPOINTER_TO_INT (x));
    }
  test_println ("Done!");
  coro_job_cancel_children (scope);
  return NULL;
}

static void
test_guide_pipelines (void)
{
  run_test (pipelines_body, NULL);
  TEST_LOG_ASSERT ("1", "4", "9", "16", "25", "Done!");
}

/* Prime numbers with pipeline */

typedef struct
{
  CoroChannel *numbers;
  gint         prime;
} Filter;

static void
filter_free (gpointer data)
{
  Filter *filter = data;

  coro_channel_unref (filter->numbers);
  g_free (filter);
}

static gboolean
filter_func (CoroChannel  *channel,
             gpointer      data,
             GError      **error)
{
  Filter *filter = data;
  GError *local_error = NULL;
  gpointer x;

  while (coro_channel_iterate (filter->numbers, &x, &local_error))
    {
      if (GPOINTER_TO_INT (x) % filter->prime == 0)
        continue;
      if (!coro_channel_send (channel, x, error))
        {
          g_clear_error (&local_error);
          return FALSE;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gpointer
primes_body (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  g_autoptr(CoroChannel) cur = produce_numbers (scope, 2);

  for (gint i = 0; i < 10; i++)
    {
      Filter *filter;
      gpointer prime;

      if (!coro_channel_receive (cur, &prime, error))
        return NULL;
      test_println ("%d", GPOINTER_TO_INT (prime));

      filter = g_new0 (Filter, 1);
      filter->numbers = g_steal_pointer (&cur);
      filter->prime = GPOINTER_TO_INT (prime);
      cur = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, NULL, filter_func, filter, filter_free);
    }
  coro_job_cancel_children (scope);
  return NULL;
}

static void
test_guide_primes (void)
{
  run_test (primes_body, NULL);
  TEST_LOG_ASSERT ("2", "3", "5", "7", "11", "13", "17", "19", "23", "29");
}

/* Fan-out */

static gboolean
numbers_every_100ms_func (CoroChannel  *channel,
                          gpointer      data,
                          GError      **error)
{
  for (gint x = 1; ; x++)
    {
      if (!coro_channel_send (channel, GINT_TO_POINTER (x), error))
        return FALSE;
      if (!coro_delay (100, error))
        return FALSE;
    }
}

typedef struct
{
  gint         id;
  CoroChannel *channel;
} Processor;

static void
processor_free (gpointer data)
{
  Processor *processor = data;

  coro_channel_unref (processor->channel);
  g_free (processor);
}

static gpointer
processor_body (CoroJob  *scope,
                gpointer  user_data,
                GError  **error)
{
  Processor *processor = user_data;
  gpointer msg;

  /* The end of the closed channel ends the loop without an error. */
  while (coro_channel_iterate (processor->channel, &msg, error))
    test_println ("Processor #%d received %d", processor->id, GPOINTER_TO_INT (msg));
  return NULL;
}

static void
launch_processor (CoroJob     *scope,
                  gint         id,
                  CoroChannel *channel)
{
  Processor *processor = g_new0 (Processor, 1);

  processor->id = id;
  processor->channel = coro_channel_ref (channel);
  coro_job_unref (coro_launch (scope, processor_body, processor, processor_free));
}

static gpointer
fan_out_body (CoroJob  *scope,
              gpointer  user_data,
              GError  **error)
{
  g_autoptr(CoroChannel) producer = NULL;

  producer = coro_produce (scope, CORO_CHANNEL_RENDEZVOUS, NULL, numbers_every_100ms_func, NULL, NULL);
  for (gint i = 0; i < 5; i++)
    launch_processor (scope, i, producer);
  if (!coro_delay (950, error))
    return NULL;
  /* Cancelling the channel cancels its producer and ends the processors. */
  coro_channel_cancel (producer);
  return NULL;
}

static void
test_guide_fan_out (void)
{
  run_test (fan_out_body, NULL);
  /* The guide warns that which processor gets which number may differ; it
   * is deterministic here: receivers are served in the order they started
   * waiting, and processor 0 waits again before the others first wait. */
  TEST_LOG_ASSERT ("Processor #0 received 1",
                   "Processor #0 received 2",
                   "Processor #1 received 3",
                   "Processor #2 received 4",
                   "Processor #3 received 5",
                   "Processor #4 received 6",
                   "Processor #0 received 7",
                   "Processor #1 received 8",
                   "Processor #2 received 9",
                   "Processor #3 received 10");
}

/* Fan-in */

typedef struct
{
  CoroChannel *channel;
  const char  *s;
  gint64       time;
} SendString;

static void
send_string_free (gpointer data)
{
  SendString *send = data;

  coro_channel_unref (send->channel);
  g_free (send);
}

static gpointer
send_string (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  SendString *send = user_data;

  for (;;)
    {
      if (!coro_delay (send->time, error))
        return NULL;
      if (!coro_channel_send (send->channel, (gpointer) send->s, error))
        return NULL;
    }
}

static void
launch_send_string (CoroJob     *scope,
                    CoroChannel *channel,
                    const char  *s,
                    gint64       time)
{
  SendString *send = g_new0 (SendString, 1);

  send->channel = coro_channel_ref (channel);
  send->s = s;
  send->time = time;
  coro_job_unref (coro_launch (scope, send_string, send, send_string_free));
}

static gpointer
fan_in_body (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  static const gint64 expected_times[] = { 200, 400, 500, 600, 800, 1000 };
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, NULL);

  launch_send_string (scope, channel, "foo", 200);
  launch_send_string (scope, channel, "BAR!", 500);
  for (gint i = 0; i < 6; i++)
    {
      gpointer s;

      if (!coro_channel_receive (channel, &s, error))
        return NULL;
      test_println ("%s", (const char *) s);
      g_assert_cmpint (coro_test_current_time (), ==, expected_times[i]);
    }
  coro_job_cancel_children (scope);
  return NULL;
}

static void
test_guide_fan_in (void)
{
  run_test (fan_in_body, NULL);
  TEST_LOG_ASSERT ("foo", "foo", "BAR!", "foo", "foo", "BAR!");
}

/* Buffered channels */

static gpointer
send_ten (CoroJob  *scope,
          gpointer  user_data,
          GError  **error)
{
  CoroChannel *channel = user_data;

  for (gint i = 0; i < 10; i++)
    {
      test_println ("Sending %d", i);
      if (!coro_channel_send (channel, GINT_TO_POINTER (i), error))
        return NULL;
    }
  return NULL;
}

static gpointer
buffered_body (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (4, NULL);
  g_autoptr(CoroJob) sender = NULL;

  sender = coro_launch (scope, send_ten, coro_channel_ref (channel), (GDestroyNotify) coro_channel_unref);
  if (!coro_delay (1000, error))
    return NULL;
  g_assert_false (coro_job_is_completed (sender));
  coro_job_cancel (sender);
  if (!coro_job_join (sender, error))
    return NULL;

  /* The four buffered elements stay there; the fifth went with the sender. */
  for (gint i = 0; i < 4; i++)
    {
      gpointer x = GINT_TO_POINTER (-1);

      g_assert_true (coro_channel_try_receive (channel, &x, NULL));
      g_assert_cmpint (GPOINTER_TO_INT (x), ==, i);
    }
  g_assert_true (coro_channel_is_empty (channel));
  return NULL;
}

static void
test_guide_buffered (void)
{
  run_test (buffered_body, NULL);
  TEST_LOG_ASSERT ("Sending 0", "Sending 1", "Sending 2", "Sending 3", "Sending 4");
}

/* Channels are fair */

typedef struct
{
  gint hits;
} Ball;

typedef struct
{
  const char  *name;
  CoroChannel *table;
} Player;

static void
player_free (gpointer data)
{
  Player *player = data;

  coro_channel_unref (player->table);
  g_free (player);
}

static gpointer
player_body (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  Player *player = user_data;
  gpointer element;

  while (coro_channel_iterate (player->table, &element, error))
    {
      Ball *ball = element;

      ball->hits++;
      /* Kotlin prints the data class as "Ball(hits=1)". */
      test_println ("%s Ball(hits=%d)", player->name, ball->hits);
      g_assert_cmpint (coro_test_current_time (), ==, (ball->hits - 1) * 300);
      if (!coro_delay (300, error))
        return NULL;
      if (!coro_channel_send (player->table, ball, error))
        return NULL;
    }
  return NULL;
}

static void
launch_player (CoroJob     *scope,
               const char  *name,
               CoroChannel *table)
{
  Player *player = g_new0 (Player, 1);

  player->name = name;
  player->table = coro_channel_ref (table);
  coro_job_unref (coro_launch (scope, player_body, player, player_free));
}

static gpointer
fair_body (CoroJob  *scope,
           gpointer  user_data,
           GError  **error)
{
  /* The ball lives here; the channel never owns it. */
  Ball *ball = user_data;
  g_autoptr(CoroChannel) table = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, NULL);

  launch_player (scope, "ping", table);
  launch_player (scope, "pong", table);
  if (!coro_channel_send (table, ball, error))
    return NULL;
  if (!coro_delay (1000, error))
    return NULL;
  coro_job_cancel_children (scope);
  return NULL;
}

static void
test_guide_fair (void)
{
  Ball ball = { 0 };

  run_test (fair_body, &ball);
  TEST_LOG_ASSERT ("ping Ball(hits=1)",
                   "pong Ball(hits=2)",
                   "ping Ball(hits=3)",
                   "pong Ball(hits=4)");
  g_assert_cmpint (ball.hits, ==, 4);
}

/* Ticker channels */

/* Kotlin's Unit; printed as the guide prints it. */
static const char unit[] = "kotlin.Unit";

static gpointer
receive_block (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  gpointer tick;

  if (!coro_channel_receive (user_data, &tick, error))
    return NULL;
  return (gpointer) unit;
}

/* withTimeoutOrNull (timeout_ms) { channel.receive () }, as text. */
static gboolean
receive_tick (CoroChannel  *channel,
              gint64        timeout_ms,
              const char  **tick,
              GError      **error)
{
  GError *local_error = NULL;
  gpointer element = coro_with_timeout_or_null (timeout_ms, receive_block, channel, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *tick = element != NULL ? element : "null";
  return TRUE;
}

static gpointer
ticker_body (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  g_autoptr(CoroChannel) ticker_channel = coro_ticker (scope, 200, 0);
  GError *local_error = NULL;
  const char *next_element;

  if (!receive_tick (ticker_channel, 1, &next_element, &local_error))
    goto out;
  test_println ("Initial element is available immediately: %s", next_element);
  g_assert_cmpint (coro_test_current_time (), ==, 0);

  if (!receive_tick (ticker_channel, 100, &next_element, &local_error))
    goto out;
  test_println ("Next element is not ready in 100 ms: %s", next_element);
  g_assert_cmpint (coro_test_current_time (), ==, 100);

  if (!receive_tick (ticker_channel, 120, &next_element, &local_error))
    goto out;
  test_println ("Next element is ready in 200 ms: %s", next_element);
  g_assert_cmpint (coro_test_current_time (), ==, 200);

  /* Emulates a slow consumer. */
  test_println ("Consumer pauses for 300ms");
  if (!coro_delay (300, &local_error))
    goto out;

  if (!receive_tick (ticker_channel, 1, &next_element, &local_error))
    goto out;
  test_println ("Next element is available immediately after large consumer delay: %s", next_element);
  g_assert_cmpint (coro_test_current_time (), ==, 500);

  /* The pause counts: this one comes 100 ms later, not 200. */
  if (!receive_tick (ticker_channel, 120, &next_element, &local_error))
    goto out;
  test_println ("Next element is ready in 100ms after consumer pause in 300ms: %s", next_element);
  g_assert_cmpint (coro_test_current_time (), ==, 600);

out:
  /* Cancelling the channel stops the ticker, or the test would not end. */
  coro_channel_cancel (ticker_channel);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return NULL;
}

static void
test_guide_ticker (void)
{
  run_test (ticker_body, NULL);
  TEST_LOG_ASSERT ("Initial element is available immediately: kotlin.Unit",
                   "Next element is not ready in 100 ms: null",
                   "Next element is ready in 200 ms: kotlin.Unit",
                   "Consumer pauses for 300ms",
                   "Next element is available immediately after large consumer delay: kotlin.Unit",
                   "Next element is ready in 100ms after consumer pause in 300ms: kotlin.Unit");
}

/* Semantics beyond the guide */

/* A coroutine that only records that it ran: launched before a series of
 * sends, it shows whether any of them suspended the sender. Its flag lives
 * on the launcher's stack, so the launcher joins it before returning. */
static gpointer
set_flag (CoroJob  *scope,
          gpointer  user_data,
          GError  **error)
{
  *(gboolean *) user_data = TRUE;
  return NULL;
}

static gpointer
conflated_body (CoroJob  *scope,
                gpointer  user_data,
                GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_CONFLATED, test_element_drop);
  g_autoptr(CoroJob) flag_job = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean flag = FALSE;
  gpointer element = NULL;

  flag_job = coro_launch (scope, set_flag, &flag, NULL);
  for (gint i = 1; i <= 3; i++)
    g_assert_true (coro_channel_send (channel, test_element_new (i), error));
  g_assert_false (flag);   /* no send suspended */

  /* The older elements were replaced, and freed. */
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 2);
  g_assert_false (coro_channel_is_empty (channel));
  g_assert_true (coro_channel_receive (channel, &element, error));
  g_assert_cmpint (test_element_take (element), ==, 3);
  g_assert_true (coro_channel_is_empty (channel));

  g_assert_false (coro_channel_try_receive (channel, &element, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_EMPTY);

  /* What is left at the end is freed with the channel. */
  g_assert_true (coro_channel_send (channel, test_element_new (4), error));
  g_assert_true (coro_channel_send (channel, test_element_new (5), error));
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 3);

  if (!coro_job_join (flag_job, error))
    return NULL;
  g_assert_true (flag);
  return NULL;
}

static void
test_channel_conflated (void)
{
  test_elements_reset ();
  run_test (conflated_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 4);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

#define N_UNLIMITED 10000

static gpointer
unlimited_body (CoroJob  *scope,
                gpointer  user_data,
                GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_UNLIMITED, test_element_drop);
  g_autoptr(CoroJob) flag_job = NULL;
  gboolean flag = FALSE;

  flag_job = coro_launch (scope, set_flag, &flag, NULL);
  for (gint i = 0; i < N_UNLIMITED; i++)
    g_assert_true (coro_channel_send (channel, test_element_new (i), error));
  g_assert_false (flag);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, N_UNLIMITED);

  for (gint i = 0; i < N_UNLIMITED; i++)
    {
      gpointer element = NULL;

      g_assert_true (coro_channel_receive (channel, &element, error));
      g_assert_cmpint (test_element_take (element), ==, i);
    }
  g_assert_true (coro_channel_is_empty (channel));
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 0);

  if (!coro_job_join (flag_job, error))
    return NULL;
  g_assert_true (flag);
  return NULL;
}

static void
test_channel_unlimited (void)
{
  test_elements_reset ();
  run_test (unlimited_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

/* The try_ calls work outside coroutines too. */
static void
test_channel_try_buffered (void)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (2, test_element_drop);
  g_autoptr(GError) error = NULL;
  gpointer element = NULL;
  gint *refused;

  test_elements_reset ();
  refused = test_element_new (3);

  g_assert_false (coro_channel_try_receive (channel, &element, &error));
  g_assert_error (error, CORO_ERROR, CORO_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_null (element);

  g_assert_true (coro_channel_try_send (channel, test_element_new (1), &error));
  g_assert_no_error (error);
  g_assert_true (coro_channel_try_send (channel, test_element_new (2), &error));
  g_assert_no_error (error);

  /* Full: the caller keeps the element. */
  g_assert_false (coro_channel_try_send (channel, refused, &error));
  g_assert_error (error, CORO_ERROR, CORO_ERROR_FULL);
  g_clear_error (&error);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 0);

  g_assert_true (coro_channel_try_receive (channel, &element, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_element_take (element), ==, 1);

  /* There is room again. */
  g_assert_true (coro_channel_try_send (channel, refused, &error));
  g_assert_no_error (error);

  /* Closed: sending fails, the caller still keeps the element, and what
   * was sent before is still received, in order. */
  g_assert_true (coro_channel_close (channel));
  g_assert_false (coro_channel_close (channel));
  g_assert_true (coro_channel_is_closed_for_send (channel));
  refused = test_element_new (4);
  g_assert_false (coro_channel_try_send (channel, refused, &error));
  g_assert_error (error, CORO_ERROR, CORO_ERROR_CLOSED);
  g_clear_error (&error);
  test_element_take (refused);

  g_assert_true (coro_channel_try_receive (channel, &element, &error));
  g_assert_cmpint (test_element_take (element), ==, 2);
  g_assert_true (coro_channel_try_receive (channel, &element, &error));
  g_assert_cmpint (test_element_take (element), ==, 3);
  g_assert_no_error (error);

  g_assert_false (coro_channel_try_receive (channel, &element, &error));
  g_assert_error (error, CORO_ERROR, CORO_ERROR_CLOSED);
  g_clear_error (&error);

  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 0);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

static gpointer
receive_one_element (CoroJob  *scope,
                     gpointer  user_data,
                     GError  **error)
{
  gpointer element = NULL;

  if (!coro_channel_receive (user_data, &element, error))
    return NULL;
  return GINT_TO_POINTER (test_element_take (element));
}

static gpointer
send_one_element (CoroJob  *scope,
                  gpointer  user_data,
                  GError  **error)
{
  CoroChannel *channel = user_data;

  coro_channel_send (channel, test_element_new (42), error);
  return NULL;
}

static gpointer
try_rendezvous_body (CoroJob  *scope,
                     gpointer  user_data,
                     GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
  g_autoptr(CoroDeferred) receiver = NULL;
  g_autoptr(CoroJob) sender = NULL;
  g_autoptr(GError) local_error = NULL;
  gint *element = test_element_new (7);
  gpointer received = NULL;

  /* No receiver waits: a rendezvous channel has no room at all. */
  g_assert_false (coro_channel_try_send (channel, element, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_FULL);
  g_clear_error (&local_error);

  /* Once one waits, the element goes straight to it. */
  receiver = coro_async (scope, receive_one_element, channel, NULL, NULL);
  if (!coro_test_run_current (error))
    return NULL;
  g_assert_true (coro_channel_try_send (channel, element, &local_error));
  g_assert_no_error (local_error);
  g_assert_cmpint (GPOINTER_TO_INT (coro_deferred_await (receiver, error)), ==, 7);

  /* try_receive takes a suspended sender's element and resumes it. */
  g_assert_false (coro_channel_try_receive (channel, &received, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_EMPTY);
  g_clear_error (&local_error);
  sender = coro_launch (scope, send_one_element, channel, NULL);
  if (!coro_test_run_current (error))
    return NULL;
  g_assert_false (coro_job_is_completed (sender));
  g_assert_false (coro_channel_is_empty (channel));
  g_assert_true (coro_channel_try_receive (channel, &received, &local_error));
  g_assert_no_error (local_error);
  g_assert_cmpint (test_element_take (received), ==, 42);
  if (!coro_job_join (sender, error))
    return NULL;
  g_assert_true (coro_channel_is_empty (channel));
  return NULL;
}

static void
test_channel_try_rendezvous (void)
{
  test_elements_reset ();
  run_test (try_rendezvous_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 0);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

static gpointer
expect_closed (CoroJob  *scope,
               gpointer  user_data,
               GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer element = NULL;

  g_assert_false (coro_channel_receive (user_data, &element, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_CLOSED);
  return NULL;
}

static gpointer
closed_body (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (4, test_element_drop);
  g_autoptr(GError) local_error = NULL;
  gpointer element = NULL;

  g_assert_true (coro_channel_send (channel, test_element_new (2), error));
  g_assert_true (coro_channel_send (channel, test_element_new (3), error));
  g_assert_true (coro_channel_close (channel));

  /* Sending to a closed channel fails, and the element is freed. */
  g_assert_false (coro_channel_send (channel, test_element_new (4), &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_CLOSED);
  g_clear_error (&local_error);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 1);

  g_assert_true (coro_channel_receive (channel, &element, error));
  g_assert_cmpint (test_element_take (element), ==, 2);
  g_assert_true (coro_channel_iterate (channel, &element, error));
  g_assert_cmpint (test_element_take (element), ==, 3);

  /* Closed and empty: receive fails with CLOSED, iterate just ends. */
  g_assert_false (coro_channel_receive (channel, &element, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_CLOSED);
  g_clear_error (&local_error);
  g_assert_false (coro_channel_iterate (channel, &element, &local_error));
  g_assert_no_error (local_error);

  return NULL;
}

static gpointer
receive_expecting (CoroJob  *scope,
                   gpointer  user_data,
                   GError  **error)
{
  CoroChannel *channel = user_data;
  gpointer element = NULL;

  g_assert_true (coro_channel_receive (channel, &element, error));
  g_assert_cmpint (test_element_take (element), ==, 1);
  return NULL;
}

static void
test_channel_closed (void)
{
  test_elements_reset ();
  run_test (closed_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

/* A receiver waiting when the channel closes, with nothing left to give. */
static gpointer
closed_waiting_body (CoroJob  *scope,
                     gpointer  user_data,
                     GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
  g_autoptr(CoroJob) first = NULL;
  g_autoptr(CoroJob) second = NULL;
  g_autoptr(CoroJob) third = NULL;

  first = coro_launch (scope, receive_expecting, channel, NULL);
  second = coro_launch (scope, expect_closed, channel, NULL);
  third = coro_launch (scope, expect_closed, channel, NULL);
  if (!coro_test_run_current (error))
    return NULL;

  g_assert_true (coro_channel_send (channel, test_element_new (1), error));
  g_assert_true (coro_channel_close (channel));

  /* Each of them checks what it got; they must all be done. */
  if (coro_job_join (first, error) && coro_job_join (second, error))
    coro_job_join (third, error);
  return NULL;
}

static void
test_channel_closed_waiting (void)
{
  test_elements_reset ();
  run_test (closed_waiting_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 0);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

static gpointer
send_expecting_cancelled (CoroJob  *scope,
                          gpointer  user_data,
                          GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  g_assert_false (coro_channel_send (user_data, test_element_new (100), &local_error));
  g_assert_true (coro_error_is_cancelled (local_error));
  return NULL;
}

static gpointer
receive_expecting_cancelled (CoroJob  *scope,
                             gpointer  user_data,
                             GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer element = NULL;

  g_assert_false (coro_channel_receive (user_data, &element, &local_error));
  g_assert_true (coro_error_is_cancelled (local_error));
  return NULL;
}

static gpointer
cancel_buffered_body (CoroJob  *scope,
                      gpointer  user_data,
                      GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (5, test_element_drop);
  g_autoptr(CoroChannel) empty = coro_channel_new (5, test_element_drop);
  g_autoptr(CoroJob) sender = NULL;
  g_autoptr(CoroJob) receiver = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer element = NULL;

  for (gint i = 0; i < 5; i++)
    g_assert_true (coro_channel_send (channel, test_element_new (i), error));
  sender = coro_launch (scope, send_expecting_cancelled, channel, NULL);
  receiver = coro_launch (scope, receive_expecting_cancelled, empty, NULL);
  if (!coro_test_run_current (error))
    return NULL;
  g_assert_false (coro_job_is_completed (sender));
  g_assert_false (coro_job_is_completed (receiver));

  /* The five buffered elements and the suspended sender's are dropped. */
  coro_channel_cancel (channel);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 6);
  g_assert_true (coro_channel_is_closed_for_send (channel));
  g_assert_true (coro_channel_is_empty (channel));

  coro_channel_cancel (empty);
  if (!coro_job_join (sender, error) || !coro_job_join (receiver, error))
    return NULL;
  g_assert_false (coro_job_is_cancelled (sender));
  g_assert_false (coro_job_is_cancelled (receiver));

  /* A cancelled channel reports the cancellation to late comers. */
  g_assert_false (coro_channel_receive (channel, &element, &local_error));
  g_assert_true (coro_error_is_cancelled (local_error));
  g_clear_error (&local_error);
  g_assert_false (coro_channel_send (channel, test_element_new (9), &local_error));
  g_assert_true (coro_error_is_cancelled (local_error));
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 7);

  return NULL;
}

static void
test_channel_cancel_buffered (void)
{
  test_elements_reset ();
  run_test (cancel_buffered_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

/* A channel dropped by its last owner frees what it still buffers. */
static void
test_channel_unref_buffered (void)
{
  CoroChannel *channel = coro_channel_new (CORO_CHANNEL_BUFFERED, test_element_drop);

  test_elements_reset ();
  for (gint i = 0; i < 64; i++)
    g_assert_true (coro_channel_try_send (channel, test_element_new (i), NULL));
  g_assert_false (coro_channel_try_send (channel, GINT_TO_POINTER (1), NULL));
  coro_channel_unref (channel);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 64);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

static gpointer
receive_forever (CoroJob  *scope,
                 gpointer  user_data,
                 GError  **error)
{
  gpointer element = NULL;

  if (coro_channel_receive (user_data, &element, error))
    g_error ("the cancelled receiver was given element %d", test_element_take (element));
  return NULL;
}

static gpointer
cancel_receiver_body (CoroJob  *scope,
                      gpointer  user_data,
                      GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
  g_autoptr(CoroChannel) buffered = coro_channel_new (2, test_element_drop);
  g_autoptr(CoroJob) cancelled = NULL;
  g_autoptr(CoroJob) late = NULL;
  g_autoptr(CoroDeferred) second = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer element = NULL;

  /* Two receivers queue up; the first is cancelled while it waits. The
   * next element goes to the second, and nothing is lost or dropped. */
  cancelled = coro_launch (scope, receive_forever, channel, NULL);
  second = coro_async (scope, receive_one_element, channel, NULL, NULL);
  if (!coro_test_run_current (error))
    return NULL;
  coro_job_cancel (cancelled);
  if (!coro_job_join (cancelled, error))
    return NULL;
  g_assert_true (coro_job_is_cancelled (cancelled));

  g_assert_true (coro_channel_send (channel, test_element_new (1), error));
  g_assert_cmpint (GPOINTER_TO_INT (coro_deferred_await (second, error)), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 0);

  /* The channel still works both ways: no receiver is left, so a try_send
   * finds no room. */
  g_assert_false (coro_channel_try_send (channel, GINT_TO_POINTER (1), &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_FULL);
  g_clear_error (&local_error);

  /* A receiver given an element and cancelled before it could run: the
   * element is undelivered, and dropped through the destroy function. */
  g_clear_pointer (&cancelled, coro_job_unref);
  cancelled = coro_launch (scope, receive_forever, channel, NULL);
  if (!coro_test_run_current (error))
    return NULL;
  g_assert_true (coro_channel_try_send (channel, test_element_new (2), &local_error));
  g_assert_no_error (local_error);
  coro_job_cancel (cancelled);
  if (!coro_job_join (cancelled, error))
    return NULL;
  g_assert_true (coro_job_is_cancelled (cancelled));
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 1);
  g_assert_true (coro_channel_is_empty (channel));

  /* On a buffered channel, a cancelled receiver does not swallow what is
   * sent after it gave up: it stays in the buffer. */
  late = coro_launch (scope, receive_forever, buffered, NULL);
  if (!coro_test_run_current (error))
    return NULL;
  coro_job_cancel (late);
  if (!coro_job_join (late, error))
    return NULL;
  g_assert_true (coro_channel_send (buffered, test_element_new (3), error));
  g_assert_true (coro_channel_try_receive (buffered, &element, &local_error));
  g_assert_no_error (local_error);
  g_assert_cmpint (test_element_take (element), ==, 3);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 1);

  return NULL;
}

static void
test_channel_cancel_receiver (void)
{
  test_elements_reset ();
  run_test (cancel_receiver_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

static gpointer
send_forever (CoroJob  *scope,
              gpointer  user_data,
              GError  **error)
{
  if (coro_channel_send (user_data, test_element_new (-1), error))
    g_error ("the cancelled sender delivered its element");
  return NULL;
}

typedef struct
{
  CoroChannel *channel;
  gint         value;
} SendValue;

static gpointer
send_value (CoroJob  *scope,
            gpointer  user_data,
            GError  **error)
{
  SendValue *send = user_data;

  coro_channel_send (send->channel, test_element_new (send->value), error);
  return NULL;
}

static gpointer
cancel_sender_body (CoroJob  *scope,
                    gpointer  user_data,
                    GError  **error)
{
  g_autoptr(CoroChannel) channel = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
  g_autoptr(CoroChannel) full = coro_channel_new (1, test_element_drop);
  g_autoptr(CoroJob) cancelled = NULL;
  g_autoptr(CoroJob) second = NULL;
  g_autoptr(CoroJob) blocked = NULL;
  g_autoptr(GError) local_error = NULL;
  SendValue send = { channel, 2 };
  gpointer element = NULL;

  /* Two senders queue up; the first is cancelled while it waits: its
   * element is dropped, and the next receive gets the second's. */
  cancelled = coro_launch (scope, send_forever, channel, NULL);
  second = coro_launch (scope, send_value, &send, NULL);
  if (!coro_test_run_current (error))
    return NULL;
  coro_job_cancel (cancelled);
  if (!coro_job_join (cancelled, error))
    return NULL;
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 1);
  g_assert_false (coro_channel_is_empty (channel));

  g_assert_true (coro_channel_receive (channel, &element, error));
  g_assert_cmpint (test_element_take (element), ==, 2);
  if (!coro_job_join (second, error))
    return NULL;
  g_assert_true (coro_channel_is_empty (channel));
  g_assert_false (coro_channel_try_receive (channel, &element, &local_error));
  g_assert_error (local_error, CORO_ERROR, CORO_ERROR_EMPTY);
  g_clear_error (&local_error);

  /* A sender blocked on a full buffer: cancelling it drops only its own
   * element; the buffer is untouched. */
  g_assert_true (coro_channel_send (full, test_element_new (10), error));
  blocked = coro_launch (scope, send_forever, full, NULL);
  if (!coro_test_run_current (error))
    return NULL;
  coro_job_cancel (blocked);
  if (!coro_job_join (blocked, error))
    return NULL;
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 2);
  g_assert_true (coro_channel_try_receive (full, &element, &local_error));
  g_assert_no_error (local_error);
  g_assert_cmpint (test_element_take (element), ==, 10);
  g_assert_true (coro_channel_is_empty (full));

  return NULL;
}

static void
test_channel_cancel_sender (void)
{
  test_elements_reset ();
  run_test (cancel_sender_body, NULL);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

/* Across threads: a coroutine on Default and one on the caller's
 * dispatcher share channels, in real time. */

typedef struct
{
  CoroChannel *channel;
  gint         n;
} Stream;

static gpointer
stream_send (CoroJob  *scope,
             gpointer  user_data,
             GError  **error)
{
  Stream *stream = user_data;

  for (gint i = 1; i <= stream->n; i++)
    if (!coro_channel_send (stream->channel, test_element_new (i), error))
      return NULL;
  coro_channel_close (stream->channel);
  return NULL;
}

static gpointer
stream_receive (CoroJob  *scope,
                gpointer  user_data,
                GError  **error)
{
  Stream *stream = user_data;
  GError *local_error = NULL;
  gint expected = 1;
  gpointer element;

  while (coro_channel_iterate (stream->channel, &element, &local_error))
    g_assert_cmpint (test_element_take (element), ==, expected++);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  g_assert_cmpint (expected, ==, stream->n + 1);
  return GINT_TO_POINTER (expected - 1);
}

typedef struct
{
  CoroChannel *ping;
  CoroChannel *pong;
  gint         n;
} Rally;

/* Sends back every ball it receives until the ping channel closes. */
static gpointer
rally_return (CoroJob  *scope,
              gpointer  user_data,
              GError  **error)
{
  Rally *rally = user_data;
  GError *local_error = NULL;
  gpointer ball;

  while (coro_channel_iterate (rally->ping, &ball, &local_error))
    if (!coro_channel_send (rally->pong, ball, error))
      {
        g_clear_error (&local_error);
        return NULL;
      }
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return NULL;
}

static gpointer
cross_thread_body (CoroJob  *scope,
                   gpointer  user_data,
                   GError  **error)
{
  gint n = GPOINTER_TO_INT (user_data);
  /* NULL: the scope's dispatcher, this thread's. */
  CoroDispatcher *here = NULL;
  const gint capacities[] = { CORO_CHANNEL_RENDEZVOUS, 16, CORO_CHANNEL_UNLIMITED };

  for (guint c = 0; c < G_N_ELEMENTS (capacities); c++)
    {
      /* Default sends, this thread receives; then the other way round. */
      for (gint direction = 0; direction < 2; direction++)
        {
          g_autoptr(CoroChannel) channel = coro_channel_new (capacities[c], test_element_drop);
          Stream stream = { channel, n };
          g_autoptr(CoroJob) sender = NULL;
          g_autoptr(CoroDeferred) receiver = NULL;

          sender = coro_launch_full (scope, &(CoroContext) {
                                       .dispatcher = direction == 0 ? coro_dispatcher_default () : here,
                                       .name = "sender" },
                                     stream_send, &stream, NULL);
          receiver = coro_async_full (scope, &(CoroContext) {
                                        .dispatcher = direction == 0 ? here : coro_dispatcher_default (),
                                        .name = "receiver" },
                                      stream_receive, &stream, NULL, NULL);
          g_assert_cmpint (GPOINTER_TO_INT (coro_deferred_await (receiver, error)), ==, n);
          if (!coro_job_join (sender, error))
            return NULL;
        }
    }

  /* A rally: every ball crosses twice, through two rendezvous channels. */
  {
    g_autoptr(CoroChannel) ping = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
    g_autoptr(CoroChannel) pong = coro_channel_new (CORO_CHANNEL_RENDEZVOUS, test_element_drop);
    Rally rally = { ping, pong, n };
    g_autoptr(CoroJob) returner = NULL;

    returner = coro_launch_full (scope, &(CoroContext) { .dispatcher = coro_dispatcher_default () },
                                 rally_return, &rally, NULL);
    for (gint i = 0; i < n; i++)
      {
        gpointer ball = NULL;

        if (!coro_channel_send (ping, test_element_new (i), error) ||
            !coro_channel_receive (pong, &ball, error))
          return NULL;
        g_assert_cmpint (test_element_take (ball), ==, i);
      }
    coro_channel_close (ping);
    if (!coro_job_join (returner, error))
      return NULL;
  }

  return NULL;
}

static void
test_channel_cross_thread_blocking (void)
{
  g_autoptr(GError) error = NULL;
  gint n = test_under_valgrind () ? 500 : 10000;

  test_elements_reset ();
  coro_run_blocking (cross_thread_body, GINT_TO_POINTER (n), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 0);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

/* The same under coro_run_test(): the test dispatcher must wake up for
 * resumptions that come from Default's real-time threads. No times are
 * checked: the other side runs in real time. */
static void
test_channel_cross_thread_test_dispatcher (void)
{
  g_autoptr(GError) error = NULL;
  gint n = test_under_valgrind () ? 200 : 2000;

  test_elements_reset ();
  coro_run_test (cross_thread_body, GINT_TO_POINTER (n), &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_dropped), ==, 0);
  g_assert_cmpint (g_atomic_int_get (&test_n_elements_alive), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/guide/channels/basics", test_guide_basics);
  g_test_add_func ("/coro/guide/channels/closing", test_guide_closing);
  g_test_add_func ("/coro/guide/channels/producers", test_guide_producers);
  g_test_add_func ("/coro/guide/channels/pipelines", test_guide_pipelines);
  g_test_add_func ("/coro/guide/channels/primes", test_guide_primes);
  g_test_add_func ("/coro/guide/channels/fan-out", test_guide_fan_out);
  g_test_add_func ("/coro/guide/channels/fan-in", test_guide_fan_in);
  g_test_add_func ("/coro/guide/channels/buffered", test_guide_buffered);
  g_test_add_func ("/coro/guide/channels/fair", test_guide_fair);
  g_test_add_func ("/coro/guide/channels/ticker", test_guide_ticker);

  g_test_add_func ("/coro/channel/conflated", test_channel_conflated);
  g_test_add_func ("/coro/channel/unlimited", test_channel_unlimited);
  g_test_add_func ("/coro/channel/try/buffered", test_channel_try_buffered);
  g_test_add_func ("/coro/channel/try/rendezvous", test_channel_try_rendezvous);
  g_test_add_func ("/coro/channel/closed", test_channel_closed);
  g_test_add_func ("/coro/channel/closed-waiting", test_channel_closed_waiting);
  g_test_add_func ("/coro/channel/cancel/buffered", test_channel_cancel_buffered);
  g_test_add_func ("/coro/channel/cancel/receiver", test_channel_cancel_receiver);
  g_test_add_func ("/coro/channel/cancel/sender", test_channel_cancel_sender);
  g_test_add_func ("/coro/channel/unref-buffered", test_channel_unref_buffered);
  g_test_add_func ("/coro/channel/cross-thread/blocking", test_channel_cross_thread_blocking);
  g_test_add_func ("/coro/channel/cross-thread/test-dispatcher", test_channel_cross_thread_test_dispatcher);

  return g_test_run ();
}
