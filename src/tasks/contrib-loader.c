/* contrib-loader.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 *
 * Runs one variant the way the tutorial's app does, for the window and the
 * headless runner: BLOCKING right here on the caller's thread, BACKGROUND
 * and CALLBACKS with a GCancellable, SUSPEND, CONCURRENT and
 * NOT_CANCELLABLE as coroutines on Main that make their final ranking on
 * Default, PROGRESS and CHANNELS as coroutines on Default that hop to Main
 * for every update. The coroutines run under one root job: Cancel cancels
 * it, and with it every child and every request in flight (except
 * NOT_CANCELLABLE's global ones: that is its lesson).
 *
 * Every update and the final error reach the caller on Main, which is the
 * thread-default context of the caller in the app.
 *
 * Progress is counted where the requests cross the service, by a
 * ContribCountingService around the caller's, so that the tutorial's
 * loaders stay line for line its own. Its counts change on whatever thread
 * a request ends; the first change after a delivery wakes one GSource on
 * Main's context, which reads the counts as they are by then: a burst of
 * requests that end together costs one wake-up and one update. That source
 * also keeps requests-in-flight up to date after the load is over, for as
 * long as the caller holds the loader.
 */

#include "config.h"

#include "contrib-loader.h"

#include <glib/gi18n.h>

#include "contrib-counting-service.h"
#include "contrib-requests.h"
#include "contrib-update-private.h"

struct _ContribLoader
{
  GObject                 parent_instance;

  ContribCountingService *counting;   /* around the caller's service */
  GhRequestLog           *requests;   /* every request it makes */
  ContribVariant          variant;
  char                   *org;
  CoroDispatcher         *main;
  CoroDispatcher         *background;

  ContribUpdateFunc       update;
  gpointer                user_data;
  GDestroyNotify          user_data_destroy;
  gboolean                running;

  CoroJob                *root;          /* coroutine variants */
  GCancellable           *cancellable;   /* BACKGROUND, CALLBACKS */

  GSource                *progress_source;
  guint                   requests_in_flight;
  /* As last handed out; once the load is over, what it kept */
  guint                   loaded;
  guint                   failed;
  guint                   total;
};

G_DEFINE_FINAL_TYPE (ContribLoader, contrib_loader, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_REQUESTS_IN_FLIGHT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Woken from any thread; dispatches on Main. The counting service holds
 * it too, and may outlive the loader (NOT_CANCELLABLE's global coroutines
 * keep the service), hence the weak reference. */
typedef struct
{
  GSource  source;
  gint     scheduled;   /* atomic */
  GWeakRef loader;
} ProgressSource;

static void progress_changed (ContribLoader *self);

static gboolean
progress_source_dispatch (GSource     *source,
                          GSourceFunc  callback,
                          gpointer     user_data)
{
  ProgressSource *progress = (ProgressSource *) source;
  g_autoptr(ContribLoader) self = NULL;

  g_source_set_ready_time (source, -1);
  /* Before the counts are read: a change after this wakes us again. */
  g_atomic_int_set (&progress->scheduled, FALSE);

  self = g_weak_ref_get (&progress->loader);
  if (self != NULL)
    progress_changed (self);
  return G_SOURCE_CONTINUE;
}

static void
progress_source_finalize (GSource *source)
{
  g_weak_ref_clear (&((ProgressSource *) source)->loader);
}

static GSourceFuncs progress_source_funcs = {
  .dispatch = progress_source_dispatch,
  .finalize = progress_source_finalize,
};

/* A ContribCountingChangedFunc: on the thread whose request began or
 * ended, so it only wakes Main, once until Main has looked. */
static void
wake_progress_source (gpointer data)
{
  ProgressSource *progress = data;

  if (g_atomic_int_compare_and_exchange (&progress->scheduled, FALSE, TRUE))
    g_source_set_ready_time (&progress->source, 0);
}

static GSource *
progress_source_new (ContribLoader *self)
{
  GSource *source = g_source_new (&progress_source_funcs, sizeof (ProgressSource));

  g_weak_ref_init (&((ProgressSource *) source)->loader, self);
  g_source_set_static_name (source, "[contrib] loader progress");
  return source;
}

static void
contrib_loader_dispose (GObject *object)
{
  ContribLoader *self = CONTRIB_LOADER (object);

  /* Pending work holds a reference, so a loader disposed here has none. */
  self->update = NULL;
  if (self->user_data_destroy != NULL)
    g_clear_pointer (&self->user_data, self->user_data_destroy);

  g_clear_pointer (&self->root, coro_job_unref);
  g_clear_object (&self->cancellable);
  if (self->progress_source != NULL)
    g_source_destroy (self->progress_source);
  g_clear_pointer (&self->progress_source, g_source_unref);
  g_clear_object (&self->counting);

  G_OBJECT_CLASS (contrib_loader_parent_class)->dispose (object);
}

static void
contrib_loader_finalize (GObject *object)
{
  ContribLoader *self = CONTRIB_LOADER (object);

  g_free (self->org);
  g_clear_object (&self->requests);
  g_clear_pointer (&self->main, coro_dispatcher_unref);
  g_clear_pointer (&self->background, coro_dispatcher_unref);

  G_OBJECT_CLASS (contrib_loader_parent_class)->finalize (object);
}

static void
contrib_loader_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ContribLoader *self = CONTRIB_LOADER (object);

  switch (prop_id)
    {
    case PROP_REQUESTS_IN_FLIGHT:
      g_value_set_uint (value, self->requests_in_flight);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
contrib_loader_class_init (ContribLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = contrib_loader_dispose;
  object_class->finalize = contrib_loader_finalize;
  object_class->get_property = contrib_loader_get_property;

  /**
   * ContribLoader:requests-in-flight:
   *
   * Requests still running, notified on Main. It outlives the load: after
   * a cancel it counts down while NOT_CANCELLABLE's global coroutines see
   * their requests through (including those still in their 3 s wait), and
   * drops to 0 as soon as the cancelled requests end for the others.
   */
  properties[PROP_REQUESTS_IN_FLIGHT] =
    g_param_spec_uint ("requests-in-flight", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
contrib_loader_init (ContribLoader *self)
{
}

/**
 * contrib_loader_new:
 * @service: the GitHub service
 * @variant: how to load
 * @org: the organization
 *
 * Returns: (transfer full): a loader, ready for one contrib_loader_start()
 */
ContribLoader *
contrib_loader_new (GhService      *service,
                    ContribVariant  variant,
                    const char     *org)
{
  ContribLoader *self;

  g_return_val_if_fail (GH_IS_SERVICE (service), NULL);
  g_return_val_if_fail (variant < CONTRIB_N_VARIANTS, NULL);
  g_return_val_if_fail (org != NULL, NULL);

  self = g_object_new (CONTRIB_TYPE_LOADER, NULL);
  self->counting = contrib_counting_service_new (service);
  self->requests = gh_request_log_new ();
  gh_service_set_request_sink (GH_SERVICE (self->counting), gh_request_log_get_sink (self->requests));
  self->progress_source = progress_source_new (self);
  contrib_counting_service_set_changed_func (self->counting, wake_progress_source,
                                             g_source_ref (self->progress_source),
                                             (GDestroyNotify) g_source_unref);
  self->variant = variant;
  self->org = g_strdup (org);
  self->main = coro_dispatcher_ref (coro_dispatcher_main ());
  self->background = coro_dispatcher_ref (coro_dispatcher_default ());
  return self;
}

/**
 * contrib_loader_set_dispatchers:
 * @self: a loader that has not started
 * @main: the dispatcher of the caller's thread, which receives updates:
 *   one with a context of its own (not a pool)
 * @background: what the tutorial runs on Dispatchers.Default
 *
 * For tests, which pass their virtual-time dispatcher for both.
 */
void
contrib_loader_set_dispatchers (ContribLoader  *self,
                                CoroDispatcher *main,
                                CoroDispatcher *background)
{
  g_return_if_fail (CONTRIB_IS_LOADER (self));
  g_return_if_fail (main != NULL && background != NULL);
  g_return_if_fail (coro_dispatcher_get_context (main) != NULL);
  g_return_if_fail (!self->running);

  g_clear_pointer (&self->main, coro_dispatcher_unref);
  g_clear_pointer (&self->background, coro_dispatcher_unref);
  self->main = coro_dispatcher_ref (main);
  self->background = coro_dispatcher_ref (background);
}

/* Hands a result to the caller; after the final one, the load is over. */
static void
deliver (ContribLoader *self,
         ContribUpdate *update,
         const GError  *error)
{
  gboolean final = error != NULL || contrib_update_is_completed (update);

  if (!self->running)
    return;

  /* Counted here on Main rather than where the update was made, so that
   * the counts the caller sees never go back. */
  contrib_counting_service_get_progress (self->counting,
                                         &self->loaded, &self->failed, &self->total);
  if (update != NULL)
    _contrib_update_set_progress (update, self->loaded, self->failed, self->total);

  if (final)
    self->running = FALSE;
  if (self->update != NULL)
    self->update (update, error, self->user_data);
}

static guint
count_requests_in_flight (ContribLoader *self)
{
  guint in_flight = contrib_counting_service_get_in_flight (self->counting);

  /* NOT_CANCELLABLE's global coroutines send their requests whatever
   * happens, after a wait in which they have none under way yet: the
   * repositories they still owe are requests still running too. */
  if (self->variant == CONTRIB_VARIANT_NOT_CANCELLABLE)
    in_flight = MAX (in_flight, contrib_counting_service_get_n_repos_pending (self->counting));
  return in_flight;
}

/* On Main, at most once per wake-up however many counts changed. */
static void
progress_changed (ContribLoader *self)
{
  guint in_flight = count_requests_in_flight (self);
  guint loaded;
  guint failed;
  guint total;

  if (in_flight != self->requests_in_flight)
    {
      self->requests_in_flight = in_flight;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REQUESTS_IN_FLIGHT]);
    }

  if (!self->running || self->update == NULL)
    return;

  /* A request that began changes no count the caller sees */
  contrib_counting_service_get_progress (self->counting, &loaded, &failed, &total);
  if (loaded != self->loaded || failed != self->failed || total != self->total)
    {
      g_autoptr(ContribUpdate) update = contrib_update_new_progress (loaded, failed, total);

      deliver (self, update, NULL);
    }
}

static void
on_result (ContribUpdate *update,
           const GError  *error,
           gpointer       user_data)
{
  ContribLoader *self = user_data;

  deliver (self, update, error);
  g_object_unref (self);
}

typedef struct
{
  ContribLoader *self;
  ContribUpdate *update;
  const GError  *error;
} Delivery;

static gpointer
deliver_here (CoroJob  *scope,
              gpointer  data,
              GError  **error)
{
  Delivery *delivery = data;

  deliver (delivery->self, delivery->update, delivery->error);
  return NULL;
}

static gpointer
hop_to_main (CoroJob  *scope,
             gpointer  data,
             GError  **error)
{
  Delivery *delivery = data;

  return coro_with_context (delivery->self->main, deliver_here, delivery, error);
}

/* From the load's coroutine, wherever it runs: the tutorial's
 * withContext(Dispatchers.Main) { updateResults(...) }. An update is
 * dropped if the load is cancelled meanwhile; the final error is not, so
 * the caller always learns that the load is over. */
static void
deliver_from_coroutine (ContribUpdate *update,
                        const GError  *error,
                        gpointer       user_data)
{
  Delivery delivery = { user_data, update, error };
  g_autoptr(GError) hop_error = NULL;

  if (error == NULL)
    {
      hop_to_main (NULL, &delivery, &hop_error);
      if (hop_error == NULL || !contrib_update_is_completed (update))
        return;

      /* Cancelled on the way with the final update: report the cancel. */
      delivery.update = NULL;
      delivery.error = hop_error;
    }

  coro_with_non_cancellable (hop_to_main, &delivery, NULL);
}

/* A load cancelled before its coroutine ran ends without running it, so
 * without the final word its body would have delivered: this one says it
 * then. Any other load has said it by the time its root job is final. */
static gpointer
await_end (CoroJob  *scope,
           gpointer  data,
           GError  **error)
{
  ContribLoader *self = data;
  g_autoptr(GError) cancelled = NULL;

  if (!coro_job_join (self->root, error))
    return NULL;

  cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The load was canceled"));
  deliver (self, NULL, cancelled);
  return NULL;
}

static gpointer
run_variant (CoroJob  *scope,
             gpointer  data,
             GError  **error)
{
  ContribLoader *self = data;
  GhService *service = GH_SERVICE (self->counting);
  g_autoptr(ContribUpdate) update = NULL;
  g_autoptr(GError) local_error = NULL;

  switch (self->variant)
    {
    case CONTRIB_VARIANT_SUSPEND:
      update = contrib_load_contributors_suspend (service, self->org, self->background, &local_error);
      break;

    case CONTRIB_VARIANT_CONCURRENT:
      update = contrib_load_contributors_concurrent (service, self->org, self->background,
                                                     &local_error);
      break;

    case CONTRIB_VARIANT_NOT_CANCELLABLE:
      update = contrib_load_contributors_not_cancellable (service, self->org, self->background,
                                                          &local_error);
      break;

    case CONTRIB_VARIANT_PROGRESS:
      contrib_load_contributors_progress (service, self->org, deliver_from_coroutine, self,
                                          &local_error);
      break;

    case CONTRIB_VARIANT_CHANNELS:
      contrib_load_contributors_channels (service, self->org, deliver_from_coroutine, self,
                                          &local_error);
      break;

    case CONTRIB_VARIANT_BLOCKING:
    case CONTRIB_VARIANT_BACKGROUND:
    case CONTRIB_VARIANT_CALLBACKS:
    default:
      g_assert_not_reached ();
    }

  /* Errors are delivered rather than returned: the coroutine itself always
   * succeeds, so no exception handler second-guesses the caller. */
  if (update != NULL || local_error != NULL)
    deliver_from_coroutine (update, local_error, self);
  return NULL;
}

static CoroDispatcher *
dispatcher_for (ContribLoader *self)
{
  /* As in the tutorial's app: the progress variants load on Default and
   * switch to Main for each update; the others run on Main, and switch to
   * Default for the heavy part (see contrib-requests.h). */
  return contrib_variant_has_progress (self->variant) ? self->background : self->main;
}

/**
 * contrib_loader_start:
 * @self: a loader
 * @update: receives every update and the final error, on Main
 * @user_data: data for @update
 * @user_data_destroy: (nullable): frees @user_data with the loader
 *
 * Starts the load. BLOCKING runs to the end before this returns: it blocks
 * the calling thread, which is its lesson, so it only sends its final
 * update.
 *
 * Besides the rankings, @update receives progress-only updates
 * (contrib_update_has_ranking() is %FALSE) whenever the counts of
 * contrib_update_get_progress() changed: every variant, ranking or not,
 * says "N of M repositories" as it goes. Several requests that end
 * together make one update. None comes after the final update or error.
 */
void
contrib_loader_start (ContribLoader     *self,
                      ContribUpdateFunc  update,
                      gpointer           user_data,
                      GDestroyNotify     user_data_destroy)
{
  GhService *service;

  g_return_if_fail (CONTRIB_IS_LOADER (self));
  g_return_if_fail (update != NULL);
  g_return_if_fail (!self->running && self->update == NULL);

  self->update = update;
  self->user_data = user_data;
  self->user_data_destroy = user_data_destroy;
  self->running = TRUE;
  gh_request_log_set_origin (self->requests);
  g_source_attach (self->progress_source, coro_dispatcher_get_context (self->main));
  service = GH_SERVICE (self->counting);

  switch (self->variant)
    {
    case CONTRIB_VARIANT_BLOCKING:
      {
        g_autoptr(ContribUpdate) result = NULL;
        g_autoptr(GError) error = NULL;

        result = contrib_load_contributors_blocking (service, self->org, NULL, &error);
        deliver (self, result, error);
      }
      break;

    case CONTRIB_VARIANT_BACKGROUND:
      self->cancellable = g_cancellable_new ();
      contrib_load_contributors_background (service, self->org, self->cancellable,
                                            on_result, g_object_ref (self), NULL);
      break;

    case CONTRIB_VARIANT_CALLBACKS:
      self->cancellable = g_cancellable_new ();
      contrib_load_contributors_callbacks (service, self->org, self->cancellable,
                                           on_result, g_object_ref (self), NULL);
      break;

    case CONTRIB_VARIANT_SUSPEND:
    case CONTRIB_VARIANT_CONCURRENT:
    case CONTRIB_VARIANT_NOT_CANCELLABLE:
    case CONTRIB_VARIANT_PROGRESS:
    case CONTRIB_VARIANT_CHANNELS:
    default:
      {
        g_autoptr(CoroJob) load = NULL;

        self->root = coro_job_new (CORO_GLOBAL_SCOPE, dispatcher_for (self), FALSE);
        load = coro_launch_full (self->root,
                                 &(CoroContext) { .name = contrib_variant_get_id (self->variant) },
                                 run_variant, g_object_ref (self), g_object_unref);
        coro_job_complete (self->root);
        /* Outside the root job, so that Cancel does not cancel it too */
        coro_job_unref (coro_launch_full (CORO_GLOBAL_SCOPE,
                                          &(CoroContext) { .dispatcher = self->main, .name = "end-of-load" },
                                          await_end, g_object_ref (self), g_object_unref));
      }
      break;
    }
}

/**
 * contrib_loader_cancel:
 * @self: a loader
 *
 * Cancels the load: the root job of a coroutine variant (every child and
 * request with it), the cancellable of BACKGROUND and CALLBACKS. The
 * caller then receives G_IO_ERROR_CANCELLED. BLOCKING cannot be cancelled:
 * by the time anyone could ask, it is over.
 */
void
contrib_loader_cancel (ContribLoader *self)
{
  g_return_if_fail (CONTRIB_IS_LOADER (self));

  if (self->running)
    gh_request_log_mark_cancelled (self->requests);
  if (self->root != NULL)
    coro_job_cancel (self->root);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/**
 * contrib_loader_abandon:
 * @self: a loader
 *
 * Cancels the load and drops the update function without calling it
 * again: for a window that is closing.
 */
void
contrib_loader_abandon (ContribLoader *self)
{
  g_return_if_fail (CONTRIB_IS_LOADER (self));

  self->update = NULL;
  if (self->user_data_destroy != NULL)
    g_clear_pointer (&self->user_data, self->user_data_destroy);
  contrib_loader_cancel (self);
}

gboolean
contrib_loader_is_running (ContribLoader *self)
{
  g_return_val_if_fail (CONTRIB_IS_LOADER (self), FALSE);

  return self->running;
}

ContribVariant
contrib_loader_get_variant (ContribLoader *self)
{
  g_return_val_if_fail (CONTRIB_IS_LOADER (self), CONTRIB_VARIANT_BLOCKING);

  return self->variant;
}

/**
 * contrib_loader_get_progress:
 * @self: a loader
 * @loaded: (out) (optional): repositories whose contributors arrived
 * @failed: (out) (optional): repositories whose contributors failed to
 *   load (a cancelled request is neither)
 * @total: (out) (optional): repositories in the organization, or 0 if the
 *   list never arrived
 *
 * How far the load has come, as contrib_update_get_progress() says it.
 * Once the load is over, it is what the final update or error found, and
 * stays so: after a cancel, what was kept ("57 of 160 repositories
 * loaded"), whatever NOT_CANCELLABLE's global coroutines load later.
 */
void
contrib_loader_get_progress (ContribLoader *self,
                             guint         *loaded,
                             guint         *failed,
                             guint         *total)
{
  guint now_loaded;
  guint now_failed;
  guint now_total;

  g_return_if_fail (CONTRIB_IS_LOADER (self));

  if (self->running)
    {
      contrib_counting_service_get_progress (self->counting, &now_loaded, &now_failed, &now_total);
    }
  else
    {
      now_loaded = self->loaded;
      now_failed = self->failed;
      now_total = self->total;
    }

  if (loaded != NULL)
    *loaded = now_loaded;
  if (failed != NULL)
    *failed = now_failed;
  if (total != NULL)
    *total = now_total;
}

/**
 * contrib_loader_get_requests_in_flight:
 * @self: a loader
 *
 * Returns: the #ContribLoader:requests-in-flight property
 */
guint
contrib_loader_get_requests_in_flight (ContribLoader *self)
{
  g_return_val_if_fail (CONTRIB_IS_LOADER (self), 0);

  return self->requests_in_flight;
}

/**
 * contrib_loader_get_counting_service:
 * @self: a loader
 *
 * Returns: (transfer none): the service the loader's requests go through,
 *   which counts them (for the headless runner's figures)
 */
ContribCountingService *
contrib_loader_get_counting_service (ContribLoader *self)
{
  g_return_val_if_fail (CONTRIB_IS_LOADER (self), NULL);

  return self->counting;
}

/**
 * contrib_loader_get_root_job:
 * @self: a loader
 *
 * Returns: (transfer none) (nullable): the root job of a coroutine variant
 *   once started
 */
CoroJob *
contrib_loader_get_root_job (ContribLoader *self)
{
  g_return_val_if_fail (CONTRIB_IS_LOADER (self), NULL);

  return self->root;
}

/**
 * contrib_loader_get_request_log:
 * @self: a loader
 *
 * Every HTTP request of the load, from any variant, as the service
 * records it. Time 0 is contrib_loader_start(); contrib_loader_cancel()
 * marks when the load was cancelled. The log lives on the thread that
 * made the loader, and keeps receiving the requests that run on after a
 * cancel.
 *
 * Returns: (transfer none): the log
 */
GhRequestLog *
contrib_loader_get_request_log (ContribLoader *self)
{
  g_return_val_if_fail (CONTRIB_IS_LOADER (self), NULL);

  return self->requests;
}
