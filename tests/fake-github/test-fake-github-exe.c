/* test-fake-github-exe.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <libsoup/soup.h>

static GSubprocess *
spawn (GSubprocessFlags    flags,
       const char * const *args)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_strv_builder_add (builder, FAKE_GITHUB_EXE);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  process = g_subprocess_newv ((const char * const *) argv, flags, &error);
  g_assert_no_error (error);
  return process;
}

static void
test_exe_serves (void)
{
  const char *args[] = { "--port", "0", "--dataset", "tutorial", "--latency-scale", "0", NULL };
  g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE, args);
  GInputStream *pipe = g_subprocess_get_stdout_pipe (process);
  g_autoptr(GDataInputStream) out = g_data_input_stream_new (pipe);
  g_autoptr(SoupSession) session = soup_session_new_with_options ("proxy-resolver", NULL, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;

  g_test_summary ("The executable prints its URL first, serves, and exits 0 on SIGTERM");

  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (line, "/"));

  url = g_strconcat (line, "orgs/org/repos", NULL);
  msg = soup_message_new ("GET", url);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "\"repo-3\""));

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_exe_bad_arguments (void)
{
  const struct { const char *args[5]; const char *message; } cases[] = {
    { { "--port", "70000", NULL }, "port" },
    { { "--port", "x", NULL }, "--port" },
    { { "--dataset", "no-such-dataset", NULL }, "no-such-dataset" },
    { { "--latency-scale", "-1", NULL }, "latency scale" },
    { { "--frobnicate", NULL }, "frobnicate" },
    { { "extra", NULL }, "unexpected" },
  };

  g_test_summary ("Bad arguments: a message on stderr and exit status 2");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSubprocess) process = spawn (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                              G_SUBPROCESS_FLAGS_STDERR_PIPE, cases[i].args);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 2);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, cases[i].message));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake-github/exe/serves", test_exe_serves);
  g_test_add_func ("/fake-github/exe/bad-arguments", test_exe_bad_arguments);

  return g_test_run ();
}
