/* test-gh-dataset.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gh-fake-github.h"

static GhDataset *
load (const char *name)
{
  g_autoptr(GError) error = NULL;
  GhDataset *dataset = gh_dataset_new_from_name (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

static void
assert_contributor (const GhDatasetContributor *contributor,
                    const char                 *login,
                    guint                       contributions)
{
  g_assert_cmpstr (contributor->login, ==, login);
  g_assert_cmpuint (contributor->contributions, ==, contributions);
}

static void
test_dataset_tutorial (void)
{
  g_autoptr(GhDataset) dataset = load ("tutorial");
  const GhDatasetContributor *users;
  guint n;

  g_test_summary ("tutorial.json is exactly the tutorial's testData.kt");

  g_assert_cmpstr (gh_dataset_get_org (dataset), ==, "org");
  g_assert_cmpuint (gh_dataset_get_repos_latency_ms (dataset), ==, 1000);
  g_assert_cmpuint (gh_dataset_get_n_repos (dataset), ==, 3);
  g_assert_cmpuint (gh_dataset_get_n_logins (dataset), ==, 3);

  g_assert_cmpstr (gh_dataset_get_repo_name (dataset, 0), ==, "repo-1");
  g_assert_cmpstr (gh_dataset_get_repo_name (dataset, 1), ==, "repo-2");
  g_assert_cmpstr (gh_dataset_get_repo_name (dataset, 2), ==, "repo-3");
  g_assert_cmpuint (gh_dataset_get_repo_latency_ms (dataset, 0), ==, 1000);
  g_assert_cmpuint (gh_dataset_get_repo_latency_ms (dataset, 1), ==, 1200);
  g_assert_cmpuint (gh_dataset_get_repo_latency_ms (dataset, 2), ==, 800);

  users = gh_dataset_get_repo_contributors (dataset, 0, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_contributor (&users[0], "user-1", 10);
  assert_contributor (&users[1], "user-2", 20);
  users = gh_dataset_get_repo_contributors (dataset, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_contributor (&users[0], "user-2", 30);
  assert_contributor (&users[1], "user-1", 40);
  users = gh_dataset_get_repo_contributors (dataset, 2, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_contributor (&users[0], "user-2", 50);
  assert_contributor (&users[1], "user-3", 60);

  /* Ids by first appearance; the same login keeps its id everywhere. */
  g_assert_cmpint (users[0].id, ==, 1001);
  g_assert_cmpint (users[1].id, ==, 1002);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_false (gh_dataset_get_repo_empty (dataset, i));
      g_assert_null (gh_dataset_get_repo_fault (dataset, i));
      g_assert_cmpint (gh_dataset_get_repo_id (dataset, i), ==, i + 1);
    }

  g_assert_cmpint (gh_dataset_find_repo (dataset, "REPO-2"), ==, 1);
  g_assert_cmpint (gh_dataset_find_repo (dataset, "repo-4"), ==, -1);
  g_assert_cmpint (gh_dataset_find_repo_by_id (dataset, 3), ==, 2);
  g_assert_cmpint (gh_dataset_find_repo_by_id (dataset, 4), ==, -1);
}

static int
compare_uint_desc (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

static void
test_dataset_demo (void)
{
  const struct { const char *name; guint n; } fixed[] = {
    { "kotlin-koans", 45 }, { "dokka", 36 }, { "kotlin-examples", 23 },
    { "ts2kt", 11 }, { "mpp-example", 8 }, { "kotlin-coroutines-workshop", 1 },
  };
  g_autoptr(GhDataset) dataset = load ("demo");
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_empty = 0, n_faulty = 0;

  g_assert_cmpstr (gh_dataset_get_org (dataset), ==, "kotlin");
  g_assert_cmpuint (gh_dataset_get_n_repos (dataset), >=, 150);

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      int index = gh_dataset_find_repo (dataset, fixed[i].name);
      guint n;

      g_assert_cmpint (index, >=, 0);
      gh_dataset_get_repo_contributors (dataset, index, &n);
      g_assert_cmpuint (n, ==, fixed[i].n);
    }

  for (guint i = 0; i < gh_dataset_get_n_repos (dataset); i++)
    {
      const GhDatasetContributor *users;
      const GhFakeFault *fault;
      guint n;

      g_assert_cmpuint (gh_dataset_get_repo_latency_ms (dataset, i), >=, 50);
      g_assert_cmpuint (gh_dataset_get_repo_latency_ms (dataset, i), <=, 600);

      n_empty += gh_dataset_get_repo_empty (dataset, i);
      fault = gh_dataset_get_repo_fault (dataset, i);
      if (fault != NULL)
        {
          n_faulty++;
          g_assert_cmpint (fault->kind, ==, GH_FAKE_FAULT_STATUS);
          g_assert_cmpuint (fault->status, ==, 500);
        }

      users = gh_dataset_get_repo_contributors (dataset, i, &n);
      for (guint j = 0; j < n; j++)
        g_array_append_val (counts, users[j].contributions);
    }

  g_assert_cmpuint (n_empty, ==, 1);
  g_assert_cmpuint (n_faulty, ==, 1);

  /* Heavy-tailed: the top contributions dwarf the typical one. */
  g_array_sort (counts, compare_uint_desc);
  g_assert_cmpuint (g_array_index (counts, guint, 0), >,
                    50 * g_array_index (counts, guint, counts->len / 2));
}

static void
test_dataset_large (void)
{
  g_autoptr(GhDataset) dataset = load ("large");
  g_autofree char *path = gh_dataset_find_file ("large", NULL);
  GStatBuf buf;

  g_assert_cmpuint (gh_dataset_get_n_repos (dataset), >=, 1000);
  g_assert_cmpuint (gh_dataset_get_n_logins (dataset), >=, 20000);
  g_assert_cmpint (g_stat (path, &buf), ==, 0);
  g_assert_cmpint (buf.st_size, <, 5 * 1024 * 1024);
}

static void
test_dataset_malformed (void)
{
/* A dataset with the given repository list. */
#define REPOS(list) "{\"org\": \"o\", \"org_id\": 1, \"repos\": [" list "]}"
#define CONTRIBUTORS "\"contributors\": []"

  const struct {
    const char *json;
    GhDatasetError code;
    const char *message;
  } cases[] = {
    { "{\"org\": ", GH_DATASET_ERROR_PARSE, "not JSON: unclosed array or object" },
    { "{\"org\" \"o\"}", GH_DATASET_ERROR_PARSE, "not valid JSON" },
    { "", GH_DATASET_ERROR_PARSE, "empty" },
    { "{\"org\": \"o\", \"org_id\": 99999999999999999999, \"repos\": []}",
      GH_DATASET_ERROR_PARSE, "the integer at byte 23 is out of range" },
    { "[]", GH_DATASET_ERROR_INVALID, "must be a JSON object" },
    { "{\"org_id\": 1, \"repos\": []}", GH_DATASET_ERROR_INVALID, "org: missing" },
    { "{\"org\": \"o\", \"org_id\": \"1\", \"repos\": []}", GH_DATASET_ERROR_INVALID,
      "org_id: expected an integer" },
    { "{\"org\": \"o\", \"org_id\": 1}", GH_DATASET_ERROR_INVALID, "repos: missing" },
    { "{\"org\": \"o\", \"org_id\": 1, \"repos\": [], \"extra\": 1}", GH_DATASET_ERROR_INVALID,
      "extra: unknown member" },
    { REPOS ("{" CONTRIBUTORS "}"), GH_DATASET_ERROR_INVALID, "repos[0].name: missing" },
    { REPOS ("{\"name\": \"a\"}"), GH_DATASET_ERROR_INVALID, "repos[0].contributors: missing" },
    { REPOS ("{\"name\": \"a\", \"latency\": 5, " CONTRIBUTORS "}"),
      GH_DATASET_ERROR_INVALID, "repos[0].latency: unknown member" },
    { REPOS ("{\"name\": \"a\", \"latency_ms\": -1, " CONTRIBUTORS "}"),
      GH_DATASET_ERROR_INVALID, "repos[0].latency_ms: -1 is out of range" },
    { REPOS ("{\"name\": \"a\", " CONTRIBUTORS "}, {\"name\": \"A\", " CONTRIBUTORS "}"),
      GH_DATASET_ERROR_INVALID, "repos[1].name: “A” appears twice" },
    { REPOS ("{\"name\": \"..\", " CONTRIBUTORS "}"),
      GH_DATASET_ERROR_INVALID, "is not a repository name" },
    { REPOS ("{\"name\": \"a\", \"contributors\": [{\"login\": \"u\", \"contributions\": 1}, "
             "{\"login\": \"u\", \"contributions\": 2}]}"),
      GH_DATASET_ERROR_INVALID, "repos[0].contributors[1].login: “u” appears twice" },
    { REPOS ("{\"name\": \"a\", "
             "\"contributors\": [{\"login\": \"u\", \"contributions\": \"many\"}]}"),
      GH_DATASET_ERROR_INVALID, "repos[0].contributors[0].contributions: expected an integer" },
    { REPOS ("{\"name\": \"a\", \"contributors\": [{\"contributions\": 1}]}"),
      GH_DATASET_ERROR_INVALID, "repos[0].contributors[0].login: missing" },
    { REPOS ("{\"name\": \"a\", \"empty\": true, "
             "\"contributors\": [{\"login\": \"u\", \"contributions\": 1}]}"),
      GH_DATASET_ERROR_INVALID, "an empty repository cannot have contributors" },
    { REPOS ("{\"name\": \"a\", \"empty\": 1}"),
      GH_DATASET_ERROR_INVALID, "repos[0].empty: expected true or false" },
    { REPOS ("{\"name\": \"a\", " CONTRIBUTORS ", \"fault\": {\"kind\": \"explode\"}}"),
      GH_DATASET_ERROR_INVALID, "repos[0].fault.kind: unknown fault kind" },
    { REPOS ("{\"name\": \"a\", " CONTRIBUTORS ", \"fault\": {\"status\": 500}}"),
      GH_DATASET_ERROR_INVALID, "repos[0].fault.kind: missing" },
    { REPOS ("{\"name\": \"a\", " CONTRIBUTORS ", \"fault\": {\"kind\": \"redirect\"}}"),
      GH_DATASET_ERROR_INVALID, "a redirect needs a location" },
    { REPOS ("{\"name\": \"a\", " CONTRIBUTORS ", "
             "\"fault\": {\"kind\": \"status\", \"status\": 99}}"),
      GH_DATASET_ERROR_INVALID, "not an HTTP status" },
    { REPOS ("{\"name\": \"a\", " CONTRIBUTORS ", "
             "\"fault\": {\"kind\": \"status\", \"headers\": {\"x\": 1}}}"),
      GH_DATASET_ERROR_INVALID, "repos[0].fault.headers: expected an object of strings" },
  };

#undef CONTRIBUTORS
#undef REPOS

  g_test_summary ("A malformed dataset fails with an error that names the culprit");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GhDataset) dataset = gh_dataset_new_from_data (cases[i].json, -1, &error);

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (dataset);
      g_assert_error (error, GH_DATASET_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

static void
test_dataset_two_values (void)
{
  const char *json =
    "{\"org\": \"o\", \"org_id\": 1, \"repos\": []}\n"
    "{\"org\": \"p\", \"org_id\": 2, \"repos\": []}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = NULL;

  g_test_summary ("Text with two JSON values is refused before json-glib 1.6 reads it: "
                  "json-glib would keep the second and leak the first");

  dataset = gh_dataset_new_from_data (json, -1, &error);
  g_assert_null (dataset);
  g_assert_error (error, GH_DATASET_ERROR, GH_DATASET_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "not JSON: a second value at byte 39");
}

static void
test_dataset_faults (void)
{
  const char *json =
    "{\"org\": \"o\", \"org_id\": 7, \"repos\": [{\"name\": \"a\", \"id\": 99, \"empty\": true, "
    "\"fault\": {\"kind\": \"rate-limit\", \"status\": 429, \"message\": \"slow down\", "
    "\"headers\": {\"retry-after\": \"30\"}, \"skip\": 2, \"times\": 3, \"reset_in_s\": 5, "
    "\"retry_after_s\": 30, \"truncate_at\": 4, \"chunk_size\": 8, \"interval_ms\": 9, "
    "\"body\": \"b\", \"content_type\": \"text/plain\", \"location\": \"{base}x\", "
    "\"link\": \"<{base}y>; rel=\\\"next\\\"\"}}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GhDataset) dataset = gh_dataset_new_from_data (json, -1, &error);
  g_autoptr(GhFakeFault) copy = NULL;
  const GhFakeFault *fault;

  g_assert_no_error (error);
  g_assert_true (gh_dataset_get_repo_empty (dataset, 0));
  g_assert_cmpint (gh_dataset_get_repo_id (dataset, 0), ==, 99);
  g_assert_cmpint (gh_dataset_find_repo_by_id (dataset, 99), ==, 0);

  fault = gh_dataset_get_repo_fault (dataset, 0);
  g_assert_nonnull (fault);
  g_assert_cmpint (fault->kind, ==, GH_FAKE_FAULT_RATE_LIMIT);
  g_assert_cmpstr (gh_fake_fault_kind_to_string (fault->kind), ==, "rate-limit");
  g_assert_cmpuint (fault->status, ==, 429);
  g_assert_cmpstr (fault->message, ==, "slow down");
  g_assert_cmpstr (fault->body, ==, "b");
  g_assert_cmpstr (fault->content_type, ==, "text/plain");
  g_assert_cmpstr (fault->location, ==, "{base}x");
  g_assert_cmpstr (fault->link, ==, "<{base}y>; rel=\"next\"");
  g_assert_nonnull (fault->headers);
  g_assert_cmpstr (fault->headers[0], ==, "retry-after: 30");
  g_assert_null (fault->headers[1]);
  g_assert_cmpuint (fault->skip, ==, 2);
  g_assert_cmpuint (fault->times, ==, 3);
  g_assert_cmpuint (fault->reset_in_s, ==, 5);
  g_assert_cmpuint (fault->retry_after_s, ==, 30);
  g_assert_cmpuint (fault->truncate_at, ==, 4);
  g_assert_cmpuint (fault->chunk_size, ==, 8);
  g_assert_cmpuint (fault->interval_ms, ==, 9);

  copy = gh_fake_fault_copy (fault);
  g_assert_true (copy->message != fault->message);
  g_assert_cmpstr (copy->message, ==, fault->message);
  g_assert_cmpstr (copy->headers[0], ==, fault->headers[0]);
}

static void
test_dataset_find (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = gh_dataset_find_file ("tutorial", &error);
  g_autofree char *dir = NULL;
  g_autofree char *custom = NULL;
  g_autofree char *found = NULL;
  g_autofree char *broken = NULL;
  g_autoptr(GhDataset) dataset = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (path, G_DIR_SEPARATOR_S "tutorial.json"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* A path is taken as it is. */
  found = gh_dataset_find_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found, ==, path);
  g_clear_pointer (&found, g_free);

  g_assert_null (gh_dataset_find_file ("no-such-dataset", &error));
  g_assert_error (error, GH_DATASET_ERROR, GH_DATASET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-dataset"));
  g_clear_error (&error);

  g_assert_null (gh_dataset_find_file ("/nonexistent/x.json", &error));
  g_assert_error (error, GH_DATASET_ERROR, GH_DATASET_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The environment variable comes first. */
  dir = g_dir_make_tmp ("gh-dataset-XXXXXX", &error);
  g_assert_no_error (error);
  custom = g_build_filename (dir, "tutorial.json", NULL);
  g_file_set_contents (custom, "{\"org\": \"env\", \"org_id\": 5, \"repos\": []}", -1, &error);
  g_assert_no_error (error);
  g_setenv ("GH_FAKE_DATASETS_DIR", dir, TRUE);
  dataset = gh_dataset_new_from_name ("tutorial", &error);
  g_unsetenv ("GH_FAKE_DATASETS_DIR");
  g_assert_no_error (error);
  g_assert_cmpstr (gh_dataset_get_org (dataset), ==, "env");
  g_assert_cmpuint (gh_dataset_get_n_repos (dataset), ==, 0);

  /* File errors keep their domain; dataset errors name the file. */
  g_assert_null (gh_dataset_new_from_file ("/nonexistent/x.json", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  broken = g_build_filename (dir, "broken.json", NULL);
  g_file_set_contents (broken, "{\"org\": 1}", -1, &error);
  g_assert_no_error (error);
  g_assert_null (gh_dataset_new_from_file (broken, &error));
  g_assert_error (error, GH_DATASET_ERROR, GH_DATASET_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, broken));

  g_unlink (custom);
  g_unlink (broken);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake-github/dataset/tutorial", test_dataset_tutorial);
  g_test_add_func ("/fake-github/dataset/demo", test_dataset_demo);
  g_test_add_func ("/fake-github/dataset/large", test_dataset_large);
  g_test_add_func ("/fake-github/dataset/malformed", test_dataset_malformed);
  g_test_add_func ("/fake-github/dataset/two-values", test_dataset_two_values);
  g_test_add_func ("/fake-github/dataset/faults", test_dataset_faults);
  g_test_add_func ("/fake-github/dataset/find", test_dataset_find);

  return g_test_run ();
}
