/* gh-dataset.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib-object.h>

#include "gh-fake-fault.h"

G_BEGIN_DECLS

/*
 * A dataset is what a fake GitHub serves: one organisation, its repositories
 * and their contributors, plus how long each answer takes. The fake HTTP
 * server and the in-memory mock service read the same files
 * (data/datasets/NAME.json):
 *
 *   {
 *     "org": "kotlin",               the organisation (matched case-insensitively)
 *     "org_id": 1446536,             > 0; used in id-based next-page URLs
 *     "repos_latency_ms": 1000,      delay of each page of the repository list
 *     "repos": [                     served in this order (it stands for
 *       {                            GitHub's default sort, newest first)
 *         "name": "repo-1",          unique (case-insensitively)
 *         "id": 17,                  optional, > 0, unique; default index + 1
 *         "latency_ms": 1000,        delay of each page of its contributors
 *         "contributors": [          served in this order (GitHub sorts by
 *           {"login": "user-1",      contributions, descending; the tutorial's
 *            "contributions": 10},   data does not, so the order is kept)
 *           …
 *         ],
 *         "empty": true,             optional: contributors answers 204, and
 *                                    "contributors" must be absent or []
 *         "fault": {"kind": "status", "status": 500}
 *                                    optional: requests for this repo's
 *                                    contributors get this fault. Members
 *                                    are GhFakeFault's field names; "kind"
 *                                    is "status", "garbage", "truncate",
 *                                    "drop", "trickle", "rate-limit",
 *                                    "redirect", "body" or "link";
 *                                    "headers" is an object of strings
 *       }, …
 *     ]
 *   }
 *
 * "repos_latency_ms" and "latency_ms" are optional (default 0). Logins must
 * be unique within a repository and contributions >= 0. Unknown members are
 * errors, so that a typo cannot silently change a test. User ids are given
 * out in order of first appearance, starting at 1000.
 *
 * A GhDataset is immutable once loaded, so any thread may read it.
 */

#define GH_DATASET_ERROR (gh_dataset_error_quark ())

/**
 * GhDatasetError:
 * @GH_DATASET_ERROR_PARSE: the file is not valid JSON
 * @GH_DATASET_ERROR_INVALID: valid JSON, but not a valid dataset
 * @GH_DATASET_ERROR_NOT_FOUND: no dataset file has that name
 */
typedef enum
{
  GH_DATASET_ERROR_PARSE,
  GH_DATASET_ERROR_INVALID,
  GH_DATASET_ERROR_NOT_FOUND,
} GhDatasetError;

/**
 * GhDatasetContributor:
 * @login: the user's login
 * @id: the user's id
 * @contributions: number of contributions to this repository
 */
typedef struct
{
  const char *login;
  gint64      id;
  guint       contributions;
} GhDatasetContributor;

#define GH_TYPE_DATASET (gh_dataset_get_type ())

G_DECLARE_FINAL_TYPE (GhDataset, gh_dataset, GH, DATASET, GObject)

GQuark                      gh_dataset_error_quark             (void);

GhDataset                  *gh_dataset_new_from_file           (const char  *path,
                                                                GError     **error);
GhDataset                  *gh_dataset_new_from_data           (const char  *data,
                                                                gssize       length,
                                                                GError     **error);
GhDataset                  *gh_dataset_new_from_name           (const char  *name_or_path,
                                                                GError     **error);
char                       *gh_dataset_find_file               (const char  *name,
                                                                GError     **error);

const char                 *gh_dataset_get_org                 (GhDataset   *self);
gint64                      gh_dataset_get_org_id              (GhDataset   *self);
guint                       gh_dataset_get_repos_latency_ms    (GhDataset   *self);
guint                       gh_dataset_get_n_repos             (GhDataset   *self);
guint                       gh_dataset_get_n_logins            (GhDataset   *self);

int                         gh_dataset_find_repo               (GhDataset   *self,
                                                                const char  *name);
int                         gh_dataset_find_repo_by_id         (GhDataset   *self,
                                                                gint64       id);
const char                 *gh_dataset_get_repo_name           (GhDataset   *self,
                                                                guint        index);
gint64                      gh_dataset_get_repo_id             (GhDataset   *self,
                                                                guint        index);
guint                       gh_dataset_get_repo_latency_ms     (GhDataset   *self,
                                                                guint        index);
gboolean                    gh_dataset_get_repo_empty          (GhDataset   *self,
                                                                guint        index);
const GhFakeFault          *gh_dataset_get_repo_fault          (GhDataset   *self,
                                                                guint        index);
const GhDatasetContributor *gh_dataset_get_repo_contributors   (GhDataset   *self,
                                                                guint        index,
                                                                guint       *n_contributors);

gint64                      gh_dataset_get_ideal_ms            (GhDataset   *self,
                                                                double       latency_scale,
                                                                guint        max_in_flight);

G_END_DECLS
