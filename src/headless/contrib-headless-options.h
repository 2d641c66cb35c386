/* contrib-headless-options.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "contrib-variant.h"

G_BEGIN_DECLS

/**
 * ContribExitCode:
 * @CONTRIB_EXIT_OK: the load completed (some repositories may have failed)
 * @CONTRIB_EXIT_FAILED: the load failed or was cancelled
 * @CONTRIB_EXIT_USAGE: the command line was wrong
 */
typedef enum
{
  CONTRIB_EXIT_OK = 0,
  CONTRIB_EXIT_FAILED = 1,
  CONTRIB_EXIT_USAGE = 2,
} ContribExitCode;

#define CONTRIB_HEADLESS_ERROR (contrib_headless_error_quark ())

/**
 * ContribHeadlessError:
 * @CONTRIB_HEADLESS_ERROR_USAGE: a bad option, value or combination; the
 *   message says which and why
 */
typedef enum
{
  CONTRIB_HEADLESS_ERROR_USAGE,
} ContribHeadlessError;

/**
 * CONTRIB_HEADLESS_DEFAULT_DATASET:
 *
 * The dataset the embedded fake server serves unless told otherwise.
 */
#define CONTRIB_HEADLESS_DEFAULT_DATASET "demo"

/**
 * ContribHeadlessOptions:
 * @help: --help was given: print contrib_headless_options_get_help() and stop
 * @version: --version was given: print the version and stop
 * @compare: run every variant (--compare) rather than one
 * @json: print JSON rather than text
 * @demo: serve from the embedded fake server (--demo, or by default)
 * @variant: the variant to run, unless @compare
 * @org: (nullable): the organization; %NULL means the demo dataset's
 * @api_url: (nullable): the API URL; %NULL with @demo, or for github.com
 * @token_file: (nullable): where to read the token, "-" for standard input
 * @dataset: the demo server's dataset (name or file)
 * @latency_scale: the demo server's latency factor
 * @max_requests: the client's in-flight limit; 0 for its default
 * @cancel_after_ms: cancel the load after this long; -1 for never
 * @timeline: (nullable): where to write the requests as a trace: a file,
 *   or with @compare a directory
 *
 * The runner's command line, checked.
 */
typedef struct
{
  gboolean        help;
  gboolean        version;
  gboolean        compare;
  gboolean        json;
  gboolean        demo;
  ContribVariant  variant;
  char           *org;
  char           *api_url;
  char           *token_file;
  char           *dataset;
  double          latency_scale;
  guint           max_requests;
  gint64          cancel_after_ms;
  char           *timeline;
} ContribHeadlessOptions;

GQuark                  contrib_headless_error_quark    (void);

ContribHeadlessOptions *contrib_headless_options_parse  (int                      argc,
                                                         char                   **argv,
                                                         GError                 **error);
void                    contrib_headless_options_free   (ContribHeadlessOptions  *options);
char                   *contrib_headless_options_get_help (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ContribHeadlessOptions, contrib_headless_options_free)

G_END_DECLS
