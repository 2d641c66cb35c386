/* contrib-run.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * One finished or cancelled load, as the Compare view lists it and the
 * exports write it. Immutable: its properties are read-only, so a table
 * can bind them without watching for changes.
 */

#include "config.h"

#include "contrib-run.h"

#include <glib/gi18n-lib.h>

struct _ContribRun
{
  GObject            parent_instance;

  ContribVariant     variant;
  char              *organization;
  char              *source;
  gint64             total_ms;
  guint              n_requests;
  guint              peak_in_flight;
  gint64             blocked_ms;
  ContribRunOutcome  outcome;
  guint              n_errors;
  char              *message;   /* (nullable) */
  gint64             ideal_ms;
};

enum {
  PROP_0,
  PROP_VARIANT,
  PROP_VARIANT_ID,
  PROP_ORGANIZATION,
  PROP_SOURCE,
  PROP_TOTAL_MS,
  PROP_N_REQUESTS,
  PROP_PEAK_IN_FLIGHT,
  PROP_BLOCKED_MS,
  PROP_OUTCOME,
  PROP_OUTCOME_LABEL,
  PROP_N_ERRORS,
  PROP_MESSAGE,
  PROP_IDEAL_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ContribRun, contrib_run, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (ContribRunOutcome, contrib_run_outcome,
  G_DEFINE_ENUM_VALUE (CONTRIB_RUN_OUTCOME_COMPLETED, "completed"),
  G_DEFINE_ENUM_VALUE (CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS, "completed-with-errors"),
  G_DEFINE_ENUM_VALUE (CONTRIB_RUN_OUTCOME_CANCELED, "canceled"),
  G_DEFINE_ENUM_VALUE (CONTRIB_RUN_OUTCOME_FAILED, "failed"))

/* Text from the server (an organization's name, an error message quoting
 * it) may be any bytes; widgets and json-glib need UTF-8. */
static char *
dup_valid (const char *text)
{
  return text != NULL ? g_utf8_make_valid (text, -1) : NULL;
}

static void
contrib_run_finalize (GObject *object)
{
  ContribRun *self = CONTRIB_RUN (object);

  g_free (self->organization);
  g_free (self->source);
  g_free (self->message);

  G_OBJECT_CLASS (contrib_run_parent_class)->finalize (object);
}

static void
contrib_run_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ContribRun *self = CONTRIB_RUN (object);

  switch (prop_id)
    {
    case PROP_VARIANT:
      g_value_set_uint (value, self->variant);
      break;

    case PROP_VARIANT_ID:
      g_value_set_string (value, contrib_run_get_variant_id (self));
      break;

    case PROP_ORGANIZATION:
      g_value_set_string (value, self->organization);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_TOTAL_MS:
      g_value_set_int64 (value, self->total_ms);
      break;

    case PROP_N_REQUESTS:
      g_value_set_uint (value, self->n_requests);
      break;

    case PROP_PEAK_IN_FLIGHT:
      g_value_set_uint (value, self->peak_in_flight);
      break;

    case PROP_BLOCKED_MS:
      g_value_set_int64 (value, self->blocked_ms);
      break;

    case PROP_OUTCOME:
      g_value_set_enum (value, self->outcome);
      break;

    case PROP_OUTCOME_LABEL:
      g_value_take_string (value, contrib_run_dup_outcome_label (self));
      break;

    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_IDEAL_MS:
      g_value_set_int64 (value, self->ideal_ms);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrib_run_class_init (ContribRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = contrib_run_finalize;
  object_class->get_property = contrib_run_get_property;

  /* A ContribVariant: the enum has no GType of its own */
  properties[PROP_VARIANT] =
    g_param_spec_uint ("variant", NULL, NULL, 0, CONTRIB_N_VARIANTS - 1, 0, flags);
  properties[PROP_VARIANT_ID] =
    g_param_spec_string ("variant-id", NULL, NULL, NULL, flags);
  properties[PROP_ORGANIZATION] =
    g_param_spec_string ("organization", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_TOTAL_MS] =
    g_param_spec_int64 ("total-ms", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_N_REQUESTS] =
    g_param_spec_uint ("n-requests", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_PEAK_IN_FLIGHT] =
    g_param_spec_uint ("peak-in-flight", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_BLOCKED_MS] =
    g_param_spec_int64 ("blocked-ms", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_OUTCOME] =
    g_param_spec_enum ("outcome", NULL, NULL, CONTRIB_TYPE_RUN_OUTCOME, CONTRIB_RUN_OUTCOME_COMPLETED,
                       flags);
  properties[PROP_OUTCOME_LABEL] =
    g_param_spec_string ("outcome-label", NULL, NULL, NULL, flags);
  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL, flags);
  properties[PROP_IDEAL_MS] =
    g_param_spec_int64 ("ideal-ms", NULL, NULL, -1, G_MAXINT64, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
contrib_run_init (ContribRun *self)
{
  self->ideal_ms = -1;
}

/**
 * contrib_run_outcome_get_id:
 * @outcome: an outcome
 *
 * Returns: the stable id of @outcome, its enum nick ("canceled")
 */
const char *
contrib_run_outcome_get_id (ContribRunOutcome outcome)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CONTRIB_TYPE_RUN_OUTCOME);
  GEnumValue *value = g_enum_get_value (klass, outcome);

  g_return_val_if_fail (value != NULL, NULL);

  /* Static strings: they outlive the class reference */
  return value->value_nick;
}

/**
 * contrib_run_new:
 * @variant: the loader variant that ran
 * @organization: the organization it loaded
 * @source: where from, for people: "demo · tutorial", an API host
 * @total_ms: how long the load took, start to final result
 * @n_requests: HTTP requests it made
 * @peak_in_flight: the most requests under way at once
 * @blocked_ms: the longest the main loop was blocked
 * @outcome: how it ended
 * @n_errors: repositories that failed (for %CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS)
 * @message: (nullable): why it failed (for %CONTRIB_RUN_OUTCOME_FAILED)
 * @ideal_ms: the least time the load could take, or -1 when unknown
 *
 * Text that is not UTF-8 is repaired (U+FFFD), since it may come from the
 * server.
 *
 * Returns: (transfer full): a new run
 */
ContribRun *
contrib_run_new (ContribVariant     variant,
                 const char        *organization,
                 const char        *source,
                 gint64             total_ms,
                 guint              n_requests,
                 guint              peak_in_flight,
                 gint64             blocked_ms,
                 ContribRunOutcome  outcome,
                 guint              n_errors,
                 const char        *message,
                 gint64             ideal_ms)
{
  ContribRun *self;

  g_return_val_if_fail (variant < CONTRIB_N_VARIANTS, NULL);
  g_return_val_if_fail (organization != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (total_ms >= 0, NULL);
  g_return_val_if_fail (blocked_ms >= 0, NULL);
  g_return_val_if_fail (outcome <= CONTRIB_RUN_OUTCOME_FAILED, NULL);
  g_return_val_if_fail (ideal_ms >= -1, NULL);

  self = g_object_new (CONTRIB_TYPE_RUN, NULL);
  self->variant = variant;
  self->organization = dup_valid (organization);
  self->source = dup_valid (source);
  self->total_ms = total_ms;
  self->n_requests = n_requests;
  self->peak_in_flight = peak_in_flight;
  self->blocked_ms = blocked_ms;
  self->outcome = outcome;
  self->n_errors = n_errors;
  self->message = dup_valid (message);
  self->ideal_ms = ideal_ms;

  return self;
}

ContribVariant
contrib_run_get_variant (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), 0);

  return self->variant;
}

/**
 * contrib_run_get_variant_id:
 * @self: a run
 *
 * Returns: the variant's stable id ("CONCURRENT"), which the Compare view
 *   shows as the tutorial names it
 */
const char *
contrib_run_get_variant_id (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), NULL);

  return contrib_variant_get_id (self->variant);
}

const char *
contrib_run_get_organization (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), NULL);

  return self->organization;
}

const char *
contrib_run_get_source (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), NULL);

  return self->source;
}

gint64
contrib_run_get_total_ms (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), 0);

  return self->total_ms;
}

guint
contrib_run_get_n_requests (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), 0);

  return self->n_requests;
}

guint
contrib_run_get_peak_in_flight (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), 0);

  return self->peak_in_flight;
}

gint64
contrib_run_get_blocked_ms (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), 0);

  return self->blocked_ms;
}

ContribRunOutcome
contrib_run_get_outcome (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), CONTRIB_RUN_OUTCOME_COMPLETED);

  return self->outcome;
}

guint
contrib_run_get_n_errors (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), 0);

  return self->n_errors;
}

/**
 * contrib_run_get_message:
 * @self: a run
 *
 * Returns: (nullable): why the load failed, valid UTF-8 but otherwise as
 *   given: pass it through gh_text_sanitize() before showing it
 */
const char *
contrib_run_get_message (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), NULL);

  return self->message;
}

/**
 * contrib_run_get_ideal_ms:
 * @self: a run
 *
 * Returns: the least time the load could have taken, or -1 when unknown
 *   (a real server's latencies are not known in advance)
 */
gint64
contrib_run_get_ideal_ms (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), -1);

  return self->ideal_ms;
}

/**
 * contrib_run_dup_outcome_label:
 * @self: a run
 *
 * Returns: (transfer full): how the load ended, for people, translated
 *   ("Completed with 2 errors"); a failure's message is not part of it
 */
char *
contrib_run_dup_outcome_label (ContribRun *self)
{
  g_return_val_if_fail (CONTRIB_IS_RUN (self), NULL);

  switch (self->outcome)
    {
    case CONTRIB_RUN_OUTCOME_COMPLETED:
      return g_strdup (_("Completed"));

    case CONTRIB_RUN_OUTCOME_COMPLETED_WITH_ERRORS:
      return g_strdup_printf (ngettext ("Completed with %u error", "Completed with %u errors",
                                        self->n_errors),
                              self->n_errors);

    case CONTRIB_RUN_OUTCOME_CANCELED:
      return g_strdup (_("Canceled"));

    case CONTRIB_RUN_OUTCOME_FAILED:
      return g_strdup (_("Failed"));

    default:
      g_assert_not_reached ();
    }
}

/**
 * contrib_format_duration:
 * @ms: a duration in milliseconds, or -1 for unknown
 *
 * Returns: (transfer full): @ms for people, short enough for a table cell:
 *   "850 ms" under a second, "2.2 s" above, "—" when unknown
 */
char *
contrib_format_duration (gint64 ms)
{
  if (ms < 0)
    return g_strdup ("—");
  if (ms < 1000)
    /* Translators: a duration in milliseconds */
    return g_strdup_printf (_("%d ms"), (int) ms);
  /* Translators: a duration in seconds, with one decimal */
  return g_strdup_printf (_("%.1f s"), ms / 1000.0);
}
