/* fuzz-main.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Stands in for libFuzzer where there is none (gcc builds): feeds every
 * file named on the command line, or found in a directory named there,
 * to LLVMFuzzerTestOneInput once. That replays a harness's seed corpus and
 * its regression inputs in every build, under ASan too, so a crash found
 * once stays fixed.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
run_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint8 *exact;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }

  /* A buffer of exactly the input's size, as libFuzzer gives, so that
   * AddressSanitizer sees a read past the end: g_file_get_contents adds a
   * NUL the harness must not rely on */
  exact = g_malloc (MAX (length, 1));
  memcpy (exact, contents, length);
  printf ("%s (%lu bytes)\n", path, (unsigned long) length);
  fflush (stdout);
  LLVMFuzzerTestOneInput (exact, length);
  g_free (exact);
}

static guint
run_path (const char *path)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      run_file (path);
      return 1;
    }

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      exit (1);
    }

  /* Sorted, so that a failure reproduces in the same order */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    run_file (names->pdata[i]);

  return names->len;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: %s FILE|DIR...\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    n += run_path (argv[i]);

  /* An empty corpus would make this test pass without testing anything */
  if (n == 0)
    {
      fprintf (stderr, "No inputs in %s\n", argv[1]);
      return 1;
    }

  printf ("%u inputs, no crash\n", n);
  return 0;
}
