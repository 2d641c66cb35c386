/* contrib-quota.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * What a load against a real API says about GitHub's rate limit, in the
 * window and headless alike: up front when nothing is left, and once the
 * repository list is in when the repositories outnumber what is left.
 * Without a token GitHub allows 60 requests an hour, fewer than a large
 * organization needs.
 */

#include "config.h"

#include "contrib-quota.h"

#include <glib/gi18n.h>

static char *
format_reset (gint64 reset)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (reset);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return g_strdup ("?");
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    return g_date_time_format (when, "%X");
  return g_date_time_format (when, "%x %X");
}

/**
 * contrib_quota_used_up_error:
 * @quota: the quota read before the load, with nothing left
 * @has_token: whether the load would send a token
 *
 * Returns: (transfer full): a %GH_ERROR_RATE_LIMITED error saying when the
 *   limit resets, and that a token raises it when there is none
 */
GError *
contrib_quota_used_up_error (const GhRateLimit *quota,
                             gboolean           has_token)
{
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (quota != NULL, NULL);

  when = format_reset (quota->reset);
  if (has_token)
    /* Translators: %s is a time of day (with the date when not today) */
    message = g_strdup_printf (_("No requests are left in the rate limit until %s; "
                                 "loading now would fail."), when);
  else
    /* Translators: %s is a time of day (with the date when not today) */
    message = g_strdup_printf (_("No requests are left in the rate limit until %s; "
                                 "loading now would fail. An access token raises the limit."),
                               when);

  return g_error_new_literal (GH_ERROR, GH_ERROR_RATE_LIMITED, message);
}

/**
 * contrib_quota_shortfall:
 * @repos: the organization's repository list, just loaded
 * @quota: the quota read before the load
 *
 * Each repository takes a contributors request at least. The list's own
 * rate-limit headers are the latest figures; without them, what was read
 * before, less the list's pages.
 *
 * Returns: (transfer full) (nullable): what to warn of, or %NULL when the
 *   requests left are enough
 */
char *
contrib_quota_shortfall (GhResponse        *repos,
                         const GhRateLimit *quota)
{
  guint n_repos;
  gint64 remaining;
  gint64 reset;
  g_autofree char *when = NULL;

  g_return_val_if_fail (repos != NULL, NULL);
  g_return_val_if_fail (quota != NULL, NULL);

  n_repos = gh_response_get_n_items (repos);
  remaining = gh_response_get_rate_limit_remaining (repos);
  reset = gh_response_get_rate_limit_reset (repos);
  if (remaining == GH_RESPONSE_UNKNOWN || reset == GH_RESPONSE_UNKNOWN)
    {
      remaining = MAX (quota->remaining - (gint64) gh_response_get_n_pages (repos), 0);
      reset = quota->reset;
    }

  if ((gint64) n_repos <= remaining)
    return NULL;

  when = format_reset (reset);
  /* Translators: a number of repositories twice, the requests left, then a
   * time of day */
  return g_strdup_printf (ngettext ("%u repository needs at least %u requests, but the rate limit "
                                    "has %d left until %s; some repositories will fail to load",
                                    "%u repositories need at least %u requests, but the rate limit "
                                    "has %d left until %s; some repositories will fail to load",
                                    n_repos),
                          n_repos, n_repos, (int) MIN (remaining, G_MAXINT), when);
}

/**
 * contrib_page_cache_dir:
 *
 * Where loads keep pages for conditional requests (#GhClient:cache-dir),
 * in the user's cache directory.
 *
 * Returns: (transfer full): the directory
 */
char *
contrib_page_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "contributors", "pages", NULL);
}
