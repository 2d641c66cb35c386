/* gh-log.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "gh-response.h"

G_BEGIN_DECLS

/**
 * GhLogWriter:
 * @line: one complete log line, without the trailing newline
 * @user_data: the data given to gh_log_set_writer()
 *
 * Receives the lines of the tutorial-style log. Called from whichever
 * thread logs, one line at a time (calls are serialized).
 */
typedef void (*GhLogWriter) (const char *line,
                             gpointer    user_data);

void      gh_log_set_writer      (GhLogWriter     writer,
                                  gpointer        user_data,
                                  GDestroyNotify  destroy);
void      gh_log_reset_clock     (void);
char     *gh_log_thread_label    (void);
void      gh_log_info            (const char     *format,
                                  ...) G_GNUC_PRINTF (1, 2);
void      gh_log_error           (const char     *format,
                                  ...) G_GNUC_PRINTF (1, 2);
void      gh_log_repos           (const char     *org,
                                  GhResponse     *response,
                                  const GError   *error);
gboolean  gh_log_repos_propagate (const char     *org,
                                  GhResponse     *response,
                                  GError        **failure,
                                  GError        **error);
void      gh_log_users           (const char     *repo,
                                  GhResponse     *response,
                                  const GError   *error);

G_END_DECLS
