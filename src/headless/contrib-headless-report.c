/* contrib-headless-report.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * The runner's text output, in the words of the tutorial's window: the
 * table's two columns, "Login" and "Contributions", and its status line,
 * "Loading status: completed in 2.2 sec" (tenths truncated, as the app
 * does) or "Loading status: canceled". Unlike the tutorial, a failed load
 * says so, naming what failed, and repositories that failed are counted in
 * the status and listed.
 *
 * All of it is translated, with the window's translations where the words
 * are the window's; in English the table and the status line are the
 * tutorial's, byte for byte. The status line can also be had untranslated,
 * for --json.
 *
 * Logins, repository names and messages come from the server: they go
 * through gh_text_sanitize() (no terminal sequences, fake lines or invalid
 * UTF-8 reach the terminal) and are cut to length, the logins to the
 * widest the table pads to, so that one long login cannot pad every row.
 */

#include "config.h"

#include "contrib-headless-report.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include <gh.h>

/* The widest the Login column gets; longer logins are cut to it */
#define MAX_LOGIN_COLUMNS 40

/* The status line goes to people in the text output, and to scripts in
 * --json's "status_line", which must read the same in every locale: these
 * two look a message up only when asked to. po/meson.build names them to
 * xgettext. */
static const char *
maybe_gettext (gboolean    translate,
               const char *msgid) G_GNUC_FORMAT (2);

static const char *
maybe_ngettext (gboolean    translate,
                const char *msgid,
                const char *msgid_plural,
                gulong      n) G_GNUC_FORMAT (2) G_GNUC_FORMAT (3);

static const char *
maybe_gettext (gboolean    translate,
               const char *msgid)
{
  return translate ? g_dgettext (GETTEXT_PACKAGE, msgid) : msgid;
}

static const char *
maybe_ngettext (gboolean    translate,
                const char *msgid,
                const char *msgid_plural,
                gulong      n)
{
  if (translate)
    return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);
  return n == 1 ? msgid : msgid_plural;
}

/* How many terminal columns @text takes: translated titles are not ASCII,
 * and printf's field widths count bytes */
static int
display_width (const char *text)
{
  int width = 0;

  if (!g_utf8_validate (text, -1, NULL))
    return (int) strlen (text);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* Appends @text in a field of @width columns, flush left or right */
static void
append_padded (GString    *out,
               const char *text,
               int         width,
               gboolean    left)
{
  int padding = MAX (width - display_width (text), 0);

  if (!left)
    g_string_append_printf (out, "%*s", padding, "");
  g_string_append (out, text);
  if (left)
    g_string_append_printf (out, "%*s", padding, "");
}

/**
 * contrib_headless_format_elapsed:
 * @elapsed_ms: a duration
 * @translate: in the user's language rather than in English
 *
 * Returns: (transfer full): "2.2 sec" for 2250 ms: truncated to tenths, as
 *   the tutorial's status line shows it
 */
char *
contrib_headless_format_elapsed (gint64   elapsed_ms,
                                 gboolean translate)
{
  /* The window's words, and so its translation */
  elapsed_ms = MAX (elapsed_ms, 0);
  return g_strdup_printf (maybe_gettext (translate, "%d.%d sec"),
                          (int) MIN (elapsed_ms / 1000, G_MAXINT), (int) (elapsed_ms % 1000) / 100);
}

/**
 * contrib_headless_format_status:
 * @result: a run's result
 * @translate: in the user's language (for the text output) rather than in
 *   the tutorial's English (for --json)
 *
 * Returns: (transfer full): the status line, without a newline
 */
char *
contrib_headless_format_status (ContribRunResult *result,
                                gboolean          translate)
{
  g_return_val_if_fail (result != NULL, NULL);

  switch (result->status)
    {
    case CONTRIB_RUN_COMPLETED:
      {
        g_autofree char *elapsed = contrib_headless_format_elapsed (result->elapsed_ms, translate);
        guint n_failed = contrib_update_get_n_failures (result->update);

        if (n_failed == 0)
          return g_strdup_printf (maybe_gettext (translate, "Loading status: completed in %s"),
                                  elapsed);
        return g_strdup_printf (maybe_ngettext (translate,
                                                /* Translators: %s is a duration ("2.2 sec"),
                                                   %u the number of repositories that failed */
                                                "Loading status: completed in %s, with %u error",
                                                "Loading status: completed in %s, with %u errors",
                                                n_failed),
                                elapsed, n_failed);
      }

    case CONTRIB_RUN_CANCELED:
      return g_strdup (maybe_gettext (translate, "Loading status: canceled"));

    case CONTRIB_RUN_FAILED:
      {
        /* A load fails as a whole only when the repository list does not
         * load; the message names the URL, the status and GitHub's words */
        g_autofree char *message = gh_text_sanitize (result->error->message,
                                                     GH_TEXT_MAX_MESSAGE_CHARS, NULL);

        return g_strdup_printf (maybe_gettext (translate,
                                               /* Translators: %s says why, e.g. "No such
                                                  organization: HTTP 404 Not Found from …" */
                                               "Loading status: failed: %s"),
                                message);
      }

    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
shown_login (GhUser *user)
{
  return gh_text_sanitize (gh_user_get_login (user), MAX_LOGIN_COLUMNS, NULL);
}

/**
 * contrib_headless_write_table:
 * @update: a ranking
 * @stream: where to write it
 *
 * Writes the ranking as the window's table, in its words: a header and one
 * line per user, each ending in a newline. Row by row, as a ranking can
 * have thousands.
 */
void
contrib_headless_write_table (ContribUpdate *update,
                              FILE          *stream)
{
  const char *login_title = _("Login");
  const char *contributions_title = _("Contributions");
  g_autoptr(GString) row = g_string_new (NULL);
  GPtrArray *users;
  int login_width = display_width (login_title);
  int count_width = display_width (contributions_title);

  g_return_if_fail (update != NULL);
  g_return_if_fail (stream != NULL);

  users = contrib_update_get_users (update);
  for (guint i = 0; i < users->len; i++)
    {
      g_autofree char *login = shown_login (g_ptr_array_index (users, i));

      login_width = MAX (login_width, MIN (display_width (login), MAX_LOGIN_COLUMNS));
    }

  append_padded (row, login_title, login_width, TRUE);
  g_string_append (row, "  ");
  append_padded (row, contributions_title, count_width, FALSE);
  g_string_append_c (row, '\n');
  fputs (row->str, stream);
  for (guint i = 0; i < users->len; i++)
    {
      GhUser *user = g_ptr_array_index (users, i);
      g_autofree char *login = shown_login (user);
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                gh_user_get_contributions (user));

      g_string_truncate (row, 0);
      append_padded (row, login, login_width, TRUE);
      g_string_append (row, "  ");
      append_padded (row, count, count_width, FALSE);
      g_string_append_c (row, '\n');
      fputs (row->str, stream);
    }
  fflush (stream);
}

/**
 * contrib_headless_format_failures:
 * @update: a ranking
 *
 * Returns: (transfer full) (nullable): the repositories that failed, one
 *   per line with why, or %NULL if none did
 */
char *
contrib_headless_format_failures (ContribUpdate *update)
{
  GPtrArray *failures;
  GString *out;

  g_return_val_if_fail (update != NULL, NULL);

  failures = contrib_update_get_failures (update);
  if (failures->len == 0)
    return NULL;

  out = g_string_new (NULL);
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u repository could not be loaded:",
                                            "%u repositories could not be loaded:", failures->len),
                          failures->len);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < failures->len; i++)
    {
      ContribFailure *failure = g_ptr_array_index (failures, i);
      g_autofree char *repo = gh_text_sanitize (failure->repo, GH_TEXT_MAX_NAME_CHARS, NULL);
      g_autofree char *message = gh_text_sanitize (failure->error->message,
                                                   GH_TEXT_MAX_MESSAGE_CHARS, NULL);

      g_string_append_printf (out, "  %s: %s\n", repo, message);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *title;
  gboolean    left;
} Column;

static const Column columns[] = {
  /* Translators: the titles of the --compare table's columns, with one row
     per variant; the legend under the table explains them */
  { NC_("compare column", "Variant"), TRUE },
  { NC_("compare column", "Status"), TRUE },
  { NC_("compare column", "Time (ms)"), FALSE },
  { NC_("compare column", "Requests"), FALSE },
  { NC_("compare column", "Peak"), FALSE },
  { NC_("compare column", "Blocked (ms)"), FALSE },
  { NC_("compare column", "Own (ms)"), FALSE },
  { NC_("compare column", "Rows"), FALSE },
  { NC_("compare column", "Failed"), FALSE },
  { NC_("compare column", "Same"), TRUE },
  { NC_("compare column", "HTTP"), FALSE },
  { NC_("compare column", "HTTP peak"), FALSE },
};

/* The Status column's words; contrib_run_status_to_string() gives the
 * untranslated ones for --json */
static const char *
status_cell (ContribRunStatus status)
{
  switch (status)
    {
    case CONTRIB_RUN_COMPLETED:
      return C_("run status", "completed");

    case CONTRIB_RUN_CANCELED:
      return C_("run status", "canceled");

    case CONTRIB_RUN_FAILED:
      return C_("run status", "failed");

    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
same_cell (GPtrArray *results,
           guint      reference,
           guint      index)
{
  ContribRunResult *result = g_ptr_array_index (results, index);

  if (reference == G_MAXUINT || result->status != CONTRIB_RUN_COMPLETED)
    return g_strdup ("-");
  if (index == reference)
    return g_strdup (C_("same as reference", "reference"));
  if (contrib_run_result_same_result (g_ptr_array_index (results, reference), result))
    return g_strdup (C_("same as reference", "yes"));
  /* Translators: a variant that found another ranking than the reference;
     in capitals to stand out */
  return g_strdup (C_("same as reference", "NO"));
}

static GStrv
row_cells (GPtrArray *results,
           guint      reference,
           guint      index,
           gboolean   server_columns)
{
  ContribRunResult *result = g_ptr_array_index (results, index);
  GPtrArray *cells = g_ptr_array_new ();

  g_ptr_array_add (cells, g_strdup (contrib_variant_get_id (result->variant)));
  g_ptr_array_add (cells, g_strdup (status_cell (result->status)));
  g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, result->elapsed_ms));
  g_ptr_array_add (cells, g_strdup_printf ("%u", result->n_requests));
  g_ptr_array_add (cells, g_strdup_printf ("%u", result->peak_in_flight));
  /* The mark makes BLOCKING stand out, as it should */
  g_ptr_array_add (cells, g_strdup_printf ("%s%" G_GINT64_FORMAT,
                                                 result->max_block_ms > CONTRIB_HEADLESS_MAX_SMOOTH_BLOCK_MS
                                                 ? "!" : "",
                                                 result->max_block_ms));
  if (result->max_own_block_ms >= 0)
    g_ptr_array_add (cells, g_strdup_printf ("%s%" G_GINT64_FORMAT,
                                             result->max_own_block_ms > CONTRIB_HEADLESS_MAX_SMOOTH_BLOCK_MS
                                             ? "!" : "",
                                             result->max_own_block_ms));
  else
    g_ptr_array_add (cells, g_strdup ("-"));
  g_ptr_array_add (cells, g_strdup_printf ("%u", contrib_run_result_get_n_rows (result)));
  g_ptr_array_add (cells, g_strdup_printf ("%u", result->status == CONTRIB_RUN_COMPLETED
                                                 ? contrib_update_get_n_failures (result->update) : 0));
  g_ptr_array_add (cells, same_cell (results, reference, index));
  if (server_columns)
    {
      g_ptr_array_add (cells, g_strdup_printf ("%u", result->server_requests));
      g_ptr_array_add (cells, g_strdup_printf ("%u", result->server_peak_in_flight));
    }

  g_ptr_array_add (cells, NULL);
  return (GStrv) g_ptr_array_free (cells, FALSE);
}

static void
append_row (GString            *out,
            const char * const *cells,
            const int          *widths,
            guint               n_columns)
{
  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append (out, "  ");
      append_padded (out, cells[c], widths[c], columns[c].left);
    }
  /* No trailing blanks from the last, left-aligned column */
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
}

#define LEGEND_WIDTH 88

/* Appends @text broken into lines of at most @width columns at spaces */
static void
append_wrapped (GString    *out,
                const char *text,
                int         width)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  int column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      int length = display_width (words[i]);

      if (column > 0 && column + 1 + length > width)
        {
          g_string_append_c (out, '\n');
          column = 0;
        }
      else if (column > 0)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += length;
    }
  g_string_append_c (out, '\n');
}

/* Adds a sentence to the legend */
static void
append_sentence (GString    *legend,
                 const char *sentence)
{
  if (legend->len > 0)
    g_string_append_c (legend, ' ');
  g_string_append (legend, sentence);
}

/* What the columns mean, a sentence or two per column */
static char *
compare_legend (GPtrArray *results,
                guint      reference,
                gboolean   server_columns)
{
  GString *legend = g_string_new (NULL);
  g_autofree char *blocked = NULL;
  g_autofree char *same = NULL;

  /* Translators: this and the next sentences are the legend under the
     --compare table: the words before the colons are its column titles */
  append_sentence (legend, _("Requests: calls to the GitHub service (a call may fetch several "
                             "pages); Peak: the most under way at once."));
  blocked = g_strdup_printf (_("Blocked: the longest the main loop could not run; ! marks more "
                               "than %d ms, when a window would freeze."),
                             CONTRIB_HEADLESS_MAX_SMOOTH_BLOCK_MS);
  append_sentence (legend, blocked);
  append_sentence (legend, _("Own: the same without the time the main thread waited for a CPU "
                             "(on a busy machine, most of the rest)."));
  if (reference != G_MAXUINT)
    {
      ContribRunResult *result = g_ptr_array_index (results, reference);

      /* Translators: %s is the reference's variant, such as SUSPEND */
      same = g_strdup_printf (_("Same: the same users with the same totals and the same failed "
                                "repositories as the reference (%s); users with equal totals may "
                                "be ordered differently."),
                              contrib_variant_get_id (result->variant));
      append_sentence (legend, same);
    }
  else
    {
      append_sentence (legend, _("Same: the same users with the same totals and the same failed "
                                 "repositories as the reference; users with equal totals may be "
                                 "ordered differently."));
    }
  if (server_columns)
    append_sentence (legend, _("HTTP: requests the embedded server received; HTTP peak: the most "
                               "it had in flight at once."));

  return g_string_free (legend, FALSE);
}

/**
 * contrib_headless_format_compare:
 * @results: (element-type ContribRunResult): one result per variant
 * @reference: the index of the reference result, or G_MAXUINT
 *
 * Returns: (transfer full): the comparison table, with a legend
 */
char *
contrib_headless_format_compare (GPtrArray *results,
                                 guint      reference)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *titles[G_N_ELEMENTS (columns)];
  int widths[G_N_ELEMENTS (columns)] = { 0 };
  g_autofree char *legend = NULL;
  gboolean server_columns = FALSE;
  guint n_columns;
  GString *out;

  g_return_val_if_fail (results != NULL, NULL);

  for (guint i = 0; i < results->len; i++)
    server_columns |= ((ContribRunResult *) g_ptr_array_index (results, i))->has_server_figures;
  n_columns = G_N_ELEMENTS (columns) - (server_columns ? 0 : 2);

  for (guint c = 0; c < n_columns; c++)
    {
      titles[c] = g_dpgettext2 (GETTEXT_PACKAGE, "compare column", columns[c].title);
      widths[c] = display_width (titles[c]);
    }
  for (guint i = 0; i < results->len; i++)
    {
      GStrv cells = row_cells (results, reference, i, server_columns);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], display_width (cells[c]));
      g_ptr_array_add (rows, cells);
    }

  out = g_string_new (NULL);
  append_row (out, titles, widths, n_columns);
  for (guint i = 0; i < rows->len; i++)
    append_row (out, (const char * const *) g_ptr_array_index (rows, i), widths, n_columns);

  legend = compare_legend (results, reference, server_columns);
  g_string_append_c (out, '\n');
  append_wrapped (out, legend, LEGEND_WIDTH);
  return g_string_free (out, FALSE);
}
