/* coro-select-private.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include "coro-channel.h"
#include "coro-job-private.h"

G_BEGIN_DECLS

typedef struct _CoroSelect CoroSelect;

typedef enum
{
  CORO_CLAIM_WON,         /* both sides are taken: go ahead */
  CORO_CLAIM_MINE_LOST,   /* the registering select was won by another clause */
  CORO_CLAIM_OTHER_LOST,  /* the waiter's select was won elsewhere: drop it */
  CORO_CLAIM_SKIP,        /* the waiter is a clause of the registering select */
} CoroClaim;

/* coro-select.c */
CoroClaim _coro_select_claim              (CoroWaiter     *mine,
                                           CoroWaiter     *other);
void      _coro_select_resume             (CoroWaiter     *waiter,
                                           gpointer        value,
                                           GDestroyNotify  value_destroy,
                                           GError         *error);

/* coro-channel.c */
gboolean  _coro_channel_select_register   (CoroChannel    *self,
                                           CoroWaiter     *waiter,
                                           gboolean        send,
                                           gpointer       *value,
                                           GDestroyNotify *value_destroy,
                                           GError        **error);
void      _coro_channel_select_withdraw   (CoroChannel    *self,
                                           CoroWaiter     *waiter,
                                           gboolean        send);
void      _coro_channel_set_producer      (CoroChannel    *self,
                                           CoroJob        *producer);

G_END_DECLS
