/* coro-job-debug.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * How jobs describe themselves: coro_job_to_string() with kotlinx's class
 * and state names, and the report of what a tree still waits for, which
 * coro_run_test() prints when a test leaves work behind. Separate from
 * coro-job.c because it only reads the tree, for people and tests.
 */

#include "config.h"

#include "coro-job.h"

#include "coro-debug.h"
#include "coro-job-private.h"

/* kotlinx's class names, for coro_job_to_string(). */
static const char *
class_name (CoroJob *job)
{
  switch ((CoroJobKind) job->kind)
    {
    case CORO_JOB_COROUTINE:
      if (job->is_producer)
        return "ProducerCoroutine";
      return job->is_async ? "DeferredCoroutine" : "StandaloneCoroutine";

    case CORO_JOB_SCOPED:
      return job->is_blocking ? "BlockingCoroutine" : "DispatchedCoroutine";

    case CORO_JOB_SCOPE:
      if (job->owner == NULL)
        return job->supervisor ? "SupervisorJobImpl" : "JobImpl";
      if (job->supervisor)
        return "SupervisorCoroutine";
      return job->is_timeout ? "TimeoutCoroutine" : "ScopeCoroutine";

    case CORO_JOB_DETACHED:
    default:
      return job->owner == NULL ? "JobImpl" : "NonCancellable";
    }
}

static const char *
state_string_locked (CoroJob *job)
{
  switch ((CoroJobState) job->state)
    {
    case CORO_JOB_STATE_ACTIVE:
      if (_coro_job_is_coroutine (job) && !_coro_coroutine_is_started ((CoroCoroutine *) job))
        return "New";
      return job->body_done ? "Completing" : "Active";

    case CORO_JOB_STATE_CANCELLING:
      return "Cancelling";

    case CORO_JOB_STATE_CANCELLED:
      return "Cancelled";

    case CORO_JOB_STATE_COMPLETED:
    default:
      return "Completed";
    }
}

/* "name#id":Class{State}, the name part only for a coroutine and when
 * asked for. */
static void
append_job_locked (GString  *out,
                   CoroJob  *job,
                   gboolean  with_name)
{
  if (with_name && coro_job_get_id (job) != 0)
    g_string_append_printf (out, "\"%s#%" G_GUINT64_FORMAT "\":",
                            job->name, coro_job_get_id (job));
  g_string_append_printf (out, "%s{%s}", class_name (job), state_string_locked (job));
}

char *
coro_job_to_string (CoroJob *self)
{
  GString *out;
  gboolean with_name;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  with_name = coro_debug_is_enabled ();
  g_mutex_lock (&_coro_job_lock);
  append_job_locked (out, self, with_name);
  g_mutex_unlock (&_coro_job_lock);

  return g_string_free (out, FALSE);
}

static gboolean
is_final (CoroJob *job)
{
  return job->state == CORO_JOB_STATE_CANCELLED || job->state == CORO_JOB_STATE_COMPLETED;
}

static gboolean
is_bodyless (CoroJob *job)
{
  return job->owner == NULL && !_coro_job_is_coroutine (job);
}

static void
append_unfinished_locked (GString *out,
                          CoroJob *job,
                          guint    depth)
{
  if (is_final (job))
    return;

  g_string_append_printf (out, "%*s", 2 * (depth + 1), "");
  append_job_locked (out, job, TRUE);
  if (is_bodyless (job) && !job->body_done)
    g_string_append (out, ", waiting for coro_job_complete() or coro_job_cancel()");
  else if (job->body_done)
    {
      guint n_children = 0;

      for (CoroJob *child = job->first_child; child != NULL; child = child->next_sibling)
        n_children++;
      g_string_append_printf (out, ", its body done, waiting for %u child(ren)", n_children);
    }
  g_string_append_c (out, '\n');

  for (CoroJob *child = job->first_child; child != NULL; child = child->next_sibling)
    append_unfinished_locked (out, child, depth + 1);
}

/* For coro_run_test()'s failures: @root and its descendants that are not
 * final, one a line, including those with no coroutine running any more
 * (a body that returned while its children did not, a job without a
 * body), which the list of live coroutines cannot show. */
char *
_coro_job_dup_unfinished (CoroJob *root)
{
  GString *out = g_string_new (NULL);

  g_mutex_lock (&_coro_job_lock);
  append_unfinished_locked (out, root, 0);
  g_mutex_unlock (&_coro_job_lock);

  return g_string_free (out, FALSE);
}

static gboolean
has_unfinished_bodyless_locked (CoroJob *job)
{
  if (is_final (job))
    return FALSE;
  if (is_bodyless (job) && !job->body_done)
    return TRUE;
  for (CoroJob *child = job->first_child; child != NULL; child = child->next_sibling)
    if (has_unfinished_bodyless_locked (child))
      return TRUE;
  return FALSE;
}

/* Whether @root waits, in its tree, for a job without a body
 * (coro_job_new()), which anyone may complete from anywhere. */
gboolean
_coro_job_has_unfinished_bodyless (CoroJob *root)
{
  gboolean found;

  g_mutex_lock (&_coro_job_lock);
  found = has_unfinished_bodyless_locked (root);
  g_mutex_unlock (&_coro_job_lock);

  return found;
}
