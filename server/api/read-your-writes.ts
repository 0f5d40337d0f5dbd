import { replicaUrls } from "../db/client";
import { env } from "../lib/env";

// Read replicas are a moment behind the primary. So that nobody saves a form and then misses their
// own change in the list they return to, a browser that has just written reads from the primary
// for DATABASE_REPLICA_STICKY_SECONDS: every tRPC request that ran a mutation sets this cookie,
// and while the browser sends it back, read-only procedures (protectedReadProcedure) skip the
// replicas. A cookie rather than memory, so that it holds on whichever instance serves the next
// request. Without replicas nothing is set.

export const RECENT_WRITE_COOKIE = "lastmile-wrote";

/** The Set-Cookie value after a write, or null when reads never leave the primary anyway. */
export function recentWriteCookie(): string | null {
  const seconds = env().DATABASE_REPLICA_STICKY_SECONDS;
  if (replicaUrls().length === 0 || seconds === 0) return null;
  const secure = env().APP_PROTOCOL === "https" ? "; Secure" : "";
  return `${RECENT_WRITE_COOKIE}=1; Max-Age=${seconds}; Path=/; HttpOnly; SameSite=Lax${secure}`;
}

/** Whether the request comes from a browser that wrote within the last few seconds. */
export function wroteRecently(headers: Headers): boolean {
  const cookie = headers.get("cookie");
  if (!cookie) return false;
  return cookie.split(";").some((part) => part.trim().startsWith(`${RECENT_WRITE_COOKIE}=`));
}
