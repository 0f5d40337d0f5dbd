import { env } from "../../lib/env";
import { bucketKey } from "../../modules/auth/rate-limit";
import { sharedState } from "../../shared-state";

// The REST API's request limit per access token (each API sign-in is one session, and so one
// bucket): API_RATE_LIMIT_PER_MINUTE requests in a fixed minute, counted where every app instance
// sees them (server/shared-state: PostgreSQL, or Redis when REDIS_URL is set), so two instances
// behind a load balancer do not each allow the whole limit. Every answer to a signed-in request
// says where the caller stands (RateLimit-Limit, -Remaining, -Reset, -Policy: the IETF
// draft's fields); a request over the limit is refused with 429 and Retry-After before any work.

const WINDOW_SECONDS = 60;

export interface Allowance {
  allowed: boolean;
  headers: Record<string, string>;
  /** Seconds until the window ends (Retry-After when refused). */
  resetSeconds: number;
  limit: number;
}

/** Counts one request against the token's session and says whether it may run. */
export async function countTokenRequest(sessionId: string): Promise<Allowance> {
  const limit = env().API_RATE_LIMIT_PER_MINUTE;
  const { count, resetAt } = await sharedState().hit(bucketKey(["api.token", sessionId]), WINDOW_SECONDS);
  const resetSeconds = Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000));
  return {
    allowed: count <= limit,
    limit,
    resetSeconds,
    headers: {
      "RateLimit-Limit": String(limit),
      "RateLimit-Remaining": String(Math.max(0, limit - count)),
      "RateLimit-Reset": String(resetSeconds),
      "RateLimit-Policy": `${limit};w=${WINDOW_SECONDS}`,
    },
  };
}
