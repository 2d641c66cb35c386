/* contrib-headless-json.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * --json: what the text output says, for scripts (the benchmark reads it).
 * Member names are stable; times are whole milliseconds.
 *
 * A run:
 *   { "variant": "CONCURRENT", "org": "kotlin", "api_url": "...",
 *     "demo": true, "status": "completed", "status_line": "Loading status: ...",
 *     "elapsed_ms": 1423, "cancel_ms": null, "rows": 2022,
 *     "users": [ { "login": "...", "contributions": 12 }, ... ],
 *     "failures": [ { "repo": "...", "message": "...", "http_status": 500,
 *                     "github_message": "Server Error" } ],
 *     "error": null | { "message", "domain", "code", "http_status",
 *                       "github_message", "url" },
 *     "updates": 1, "requests": 161, "peak_in_flight": 160,
 *     "max_blocked_ms": 3, "max_blocked_own_ms": 1 | null,
 *     "server": null | { "requests", "peak_in_flight" } }
 *
 * max_blocked_ms is ContribHeartbeat's wall-clock figure; max_blocked_own_ms
 * leaves out the time the main thread waited for a CPU (see
 * contrib-block-monitor.c), which on a loaded machine can be most of it.
 *
 * --compare: { "org", "api_url", "demo", "reference": "SUSPEND" | null,
 *   "variants": [ the same without "users", plus "same_as_reference":
 *   true | false | null ] }
 *
 * Text from the server (logins, repository names, messages, URLs) goes
 * through gh_text_sanitize() first: json-glib escapes controls but passes
 * invalid UTF-8 through, and a script's terminal shows the strings too.
 */

#include "config.h"

#include "contrib-headless-json.h"

#include <json-glib/json-glib.h>

#include "contrib-headless-report.h"

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_server_text (JsonBuilder *builder,
                 const char  *member,
                 const char  *value,
                 gssize       max_chars)
{
  g_autofree char *shown = gh_text_sanitize (value, max_chars, NULL);

  add_string_or_null (builder, member, shown);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_http_details (JsonBuilder  *builder,
                  const GError *error)
{
  guint status = gh_error_get_http_status (error);

  json_builder_set_member_name (builder, "http_status");
  if (status != 0)
    json_builder_add_int_value (builder, status);
  else
    json_builder_add_null_value (builder);
  add_server_text (builder, "github_message", gh_error_get_github_message (error),
                   GH_TEXT_MAX_MESSAGE_CHARS);
}

static void
add_error (JsonBuilder  *builder,
           const GError *error)
{
  json_builder_set_member_name (builder, "error");
  if (error == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_server_text (builder, "message", error->message, GH_TEXT_MAX_MESSAGE_CHARS);
  add_string_or_null (builder, "domain", g_quark_to_string (error->domain));
  add_int (builder, "code", error->code);
  add_http_details (builder, error);
  add_server_text (builder, "url", gh_error_get_url (error), GH_TEXT_MAX_MESSAGE_CHARS);
  json_builder_end_object (builder);
}

static void
add_users (JsonBuilder   *builder,
           ContribUpdate *update)
{
  GPtrArray *users = update != NULL ? contrib_update_get_users (update) : NULL;

  json_builder_set_member_name (builder, "users");
  json_builder_begin_array (builder);
  for (guint i = 0; users != NULL && i < users->len; i++)
    {
      GhUser *user = g_ptr_array_index (users, i);

      json_builder_begin_object (builder);
      add_server_text (builder, "login", gh_user_get_login (user), GH_TEXT_MAX_NAME_CHARS);
      add_int (builder, "contributions", gh_user_get_contributions (user));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_failures (JsonBuilder   *builder,
              ContribUpdate *update)
{
  GPtrArray *failures = update != NULL ? contrib_update_get_failures (update) : NULL;

  json_builder_set_member_name (builder, "failures");
  json_builder_begin_array (builder);
  for (guint i = 0; failures != NULL && i < failures->len; i++)
    {
      ContribFailure *failure = g_ptr_array_index (failures, i);

      json_builder_begin_object (builder);
      add_server_text (builder, "repo", failure->repo, GH_TEXT_MAX_NAME_CHARS);
      add_server_text (builder, "message", failure->error->message, GH_TEXT_MAX_MESSAGE_CHARS);
      add_http_details (builder, failure->error);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* The members of one run, inside an object being built */
static void
add_result (JsonBuilder      *builder,
            ContribRunResult *result,
            gboolean          with_users)
{
  /* In the tutorial's English whatever the locale, as every member is */
  g_autofree char *status_line = contrib_headless_format_status (result, FALSE);

  add_string_or_null (builder, "variant", contrib_variant_get_id (result->variant));
  add_string_or_null (builder, "status", contrib_run_status_to_string (result->status));
  add_string_or_null (builder, "status_line", status_line);
  add_int (builder, "elapsed_ms", result->elapsed_ms);
  json_builder_set_member_name (builder, "cancel_ms");
  if (result->cancel_ms >= 0)
    json_builder_add_int_value (builder, result->cancel_ms);
  else
    json_builder_add_null_value (builder);
  add_int (builder, "rows", contrib_run_result_get_n_rows (result));
  if (with_users)
    add_users (builder, result->update);
  add_failures (builder, result->update);
  add_error (builder, result->error);
  add_int (builder, "updates", result->n_updates);
  add_int (builder, "requests", result->n_requests);
  add_int (builder, "peak_in_flight", result->peak_in_flight);
  add_int (builder, "max_blocked_ms", result->max_block_ms);
  json_builder_set_member_name (builder, "max_blocked_own_ms");
  if (result->max_own_block_ms >= 0)
    json_builder_add_int_value (builder, result->max_own_block_ms);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "server");
  if (result->has_server_figures)
    {
      json_builder_begin_object (builder);
      add_int (builder, "requests", result->server_requests);
      add_int (builder, "peak_in_flight", result->server_peak_in_flight);
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }
}

static void
add_source (JsonBuilder            *builder,
            ContribHeadlessBackend *backend)
{
  add_string_or_null (builder, "org", contrib_headless_backend_get_org (backend));
  add_string_or_null (builder, "api_url", contrib_headless_backend_get_api_url (backend));
  json_builder_set_member_name (builder, "demo");
  json_builder_add_boolean_value (builder, contrib_headless_backend_get_server (backend) != NULL);
}

static char *
to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

/**
 * contrib_headless_json_run:
 * @backend: where the run loaded from
 * @result: its result
 *
 * Returns: (transfer full): the run as a JSON object, without a newline
 */
char *
contrib_headless_json_run (ContribHeadlessBackend *backend,
                           ContribRunResult       *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (backend != NULL, NULL);
  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  add_source (builder, backend);
  add_result (builder, result, TRUE);
  json_builder_end_object (builder);
  return to_string (builder);
}

/**
 * contrib_headless_json_compare:
 * @backend: where the runs loaded from
 * @results: (element-type ContribRunResult): one per variant
 * @reference: the index of the reference, or G_MAXUINT
 *
 * Returns: (transfer full): the comparison as a JSON object
 */
char *
contrib_headless_json_compare (ContribHeadlessBackend *backend,
                               GPtrArray              *results,
                               guint                   reference)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  ContribRunResult *reference_result = NULL;

  g_return_val_if_fail (backend != NULL, NULL);
  g_return_val_if_fail (results != NULL, NULL);

  if (reference != G_MAXUINT)
    reference_result = g_ptr_array_index (results, reference);

  json_builder_begin_object (builder);
  add_source (builder, backend);
  add_string_or_null (builder, "reference", reference_result != NULL
                      ? contrib_variant_get_id (reference_result->variant) : NULL);
  json_builder_set_member_name (builder, "variants");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      ContribRunResult *result = g_ptr_array_index (results, i);

      json_builder_begin_object (builder);
      add_result (builder, result, FALSE);
      json_builder_set_member_name (builder, "same_as_reference");
      if (reference_result != NULL && result->status == CONTRIB_RUN_COMPLETED)
        json_builder_add_boolean_value (builder,
                                        contrib_run_result_same_result (reference_result, result));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return to_string (builder);
}
