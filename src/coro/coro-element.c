/* coro-element.c
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#include "config.h"

#include "coro-element.h"

#include "coro-element-private.h"
#include "coro-job-private.h"

/*
 * Context elements, kotlinx's ThreadContextElement: what a coroutine
 * installs on its thread each time it resumes and takes off each time it
 * suspends. A job holds a set of them that its children share; a child
 * that brings its own gets a new set, with its elements in place of its
 * parent's of the same key. Running a coroutine (coro-coroutine.c) costs
 * nothing more than a NULL check when its set is empty, which is when it
 * has none.
 */

struct _CoroElement
{
  gint                    ref_count;
  gconstpointer           key;
  CoroElementUpdateFunc   update;
  CoroElementRestoreFunc  restore;
  gpointer                data;
  GDestroyNotify          data_destroy;
};

struct _CoroElementSet
{
  gint         ref_count;
  guint        n_elements;
  CoroElement *elements[];   /* in the order they are installed */
};

typedef struct
{
  GPrivate       *thread_local;
  gpointer        value;
  GDestroyNotify  value_destroy;
} ThreadLocal;

static gpointer
thread_local_update (gpointer data)
{
  ThreadLocal *self = data;
  gpointer old_value = g_private_get (self->thread_local);

  g_private_set (self->thread_local, self->value);
  return old_value;
}

static void
thread_local_restore (gpointer data,
                      gpointer old_state)
{
  ThreadLocal *self = data;

  g_private_set (self->thread_local, old_state);
}

static void
thread_local_free (gpointer data)
{
  ThreadLocal *self = data;

  if (self->value_destroy != NULL)
    self->value_destroy (self->value);
  g_free (self);
}

static CoroElementSet *
set_new (guint n_elements)
{
  CoroElementSet *set = g_malloc (sizeof (CoroElementSet) + n_elements * sizeof (CoroElement *));

  set->ref_count = 1;
  set->n_elements = 0;
  return set;
}

CoroElementSet *
_coro_element_set_ref (CoroElementSet *set)
{
  g_atomic_int_inc (&set->ref_count);
  return set;
}

void
_coro_element_set_unref (CoroElementSet *set)
{
  if (!g_atomic_int_dec_and_test (&set->ref_count))
    return;

  for (guint i = 0; i < set->n_elements; i++)
    coro_element_unref (set->elements[i]);
  g_free (set);
}

/* Replaces *@set, which may be NULL, by a set with @elements added, each
 * in place of the element of the same key if *@set has one. */
void
_coro_element_set_add (CoroElementSet     **set,
                       CoroElement * const *elements)
{
  CoroElementSet *base = *set;
  CoroElementSet *added;
  guint n_base = base != NULL ? base->n_elements : 0;
  guint n_new = 0;

  while (elements[n_new] != NULL)
    n_new++;
  if (n_new == 0)
    return;

  added = set_new (n_base + n_new);
  for (guint i = 0; i < n_base; i++)
    added->elements[added->n_elements++] = coro_element_ref (base->elements[i]);

  for (guint i = 0; i < n_new; i++)
    {
      CoroElement *element = elements[i];
      guint j;

      for (j = 0; j < added->n_elements; j++)
        if (added->elements[j]->key == element->key)
          break;

      coro_element_ref (element);
      if (j < added->n_elements)
        {
          coro_element_unref (added->elements[j]);
          added->elements[j] = element;
        }
      else
        added->elements[added->n_elements++] = element;
    }

  if (base != NULL)
    _coro_element_set_unref (base);
  *set = added;
}

CoroElement *
_coro_element_set_lookup (CoroElementSet *set,
                          gconstpointer   key)
{
  if (set == NULL)
    return NULL;

  for (guint i = 0; i < set->n_elements; i++)
    if (set->elements[i]->key == key)
      return set->elements[i];
  return NULL;
}

/* Installs every element of @set on the running thread. Their old states
 * go in @saved if it has room for them, else in a new array; hand what
 * this returns to _coro_element_set_restore(). */
gpointer *
_coro_element_set_update (CoroElementSet *set,
                          gpointer       *saved,
                          guint           n_saved)
{
  gpointer *old_states = set->n_elements <= n_saved ? saved : g_new (gpointer, set->n_elements);

  for (guint i = 0; i < set->n_elements; i++)
    old_states[i] = set->elements[i]->update (set->elements[i]->data);
  return old_states;
}

/* Undoes _coro_element_set_update(), the last installed first. */
void
_coro_element_set_restore (CoroElementSet *set,
                           gpointer       *old_states,
                           gpointer       *saved)
{
  for (guint i = set->n_elements; i > 0; i--)
    {
      CoroElement *element = set->elements[i - 1];

      if (element->restore != NULL)
        element->restore (element->data, old_states[i - 1]);
    }

  if (old_states != saved)
    g_free (old_states);
}

CoroElement *
coro_element_new (gconstpointer           key,
                  CoroElementUpdateFunc   update,
                  CoroElementRestoreFunc  restore,
                  gpointer                user_data,
                  GDestroyNotify          user_data_destroy)
{
  CoroElement *self;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (update != NULL, NULL);

  self = g_new (CoroElement, 1);
  self->ref_count = 1;
  self->key = key;
  self->update = update;
  self->restore = restore;
  self->data = user_data;
  self->data_destroy = user_data_destroy;
  return self;
}

CoroElement *
coro_thread_local_element_new (GPrivate       *thread_local,
                               gpointer        value,
                               GDestroyNotify  value_destroy)
{
  ThreadLocal *data;

  g_return_val_if_fail (thread_local != NULL, NULL);

  data = g_new (ThreadLocal, 1);
  data->thread_local = thread_local;
  data->value = value;
  data->value_destroy = value_destroy;
  return coro_element_new (thread_local, thread_local_update, thread_local_restore,
                           data, thread_local_free);
}

CoroElement *
coro_element_ref (CoroElement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
coro_element_unref (CoroElement *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;

  if (self->data_destroy != NULL)
    self->data_destroy (self->data);
  g_free (self);
}

gconstpointer
coro_element_get_key (CoroElement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->key;
}

gpointer
coro_element_get_data (CoroElement *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->update == thread_local_update)
    return ((ThreadLocal *) self->data)->value;
  return self->data;
}

CoroElement *
coro_current_element (gconstpointer key)
{
  CoroCoroutine *co = _coro_coroutine_self ();

  g_return_val_if_fail (key != NULL, NULL);

  return co != NULL ? _coro_element_set_lookup (co->job.elements, key) : NULL;
}
