/* gh-dataset-ideal.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The least time a load of a dataset can take from the fake GitHub: a C
 * port of ideals() in bench/variants-bench, so that the app can show the
 * benchmark's yardstick beside its own runs. Keep the two in step.
 */

#include "config.h"

#include "gh-dataset.h"

#include <string.h>

/* The fake server's page size at the client's per_page=100 */
#define PER_PAGE 100

/* A page of a repository's contributors waiting for a slot. Ordered as the
 * bench's (ready at, repo, page) tuples, so that ties go the same way. */
typedef struct
{
  double ready;
  guint  repo;
  guint  page;
} Waiting;

static guint
pages_of (guint n_items)
{
  return MAX (1, (n_items + PER_PAGE - 1) / PER_PAGE);
}

static int
compare_waiting (gconstpointer x,
                 gconstpointer y)
{
  const Waiting *a = x;
  const Waiting *b = y;

  if (a->ready != b->ready)
    return a->ready < b->ready ? -1 : 1;
  if (a->repo != b->repo)
    return a->repo < b->repo ? -1 : 1;
  return a->page < b->page ? -1 : a->page > b->page;
}

static int
compare_doubles (gconstpointer x,
                 gconstpointer y)
{
  double a = *(const double *) x;
  double b = *(const double *) y;

  return a < b ? -1 : a > b;
}

#define MAX_ITEM_SIZE 32

static void
swap_items (char  *a,
            char  *b,
            gsize  size)
{
  char tmp[MAX_ITEM_SIZE];

  memcpy (tmp, a, size);
  memcpy (a, b, size);
  memcpy (b, tmp, size);
}

/* A minimal binary heap over a GArray (Python's heapq): GLib has no
 * priority queue */
static void
heap_push (GArray        *heap,
           gconstpointer  item,
           GCompareFunc   compare)
{
  gsize size = g_array_get_element_size (heap);
  char *v;

  g_assert (size <= MAX_ITEM_SIZE);
  g_array_append_vals (heap, item, 1);
  v = heap->data;
  for (guint i = heap->len - 1; i > 0 && compare (v + i * size, v + (i - 1) / 2 * size) < 0; i = (i - 1) / 2)
    swap_items (v + i * size, v + (i - 1) / 2 * size, size);
}

static void
heap_pop (GArray       *heap,
          gpointer      top,
          GCompareFunc  compare)
{
  gsize size = g_array_get_element_size (heap);
  char *v = heap->data;
  guint i = 0;

  g_assert (heap->len > 0);
  memcpy (top, v, size);
  memcpy (v, v + (heap->len - 1) * size, size);
  g_array_set_size (heap, heap->len - 1);
  for (;;)
    {
      guint smallest = i;

      if (2 * i + 1 < heap->len && compare (v + (2 * i + 1) * size, v + smallest * size) < 0)
        smallest = 2 * i + 1;
      if (2 * i + 2 < heap->len && compare (v + (2 * i + 2) * size, v + smallest * size) < 0)
        smallest = 2 * i + 2;
      if (smallest == i)
        break;
      swap_items (v + i * size, v + smallest * size, size);
      i = smallest;
    }
}

static guint
repo_pages (GhDataset *self,
            guint      index)
{
  guint n_contributors = 0;

  gh_dataset_get_repo_contributors (self, index, &n_contributors);
  return pages_of (n_contributors);
}

/* @max_in_flight slots; a repository's pages follow one another (the next
 * page is only known from the previous one's Link header), each page
 * queueing for a slot behind the pages already waiting. Returns when the
 * last page is in, from the moment the repository list is. */
static double
simulate_slots (GhDataset *self,
                double     latency_scale,
                guint      max_in_flight)
{
  guint n_repos = gh_dataset_get_n_repos (self);
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (Waiting));
  double end = 0;

  for (guint i = 0; i < max_in_flight; i++)
    heap_push (slots, &(double) { 0 }, compare_doubles);
  for (guint i = 0; i < n_repos; i++)
    heap_push (queue, &(Waiting) { 0, i, 0 }, compare_waiting);

  while (queue->len > 0)
    {
      Waiting page;
      double free_at, latency, done;

      heap_pop (queue, &page, compare_waiting);
      heap_pop (slots, &free_at, compare_doubles);
      latency = gh_dataset_get_repo_latency_ms (self, page.repo) * latency_scale;
      done = MAX (page.ready, free_at) + latency;
      heap_push (slots, &done, compare_doubles);
      end = MAX (end, done);
      if (page.page + 1 < repo_pages (self, page.repo))
        heap_push (queue, &(Waiting) { done, page.repo, page.page + 1 }, compare_waiting);
    }

  return end;
}

/**
 * gh_dataset_get_ideal_ms:
 * @self: a dataset
 * @latency_scale: the server's latency scale (gh_fake_server_set_latency_scale())
 * @max_in_flight: the client's limit of requests in flight, at least 1
 *
 * The least time a complete load of @self can take at these latencies: the
 * repository list's pages one after another, then the slowest
 * repository's contributors pages, which follow one another too. With
 * @max_in_flight below the number of repositories, requests wait for a
 * slot, each page of a repository taking one in turn, in dataset order.
 * Only latencies count: no transfer time, no faults.
 *
 * Returns: the ideal in milliseconds, rounded; -1 on bad arguments
 */
gint64
gh_dataset_get_ideal_ms (GhDataset *self,
                         double     latency_scale,
                         guint      max_in_flight)
{
  guint n_repos;
  double repos_ms;
  double slowest = 0;

  g_return_val_if_fail (GH_IS_DATASET (self), -1);
  g_return_val_if_fail (latency_scale >= 0, -1);
  g_return_val_if_fail (max_in_flight >= 1, -1);

  n_repos = gh_dataset_get_n_repos (self);
  repos_ms = pages_of (n_repos) * (double) gh_dataset_get_repos_latency_ms (self) * latency_scale;

  if (max_in_flight < n_repos)
    return (gint64) (repos_ms + simulate_slots (self, latency_scale, max_in_flight) + 0.5);

  for (guint i = 0; i < n_repos; i++)
    {
      double latency = gh_dataset_get_repo_latency_ms (self, i) * latency_scale;

      slowest = MAX (slowest, latency * repo_pages (self, i));
    }
  return (gint64) (repos_ms + slowest + 0.5);
}
