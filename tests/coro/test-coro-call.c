/* test-coro-call.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The typed launchers of coro-call.h (arguments in, results out, owned
 * arguments freed, fibers and stackless bodies, GIO callbacks) and the inline scopes of
 * coro-inline-scope.h (kotlinx's coroutineScope and NonCancellable
 * semantics), under virtual time.
 */

#include "config.h"

#include <coro.h>

#include "coro-test-utils.h"

static gint n_freed;

typedef struct
{
  char *text;
} Item;

static Item *
item_take (char *text)
{
  Item *item = g_new0 (Item, 1);

  item->text = text;
  return item;
}

static void
item_free (Item *item)
{
  g_free (item->text);
  g_free (item);
  n_freed++;
}

static void
counted_free (char *text)
{
  g_free (text);
  n_freed++;
}

static GError *
boom (void)
{
  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "boom");
}

/* --- async ----------------------------------------------------------- */

/* Three arguments of three types, all used. */
static Item *
describe (CoroJob     *scope,
          gint64       delay_ms,
          const char  *name,
          gdouble      factor,
          GError     **error)
{
  if (!coro_delay (delay_ms, error))
    return NULL;
  return item_take (g_strdup_printf ("%s:%" G_GINT64_FORMAT ":%.1f", name, delay_ms, factor));
}

CORO_DEFINE_ASYNC (describe, Item *, item_free,
                   (gint64, delay_ms), (const char *, name), (gdouble, factor));

static gpointer
async_args_body (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  g_autoptr(CoroDeferred) a = describe_async (scope, 300, "a", 1.5);
  g_autoptr(CoroDeferred) b = describe_async (scope, 100, "b", 2.5);
  g_autoptr(CoroDeferred) c = describe_async (scope, 200, "c", -1);
  Item *item;

  item = coro_deferred_await (a, error);
  g_assert_nonnull (item);
  g_assert_cmpstr (item->text, ==, "a:300:1.5");
  item = coro_deferred_await (b, error);
  g_assert_cmpstr (item->text, ==, "b:100:2.5");
  g_assert_cmpint (coro_current_time (), ==, 300);

  /* c is done but never awaited: the deferred frees its result. */
  g_assert_true (coro_job_is_completed (c));
  return GINT_TO_POINTER (TRUE);
}

static void
test_call_async_args (void)
{
  n_freed = 0;
  run_test_or_fail (async_args_body, NULL);
  g_assert_cmpint (n_freed, ==, 3);
}

/* The body's failure fails the deferred, and its sibling in the scope. */
static Item *
fail_after (CoroJob  *scope,
            gint64    delay_ms,
            GError  **error)
{
  if (coro_delay (delay_ms, error))
    g_propagate_error (error, boom ());
  return NULL;
}

CORO_DEFINE_ASYNC (fail_after, Item *, item_free, (gint64, delay_ms));

static gpointer
async_failure_scope (CoroJob  *scope,
                     gpointer  data,
                     GError  **error)
{
  g_autoptr(CoroDeferred) failing = fail_after_async (scope, 100);
  g_autoptr(CoroDeferred) slow = describe_async (scope, 1000, "slow", 0);

  g_assert_nonnull (failing);
  return coro_deferred_await (slow, error);
}

static gpointer
async_failure_body (CoroJob  *scope,
                    gpointer  data,
                    GError  **error)
{
  g_autoptr(GError) local_error = NULL;

  g_assert_null (coro_scope (async_failure_scope, NULL, &local_error));
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (coro_current_time (), ==, 100);
  return GINT_TO_POINTER (TRUE);
}

static void
test_call_async_failure (void)
{
  run_test_or_fail (async_failure_body, NULL);
}

/* --- launch ---------------------------------------------------------- */

static gboolean
append_later (CoroJob     *scope,
              GString     *log,
              char        *text,
              gint64       delay_ms,
              GError     **error)
{
  if (!coro_delay (delay_ms, error))
    return FALSE;
  g_string_append (log, text);
  return TRUE;
}

CORO_DEFINE_LAUNCH (append_later, (GString *, log), (char *, text, counted_free), (gint64, delay_ms));

static gpointer
launch_owned_body (CoroJob  *scope,
                   gpointer  data,
                   GError  **error)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(CoroJob) later = NULL;
  g_autoptr(CoroJob) never = NULL;
  char buffer[8];

  /* The launcher takes the copy; the caller's buffer changes meanwhile. */
  g_strlcpy (buffer, "x", sizeof buffer);
  coro_job_unref (append_later_launch (scope, log, g_strdup (buffer), 200));
  g_strlcpy (buffer, "y", sizeof buffer);
  coro_job_unref (append_later_launch (scope, log, g_strdup (buffer), 100));
  later = append_later_launch (scope, log, g_strdup ("z"), 300);
  /* Cancelled before it ever ran: its argument is freed all the same. */
  never = append_later_launch_full (scope, &(CoroContext) { .lazy = TRUE }, log, g_strdup ("n"), 0);
  coro_job_cancel (never);

  if (!coro_job_join (later, error))
    return NULL;
  g_assert_cmpstr (log->str, ==, "yxz");
  g_assert_cmpint (coro_current_time (), ==, 300);
  return GINT_TO_POINTER (TRUE);
}

static void
test_call_launch_owned (void)
{
  n_freed = 0;
  run_test_or_fail (launch_owned_body, NULL);
  g_assert_cmpint (n_freed, ==, 4);
}

/* GlobalScope.launch: the caller returns at once and frees its copy. */
static GString *global_log;

static gboolean
log_global (CoroJob     *scope,
            char        *text,
            GError     **error)
{
  if (!coro_delay (500, error))
    return FALSE;
  g_string_append (global_log, text);
  return TRUE;
}

CORO_DEFINE_LAUNCH (log_global, (char *, text, counted_free));

static gpointer
fire_and_forget (CoroJob  *scope,
                 gpointer  data,
                 GError  **error)
{
  g_autofree char *text = g_strdup ("global");
  CoroContext context = { .dispatcher = coro_test_dispatcher () };

  coro_job_unref (log_global_launch_full (CORO_GLOBAL_SCOPE, &context, g_strdup (text)));
  return GINT_TO_POINTER (TRUE);
}

static gpointer
launch_global_body (CoroJob  *scope,
                    gpointer  data,
                    GError  **error)
{
  coro_scope (fire_and_forget, NULL, error);
  g_assert_cmpstr (global_log->str, ==, "");
  if (!coro_delay (1000, error))
    return NULL;
  g_assert_cmpstr (global_log->str, ==, "global");
  return GINT_TO_POINTER (TRUE);
}

static void
test_call_launch_global (void)
{
  n_freed = 0;
  global_log = g_string_new (NULL);
  run_test_or_fail (launch_global_body, NULL);
  g_assert_cmpint (n_freed, ==, 1);
  g_string_free (global_log, TRUE);
}

/* --- produce --------------------------------------------------------- */

static gboolean
count_up (CoroChannel  *channel,
          const char   *prefix,
          gint          n,
          GError      **error)
{
  for (gint i = 0; i < n; i++)
    {
      if (!coro_delay (100, error))
        return FALSE;
      if (!coro_channel_send (channel, item_take (g_strdup_printf ("%s%d", prefix, i)), error))
        return FALSE;
    }
  return TRUE;
}

CORO_DEFINE_PRODUCE (count_up, item_free, (const char *, prefix), (gint, n));

static gpointer
produce_body (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  g_autoptr(CoroChannel) numbers = count_up_produce (scope, CORO_CHANNEL_RENDEZVOUS, "n", 3);
  g_autoptr(CoroChannel) buffered = count_up_produce (scope, 10, "b", 5);
  g_autoptr(GString) log = g_string_new (NULL);
  gpointer element;

  while (coro_channel_receive (numbers, &element, NULL))
    {
      Item *item = element;

      g_string_append (log, item->text);
      item_free (item);
    }
  g_assert_cmpstr (log->str, ==, "n0n1n2");
  g_assert_cmpint (coro_current_time (), ==, 300);

  /* What is buffered but never received is freed with the channel. */
  if (!coro_delay (1000, error))
    return NULL;
  coro_channel_cancel (buffered);
  return GINT_TO_POINTER (TRUE);
}

static void
test_call_produce (void)
{
  n_freed = 0;
  run_test_or_fail (produce_body, NULL);
  g_assert_cmpint (n_freed, ==, 3 + 5);
}

/* --- stackless ------------------------------------------------------- */

CORO_DEFINE_ASYNC_STEP (countdown, Item *, item_free, (const char *, name), (gint, n));

/* Waits 100 ms n times, keeping its count in its argument. */
static CoroStep
countdown (CoroJob           *scope,
           guint             *label,
           countdown_args    *args,
           Item             **result,
           GError           **error)
{
  CORO_STEP_BEGIN (label);
  while (args->n > 0)
    {
      CORO_STEP_AWAIT (label, coro_delay_begin (100));
      if (!coro_delay_finish (error))
        return CORO_STEP_DONE;
      args->n--;
    }
  *result = item_take (g_strdup (args->name));
  CORO_STEP_END (label);
}

CORO_DEFINE_LAUNCH_STEP (tick, (GString *, log), (char *, text, counted_free));

static CoroStep
tick (CoroJob      *scope,
      guint        *label,
      tick_args    *args,
      GError      **error)
{
  CORO_STEP_BEGIN (label);
  CORO_STEP_AWAIT (label, coro_delay_begin (50));
  if (!coro_delay_finish (error))
    return CORO_STEP_DONE;
  g_string_append (args->log, args->text);
  CORO_STEP_END (label);
}

static gpointer
stackless_body (CoroJob  *scope,
                gpointer  data,
                GError  **error)
{
  g_autoptr(CoroDeferred) five = countdown_async (scope, "five", 5);
  g_autoptr(CoroDeferred) two = countdown_async (scope, "two", 2);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(CoroJob) ticked = tick_launch (scope, log, g_strdup ("tick"));
  Item *item;

  item = coro_deferred_await (two, error);
  g_assert_cmpstr (item->text, ==, "two");
  g_assert_cmpint (coro_current_time (), ==, 200);
  g_assert_cmpstr (log->str, ==, "tick");
  g_assert_true (coro_job_is_completed (ticked));
  item = coro_deferred_await (five, error);
  g_assert_cmpstr (item->text, ==, "five");
  g_assert_cmpint (coro_current_time (), ==, 500);
  return GINT_TO_POINTER (TRUE);
}

static void
test_call_stackless (void)
{
  n_freed = 0;
  run_test_or_fail (stackless_body, NULL);
  g_assert_cmpint (n_freed, ==, 3);
}

/* --- GIO callbacks -------------------------------------------------- */

static void
on_ready (GObject      *source,
          GAsyncResult *result,
          GString      *log,
          char         *text,
          gint          n)
{
  g_string_append_printf (log, "%s%s%d", (char *) g_task_propagate_pointer (G_TASK (result), NULL),
                          text, n);
}

CORO_DEFINE_ASYNC_READY (on_ready, (GString *, log), (char *, text, counted_free), (gint, n));

static void
test_call_async_ready (void)
{
  g_autoptr(GString) log = g_string_new (NULL);
  GTask *task;

  n_freed = 0;
  task = g_task_new (NULL, NULL, on_ready_ready, on_ready_bind (log, g_strdup ("-text-"), 42));
  g_task_return_pointer (task, (gpointer) "result", NULL);
  g_object_unref (task);
  while (log->len == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (log->str, ==, "result-text-42");
  g_assert_cmpint (n_freed, ==, 1);
}

/* --- inline scope ---------------------------------------------------- */

static gboolean
sleep_then_fail (CoroJob  *scope,
                 gint64    delay_ms,
                 gboolean  fail,
                 GError  **error)
{
  if (!coro_delay (delay_ms, error))
    return FALSE;
  if (fail)
    g_propagate_error (error, boom ());
  return !fail;
}

CORO_DEFINE_LAUNCH (sleep_then_fail, (gint64, delay_ms), (gboolean, fail));

static gpointer
scope_waits_body (CoroJob  *outer,
                  gpointer  data,
                  GError  **error)
{
  CoroJob *scope = coro_scope_open ();

  g_assert_true (scope != outer);
  coro_job_unref (sleep_then_fail_launch (scope, 300, FALSE));
  coro_job_unref (sleep_then_fail_launch (scope, 200, FALSE));
  g_assert_cmpint (coro_current_time (), ==, 0);

  if (!coro_scope_close (scope, NULL, error))
    return NULL;
  g_assert_cmpint (coro_current_time (), ==, 300);
  return GINT_TO_POINTER (TRUE);
}

static void
test_inline_scope_waits (void)
{
  run_test_or_fail (scope_waits_body, NULL);
}

/* A child's failure cancels the code before the close, at its next
 * suspension point, and comes out of the close rather than the
 * cancellation the body saw. */
static gpointer
child_failure_body (CoroJob  *outer,
                    gpointer  data,
                    GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  CoroJob *scope = coro_scope_open ();

  coro_job_unref (sleep_then_fail_launch (scope, 100, TRUE));
  coro_job_unref (sleep_then_fail_launch (scope, 1000, FALSE));
  g_assert_false (coro_delay (500, &local_error));
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (coro_current_time (), ==, 100);

  g_assert_false (coro_scope_close (scope, g_steal_pointer (&local_error), &local_error));
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (coro_current_time (), ==, 100);

  /* The caller itself is not cancelled. */
  if (!coro_delay (50, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
test_inline_scope_child_failure (void)
{
  run_test_or_fail (child_failure_body, NULL);
}

/* The body's failure cancels the children and comes out of the close. */
static gpointer
body_failure_body (CoroJob  *outer,
                   gpointer  data,
                   GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CoroJob) child = NULL;
  CoroJob *scope = coro_scope_open ();

  child = sleep_then_fail_launch (scope, 1000, FALSE);
  if (coro_delay (100, &local_error))
    local_error = boom ();

  g_assert_false (coro_scope_close (scope, g_steal_pointer (&local_error), &local_error));
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpint (coro_current_time (), ==, 100);
  g_assert_true (coro_job_is_cancelled (child));
  return GINT_TO_POINTER (TRUE);
}

static void
test_inline_scope_body_failure (void)
{
  run_test_or_fail (body_failure_body, NULL);
}

/* Cancelling the caller cancels the scope's children; the close still
 * waits for them. */
static gboolean child_saw_cancel;

static gboolean
cleanup_after_cancel (CoroJob  *scope,
                      gint64    cleanup_ms,
                      GError  **error)
{
  CoroJob *cleanup;

  if (coro_delay (1000, error))
    return TRUE;
  child_saw_cancel = TRUE;
  cleanup = coro_non_cancellable_open ();
  g_assert_true (coro_delay (cleanup_ms, NULL));
  g_assert_true (coro_scope_close (cleanup, NULL, NULL));
  return FALSE;
}

CORO_DEFINE_LAUNCH (cleanup_after_cancel, (gint64, cleanup_ms));

static gboolean
open_and_wait (CoroJob  *outer,
               gint64    delay_ms,
               GError  **error)
{
  GError *local_error = NULL;
  CoroJob *scope = coro_scope_open ();

  coro_job_unref (cleanup_after_cancel_launch (scope, 50));
  coro_delay (delay_ms, &local_error);
  g_assert_false (coro_scope_close (scope, local_error, error));
  g_assert_cmpint (coro_current_time (), ==, 150);
  return FALSE;
}

CORO_DEFINE_LAUNCH (open_and_wait, (gint64, delay_ms));

static gpointer
caller_cancelled_body (CoroJob  *scope,
                       gpointer  data,
                       GError  **error)
{
  g_autoptr(CoroJob) job = open_and_wait_launch (scope, 2000);

  if (!coro_delay (100, error))
    return NULL;
  if (!coro_job_cancel_and_join (job, error))
    return NULL;
  g_assert_true (child_saw_cancel);
  g_assert_cmpint (coro_current_time (), ==, 150);
  return GINT_TO_POINTER (TRUE);
}

static void
test_inline_scope_caller_cancelled (void)
{
  child_saw_cancel = FALSE;
  run_test_or_fail (caller_cancelled_body, NULL);
}

/* Scopes nest; the close makes the outer one current again, which a
 * plain coro_launch() into the returned job would not show, but a
 * failure of the inner scope's child does: it reaches the outer scope
 * only through the inner close. */
static gpointer
nested_body (CoroJob  *outer,
             gpointer  data,
             GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  CoroJob *scope = coro_scope_open ();
  CoroJob *inner = coro_scope_open ();

  coro_job_unref (sleep_then_fail_launch (inner, 100, TRUE));
  coro_job_unref (sleep_then_fail_launch (scope, 1000, FALSE));
  g_assert_false (coro_scope_close (inner, NULL, &local_error));
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&local_error);

  /* The outer scope is untouched and current again. */
  g_assert_true (coro_delay (100, NULL));
  g_assert_true (coro_scope_close (scope, NULL, error));
  g_assert_cmpint (coro_current_time (), ==, 1000);
  return GINT_TO_POINTER (TRUE);
}

static void
test_inline_scope_nested (void)
{
  run_test_or_fail (nested_body, NULL);
}

/* finally { withContext(NonCancellable) { delay } }: the cleanup may
 * suspend in a cancelled coroutine, and after it the coroutine is
 * cancelled again. */
static gboolean
finally_section (CoroJob  *scope,
                 GString  *log,
                 GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  CoroJob *cleanup;

  if (coro_delay (1000, error))
    return TRUE;

  cleanup = coro_non_cancellable_open ();
  if (coro_delay (300, &local_error))
    g_string_append (log, "cleaned");
  g_assert_true (coro_scope_close (cleanup, g_steal_pointer (&local_error), NULL));

  g_assert_false (coro_delay (1, &local_error));
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  return FALSE;
}

CORO_DEFINE_LAUNCH (finally_section, (GString *, log));

static gpointer
non_cancellable_body (CoroJob  *scope,
                      gpointer  data,
                      GError  **error)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(CoroJob) job = finally_section_launch (scope, log);

  if (!coro_delay (100, error))
    return NULL;
  if (!coro_job_cancel_and_join (job, error))
    return NULL;
  g_assert_cmpstr (log->str, ==, "cleaned");
  g_assert_cmpint (coro_current_time (), ==, 400);
  return GINT_TO_POINTER (TRUE);
}

static void
test_inline_scope_non_cancellable (void)
{
  run_test_or_fail (non_cancellable_body, NULL);
}

/* Opened in a coroutine already cancelled, the scope starts cancelled:
 * its children never run and the body's first suspension fails. */
static gboolean
open_when_cancelled (CoroJob  *outer,
                     GString  *log,
                     GError  **error)
{
  g_autoptr(CoroJob) child = NULL;
  GError *local_error = NULL;
  CoroJob *scope;

  coro_job_cancel (outer);
  scope = coro_scope_open ();
  child = append_later_launch (scope, log, g_strdup ("child"), 0);
  g_assert_false (coro_delay (10, &local_error));
  g_assert_error (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (coro_scope_close (scope, local_error, error));
  g_string_append (log, "closed");
  return FALSE;
}

CORO_DEFINE_LAUNCH (open_when_cancelled, (GString *, log));

static gpointer
opened_cancelled_body (CoroJob  *scope,
                       gpointer  data,
                       GError  **error)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(CoroJob) job = open_when_cancelled_launch (scope, log);

  if (!coro_job_join (job, error))
    return NULL;
  g_assert_cmpstr (log->str, ==, "closed");
  g_assert_cmpint (coro_current_time (), ==, 0);
  return GINT_TO_POINTER (TRUE);
}

static void
test_inline_scope_opened_cancelled (void)
{
  n_freed = 0;
  run_test_or_fail (opened_cancelled_body, NULL);
  g_assert_cmpint (n_freed, ==, 1);
}

/* Scopes close in the reverse order of their opening. */
static gpointer
misuse_body (CoroJob  *outer,
             gpointer  data,
             GError  **error)
{
  CoroJob *scope = coro_scope_open ();
  CoroJob *inner = coro_scope_open ();

  g_test_expect_message ("Coro", G_LOG_LEVEL_CRITICAL, "*co->current == scope*");
  g_assert_false (coro_scope_close (scope, NULL, NULL));
  g_test_assert_expected_messages ();

  g_assert_true (coro_scope_close (inner, NULL, NULL));
  g_assert_true (coro_scope_close (scope, NULL, NULL));
  return GINT_TO_POINTER (TRUE);
}

static void
test_inline_scope_misuse (void)
{
  if (!g_test_undefined ())
    return;
  run_test_or_fail (misuse_body, NULL);
}

/* CORO_DEFINE_THREAD(): Kotlin's thread { } with the result brought back */

typedef struct
{
  const char *text;
  GThread    *freed_on;
} Owned;

static void
owned_free (Owned *owned)
{
  owned->freed_on = g_thread_self ();
}

static GThread *worker_thread;

static char *
shout (Owned         *owned,
       const char    *suffix,
       GCancellable  *cancellable,
       GError       **error)
{
  worker_thread = g_thread_self ();
  if (g_str_equal (suffix, "?"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "no question");
      return NULL;
    }
  return g_strconcat (owned->text, suffix, NULL);
}

CORO_DEFINE_THREAD (shout, char *, g_free, (Owned *, owned, owned_free), (const char *, suffix));

typedef struct
{
  gboolean  done;
  char     *text;
  GError   *error;
  GThread  *called_on;
  Owned    *owned;
} Shouted;

static void
shouted (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Shouted *shouted = data;

  g_assert_null (source);
  shouted->text = shout_in_thread_finish (result, &shouted->error);
  shouted->called_on = g_thread_self ();
  /* The worker is done with the arguments, which are not freed yet */
  g_assert_null (shouted->owned->freed_on);
  shouted->done = TRUE;
}

static void
run_shout (const char   *suffix,
           GCancellable *cancellable,
           Shouted      *out)
{
  Owned owned = { "hey", NULL };

  worker_thread = NULL;
  out->owned = &owned;
  shout_in_thread (&owned, suffix, cancellable, shouted, out);
  while (!out->done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_nonnull (worker_thread);
  g_assert_true (worker_thread != g_thread_self ());
  g_assert_true (out->called_on == g_thread_self ());
  g_assert_true (owned.freed_on == g_thread_self ());
  out->owned = NULL;
}

static void
test_call_thread (void)
{
  Shouted out = { 0 };

  g_test_summary ("CORO_DEFINE_THREAD() runs the function on a worker and calls back on the "
                  "caller's context; owned arguments are freed there, after the callback");

  run_shout ("!", NULL, &out);
  g_assert_no_error (out.error);
  g_assert_cmpstr (out.text, ==, "hey!");
  g_free (out.text);
}

static void
test_call_thread_failure (void)
{
  Shouted out = { 0 };

  run_shout ("?", NULL, &out);
  g_assert_error (out.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (out.text);
  g_clear_error (&out.error);
}

static void
test_call_thread_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Shouted out = { 0 };

  g_test_summary ("A thread whose cancellable was cancelled still runs to its end, but its "
                  "result is dropped (freed with result_free) for a CANCELLED error");

  g_cancellable_cancel (cancellable);
  run_shout ("!", cancellable, &out);
  g_assert_error (out.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (out.text);
  g_clear_error (&out.error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coro/call/async-args", test_call_async_args);
  g_test_add_func ("/coro/call/async-failure", test_call_async_failure);
  g_test_add_func ("/coro/call/launch-owned", test_call_launch_owned);
  g_test_add_func ("/coro/call/launch-global", test_call_launch_global);
  g_test_add_func ("/coro/call/produce", test_call_produce);
  g_test_add_func ("/coro/call/stackless", test_call_stackless);
  g_test_add_func ("/coro/call/async-ready", test_call_async_ready);
  g_test_add_func ("/coro/call/thread", test_call_thread);
  g_test_add_func ("/coro/call/thread-failure", test_call_thread_failure);
  g_test_add_func ("/coro/call/thread-cancelled", test_call_thread_cancelled);
  g_test_add_func ("/coro/inline-scope/waits", test_inline_scope_waits);
  g_test_add_func ("/coro/inline-scope/child-failure", test_inline_scope_child_failure);
  g_test_add_func ("/coro/inline-scope/body-failure", test_inline_scope_body_failure);
  g_test_add_func ("/coro/inline-scope/caller-cancelled", test_inline_scope_caller_cancelled);
  g_test_add_func ("/coro/inline-scope/nested", test_inline_scope_nested);
  g_test_add_func ("/coro/inline-scope/non-cancellable", test_inline_scope_non_cancellable);
  g_test_add_func ("/coro/inline-scope/opened-cancelled", test_inline_scope_opened_cancelled);
  g_test_add_func ("/coro/inline-scope/misuse", test_inline_scope_misuse);

  return g_test_run ();
}
