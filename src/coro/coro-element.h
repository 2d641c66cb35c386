/* coro-element.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib.h>

#include "coro-types.h"

G_BEGIN_DECLS

/**
 * CoroElementUpdateFunc:
 * @user_data: the element's data
 *
 * Installs an element on the running thread, right before its coroutine
 * resumes there: kotlinx's ThreadContextElement.updateThreadContext().
 * It must not suspend, and should be quick: it runs at every resumption.
 *
 * Returns: (nullable): the thread's previous state, handed back to the
 *   matching #CoroElementRestoreFunc
 */
typedef gpointer (*CoroElementUpdateFunc)  (gpointer user_data);

/**
 * CoroElementRestoreFunc:
 * @user_data: the element's data
 * @old_state: (nullable): what the matching #CoroElementUpdateFunc returned
 *
 * Puts the thread back as it was, right after the coroutine suspended or
 * finished there: kotlinx's ThreadContextElement.restoreThreadContext().
 * It runs on the thread the update ran on. It must not suspend.
 */
typedef void     (*CoroElementRestoreFunc) (gpointer user_data,
                                            gpointer old_state);

/**
 * coro_element_new:
 * @key: what identifies the element: a child that gives an element with
 *   the same key overrides its parent's
 * @update: installs the element on a thread
 * @restore: (nullable): undoes @update
 * @user_data: data for @update and @restore
 * @user_data_destroy: (nullable): frees @user_data with the element
 *
 * kotlinx's ThreadContextElement: a context element that travels with a
 * coroutine and its children (see #CoroContext's elements) and is
 * installed on whatever thread the coroutine runs on, each time it
 * resumes, and uninstalled each time it suspends or finishes. Elements
 * are immutable and may be shared by any number of coroutines on any
 * threads; @update and @restore may run concurrently on several threads.
 *
 * Returns: (transfer full): a new element
 */
CoroElement   *coro_element_new               (gconstpointer           key,
                                               CoroElementUpdateFunc   update,
                                               CoroElementRestoreFunc  restore,
                                               gpointer                user_data,
                                               GDestroyNotify          user_data_destroy) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_thread_local_element_new:
 * @thread_local: the thread-local variable, a #GPrivate
 * @value: (nullable): the value @thread_local has while the coroutine runs
 * @value_destroy: (nullable): frees @value with the element
 *
 * kotlinx's `ThreadLocal.asContextElement(value)`: while a coroutine that
 * carries this element runs, g_private_get() on @thread_local returns
 * @value on whatever thread it runs; when it suspends or finishes, the
 * thread's own value is back. The key is @thread_local itself, so a child
 * that gives another value for it overrides its parent's.
 *
 * A value set with g_private_set() in the coroutine does not travel with
 * it: it is lost at the next suspension. Change the value for a block
 * with coro_with_context_full() and a new element instead. @thread_local's
 * own destroy notify is never called on @value.
 *
 * Returns: (transfer full): a new element
 */
CoroElement   *coro_thread_local_element_new  (GPrivate               *thread_local,
                                               gpointer                value,
                                               GDestroyNotify          value_destroy) G_GNUC_WARN_UNUSED_RESULT;

/**
 * coro_element_ref:
 * @self: an element
 *
 * Returns: (transfer full): @self
 */
CoroElement   *coro_element_ref               (CoroElement            *self);

/**
 * coro_element_unref:
 * @self: (transfer full): an element
 *
 * Drops a reference; the coroutines that carry @self keep their own.
 */
void           coro_element_unref             (CoroElement            *self);

/**
 * coro_element_get_key:
 * @self: an element
 *
 * Returns: (transfer none): the key @self was made with
 */
gconstpointer  coro_element_get_key           (CoroElement            *self);

/**
 * coro_element_get_data:
 * @self: an element
 *
 * Returns: (transfer none) (nullable): the user data of an element from
 *   coro_element_new(), or the value of one from
 *   coro_thread_local_element_new()
 */
gpointer       coro_element_get_data          (CoroElement            *self);

/**
 * coro_current_element:
 * @key: an element's key
 *
 * kotlinx's `coroutineContext[key]`, and with a %NULL check its
 * `ThreadLocal.isPresent()`: the element with @key that the running
 * coroutine carries.
 *
 * Returns: (transfer none) (nullable): the element, or %NULL if the running
 *   coroutine carries none with @key or nothing runs in a coroutine
 */
CoroElement   *coro_current_element           (gconstpointer           key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CoroElement, coro_element_unref)

G_END_DECLS
