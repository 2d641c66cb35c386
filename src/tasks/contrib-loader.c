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
 */

#include "config.h"

#include "contrib-loader.h"

#include "contrib-requests.h"

struct _ContribLoader
{
  GObject            parent_instance;

  GhService         *service;
  ContribVariant     variant;
  char              *org;
  CoroDispatcher    *main;
  CoroDispatcher    *background;

  ContribUpdateFunc  update;
  gpointer           user_data;
  GDestroyNotify     user_data_destroy;
  gboolean           running;

  CoroJob           *root;          /* coroutine variants */
  GCancellable      *cancellable;   /* BACKGROUND, CALLBACKS */
};

G_DEFINE_FINAL_TYPE (ContribLoader, contrib_loader, G_TYPE_OBJECT)

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
  g_clear_object (&self->service);

  G_OBJECT_CLASS (contrib_loader_parent_class)->dispose (object);
}

static void
contrib_loader_finalize (GObject *object)
{
  ContribLoader *self = CONTRIB_LOADER (object);

  g_free (self->org);
  g_clear_pointer (&self->main, coro_dispatcher_unref);
  g_clear_pointer (&self->background, coro_dispatcher_unref);

  G_OBJECT_CLASS (contrib_loader_parent_class)->finalize (object);
}

static void
contrib_loader_class_init (ContribLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = contrib_loader_dispose;
  object_class->finalize = contrib_loader_finalize;
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
  self->service = g_object_ref (service);
  self->variant = variant;
  self->org = g_strdup (org);
  self->main = coro_dispatcher_ref (coro_dispatcher_main ());
  self->background = coro_dispatcher_ref (coro_dispatcher_default ());
  return self;
}

/**
 * contrib_loader_set_dispatchers:
 * @self: a loader that has not started
 * @main: the dispatcher of the caller's thread, which receives updates
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
  if (final)
    self->running = FALSE;
  if (self->update != NULL)
    self->update (update, error, self->user_data);
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

static gpointer
run_variant (CoroJob  *scope,
             gpointer  data,
             GError  **error)
{
  ContribLoader *self = data;
  g_autoptr(ContribUpdate) update = NULL;
  g_autoptr(GError) local_error = NULL;

  switch (self->variant)
    {
    case CONTRIB_VARIANT_SUSPEND:
      update = contrib_load_contributors_suspend (self->service, self->org, self->background, &local_error);
      break;

    case CONTRIB_VARIANT_CONCURRENT:
      update = contrib_load_contributors_concurrent (self->service, self->org, self->background,
                                                     &local_error);
      break;

    case CONTRIB_VARIANT_NOT_CANCELLABLE:
      update = contrib_load_contributors_not_cancellable (self->service, self->org, self->background,
                                                          &local_error);
      break;

    case CONTRIB_VARIANT_PROGRESS:
      contrib_load_contributors_progress (self->service, self->org, deliver_from_coroutine, self,
                                          &local_error);
      break;

    case CONTRIB_VARIANT_CHANNELS:
      contrib_load_contributors_channels (self->service, self->org, deliver_from_coroutine, self,
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
 * the calling thread, which is its lesson.
 */
void
contrib_loader_start (ContribLoader     *self,
                      ContribUpdateFunc  update,
                      gpointer           user_data,
                      GDestroyNotify     user_data_destroy)
{
  g_return_if_fail (CONTRIB_IS_LOADER (self));
  g_return_if_fail (update != NULL);
  g_return_if_fail (!self->running && self->update == NULL);

  self->update = update;
  self->user_data = user_data;
  self->user_data_destroy = user_data_destroy;
  self->running = TRUE;

  switch (self->variant)
    {
    case CONTRIB_VARIANT_BLOCKING:
      {
        g_autoptr(ContribUpdate) result = NULL;
        g_autoptr(GError) error = NULL;

        result = contrib_load_contributors_blocking (self->service, self->org, NULL, &error);
        deliver (self, result, error);
      }
      break;

    case CONTRIB_VARIANT_BACKGROUND:
      self->cancellable = g_cancellable_new ();
      contrib_load_contributors_background (self->service, self->org, self->cancellable,
                                            on_result, g_object_ref (self), NULL);
      break;

    case CONTRIB_VARIANT_CALLBACKS:
      self->cancellable = g_cancellable_new ();
      contrib_load_contributors_callbacks (self->service, self->org, self->cancellable,
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
