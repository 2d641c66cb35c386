/* coro-alloc.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#ifdef HAVE_VALGRIND
# include <valgrind/valgrind.h>
#endif

#include "coro-alloc-private.h"
#include "coro-job-private.h"
#include "coro-stack-private.h"

/*
 * Where coroutines live. A burst of a million launches touches a fresh
 * page for every ten coroutines, and on this machine each 4 KiB page fault
 * cost more than the rest of a launch. Coroutines are therefore carved out
 * of 2 MiB chunks that the kernel may back with one huge page each
 * (MADV_HUGEPAGE), and a freed coroutine goes to a free list for the next
 * launch. Once no coroutine is alive, every chunk but the first goes back
 * to the system, so a burst does not keep its memory.
 *
 * Under AddressSanitizer and valgrind each coroutine is an ordinary
 * allocation, so that they still see every overflow and use after free.
 */

#define CHUNK_SIZE (2 * 1024 * 1024)
#define SLOT_SIZE  ((sizeof (CoroCoroutine) + 63) & ~(gsize) 63)

/* A parked stackless coroutine costs one slot: a field that takes the
 * struct past 320 bytes costs every coroutine 64 more. Fill a hole first,
 * or share room with a field that the same coroutine never uses. */
G_STATIC_ASSERT (SLOT_SIZE <= 320);

typedef struct _Slot Slot;
struct _Slot
{
  Slot *next;
};

typedef struct _Chunk Chunk;
struct _Chunk
{
  Chunk *next;
};

static GMutex lock;
static Chunk *chunks;        /* the first is kept */
static char *bump;           /* untouched room in the newest chunk */
static char *bump_end;
static Slot *free_slots;
static gsize n_live;

static gboolean
use_malloc (void)
{
  static gsize decided;
  static gboolean result;

  if (g_once_init_enter (&decided))
    {
      result = CORO_ASAN;
#ifdef HAVE_VALGRIND
      result = result || RUNNING_ON_VALGRIND;
#endif
      g_once_init_leave (&decided, 1);
    }
  return result;
}

static Chunk *
chunk_new (void)
{
  /* Twice the size, to cut an aligned chunk out of it. */
  char *raw = mmap (NULL, 2 * CHUNK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *aligned;

  if (raw == MAP_FAILED)
    g_error ("coroutines: cannot map %d bytes: %s", CHUNK_SIZE, g_strerror (errno));

  aligned = (char *) (((guintptr) raw + CHUNK_SIZE - 1) & ~(guintptr) (CHUNK_SIZE - 1));
  if (aligned > raw)
    munmap (raw, aligned - raw);
  munmap (aligned + CHUNK_SIZE, raw + CHUNK_SIZE - aligned);
  /* Only advice: without transparent huge pages it is 4 KiB pages. */
  madvise (aligned, CHUNK_SIZE, MADV_HUGEPAGE);

  return (Chunk *) aligned;
}

static void
start_chunk (Chunk *chunk)
{
  bump = (char *) chunk + SLOT_SIZE;   /* the first slot holds the header */
  bump_end = (char *) chunk + CHUNK_SIZE;
}

gpointer
_coro_coroutine_alloc (void)
{
  gpointer co;

  if (use_malloc ())
    return g_malloc0 (sizeof (CoroCoroutine));

  g_mutex_lock (&lock);
  n_live++;

  if (free_slots != NULL)
    {
      co = free_slots;
      free_slots = free_slots->next;
    }
  else
    {
      if (bump == NULL || bump + SLOT_SIZE > bump_end)
        {
          Chunk *chunk = chunk_new ();

          /* Newer chunks go second: the first is the one kept. */
          if (chunks == NULL)
            chunks = chunk;
          else
            {
              chunk->next = chunks->next;
              chunks->next = chunk;
            }
          start_chunk (chunk);
        }
      co = bump;
      bump += SLOT_SIZE;
    }
  g_mutex_unlock (&lock);

  /* A kept chunk is reused from its start, so even bump memory may be old. */
  return memset (co, 0, sizeof (CoroCoroutine));
}

void
_coro_coroutine_free (gpointer co)
{
  Chunk *spare = NULL;

  if (use_malloc ())
    {
      g_free (co);
      return;
    }

  g_mutex_lock (&lock);
  ((Slot *) co)->next = free_slots;
  free_slots = co;

  if (--n_live == 0 && chunks->next != NULL)
    {
      spare = chunks->next;
      chunks->next = NULL;
      free_slots = NULL;
      start_chunk (chunks);
    }
  g_mutex_unlock (&lock);

  while (spare != NULL)
    {
      Chunk *next = spare->next;

      munmap (spare, CHUNK_SIZE);
      spare = next;
    }
}

/* For tests: how many chunks are mapped; 0 when coroutines are malloc'd. */
guint
_coro_alloc_get_n_chunks (void)
{
  guint n = 0;

  g_mutex_lock (&lock);
  for (Chunk *chunk = chunks; chunk != NULL; chunk = chunk->next)
    n++;
  g_mutex_unlock (&lock);

  return n;
}
