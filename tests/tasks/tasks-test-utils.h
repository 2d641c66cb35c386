/* tasks-test-utils.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <coro.h>

#include "contrib-loader.h"
#include "contrib-requests.h"
#include "mock-github-service.h"

G_BEGIN_DECLS

/* The tutorial's expectedResults.users. */
#define TASKS_EXPECTED_USERS "[user-2 100, user-3 60, user-1 50]"

/* How long a test may take in real time before it fails: it bounds the
 * wait for a result that comes from another thread, or never comes. */
#define TASKS_REAL_BOUND_MS 10000

/* The tutorial's data with a server error on repo-2. */
extern const char tasks_dataset_faulty_repo[];
/* The tutorial's organization with no repositories. */
extern const char tasks_dataset_zero_repos[];

/* The tutorial's mock; teardown checks it and every coroutine are gone. */
typedef struct
{
  MockGithubService *mock;
} TasksFixture;

void               tasks_fixture_setup             (TasksFixture       *fixture,
                                                    gconstpointer       data);
void               tasks_fixture_teardown          (TasksFixture       *fixture,
                                                    gconstpointer       data);

typedef struct _TasksRecorder TasksRecorder;

void               tasks_test_init                 (int                *argc,
                                                    char             ***argv);
MockGithubService *tasks_mock_new_from_data        (const char         *json);
void               tasks_run_test                  (CoroFunc            body,
                                                    gpointer            data,
                                                    gint64              real_bound_ms);
void               tasks_assert_calls              (MockGithubService  *mock,
                                                    const char * const *expected);
ContribLoader     *tasks_loader_start              (MockGithubService  *mock,
                                                    ContribVariant      variant,
                                                    TasksRecorder      *recorder);

TasksRecorder     *tasks_recorder_new              (void);
void               tasks_recorder_free             (TasksRecorder      *self);
void               tasks_recorder_func             (ContribUpdate      *update,
                                                    const GError       *error,
                                                    gpointer            user_data);
gboolean           tasks_recorder_wait             (TasksRecorder      *self,
                                                    GError            **error);
guint              tasks_recorder_get_n_results    (TasksRecorder      *self);
ContribUpdate     *tasks_recorder_get_update       (TasksRecorder      *self,
                                                    guint               index);
const GError      *tasks_recorder_get_error        (TasksRecorder      *self);
GThread           *tasks_recorder_get_thread       (TasksRecorder      *self,
                                                    guint               index);
void               tasks_recorder_assert           (TasksRecorder      *self,
                                                    const char * const *expected);
void               tasks_recorder_assert_progress  (TasksRecorder      *self,
                                                    const char * const *expected);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TasksRecorder, tasks_recorder_free)

G_END_DECLS
