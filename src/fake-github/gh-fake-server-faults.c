/* gh-fake-server-faults.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "gh-fake-server-private.h"

#include <string.h>

/*
 * The faults tests add to a server (gh_fake_server_add_fault() and co.),
 * and the choice of the fault, if any, that a request gets.
 */

typedef struct
{
  guint         id;
  GPatternSpec *spec;
  GhFakeFault  *fault;
  guint         matched;
} FaultEntry;

void
_gh_fake_server_fault_entry_free (gpointer data)
{
  FaultEntry *entry = data;

  g_pattern_spec_free (entry->spec);
  gh_fake_fault_free (entry->fault);
  g_free (entry);
}

static gboolean
fault_applies (const GhFakeFault *fault,
               guint              matched)
{
  return matched > fault->skip && (fault->times == 0 || matched - fault->skip <= fault->times);
}

gboolean
_gh_fake_server_path_matches (GPatternSpec *spec,
                              const char   *path_and_query)
{
  g_autofree char *path = NULL;
  const char *query = strchr (path_and_query, '?');

  if (g_pattern_spec_match_string (spec, path_and_query))
    return TRUE;
  if (query == NULL)
    return FALSE;

  path = g_strndup (path_and_query, query - path_and_query);
  return g_pattern_spec_match_string (spec, path);
}

/* Called with the lock held. The first fault that matches and whose
 * skip/times window is open wins; the dataset's fault for the repository
 * comes last. Every match counts, applied or not. */
const GhFakeFault *
_gh_fake_server_find_fault (GhFakeServer *self,
                            const char   *path_and_query,
                            int           repo_index)
{
  const GhFakeFault *fault;

  for (guint i = 0; i < self->faults->len; i++)
    {
      FaultEntry *entry = g_ptr_array_index (self->faults, i);

      if (_gh_fake_server_path_matches (entry->spec, path_and_query) &&
          fault_applies (entry->fault, ++entry->matched))
        return entry->fault;
    }

  if (repo_index < 0)
    return NULL;

  fault = gh_dataset_get_repo_fault (self->dataset, repo_index);
  if (fault != NULL && fault_applies (fault, ++self->repo_fault_hits[repo_index]))
    return fault;

  return NULL;
}

/**
 * gh_fake_server_add_fault:
 * @self: a server
 * @path_pattern: a glob (`*`, `?`) matched against the request's path, and
 *   against its path and query; both %-encoded as sent, e.g.
 *   "/repos/kotlin/dokka/contributors" or "*page=2*"
 * @fault: the fault; copied
 *
 * Faults added here are tried in order before the dataset's own. Any
 * thread; applies to requests that arrive afterwards.
 *
 * Returns: an id for gh_fake_server_remove_fault()
 */
guint
gh_fake_server_add_fault (GhFakeServer      *self,
                          const char        *path_pattern,
                          const GhFakeFault *fault)
{
  FaultEntry *entry;
  guint id;

  g_return_val_if_fail (GH_IS_FAKE_SERVER (self), 0);
  g_return_val_if_fail (path_pattern != NULL, 0);
  g_return_val_if_fail (fault != NULL, 0);
  g_return_val_if_fail (fault->kind <= GH_FAKE_FAULT_LINK, 0);

  entry = g_new0 (FaultEntry, 1);
  entry->spec = g_pattern_spec_new (path_pattern);
  entry->fault = gh_fake_fault_copy (fault);

  g_mutex_lock (&self->lock);
  id = entry->id = self->next_fault_id++;
  g_ptr_array_add (self->faults, entry);
  g_mutex_unlock (&self->lock);

  return id;
}

void
gh_fake_server_remove_fault (GhFakeServer *self,
                             guint         fault_id)
{
  g_return_if_fail (GH_IS_FAKE_SERVER (self));

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->faults->len; i++)
    {
      FaultEntry *entry = g_ptr_array_index (self->faults, i);

      if (entry->id == fault_id)
        {
          g_ptr_array_remove_index (self->faults, i);
          break;
        }
    }
  g_mutex_unlock (&self->lock);
}

/**
 * gh_fake_server_clear_faults:
 * @self: a server
 *
 * Removes every added fault and restarts the skip/times counting of the
 * dataset's faults.
 */
void
gh_fake_server_clear_faults (GhFakeServer *self)
{
  g_return_if_fail (GH_IS_FAKE_SERVER (self));

  g_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->faults, 0);
  memset (self->repo_fault_hits, 0, sizeof (guint) * gh_dataset_get_n_repos (self->dataset));
  g_mutex_unlock (&self->lock);
}
