/* test-coro-guide-select.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

/*
 * The "Select expression" chapter of the kotlinx.coroutines guide, example
 * by example, under virtual time; then what the guide does not show:
 * produce and ticker, the stackless select, cancelling a select, fairness
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
  g_autofree CoroSelectClause *clauses = g_new0 (CoroSelectClause, 12);
  g_autofree char *line = NULL;
  CoroSelectResult result;
  JavaRandom random;
  guint count_active = 0;

  java_random_init (&random, 3);
  for (guint i = 0; i < 12; i++)
    {
      gint time = java_random_next_int (&random, 1000);

      g_ptr_array_add (list, coro_async (scope, async_string_block, GINT_TO_POINTER (time), NULL, g_free));
      clauses[i] = CORO_ON_AWAIT (g_ptr_array_index (list, i));
    }

  if (!coro_select (clauses, 12, &result, error))
    return NULL;
  line = g_strdup_printf ("Deferred %u produced answer '%s'", result.index, (const char *) result.value);
  test_println ("%s", line);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/coro/guide/select/channels", test_guide_select_channels);
  g_test_add_func ("/coro/guide/select/on-close", test_guide_select_on_close);
  g_test_add_func ("/coro/guide/select/on-send", test_guide_select_on_send);
  g_test_add_func ("/coro/guide/select/on-await", test_guide_select_on_await);
  g_test_add_func ("/coro/guide/select/switch", test_guide_select_switch);

  return g_test_run ();
}
