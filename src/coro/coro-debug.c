/* coro-debug.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#define _GNU_SOURCE
#include "config.h"

#include "coro-debug.h"
#include "coro-debug-private.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "coro-dispatcher-private.h"
#include "coro-job-private.h"

/*
 * Debugging aids, after kotlinx's debug mode: every coroutine has an id and
 * a name, and with CORO_DEBUG=1 in the environment (or G_MESSAGES_DEBUG
 * naming the Coro domain, or coro_debug_set_enabled()) the thread label used
 * by logs reads "main @load-repo#5". The live coroutines are kept in a
 * registry that coro_dump() prints; call it from gdb with `call coro_dump()`.
 */

static GMutex registry_lock;
static CoroCoroutine *registry_head;
static guint registry_len;
static gint debug_enabled = -1;
static CoroDispatcher *main_override;

static __thread char *thread_name;

static GPrivate thread_name_key = G_PRIVATE_INIT (g_free);

gboolean
coro_debug_is_enabled (void)
{
  gint enabled = g_atomic_int_get (&debug_enabled);

  if (G_UNLIKELY (enabled < 0))
    {
      const char *env = g_getenv ("CORO_DEBUG");
      const char *domains = g_getenv ("G_MESSAGES_DEBUG");

      enabled = (env != NULL && g_strcmp0 (env, "0") != 0) ||
                (domains != NULL && (strstr (domains, "Coro") != NULL ||
                                     strstr (domains, "all") != NULL));
      g_atomic_int_set (&debug_enabled, enabled);
    }

  return enabled;
}

void
coro_debug_set_enabled (gboolean enabled)
{
  g_atomic_int_set (&debug_enabled, !!enabled);
}

void
coro_debug_set_thread_name (const char *name)
{
  thread_name = g_strdup (name);
  g_private_replace (&thread_name_key, thread_name);
}

static const char *
current_thread_name (void)
{
  static __thread char buffer[32];

  if (thread_name != NULL)
    return thread_name;

  if (getpid () == (pid_t) syscall (SYS_gettid))
    return "main";

  if (pthread_getname_np (pthread_self (), buffer, sizeof buffer) == 0 && buffer[0] != '\0')
    return buffer;
  return "thread";
}

const char *
coro_debug_get_thread_name (void)
{
  return g_intern_string (current_thread_name ());
}

const char *
coro_debug_get_coroutine (guint64 *id)
{
  CoroCoroutine *co = _coro_coroutine_self ();

  if (id != NULL)
    *id = co != NULL ? co->id : 0;
  if (co == NULL)
    return NULL;
  return g_intern_string (co->job.name != NULL ? co->job.name : "coroutine");
}

char *
coro_debug_thread_label (void)
{
  CoroCoroutine *co = _coro_coroutine_self ();

  if (co != NULL && coro_debug_is_enabled ())
    return g_strdup_printf ("%s @%s#%" G_GUINT64_FORMAT, current_thread_name (), co->job.name, co->id);
  return g_strdup (current_thread_name ());
}

void
_coro_debug_register (CoroCoroutine *co)
{
  g_mutex_lock (&registry_lock);
  co->prev_live = NULL;
  co->next_live = registry_head;
  if (registry_head != NULL)
    registry_head->prev_live = co;
  registry_head = co;
  registry_len++;
  g_mutex_unlock (&registry_lock);
}

void
_coro_debug_unregister (CoroCoroutine *co)
{
  g_mutex_lock (&registry_lock);
  if (co->prev_live != NULL)
    co->prev_live->next_live = co->next_live;
  else
    registry_head = co->next_live;
  if (co->next_live != NULL)
    co->next_live->prev_live = co->prev_live;
  co->prev_live = co->next_live = NULL;
  registry_len--;
  g_mutex_unlock (&registry_lock);
}

guint
coro_debug_get_n_live (void)
{
  guint n;

  g_mutex_lock (&registry_lock);
  n = registry_len;
  g_mutex_unlock (&registry_lock);

  return n;
}

static const char *
state_name (CoroCoroutineState state)
{
  switch (state)
    {
    case CORO_STATE_CREATED:
      return "created";

    case CORO_STATE_READY:
      return "ready";

    case CORO_STATE_RUNNING:
      return "running";

    case CORO_STATE_SUSPENDED:
      return "suspended";

    case CORO_STATE_FINISHED:
      return "finished";

    default:
      return "?";
    }
}

/* What a suspended coroutine waits on. The waits on an object pass it as
 * their cancel data, so a listing needs nothing the hot paths would have
 * to record. */
static void
append_wait (GString       *out,
             CoroCoroutine *co)
{
  const char *what = co->wait_kind != NULL ? co->wait_kind->what : "?";
  gpointer object = co->wait_cancel_data;

  g_string_append_printf (out, " in %s", what);
  if (g_str_has_prefix (what, "channel") && object != NULL)
    g_string_append_printf (out, " on channel %p", object);
  else if ((g_str_equal (what, "mutex") || g_str_equal (what, "semaphore")) && object != NULL)
    g_string_append_printf (out, " on %s %p", what, object);
  else if (g_str_equal (what, "join") && object != NULL)
    {
      CoroJob *job = object;
      guint64 id = coro_job_get_id (job);

      if (id != 0)
        g_string_append_printf (out, " of %s#%" G_GUINT64_FORMAT, job->name, id);
      else
        g_string_append_printf (out, " of scope %s %p", job->name, (gpointer) job);
    }
  else if (g_str_equal (what, "delay"))
    g_string_append_printf (out, " until %" G_GINT64_FORMAT " ms%s", co->timer.deadline / 1000,
                            co->executor->virtual_time ? " (virtual)" : "");

  /* A stackless body's label is the line of its CORO_STEP_AWAIT(). */
  if (co->job.is_stackless && co->label != 0)
    g_string_append_printf (out, " at line %u", co->label);
}

char *
coro_debug_dump_to_string (void)
{
  GString *out = g_string_new (NULL);

  g_mutex_lock (&registry_lock);
  g_string_append_printf (out, "%u live coroutine(s)\n", registry_len);
  for (CoroCoroutine *co = registry_head; co != NULL; co = co->next_live)
    {
      /* Read without the job lock: this must work from gdb on a stopped
       * process, and a slightly stale state is fine for a listing. */
      g_string_append_printf (out, "  #%" G_GUINT64_FORMAT " %s on %s: %s",
                              co->id, co->job.name, co->executor->name, state_name (co->state));
      if (co->state == CORO_STATE_SUSPENDED)
        append_wait (out, co);
      if (co->job.state == CORO_JOB_STATE_CANCELLING)
        g_string_append (out, " (cancelling)");
      g_string_append_c (out, '\n');
    }
  g_mutex_unlock (&registry_lock);

  return g_string_free (out, FALSE);
}

/* Whether something the layer does not run could still wake a coroutine
 * of @dispatcher, which must be the caller's: a coroutine elsewhere
 * (another dispatcher's thread), or a job without a body (coro_job_new())
 * that one of them joins, since anyone may complete or cancel that. */
gboolean
_coro_debug_may_be_woken_from_outside (CoroDispatcher *dispatcher)
{
  gboolean found = FALSE;

  g_mutex_lock (&registry_lock);
  for (CoroCoroutine *co = registry_head; co != NULL && !found; co = co->next_live)
    found = co->executor != dispatcher ||
            (co->state == CORO_STATE_SUSPENDED && co->wait_kind != NULL &&
             g_strcmp0 (co->wait_kind->what, "join") == 0 &&
             ((CoroJob *) co->wait_cancel_data)->owner == NULL);
  g_mutex_unlock (&registry_lock);

  return found;
}

void
coro_dump (void)
{
  g_autofree char *text = coro_debug_dump_to_string ();

  fputs (text, stderr);
  fflush (stderr);
}

CoroDispatcher *
_coro_debug_main_override (void)
{
  return g_atomic_pointer_get (&main_override);
}

void
_coro_debug_set_main_override (CoroDispatcher *dispatcher)
{
  g_atomic_pointer_set (&main_override, dispatcher);
}

/* The jobs of the coroutines still live on @dispatcher, ref'd. */
GPtrArray *
_coro_debug_dup_jobs_on (CoroDispatcher *dispatcher)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) coro_job_unref);

  g_mutex_lock (&registry_lock);
  for (CoroCoroutine *co = registry_head; co != NULL; co = co->next_live)
    if (co->executor == dispatcher)
      g_ptr_array_add (jobs, coro_job_ref (&co->job));
  g_mutex_unlock (&registry_lock);

  return jobs;
}
