import { env } from "../lib/env";
import { log } from "../lib/log";
import { postgresState } from "./postgres";
import { redisState } from "./redis";
import type { SharedState } from "./types";

export type { SharedState, WindowCount } from "./types";

// The instance's shared state (./types.ts says what it is for): Redis when REDIS_URL is set,
// else PostgreSQL. On globalThis: Next.js bundles route handlers apart from instrumentation.ts
// and our HTTP server, and every copy must use the one connection and the one set of handlers.

const holder = globalThis as unknown as {
  lastmileSharedState?: { state: SharedState | null; drops: Set<(message: string) => void>; listening: boolean };
};
const held = (holder.lastmileSharedState ??= { state: null, drops: new Set(), listening: false });

export function sharedState(): SharedState {
  if (held.state) return held.state;
  const e = env();
  held.state = e.REDIS_URL ? redisState(e.REDIS_URL, e.REDIS_KEY_PREFIX) : postgresState();
  return held.state;
}

/** Tests and scripts: closes the connections (a new sharedState() opens them again). */
export async function closeSharedState(): Promise<void> {
  const state = held.state;
  held.state = null;
  held.listening = false;
  await state?.close();
}

// ── Caches every instance must drop an entry from at once ──────────────────────────────────
// A cache (the company of a subdomain, a RADIUS server key) registers with onDrop(); a change
// calls dropEverywhere() after its transaction committed: this instance drops the entry now,
// the others when the broadcast reaches them (milliseconds). A broadcast missed while an
// instance's connection was down is covered by each cache's own short expiry.

const CACHE_CHANNEL = "cache-drop";

/** Registers a cache's handler for dropped entries (messages such as "company:acme"). */
export function onDrop(handler: (message: string) => void): void {
  held.drops.add(handler);
}

const dropHere = (message: string) => {
  for (const handler of held.drops) handler(message);
};

/** Drops the entry here at once and tells the other instances; never throws. */
export function dropEverywhere(message: string): void {
  dropHere(message);
  if (!held.listening) return;
  sharedState()
    .publish(CACHE_CHANNEL, message)
    .catch((err: unknown) =>
      log.warn({ err: (err as Error).message }, "shared state: could not broadcast a cache drop"),
    );
}

/**
 * Called once by a server at start-up (server/http/next-server.ts): from then on drops made by
 * other instances reach this one's caches, and this one's drops are broadcast. Without it (tests,
 * scripts, one instance) drops stay local, which is all a single process needs.
 */
export async function listenForDrops(): Promise<void> {
  if (held.listening) return;
  held.listening = true;
  await sharedState().subscribe(CACHE_CHANNEL, dropHere);
}
