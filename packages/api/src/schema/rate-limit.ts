/** `rateLimit`: the calling client's request budget, the same numbers as the RateLimit-* response headers. */

import { builder } from "../builder.js";
import { type RateLimitState, rateLimitOf } from "../http/rate-limit.js";
import { doNotStore } from "../plugins/cache.js";

const RateLimitRef = builder.objectRef<RateLimitState>("RateLimit").implement({
  description:
    "The calling client's request budget (a token bucket per client address), as this request leaves it: the numbers of the `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` response headers.",
  fields: (t) => ({
    limit: t.exposeInt("limit", {
      description:
        "Requests a client may send at once (the bucket size); the bucket refills at a steady rate up to it (`RateLimit-Limit`).",
    }),
    remaining: t.exposeInt("remaining", {
      description:
        "Requests this client may still send right away, this one counted; at 0 the next one is refused with HTTP 429 and `Retry-After` (`RateLimit-Remaining`).",
    }),
    resetSeconds: t.exposeInt("resetSeconds", {
      description: "Whole seconds until the budget is full again (`limit` requests); 0 when it is (`RateLimit-Reset`).",
    }),
  }),
});

builder.queryField("rateLimit", (t) =>
  t.field({
    type: RateLimitRef,
    nullable: true,
    description:
      "The calling client's request budget as this request leaves it (never cached). Null when the server does not limit requests (RATE_LIMIT_ENABLED=false, for a proxy that does) or the request did not come over HTTP.",
    resolve: (_root, _args, context) => {
      doNotStore(context.request);
      return rateLimitOf(context.req) ?? null;
    },
  }),
);
