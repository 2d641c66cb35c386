/* contrib-headless-options.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The runner's command line. Every value is checked here, with a message
 * that names the option and says what it accepts, so that a mistake exits
 * with status 2 before anything is sent. The token is the exception that
 * proves the rule: it is only ever read from a file (see
 * contrib-headless-token.c), never taken from the command line, where
 * other users and the shell history would see it.
 */

#include "config.h"

#include "contrib-headless-options.h"

#include <math.h>

#include <glib/gi18n.h>

#include <gh.h>

G_DEFINE_QUARK (contrib-headless-error-quark, contrib_headless_error)

/* The client's own limit: it would refuse more */
#define MAX_REQUESTS_LIMIT GH_CLIENT_MAX_REQUESTS_LIMIT
#define MAX_LATENCY_SCALE 1000.0
/* A day: beyond that, a typo */
#define MAX_CANCEL_AFTER_MS (24 * 60 * 60 * 1000)

typedef struct
{
  gboolean  help;
  gboolean  version;
  gboolean  headless;
  gboolean  compare;
  gboolean  json;
  gboolean  demo;
  char     *variant;
  char     *org;
  char     *api_url;
  char     *token_file;
  char     *dataset;
  char     *latency_scale;
  char     *max_requests;
  char     *cancel_after;
  char     *timeline;
  /* Help texts made at run time, which GOption points to */
  GPtrArray *texts;
} RawOptions;

static void
raw_options_clear (RawOptions *raw)
{
  g_free (raw->variant);
  g_free (raw->org);
  g_free (raw->api_url);
  g_free (raw->token_file);
  g_free (raw->dataset);
  g_free (raw->latency_scale);
  g_free (raw->max_requests);
  g_free (raw->cancel_after);
  g_free (raw->timeline);
  g_clear_pointer (&raw->texts, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RawOptions, raw_options_clear)

static char *
variant_list (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < CONTRIB_N_VARIANTS; i++)
    g_strv_builder_add (builder, contrib_variant_get_id ((ContribVariant) i));
  ids = g_strv_builder_end (builder);
  return g_strjoinv (", ", ids);
}

/* Keeps @text as long as @raw, and returns it */
static const char *
keep_text (RawOptions *raw,
           char       *text)
{
  if (raw->texts == NULL)
    raw->texts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (raw->texts, text);
  return text;
}

/* The option descriptions are translated here rather than by GOption
 * (g_option_context_set_translation_domain()), because some of them and
 * the summary are formatted, and only their formats are in the catalog. */
static GOptionContext *
new_context (RawOptions *raw)
{
  const GOptionEntry entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &raw->help,
      _("Show this help and exit"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &raw->version,
      _("Show the version and exit"), NULL },
    { "headless", 0, 0, G_OPTION_ARG_NONE, &raw->headless,
      _("Run without a window (required)"), NULL },
    { "variant", 0, 0, G_OPTION_ARG_STRING, &raw->variant,
      _("How to load (see the list above)"),
      /* Translators: the placeholders in capitals stand for an option's
         value: use the same words in the descriptions and the usage lines */
      _("VARIANT") },
    { "compare", 0, 0, G_OPTION_ARG_NONE, &raw->compare,
      _("Run every variant in turn and compare them"), NULL },
    { "org", 0, 0, G_OPTION_ARG_STRING, &raw->org,
      _("The organization (with --demo: the dataset's by default)"),
      _("ORG") },
    { "api-url", 0, 0, G_OPTION_ARG_STRING, &raw->api_url,
      keep_text (raw, g_strdup_printf (_("The GitHub API URL (default with a token: %s)"),
                                       GH_DEFAULT_API_URL)),
      _("URL") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &raw->demo,
      _("Serve from the embedded fake GitHub (the default without URL and token)"), NULL },
    { "dataset", 0, 0, G_OPTION_ARG_FILENAME, &raw->dataset,
      /* Translators: tutorial, demo and large are dataset names: keep them */
      keep_text (raw, g_strdup_printf (_("--demo: tutorial, demo, large, or a JSON file "
                                         "(default: %s)"),
                                       CONTRIB_HEADLESS_DEFAULT_DATASET)),
      _("NAME") },
    { "latency-scale", 0, 0, G_OPTION_ARG_STRING, &raw->latency_scale,
      keep_text (raw, g_strdup_printf (_("--demo: multiply the server's delays by F, 0 to %g "
                                         "(default: 1)"),
                                       MAX_LATENCY_SCALE)),
      _("F") },
    { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &raw->token_file,
      _("Read the access token from the first line of FILE (- for standard input)"),
      _("FILE") },
    { "max-requests", 0, 0, G_OPTION_ARG_STRING, &raw->max_requests,
      keep_text (raw, g_strdup_printf (_("At most N requests in flight, 1 to %u (default: %u)"),
                                       (guint) MAX_REQUESTS_LIMIT,
                                       (guint) GH_CLIENT_DEFAULT_MAX_REQUESTS)),
      _("N") },
    { "cancel-after", 0, 0, G_OPTION_ARG_STRING, &raw->cancel_after,
      _("Cancel the load after MS milliseconds"),
      _("MS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &raw->json,
      _("Print the result as JSON"), NULL },
    { "timeline", 0, 0, G_OPTION_ARG_FILENAME, &raw->timeline,
      _("Write every request to FILE as a trace (Trace Event Format, for Perfetto); with "
        "--compare, a directory that gets one file per variant"),
      _("FILE") },
    { NULL }
  };
  g_autofree char *variants = variant_list ();
  g_autofree char *variants_line = NULL;
  g_autofree char *summary = NULL;
  const char *usage;
  GOptionContext *context;

  context = g_option_context_new (_("- load a GitHub organization's contributors without a "
                                    "window"));
  /* Translators: %s is the list of variant names, which stay as they are */
  variants_line = g_strdup_printf (_("Variants, in the tutorial's order: %s."), variants);
  /* Translators: the usage lines: translate only the placeholders in
     capitals, as in the option list */
  usage = _("  contributors --headless --variant VARIANT [--org ORG] [--api-url URL | --demo] "
            "[--token-file FILE] [--max-requests N] [--cancel-after MS] [--json] "
            "[--timeline FILE]\n"
            "  contributors --headless --compare [--org ORG] [--api-url URL | --demo] [--json] "
            "[--timeline DIR]");
  summary = g_strconcat (usage, "\n\n", variants_line, NULL);
  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context,
                                    _("The log goes to standard error; the table and the status "
                                      "line, or the JSON, to standard output.\n"
                                      "The token is never accepted on the command line.\n"
                                      "\n"
                                      "Exit status: 0 when the load completed (even if some "
                                      "repositories failed), 1 when it failed or was cancelled, "
                                      "2 for a bad command line."));
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, NULL);
  return context;
}

/**
 * contrib_headless_options_get_help:
 *
 * Returns: (transfer full): the text of --help
 */
char *
contrib_headless_options_get_help (void)
{
  g_auto(RawOptions) raw = { 0 };
  g_autoptr(GOptionContext) context = new_context (&raw);

  return g_option_context_get_help (context, TRUE, NULL);
}

static gboolean
usage_error (GError     **error,
             const char  *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
usage_error (GError     **error,
             const char  *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (CONTRIB_HEADLESS_ERROR,
                                                CONTRIB_HEADLESS_ERROR_USAGE, format, args));
  va_end (args);
  return FALSE;
}

static gboolean
parse_variant (const char      *text,
               ContribVariant  *variant,
               GError         **error)
{
  g_autofree char *id = g_ascii_strup (text, -1);
  g_autofree char *variants = NULL;

  /* "not-cancellable" reads better on a command line than the enum name */
  g_strdelimit (id, "-", '_');
  if (contrib_variant_from_id (id, variant))
    return TRUE;

  variants = variant_list ();
  /* Translators: the second %s is the list of variant names */
  return usage_error (error, _("--variant: unknown variant “%s”; choose one of %s"),
                      text, variants);
}

static gboolean
parse_count (const char  *option,
             const char  *text,
             guint64      min,
             guint64      max,
             guint64     *value,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_assert (max <= G_MAXUINT);

  if (g_ascii_string_to_unsigned (text, 10, min, max, value, &local_error))
    return TRUE;

  /* Translators: the first %s is the option, such as --max-requests; the
     second what was given */
  return usage_error (error, _("%s: “%s” is not a whole number from %u to %u"),
                      option, text, (guint) min, (guint) max);
}

static gboolean
parse_scale (const char  *text,
             double      *value,
             GError     **error)
{
  char *end = NULL;
  double scale = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !isfinite (scale) ||
      scale < 0 || scale > MAX_LATENCY_SCALE)
    return usage_error (error, _("--latency-scale: “%s” is not a number from 0 to %g"),
                        text, MAX_LATENCY_SCALE);

  *value = scale;
  return TRUE;
}

static gboolean
check_api_url (const char  *url,
               GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL)
    return usage_error (error, _("--api-url: “%s” is not a URL"), url);

  scheme = g_uri_get_scheme (uri);
  if ((g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return usage_error (error, _("--api-url: “%s” is not an http or https URL with a host"),
                        url);

  /* The client has the last word (plain http only to loopback...) when it
   * is created; its error is a usage error too. */
  return TRUE;
}

/* Someone who types --token=... should learn where the token goes rather
 * than read "Unknown option". */
static gboolean
check_no_token_argument (int      argc,
                         char   **argv,
                         GError **error)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--token") || g_str_has_prefix (argv[i], "--token=") ||
          g_str_equal (argv[i], "--password") || g_str_has_prefix (argv[i], "--password="))
        return usage_error (error, "%s", _("the token is not accepted on the command line, where "
                                           "others could see it; put it in a file and pass "
                                           "--token-file FILE (or --token-file - to read it from "
                                           "standard input)"));
    }
  return TRUE;
}

static gboolean
check_raw (RawOptions              *raw,
           ContribHeadlessOptions  *options,
           GError                 **error)
{
  g_autoptr(GError) org_error = NULL;
  guint64 value;

  if (raw->compare && raw->variant != NULL)
    return usage_error (error, "%s", _("--compare runs every variant: leave out --variant"));
  if (!raw->compare && raw->variant == NULL)
    {
      g_autofree char *variants = variant_list ();

      /* Translators: %s is the list of variant names */
      return usage_error (error, _("--variant is required (one of %s), or --compare"), variants);
    }
  if (raw->variant != NULL && !parse_variant (raw->variant, &options->variant, error))
    return FALSE;
  options->compare = raw->compare;
  options->json = raw->json;

  if (raw->api_url != NULL && raw->demo)
    return usage_error (error, "%s", _("--api-url and --demo exclude each other: --demo serves "
                                       "from the embedded fake GitHub"));
  if (raw->api_url != NULL && !check_api_url (raw->api_url, error))
    return FALSE;

  /* Without a place to go or a token to go there with, the demo is the only
   * load that can work */
  options->demo = raw->demo || (raw->api_url == NULL && raw->token_file == NULL);
  options->api_url = g_steal_pointer (&raw->api_url);
  options->token_file = g_steal_pointer (&raw->token_file);

  if (!options->demo && raw->dataset != NULL)
    return usage_error (error, "%s", _("--dataset is for the embedded fake GitHub: add --demo"));
  if (!options->demo && raw->latency_scale != NULL)
    return usage_error (error, "%s",
                        _("--latency-scale is for the embedded fake GitHub: add --demo"));
  options->dataset = raw->dataset != NULL ? g_steal_pointer (&raw->dataset)
                                          : g_strdup (CONTRIB_HEADLESS_DEFAULT_DATASET);
  if (options->dataset[0] == '\0')
    return usage_error (error, "%s", _("--dataset: the name is empty"));
  options->latency_scale = 1.0;
  if (raw->latency_scale != NULL && !parse_scale (raw->latency_scale, &options->latency_scale, error))
    return FALSE;

  if (raw->org != NULL && g_strstrip (raw->org)[0] == '\0')
    return usage_error (error, "%s", _("--org: the organization is empty"));
  if (raw->org != NULL && !gh_validate_org_name (raw->org, &org_error))
    /* Translators: --org, then what is wrong with the name */
    return usage_error (error, _("--org: %s"), org_error->message);
  if (raw->org == NULL && !options->demo)
    return usage_error (error, "%s",
                        _("--org is required unless --demo serves its dataset's organization"));
  options->org = g_steal_pointer (&raw->org);

  if (raw->max_requests != NULL)
    {
      if (!parse_count ("--max-requests", raw->max_requests, 1, MAX_REQUESTS_LIMIT, &value, error))
        return FALSE;
      options->max_requests = (guint) value;
    }

  if (raw->cancel_after != NULL)
    {
      if (raw->compare)
        return usage_error (error, "%s",
                            _("--cancel-after is for a single variant, not --compare"));
      if (!parse_count ("--cancel-after", raw->cancel_after, 0, MAX_CANCEL_AFTER_MS, &value, error))
        return FALSE;
      if (!contrib_variant_is_cancellable (options->variant))
        /* Translators: %s is a variant's name, such as BLOCKING */
        return usage_error (error, _("--cancel-after: %s cannot be cancelled: it holds the thread "
                                     "that would have to notice (that is its lesson)"),
                            contrib_variant_get_id (options->variant));
      options->cancel_after_ms = (gint64) value;
    }

  if (raw->timeline != NULL && raw->timeline[0] == '\0')
    return usage_error (error, "%s", _("--timeline: the file name is empty"));
  options->timeline = g_steal_pointer (&raw->timeline);

  return TRUE;
}

/**
 * contrib_headless_options_parse:
 * @argc: the number of arguments
 * @argv: the arguments, the program name first; left as they are
 * @error: return location for a %CONTRIB_HEADLESS_ERROR_USAGE error
 *
 * Returns: (transfer full) (nullable): the options, or %NULL if the command
 *   line is wrong. With --help, only @help is meaningful; with --version,
 *   only @version.
 */
ContribHeadlessOptions *
contrib_headless_options_parse (int      argc,
                                char   **argv,
                                GError **error)
{
  g_autoptr(ContribHeadlessOptions) options = g_new0 (ContribHeadlessOptions, 1);
  /* Before the context, which points into it, so freed after it */
  g_auto(RawOptions) raw = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_auto(GStrv) args = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (argc >= 1 && argv != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  options->cancel_after_ms = -1;

  if (!check_no_token_argument (argc, argv, error))
    return NULL;

  /* GOption rearranges the vector it parses: work on a copy */
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = new_context (&raw);
  if (!g_option_context_parse_strv (context, &args, &local_error))
    {
      usage_error (error, "%s", local_error->message);
      return NULL;
    }

  if (raw.help)
    {
      options->help = TRUE;
      return g_steal_pointer (&options);
    }

  if (raw.version)
    {
      options->version = TRUE;
      return g_steal_pointer (&options);
    }

  if (g_strv_length (args) > 1)
    {
      usage_error (error, _("unexpected argument “%s”"), args[1]);
      return NULL;
    }

  if (!check_raw (&raw, options, error))
    return NULL;

  return g_steal_pointer (&options);
}

void
contrib_headless_options_free (ContribHeadlessOptions *options)
{
  if (options == NULL)
    return;

  g_free (options->org);
  g_free (options->api_url);
  g_free (options->token_file);
  g_free (options->dataset);
  g_free (options->timeline);
  g_free (options);
}
