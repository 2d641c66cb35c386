/* coro-element-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "coro-element.h"

G_BEGIN_DECLS

/*
 * The elements a job carries: immutable, reference-counted, shared down
 * the job tree. A job without elements has none (NULL), which is all that
 * running a coroutine checks.
 */
typedef struct _CoroElementSet CoroElementSet;

CoroElementSet *_coro_element_set_ref      (CoroElementSet      *set);
void            _coro_element_set_unref    (CoroElementSet      *set);
void            _coro_element_set_add      (CoroElementSet     **set,
                                            CoroElement * const *elements);
CoroElement    *_coro_element_set_lookup   (CoroElementSet      *set,
                                            gconstpointer        key);
gpointer       *_coro_element_set_update   (CoroElementSet      *set,
                                            gpointer            *saved,
                                            guint                n_saved);
void            _coro_element_set_restore  (CoroElementSet      *set,
                                            gpointer            *old_states,
                                            gpointer            *saved);

G_END_DECLS
