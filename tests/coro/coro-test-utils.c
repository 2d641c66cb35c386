/* coro-test-utils.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-test-utils.h"

static GMutex log_lock;
static GPtrArray *log_lines;

void
test_log_reset (void)
{
  g_mutex_lock (&log_lock);
  g_clear_pointer (&log_lines, g_ptr_array_unref);
  log_lines = g_ptr_array_new_with_free_func (g_free);
  g_mutex_unlock (&log_lock);
}

void
test_println (const char *format,
              ...)
{
  va_list args;
  char *line;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);

  if (g_test_verbose ())
    g_test_message ("%s", line);

  g_mutex_lock (&log_lock);
  if (log_lines == NULL)
    log_lines = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (log_lines, line);
  g_mutex_unlock (&log_lock);
}

guint
test_log_len (void)
{
  guint len;

  g_mutex_lock (&log_lock);
  len = log_lines != NULL ? log_lines->len : 0;
  g_mutex_unlock (&log_lock);

  return len;
}

void
test_log_assert (const char * const *expected)
{
  guint n_expected = g_strv_length ((char **) expected);
  guint n_got;

  g_mutex_lock (&log_lock);
  n_got = log_lines != NULL ? log_lines->len : 0;
  for (guint i = 0; i < MAX (n_expected, n_got); i++)
    {
      const char *want = i < n_expected ? expected[i] : "(nothing)";
      const char *got = i < n_got ? g_ptr_array_index (log_lines, i) : "(nothing)";

      if (g_strcmp0 (want, got) != 0)
        {
          for (guint j = 0; j < n_got; j++)
            g_printerr ("printed[%u]: %s\n", j, (char *) g_ptr_array_index (log_lines, j));
          g_mutex_unlock (&log_lock);
          g_error ("line %u: expected \"%s\", printed \"%s\"", i, want, got);
        }
    }
  g_clear_pointer (&log_lines, g_ptr_array_unref);
  g_mutex_unlock (&log_lock);
}

gpointer
run_test_or_fail (CoroFunc func,
                  gpointer data)
{
  g_autoptr(GError) error = NULL;
  gpointer result = coro_run_test (func, data, &error);

  g_assert_no_error (error);
  return result;
}

gint test_n_elements_alive;
gint test_n_elements_dropped;

gboolean
test_under_valgrind (void)
{
  return g_getenv ("CORO_UNDER_VALGRIND") != NULL;
}

void
test_elements_reset (void)
{
  g_atomic_int_set (&test_n_elements_alive, 0);
  g_atomic_int_set (&test_n_elements_dropped, 0);
}

gint *
test_element_new (gint value)
{
  gint *element = g_new (gint, 1);

  *element = value;
  g_atomic_int_inc (&test_n_elements_alive);
  return element;
}

/* Frees @element and returns the value it held. */
gint
test_element_take (gpointer element)
{
  gint value;

  g_assert_nonnull (element);
  value = *(gint *) element;
  g_free (element);
  g_atomic_int_add (&test_n_elements_alive, -1);
  return value;
}

void
test_element_drop (gpointer element)
{
  g_atomic_int_inc (&test_n_elements_dropped);
  test_element_take (element);
}
