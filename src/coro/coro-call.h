/* coro-call.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-channel.h"
#include "coro-job.h"
#include "coro-step.h"

G_BEGIN_DECLS

/*
 * Typed launchers: from an ordinary C function with a few arguments, the
 * CORO_DEFINE_*() macros generate what coro_async(), coro_launch() and
 * coro_produce() need (a struct holding the arguments, a trampoline that
 * calls the function with them, a function that frees the struct) and a
 * launcher taking the same arguments, so that `async { load (a, b) }`
 * takes no hand-written struct:
 *
 * |[<!-- language="C" -->
 * static Result *
 * load_repo (CoroJob     *scope,
 *            GhService   *service,
 *            const char  *repo,
 *            GError     **error)
 * { ... }
 *
 * CORO_DEFINE_ASYNC (load_repo, Result *, result_free,
 *                    (GhService *, service), (const char *, repo))
 *
 *   ... = load_repo_async (scope, service, name);
 * ]|
 *
 * Every call is a direct, type-checked call: the trampoline calls the
 * function itself (never through a cast pointer), the launcher's
 * prototype has the function's own parameter types, and each macro
 * declares the function's prototype, so that a function that does not
 * match it fails to compile.
 *
 * Parameters are written `(type, name)`: the argument is copied into the
 * struct by value, and what it points to is borrowed. Inside a scope that
 * is safe: a scope does not end before its children, so a string or an
 * object the caller holds until then outlives the child. A child that may
 * outlive its caller (launched into %CORO_GLOBAL_SCOPE, or into a scope
 * that ends first) takes what it uses: write the parameter
 * `(type, name, free)`, pass an owned value (a g_strdup(), a
 * g_object_ref()), and `free (name)` runs when the body is over, or when
 * it never ran because it was cancelled first. `free` is called directly
 * on the value, so g_free, g_object_unref or any typed free function fits.
 *
 * Between one and six parameters, named other than `scope`, `context`
 * and `capacity` (the launchers' own); a function with none is already a
 * #CoroFunc, for coro_async() and coro_launch(). The macros go at file
 * scope, after the function (the stackless forms before it, since they
 * define the type of its `args`), each followed by a semicolon; the
 * generated functions are `static`, unused ones included.
 */

/**
 * CORO_NO_FREE:
 * @value: a result or element
 *
 * The `free` of a CORO_DEFINE_ASYNC() result or a CORO_DEFINE_PRODUCE()
 * element that needs no freeing.
 */
#define CORO_NO_FREE(value) ((void) (value))

/* The machinery: counting parameters, and mapping a macro over them. */
#define CORO_CALL_CAT_(a, b) CORO_CALL_CAT_I_ (a, b)
#define CORO_CALL_CAT_I_(a, b) a##b
#define CORO_CALL_NARGS_(...) CORO_CALL_NARGS_I_ (__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define CORO_CALL_NARGS_I_(a1, a2, a3, a4, a5, a6, n, ...) n

#define CORO_CALL_MAP_(m, ...) CORO_CALL_CAT_ (CORO_CALL_MAP_, CORO_CALL_NARGS_ (__VA_ARGS__)) (m, __VA_ARGS__)
#define CORO_CALL_MAP_1(m, p) m p
#define CORO_CALL_MAP_2(m, p, ...) m p CORO_CALL_MAP_1 (m, __VA_ARGS__)
#define CORO_CALL_MAP_3(m, p, ...) m p CORO_CALL_MAP_2 (m, __VA_ARGS__)
#define CORO_CALL_MAP_4(m, p, ...) m p CORO_CALL_MAP_3 (m, __VA_ARGS__)
#define CORO_CALL_MAP_5(m, p, ...) m p CORO_CALL_MAP_4 (m, __VA_ARGS__)
#define CORO_CALL_MAP_6(m, p, ...) m p CORO_CALL_MAP_5 (m, __VA_ARGS__)

/* A list without its leading comma. */
#define CORO_CALL_STRIP_(...) CORO_CALL_STRIP_I_ (__VA_ARGS__)
#define CORO_CALL_STRIP_I_(empty, ...) __VA_ARGS__

/* What each parameter `(type, name[, free])` becomes; the `~` keeps
 * their `...` from being empty, which ISO C does not allow. */
#define CORO_CALL_FIELD_(...) CORO_CALL_FIELD_I_ (__VA_ARGS__, ~)
#define CORO_CALL_FIELD_I_(type, name, ...) type name;
#define CORO_CALL_PARAM_(...) CORO_CALL_PARAM_I_ (__VA_ARGS__, ~)
#define CORO_CALL_PARAM_I_(type, name, ...) , type name
#define CORO_CALL_TYPE_(...) CORO_CALL_TYPE_I_ (__VA_ARGS__, ~)
#define CORO_CALL_TYPE_I_(type, name, ...) , type
#define CORO_CALL_ARG_(...) CORO_CALL_ARG_I_ (__VA_ARGS__, ~)
#define CORO_CALL_ARG_I_(type, name, ...) , name
#define CORO_CALL_UNPACK_(...) CORO_CALL_UNPACK_I_ (__VA_ARGS__, ~)
#define CORO_CALL_UNPACK_I_(type, name, ...) , args->name
#define CORO_CALL_STORE_(...) CORO_CALL_STORE_I_ (__VA_ARGS__, ~)
#define CORO_CALL_STORE_I_(type, name, ...) coro_call_args->name = name;
#define CORO_CALL_FREE_(...) CORO_CALL_CAT_ (CORO_CALL_FREE_, CORO_CALL_NARGS_ (__VA_ARGS__)) (__VA_ARGS__)
#define CORO_CALL_FREE_2(type, name)
#define CORO_CALL_FREE_3(type, name, free) free (coro_call_args->name);

/* The argument struct, its free function and its constructor. */
#define CORO_CALL_ARGS_(func, ...) \
  typedef struct func##_args func##_args; \
  struct func##_args { CORO_CALL_MAP_ (CORO_CALL_FIELD_, __VA_ARGS__) }; \
  static void \
  func##_args_free (gpointer coro_call_data) \
  { \
    func##_args *coro_call_args = coro_call_data; \
    (void) coro_call_args; \
    CORO_CALL_MAP_ (CORO_CALL_FREE_, __VA_ARGS__) \
    g_free (coro_call_data); \
  } \
  static func##_args * \
  func##_args_new (int coro_call_unused CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__)) \
  { \
    func##_args *coro_call_args = g_new0 (func##_args, 1); \
    (void) coro_call_unused; \
    CORO_CALL_MAP_ (CORO_CALL_STORE_, __VA_ARGS__) \
    return coro_call_args; \
  }

/**
 * CORO_DEFINE_ASYNC:
 * @func: a function `Result *func (CoroJob *scope, params..., GError **error)`
 *   that may suspend, as a fiber body
 * @Result: its pointer result type
 * @result_free: frees a result that is not awaited, called as
 *   `result_free (result)`, or CORO_NO_FREE
 * @...: its parameters, as `(type, name)` or `(type, name, free)`
 *
 * kotlinx's `async { func (params) }`: defines
 *
 * - `CoroDeferred *func_async (CoroJob *scope, params...)`, which starts
 *   @func in a fiber in @scope as coro_async() does, and
 * - `CoroDeferred *func_async_full (CoroJob *scope, const CoroContext
 *   *context, params...)`, which takes a context as coro_async_full() does.
 *
 * coro_deferred_await() returns @func's result (owned by the deferred);
 * its error fails the deferred.
 */
#define CORO_DEFINE_ASYNC(func, Result, result_free, ...) \
  CORO_CALL_ARGS_ (func, __VA_ARGS__) \
  static gpointer \
  func##_body (CoroJob *scope, gpointer data, GError **error) \
  { \
    Result (*typed) (CoroJob * CORO_CALL_MAP_ (CORO_CALL_TYPE_, __VA_ARGS__), GError **) = func; \
    func##_args *args = data; \
    return typed (scope CORO_CALL_MAP_ (CORO_CALL_UNPACK_, __VA_ARGS__), error); \
  } \
  static void \
  func##_result_free (gpointer result) \
  { \
    result_free (result); \
  } \
  static G_GNUC_UNUSED G_GNUC_WARN_UNUSED_RESULT CoroDeferred * \
  func##_async_full (CoroJob *scope, \
                     const CoroContext *context \
                     CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__)) \
  { \
    return coro_async_full (scope, context, func##_body, \
                            func##_args_new (0 CORO_CALL_MAP_ (CORO_CALL_ARG_, __VA_ARGS__)), \
                            func##_args_free, func##_result_free); \
  } \
  static G_GNUC_UNUSED G_GNUC_WARN_UNUSED_RESULT CoroDeferred * \
  func##_async (CoroJob *scope CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__)) \
  { \
    return func##_async_full (scope, NULL CORO_CALL_MAP_ (CORO_CALL_ARG_, __VA_ARGS__)); \
  } \
  G_STATIC_ASSERT (sizeof (Result) == sizeof (gpointer))

/**
 * CORO_DEFINE_LAUNCH:
 * @func: a function `gboolean func (CoroJob *scope, params..., GError **error)`
 *   that may suspend, as a fiber body, returning %FALSE with @error set on
 *   failure
 * @...: its parameters, as `(type, name)` or `(type, name, free)`
 *
 * kotlinx's `launch { func (params) }`: defines
 *
 * - `CoroJob *func_launch (CoroJob *scope, params...)`, which starts @func
 *   in a fiber in @scope as coro_launch() does, and
 * - `CoroJob *func_launch_full (CoroJob *scope, const CoroContext *context,
 *   params...)`, which takes a context as coro_launch_full() does.
 *
 * For a fire-and-forget launch (`GlobalScope.launch`), pass
 * %CORO_GLOBAL_SCOPE, give the parameters that must outlive the caller a
 * `free`, and drop the job with coro_job_unref().
 */
#define CORO_DEFINE_LAUNCH(func, ...) \
  CORO_CALL_ARGS_ (func, __VA_ARGS__) \
  static gpointer \
  func##_body (CoroJob *scope, gpointer data, GError **error) \
  { \
    gboolean (*typed) (CoroJob * CORO_CALL_MAP_ (CORO_CALL_TYPE_, __VA_ARGS__), GError **) = func; \
    func##_args *args = data; \
    (void) typed (scope CORO_CALL_MAP_ (CORO_CALL_UNPACK_, __VA_ARGS__), error); \
    return NULL; \
  } \
  static G_GNUC_UNUSED G_GNUC_WARN_UNUSED_RESULT CoroJob * \
  func##_launch_full (CoroJob *scope, \
                      const CoroContext *context \
                      CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__)) \
  { \
    return coro_launch_full (scope, context, func##_body, \
                             func##_args_new (0 CORO_CALL_MAP_ (CORO_CALL_ARG_, __VA_ARGS__)), \
                             func##_args_free); \
  } \
  static G_GNUC_UNUSED G_GNUC_WARN_UNUSED_RESULT CoroJob * \
  func##_launch (CoroJob *scope CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__)) \
  { \
    return func##_launch_full (scope, NULL CORO_CALL_MAP_ (CORO_CALL_ARG_, __VA_ARGS__)); \
  } \
  G_STATIC_ASSERT (TRUE)

/**
 * CORO_DEFINE_PRODUCE:
 * @func: a function `gboolean func (CoroChannel *channel, params..., GError
 *   **error)` that may suspend, as a fiber body: the producer, which sends
 *   into @channel and returns %FALSE with @error set on failure
 * @element_free: frees an element that is never received, called as
 *   `element_free (element)`, or CORO_NO_FREE
 * @...: its parameters, as `(type, name)` or `(type, name, free)`
 *
 * kotlinx's `produce { func (params) }`: defines
 * `CoroChannel *func_produce (CoroJob *scope, gint capacity, params...)`,
 * which starts @func as coro_produce() does and returns the channel to
 * receive from.
 */
#define CORO_DEFINE_PRODUCE(func, element_free, ...) \
  CORO_CALL_ARGS_ (func, __VA_ARGS__) \
  static gboolean \
  func##_body (CoroChannel *channel, gpointer data, GError **error) \
  { \
    gboolean (*typed) (CoroChannel * CORO_CALL_MAP_ (CORO_CALL_TYPE_, __VA_ARGS__), GError **) = func; \
    func##_args *args = data; \
    return typed (channel CORO_CALL_MAP_ (CORO_CALL_UNPACK_, __VA_ARGS__), error); \
  } \
  static void \
  func##_element_free (gpointer element) \
  { \
    element_free (element); \
  } \
  static G_GNUC_UNUSED G_GNUC_WARN_UNUSED_RESULT CoroChannel * \
  func##_produce (CoroJob *scope, \
                  gint capacity \
                  CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__)) \
  { \
    return coro_produce (scope, capacity, func##_element_free, func##_body, \
                         func##_args_new (0 CORO_CALL_MAP_ (CORO_CALL_ARG_, __VA_ARGS__)), \
                         func##_args_free); \
  } \
  G_STATIC_ASSERT (TRUE)

/**
 * CORO_DEFINE_ASYNC_STEP:
 * @func: a stackless body `CoroStep func (CoroJob *scope, guint *label,
 *   func_args *args, Result *result, GError **error)`, see #CoroStepFunc
 * @Result: its pointer result type
 * @result_free: frees a result that is not awaited, or CORO_NO_FREE
 * @...: its parameters, as `(type, name)` or `(type, name, free)`
 *
 * The stackless counterpart of CORO_DEFINE_ASYNC(): defines the struct
 * `func_args`, whose fields are the parameters, and `func_async()` and
 * `func_async_full()` with the same parameters as CORO_DEFINE_ASYNC()'s.
 * The body reads its arguments as `args->name`; since a stackless body's
 * locals do not live across a suspension, the fields are also where it
 * keeps state (a counter passed as a parameter can count down), and a body
 * that needs more state than its parameters is launched with
 * coro_async_step() and a struct of its own.
 */
#define CORO_DEFINE_ASYNC_STEP(func, Result, result_free, ...) \
  CORO_CALL_ARGS_ (func, __VA_ARGS__) \
  static CoroStep func (CoroJob *, guint *, func##_args *, Result *, GError **); \
  static CoroStep \
  func##_body (CoroJob *scope, guint *label, gpointer data, gpointer *result, GError **error) \
  { \
    Result typed_result = NULL; \
    CoroStep step = func (scope, label, data, &typed_result, error); \
    *result = typed_result; \
    return step; \
  } \
  static void \
  func##_result_free (gpointer result) \
  { \
    result_free (result); \
  } \
  static G_GNUC_UNUSED G_GNUC_WARN_UNUSED_RESULT CoroDeferred * \
  func##_async_full (CoroJob *scope, \
                     const CoroContext *context \
                     CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__)) \
  { \
    return coro_async_step (scope, context, func##_body, \
                            func##_args_new (0 CORO_CALL_MAP_ (CORO_CALL_ARG_, __VA_ARGS__)), \
                            func##_args_free, func##_result_free); \
  } \
  static G_GNUC_UNUSED G_GNUC_WARN_UNUSED_RESULT CoroDeferred * \
  func##_async (CoroJob *scope CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__)) \
  { \
    return func##_async_full (scope, NULL CORO_CALL_MAP_ (CORO_CALL_ARG_, __VA_ARGS__)); \
  } \
  G_STATIC_ASSERT (sizeof (Result) == sizeof (gpointer))

/**
 * CORO_DEFINE_LAUNCH_STEP:
 * @func: a stackless body `CoroStep func (CoroJob *scope, guint *label,
 *   func_args *args, GError **error)`, see #CoroStepFunc
 * @...: its parameters, as `(type, name)` or `(type, name, free)`
 *
 * The stackless counterpart of CORO_DEFINE_LAUNCH(): defines the struct
 * `func_args` as CORO_DEFINE_ASYNC_STEP() does, and `func_launch()` and
 * `func_launch_full()` with the same parameters as CORO_DEFINE_LAUNCH()'s.
 */
#define CORO_DEFINE_LAUNCH_STEP(func, ...) \
  CORO_CALL_ARGS_ (func, __VA_ARGS__) \
  static CoroStep func (CoroJob *, guint *, func##_args *, GError **); \
  static CoroStep \
  func##_body (CoroJob *scope, guint *label, gpointer data, gpointer *result, GError **error) \
  { \
    *result = NULL; \
    return func (scope, label, data, error); \
  } \
  static G_GNUC_UNUSED G_GNUC_WARN_UNUSED_RESULT CoroJob * \
  func##_launch_full (CoroJob *scope, \
                      const CoroContext *context \
                      CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__)) \
  { \
    return coro_launch_step (scope, context, func##_body, \
                             func##_args_new (0 CORO_CALL_MAP_ (CORO_CALL_ARG_, __VA_ARGS__)), \
                             func##_args_free); \
  } \
  static G_GNUC_UNUSED G_GNUC_WARN_UNUSED_RESULT CoroJob * \
  func##_launch (CoroJob *scope CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__)) \
  { \
    return func##_launch_full (scope, NULL CORO_CALL_MAP_ (CORO_CALL_ARG_, __VA_ARGS__)); \
  } \
  G_STATIC_ASSERT (TRUE)

/**
 * CORO_DEFINE_ASYNC_READY:
 * @func: a function `void func (GObject *source, GAsyncResult *result,
 *   params...)`, a #GAsyncReadyCallback with typed data
 * @...: its parameters, as `(type, name)` or `(type, name, free)`
 *
 * Not a coroutine but the same tool, for code written with GIO callbacks:
 * a callback that needs more than one pointer of data. Defines
 *
 * - `void func_ready (GObject *source, GAsyncResult *result, gpointer
 *   data)`, the #GAsyncReadyCallback, which calls @func with the
 *   arguments and frees them, and
 * - `gpointer func_bind (params...)`, which packs the arguments into the
 *   `data` to give with it.
 *
 * A GIO operation calls its callback exactly once, so the arguments are
 * freed then; what a borrowed one points to must live until then.
 */
#define CORO_DEFINE_ASYNC_READY(func, ...) \
  CORO_CALL_ARGS_ (func, __VA_ARGS__) \
  static G_GNUC_UNUSED void \
  func##_ready (GObject *source, GAsyncResult *result, gpointer data) \
  { \
    void (*typed) (GObject *, GAsyncResult * CORO_CALL_MAP_ (CORO_CALL_TYPE_, __VA_ARGS__)) = func; \
    func##_args *args = data; \
    typed (source, result CORO_CALL_MAP_ (CORO_CALL_UNPACK_, __VA_ARGS__)); \
    func##_args_free (data); \
  } \
  static G_GNUC_UNUSED gpointer \
  func##_bind (CORO_CALL_STRIP_ (CORO_CALL_MAP_ (CORO_CALL_PARAM_, __VA_ARGS__))) \
  { \
    return func##_args_new (0 CORO_CALL_MAP_ (CORO_CALL_ARG_, __VA_ARGS__)); \
  } \
  G_STATIC_ASSERT (TRUE)

G_END_DECLS
