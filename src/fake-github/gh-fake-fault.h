/* gh-fake-fault.h
 *
 * Copyright 2026 The Contributors authors
 * SPDX-License-Identifier: MIT
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * GhFakeFaultKind:
 * @GH_FAKE_FAULT_STATUS: answer @status (default 500) with GitHub's JSON error
 *   body `{"message": @message, "documentation_url": …}`
 * @GH_FAKE_FAULT_GARBAGE: answer @status (default 200) with a body that is not
 *   JSON: @body, or an HTML error page, as @content_type (default text/html)
 * @GH_FAKE_FAULT_TRUNCATE: send the normal response head, claiming the full
 *   Content-Length, then only @truncate_at bytes of the body (default: half),
 *   then close the connection
 * @GH_FAKE_FAULT_DROP: close the connection without sending anything
 * @GH_FAKE_FAULT_TRICKLE: send the normal response, but the body in
 *   @chunk_size-byte pieces (default 16) every @interval_ms (default 100,
 *   multiplied by the latency scale)
 * @GH_FAKE_FAULT_RATE_LIMIT: answer @status (default 403) with GitHub's
 *   primary rate-limit body and `x-ratelimit-remaining: 0`, `x-ratelimit-reset`
 *   @reset_in_s seconds from now (default 60); with @retry_after_s > 0, the
 *   secondary-limit message and a `retry-after` header instead
 * @GH_FAKE_FAULT_REDIRECT: answer @status (default 301) with `Location:`
 *   @location and GitHub's "Moved Permanently" body
 * @GH_FAKE_FAULT_BODY: answer @status (default 200) with @body as @content_type
 *   (default application/json), for malformed-but-parsable payloads
 * @GH_FAKE_FAULT_LINK: the normal response with its `Link` header replaced by
 *   @link (an empty string removes it)
 *
 * What goes wrong. In @location and @link, the text `{base}` stands for the
 * base URL the request was sent to (e.g. `http://127.0.0.1:4242/`), so a
 * dataset file can point back at the server without knowing its port.
 */
typedef enum
{
  GH_FAKE_FAULT_STATUS,
  GH_FAKE_FAULT_GARBAGE,
  GH_FAKE_FAULT_TRUNCATE,
  GH_FAKE_FAULT_DROP,
  GH_FAKE_FAULT_TRICKLE,
  GH_FAKE_FAULT_RATE_LIMIT,
  GH_FAKE_FAULT_REDIRECT,
  GH_FAKE_FAULT_BODY,
  GH_FAKE_FAULT_LINK,
} GhFakeFaultKind;

/**
 * GhFakeFault:
 * @kind: what goes wrong
 * @status: the HTTP status; 0 means the kind's default
 * @message: the JSON "message" of STATUS and RATE_LIMIT; NULL for a default
 * @body: the body of BODY and GARBAGE
 * @content_type: the Content-Type of BODY and GARBAGE; NULL for a default
 * @location: the Location of REDIRECT (absolute, may use `{base}`)
 * @link: the Link header of LINK (may use `{base}`)
 * @headers: (array zero-terminated=1) (nullable): extra response headers as
 *   "Name: value" strings, added to every kind that sends headers
 * @skip: how many matching requests are answered normally before the fault
 *   applies ("rate-limited after N requests")
 * @times: how many matching requests then get the fault; 0 means all of them
 * @truncate_at: TRUNCATE: body bytes actually sent; 0 means half the body
 * @chunk_size: TRICKLE: bytes per piece; 0 means 16
 * @interval_ms: TRICKLE: pause between pieces; 0 means 100
 * @reset_in_s: RATE_LIMIT: seconds until `x-ratelimit-reset`; 0 means 60
 * @retry_after_s: RATE_LIMIT: if > 0, a secondary limit with `retry-after`
 *
 * A fault to inject. Build one on the stack with designated initialisers
 * (`{ .kind = GH_FAKE_FAULT_STATUS, .status = 502 }`); whoever keeps it takes
 * a deep copy.
 */
typedef struct
{
  GhFakeFaultKind     kind;
  guint               status;
  const char         *message;
  const char         *body;
  const char         *content_type;
  const char         *location;
  const char         *link;
  const char * const *headers;
  guint               skip;
  guint               times;
  guint               truncate_at;
  guint               chunk_size;
  guint               interval_ms;
  guint               reset_in_s;
  guint               retry_after_s;
} GhFakeFault;

#define GH_TYPE_FAKE_FAULT (gh_fake_fault_get_type ())

GType        gh_fake_fault_get_type (void) G_GNUC_CONST;
GhFakeFault *gh_fake_fault_copy     (const GhFakeFault *fault);
void         gh_fake_fault_free     (GhFakeFault       *fault);
const char  *gh_fake_fault_kind_to_string (GhFakeFaultKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GhFakeFault, gh_fake_fault_free)

G_END_DECLS
