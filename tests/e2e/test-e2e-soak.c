/* test-e2e-soak.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The window is a long-lived process: it runs load after load, each with
 * a new client, many of them cancelled part-way. This runs such loads of
 * the demo dataset (see soak-utils.c) and checks that nothing builds up:
 * live coroutines, threads, open descriptors, malloc's heap in use and
 * resident memory, against a baseline taken once the first loads have
 * filled the caches that are meant to stay.
 *
 * 200 loads, in about 30 s; under AddressSanitizer, whose every
 * allocation costs more, 100 unless -m thorough asks for the 200.
 * SOAK_LOADS sets another number (at least 90). Samples are taken with the
 * process settled (see soak_settle()), so that a load which leaks its
 * client shows up as descriptors, and one which leaks its results as heap.
 */

#include "config.h"

#include "soak-utils.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

/* Loads before the baseline: the first ones create what a process keeps
 * for good (GType classes, libsoup's and GIO's singletons, the coroutine
 * stack pool, GThreadPool's threads and their malloc arenas). RSS levels
 * off after 30 to 40 loads (soak-bench prints the curve). */
#define N_WARMUP_LOADS 40
/* Loads between two checks against the baseline */
#define CHECK_EVERY 50
/* GThreadPool keeps idle threads a while and starts new ones on demand,
 * so a settled process may have a couple more or fewer */
#define THREAD_TOLERANCE 4
/* The fake server's thread closes the sockets of finished clients on its
 * own time; a few may still be open when a sample is taken */
#define FD_TOLERANCE 4
/* libsoup 3.2.3's SoupServer leaks every connection it accepts (its
 * GSocket and, through it, the connection's objects; see lsan.supp): about
 * 1 KiB each, on the fake server's side. Loads here open 6 to 20
 * connections each (more when they complete, and when cancels drop
 * connections with requests in flight), which measures as 10 to 18 KiB of
 * heap a load. That much is allowed per load; anything more is ours. */
#define LIBSOUP_LEAK_PER_LOAD_KIB 24
/* malloc's heap in use, once settled, varies by a few hundred KiB (what
 * the last loads left in GLib's and libsoup's caches) */
#define HEAP_TOLERANCE_KIB 1024
/* RSS moves more: fiber stacks whose pages a deep call touched, malloc's
 * per-thread arenas. Settled RSS spreads over 3 to 4 MiB beyond what the
 * heap explains. A leaked client costs only about 13 KiB of memory but its
 * sockets show up as descriptors; the heap check catches a load leaking
 * 30 KiB (a cancelled load's partial ranking is about that) by the first
 * check, and less by the later ones. */
#define RSS_TOLERANCE_KIB (6 * 1024)

static guint
n_loads (void)
{
  const char *env = g_getenv ("SOAK_LOADS");

  if (env != NULL)
    return (guint) g_ascii_strtoull (env, NULL, 10);
#ifdef UNDER_ASAN
  if (!g_test_thorough ())
    return 100;
#endif
  return 200;
}

static void
assert_no_growth (const SoakSample *baseline,
                  const SoakSample *now,
                  guint             n_done)
{
  G_GNUC_UNUSED guint libsoup_kib = (n_done - N_WARMUP_LOADS) * LIBSOUP_LEAK_PER_LOAD_KIB;

  g_test_message ("after %u loads: %u coroutines, %u threads (%+d), %u fds (%+d), "
                  "RSS %u KiB (%+d), heap %u KiB (%+d)",
                  n_done, now->coroutines,
                  now->threads, (int) now->threads - (int) baseline->threads,
                  now->fds, (int) now->fds - (int) baseline->fds,
                  now->rss_kib, (int) now->rss_kib - (int) baseline->rss_kib,
                  now->heap_kib, (int) now->heap_kib - (int) baseline->heap_kib);

  g_assert_cmpuint (now->coroutines, ==, 0);
  g_assert_cmpuint (now->threads, <=, baseline->threads + THREAD_TOLERANCE);
  g_assert_cmpuint (now->fds, <=, baseline->fds + FD_TOLERANCE);
#ifndef UNDER_ASAN
  /* ASan has an allocator of its own, which mallinfo2() does not see, and
   * holds freed memory in quarantine, so RSS grows anyway; LeakSanitizer
   * checks memory there instead */
  g_assert_cmpuint (now->heap_kib, <=, baseline->heap_kib + HEAP_TOLERANCE_KIB + libsoup_kib);
  g_assert_cmpuint (now->rss_kib, <=, baseline->rss_kib + RSS_TOLERANCE_KIB + libsoup_kib);
#endif
}

static void
test_soak_loads (void)
{
  guint n = n_loads ();
  guint32 seed = g_test_rand_int ();
  g_autoptr(Soak) soak = NULL;
  SoakSample baseline;
  SoakSample now;

  g_test_summary ("Many loads in one process, cancelled at random times, leave "
                  "no coroutine, thread, descriptor or memory behind");
  g_assert_cmpuint (n, >=, N_WARMUP_LOADS + CHECK_EVERY);

  /* Scale 0.005: the demo's requests take 1 to 2 ms, a whole sequential
   * load about a third of a second; cancels fall in the first 100 ms, at
   * any stage of the faster variants and early in the slower ones */
  soak = soak_new (0.005, 100, seed);

  for (guint i = 0; i < N_WARMUP_LOADS; i++)
    soak_run_load (soak);
  soak_settle (soak, &baseline);
  assert_no_growth (&baseline, &baseline, N_WARMUP_LOADS);

  for (guint i = N_WARMUP_LOADS; i < n; i++)
    {
      soak_run_load (soak);
      if ((i + 1 - N_WARMUP_LOADS) % CHECK_EVERY == 0 || i + 1 == n)
        {
          soak_settle (soak, &now);
          assert_no_growth (&baseline, &now, i + 1);
        }
    }

  /* Both ends of a load must have been exercised */
  g_test_message ("%u loads cancelled, %u completed",
                  soak_get_n_cancelled (soak), soak_get_n_completed (soak));
  g_assert_cmpuint (soak_get_n_cancelled (soak), >, 0);
  g_assert_cmpuint (soak_get_n_completed (soak), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: GLib 2.74 leaks the directories it sets per test */
  g_test_init (&argc, &argv, NULL);
  gh_log_set_writer (e2e_log_writer, NULL, NULL);

  g_test_add_func ("/e2e/soak/loads", test_soak_loads);

  return g_test_run ();
}
