/* headless-cli-utils.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Running `contributors` as a user does, for the tests of the headless
 * runner: in a subprocess, in English, under valgrind in the valgrind
 * setup.
 */

#include "config.h"

#include "headless-cli-utils.h"

#include <string.h>

#include <gio/gio.h>

#ifndef CONTRIBUTORS_EXE
#error "CONTRIBUTORS_EXE must name the executable under test"
#endif

void
outcome_free (Outcome *outcome)
{
  g_free (outcome->out);
  g_free (outcome->err);
  g_free (outcome);
}

Outcome *
run_env (const char * const  *env_extra,
         const char          *input,
         const char * const  *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;
  Outcome *outcome = g_new0 (Outcome, 1);

  g_autofree char *valgrind_log = NULL;
  g_autofree char *log_option = NULL;

  /* In the valgrind setup only this program is under valgrind: put the
   * executable under it too, with its report in a file of its own */
  if (g_getenv ("CORO_UNDER_VALGRIND") != NULL)
    {
      valgrind_log = g_build_filename (g_get_tmp_dir (), "valgrind-contributors.log", NULL);
      log_option = g_strdup_printf ("--log-file=%s", valgrind_log);
      g_ptr_array_add (argv, (gpointer) "valgrind");
      g_ptr_array_add (argv, (gpointer) "--tool=memcheck");
      g_ptr_array_add (argv, (gpointer) "--leak-check=full");
      g_ptr_array_add (argv, (gpointer) "--show-leak-kinds=definite,indirect");
      g_ptr_array_add (argv, (gpointer) "--errors-for-leak-kinds=definite,indirect");
      g_ptr_array_add (argv, (gpointer) "--error-exitcode=" G_STRINGIFY (VALGRIND_ERROR_STATUS));
      g_ptr_array_add (argv, (gpointer) "--suppressions=" VALGRIND_SUPP);
      g_ptr_array_add (argv, log_option);
    }
  g_ptr_array_add (argv, (gpointer) CONTRIBUTORS_EXE);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = g_subprocess_launcher_new (flags);
  /* In the sanitizer build, keep LeakSanitizer's table of the suppressions
   * it used (a libsoup leak, see tests/lsan.supp) out of the output under
   * test */
  if (g_getenv ("LSAN_OPTIONS") != NULL)
    {
      g_autofree char *lsan = g_strconcat (g_getenv ("LSAN_OPTIONS"), ":print_suppressions=0", NULL);

      g_subprocess_launcher_setenv (launcher, "LSAN_OPTIONS", lsan, TRUE);
    }
  /* The English this checks, whatever the language of whoever runs it and
   * whether an installed translation is there to find */
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  for (guint i = 0; env_extra != NULL && env_extra[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env_extra[i], env_extra[i + 1], TRUE);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &outcome->out, &outcome->err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process))
    g_error ("%s was killed by signal %d; its standard error:\n%s", CONTRIBUTORS_EXE,
             g_subprocess_get_term_sig (process), outcome->err);
  outcome->status = g_subprocess_get_exit_status (process);

  if (outcome->status == VALGRIND_ERROR_STATUS && valgrind_log != NULL)
    {
      g_autofree char *report = NULL;

      g_file_get_contents (valgrind_log, &report, NULL, NULL);
      g_error ("valgrind found errors in %s:\n%s", CONTRIBUTORS_EXE, report);
    }

  if (g_test_verbose ())
    g_test_message ("exit %d\n--- stdout\n%s--- stderr\n%s", outcome->status, outcome->out, outcome->err);
  return outcome;
}

void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack);
}

const char *
last_line (const char *text)
{
  static char line[1024];
  const char *end = text + strlen (text);
  const char *start;

  g_assert_true (end > text && end[-1] == '\n');
  start = end - 1;
  while (start > text && start[-1] != '\n')
    start--;
  g_strlcpy (line, start, MIN ((gsize) (end - start), sizeof line));
  return line;
}
