/* contrib-window-error.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The window's error page: a title for what went wrong, the message, and
 * the buttons that can help.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "contrib-window-private.h"

static const char *
error_title (const GError *error)
{
  if (error->domain == GH_ERROR)
    switch ((GhError) error->code)
      {
      case GH_ERROR_NOT_FOUND:
        return _("Organization Not Found");

      case GH_ERROR_BAD_CREDENTIALS:
        return _("Token Refused");

      case GH_ERROR_RATE_LIMITED:
        return _("Rate Limit Reached");

      case GH_ERROR_FORBIDDEN:
      case GH_ERROR_UNAVAILABLE_FOR_LEGAL_REASONS:
        return _("Access Denied");

      case GH_ERROR_INVALID_URL:
        return _("Invalid API URL");

      case GH_ERROR_FAILED:
      case GH_ERROR_INVALID_NAME:
      case GH_ERROR_INVALID_TOKEN:
      case GH_ERROR_SERVER_ERROR:
      case GH_ERROR_INVALID_RESPONSE:
      case GH_ERROR_CROSS_ORIGIN:
      case GH_ERROR_TOO_MANY_PAGES:
      default:
        break;
      }
  return _("Could Not Load the Contributors");
}

/**
 * _contrib_window_show_error:
 * @self: a window
 * @error: why the load failed
 *
 * Shows the error page: what happened, and what to do about it.
 */
void
_contrib_window_show_error (ContribWindow *self,
                            const GError  *error)
{
  g_autofree char *message = gh_text_sanitize (error->message, GH_TEXT_MAX_MESSAGE_CHARS, NULL);
  g_autofree char *description = g_markup_escape_text (message, -1);
  gboolean token_helps = g_error_matches (error, GH_ERROR, GH_ERROR_BAD_CREDENTIALS) ||
                         g_error_matches (error, GH_ERROR, GH_ERROR_RATE_LIMITED);

  adw_status_page_set_title (self->error_page, error_title (error));
  adw_status_page_set_description (self->error_page, description);
  gtk_widget_set_visible (GTK_WIDGET (self->set_token_button),
                          token_helps && !contrib_settings_pane_is_demo (self->settings_pane));
  gtk_stack_set_visible_child_name (self->results_stack, "error");
}
