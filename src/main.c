/* main.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "contrib-application.h"
#include "contrib-headless-options.h"
#include "contrib-headless.h"
#include "fd-limit.h"

/* The window's own options. --headless never gets this far (main() hands
 * it to the runner first): it is listed so that --help tells of it. */
static const GOptionEntry window_options[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "headless", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Load without a window; see “contributors --headless --help”"), NULL },
  { NULL }
};

/* Runs after GApplication has parsed the options (and answered --help),
 * before anything needs a display: --help and --version work without one */
static int
on_handle_local_options (GApplication *application,
                         GVariantDict *options,
                         gpointer      user_data)
{
  if (g_variant_dict_contains (options, "version"))
    {
      /* The same line as `contributors --headless --version` */
      g_print ("contributors %s\n", PACKAGE_VERSION);
      return CONTRIB_EXIT_OK;
    }

  /* Without a display GTK would just give up: say what to do instead. */
  if (!gtk_init_check ())
    {
      g_printerr (_("contributors: cannot open a display for the window; "
                    "run “contributors --headless --help” to load without one\n"));
      return CONTRIB_EXIT_USAGE;
    }

  return -1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ContribApplication) application = NULL;
  const char *localedir;

  /* A socket a request, and with --demo the server's end of each too */
  raise_fd_limit ();

  setlocale (LC_ALL, "");
  /* build-aux/run and `meson devenv` name the catalogue built in the tree,
   * which is not installed under LOCALEDIR */
  localedir = g_getenv ("CONTRIBUTORS_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("contributors");

  /* The same program without a window: the options are the interface. */
  for (int i = 1; i < argc && !g_str_equal (argv[i], "--"); i++)
    if (g_str_equal (argv[i], "--headless"))
      return contrib_headless_main (argc, argv);

  application = contrib_application_new ();
  g_application_add_main_option_entries (G_APPLICATION (application), window_options);
  g_signal_connect (application, "handle-local-options",
                    G_CALLBACK (on_handle_local_options), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
