/* contrib-headless.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * `contributors --headless`: the app without its window, for scripts,
 * tests and benchmarks. The same loaders run the same way (ContribLoader on
 * the main thread's loop); the log goes to standard error in the
 * tutorial's format, and the table with the status line, or the JSON, to
 * standard output. What people read (messages, tables, the status line, the
 * help) is in their language; the log and the JSON, which tools read, stay
 * in English.
 */

#include "config.h"

#include "contrib-headless.h"

#include <errno.h>
#include <stdio.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <gh.h>

#include "contrib-headless-backend.h"
#include "contrib-headless-compare.h"
#include "contrib-headless-json.h"
#include "contrib-headless-options.h"
#include "contrib-headless-report.h"
#include "contrib-headless-run.h"

/* Everything goes out as UTF-8, whatever the locale, as the log does:
 * JSON must, and logins and GitHub's messages need not be ASCII. */
static void
put (FILE       *stream,
     const char *text)
{
  fputs (text, stream);
  fflush (stream);
}

static int
report_error (const GError *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s\n", g_get_prgname (), error->message);

  put (stderr, message);
  if (g_error_matches (error, CONTRIB_HEADLESS_ERROR, CONTRIB_HEADLESS_ERROR_USAGE))
    {
      g_autofree char *hint = NULL;

      hint = g_strdup_printf (_("Try “%s --headless --help” for more information."),
                              g_get_prgname ());

      put (stderr, hint);
      put (stderr, "\n");
      return CONTRIB_EXIT_USAGE;
    }
  return CONTRIB_EXIT_FAILED;
}

/* The trace of @result's requests, as --timeline asks */
static gboolean
write_timeline (ContribRunResult  *result,
                const char        *org,
                const char        *path,
                GError           **error)
{
  g_autoptr(GhRequestLog) empty = result->requests == NULL ? gh_request_log_new () : NULL;
  g_autofree char *title = g_strdup_printf ("%s %s", contrib_variant_get_id (result->variant), org);
  g_autofree char *trace = gh_request_log_to_trace (result->requests != NULL ? result->requests : empty, title);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents (path, trace, -1, &local_error))
    {
      g_autofree char *shown = g_filename_display_name (path);

      /* Translators: a file name, then why it could not be written */
      g_set_error (error, G_FILE_ERROR, local_error->code, _("--timeline: could not write “%s”: %s"), shown,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* One file per variant, named after it, in @dir */
static gboolean
write_timelines (GPtrArray   *results,
                 const char  *org,
                 const char  *dir,
                 GError     **error)
{
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_autofree char *shown = g_filename_display_name (dir);

      /* Translators: a directory, then why it could not be made */
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("--timeline: could not make the directory “%s”: %s"), shown, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < results->len; i++)
    {
      ContribRunResult *result = g_ptr_array_index (results, i);
      g_autofree char *name = g_strconcat (contrib_variant_get_id (result->variant), ".json", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!write_timeline (result, org, path, error))
        return FALSE;
    }
  return TRUE;
}

static int
run_one (ContribHeadlessBackend       *backend,
         const ContribHeadlessOptions *options)
{
  g_autoptr(GhService) service = NULL;
  g_autoptr(ContribRunResult) result = NULL;
  g_autoptr(GError) error = NULL;

  service = contrib_headless_backend_new_service (backend, &error);
  if (service == NULL)
    return report_error (error);

  result = contrib_headless_run (service, options->variant,
                                 contrib_headless_backend_get_org (backend),
                                 options->cancel_after_ms,
                                 contrib_headless_backend_get_server (backend));

  if (options->timeline != NULL &&
      !write_timeline (result, contrib_headless_backend_get_org (backend), options->timeline, &error))
    return report_error (error);

  if (options->json)
    {
      g_autofree char *json = contrib_headless_json_run (backend, result);

      put (stdout, json);
      put (stdout, "\n");
    }
  else
    {
      g_autofree char *status = contrib_headless_format_status (result, TRUE);

      /* A cancelled PROGRESS or CHANNELS keeps its partial table, as the
       * window does */
      if (result->update != NULL)
        {
          g_autofree char *failures = contrib_headless_format_failures (result->update);

          contrib_headless_write_table (result->update, stdout);
          if (failures != NULL)
            put (stderr, failures);
        }
      put (stdout, status);
      put (stdout, "\n");
    }

  return result->status == CONTRIB_RUN_COMPLETED ? CONTRIB_EXIT_OK : CONTRIB_EXIT_FAILED;
}

static int
run_compare (ContribHeadlessBackend       *backend,
             const ContribHeadlessOptions *options)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all_agree = TRUE;
  guint reference;

  results = contrib_headless_compare (backend, &error);
  if (results == NULL)
    return report_error (error);

  if (options->timeline != NULL &&
      !write_timelines (results, contrib_headless_backend_get_org (backend), options->timeline, &error))
    return report_error (error);

  reference = contrib_headless_compare_reference (results);
  for (guint i = 0; i < results->len; i++)
    {
      ContribRunResult *result = g_ptr_array_index (results, i);

      if (reference == G_MAXUINT ||
          !contrib_run_result_same_result (g_ptr_array_index (results, reference), result))
        all_agree = FALSE;
    }

  if (options->json)
    {
      g_autofree char *json = contrib_headless_json_compare (backend, results, reference);

      put (stdout, json);
      put (stdout, "\n");
    }
  else
    {
      g_autofree char *table = contrib_headless_format_compare (results, reference);

      put (stdout, table);
    }

  return all_agree ? CONTRIB_EXIT_OK : CONTRIB_EXIT_FAILED;
}

/**
 * contrib_headless_main:
 * @argc: the number of arguments
 * @argv: the program's arguments, --headless among them
 *
 * Returns: the exit status (#ContribExitCode)
 */
int
contrib_headless_main (int    argc,
                       char **argv)
{
  g_autoptr(ContribHeadlessOptions) options = NULL;
  g_autoptr(ContribHeadlessBackend) backend = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (argc >= 1 && argv != NULL, CONTRIB_EXIT_USAGE);

  /* The log's time 0, as the app's start-up is */
  gh_log_reset_clock ();

  options = contrib_headless_options_parse (argc, argv, &error);
  if (options == NULL)
    return report_error (error);

  if (options->help)
    {
      g_autofree char *help = contrib_headless_options_get_help ();

      put (stdout, help);
      return CONTRIB_EXIT_OK;
    }

  if (options->version)
    {
      /* The same line as the window's --version (see main.c) */
      put (stdout, "contributors " PACKAGE_VERSION "\n");
      return CONTRIB_EXIT_OK;
    }

  backend = contrib_headless_backend_new (options, &error);
  if (backend == NULL)
    return report_error (error);

  if (options->compare)
    return run_compare (backend, options);
  return run_one (backend, options);
}
