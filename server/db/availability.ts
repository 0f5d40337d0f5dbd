import { log } from "../lib/log";

// Whether PostgreSQL can be reached, as this instance last saw it. A request that fails because
// the database cannot be reached marks it down; from then on our HTTP server answers 503 at once
// (server/http/next-server.ts) instead of letting every request wait for a connection, and
// probes now and then until a probe gets through: the instance recovers by itself, no restart.

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  // PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
  "57P01",
  "57P02",
  "57P03",
  "53300",
  // Prisma: can't reach the server, timed out, server closed the connection. Not P2024 (waiting
  // for a pool connection): a busy pool is load, not an unreachable database.
  "P1001",
  "P1002",
  "P1017",
]);

const CONNECTION_MESSAGES =
  /Connection terminated|connect ECONNREFUSED|Can't reach database server|Client has encountered a connection error|the database system is (starting up|shutting down)|Connection refused|server closed the connection/i;

/** True when `err` (or an error it wraps) says the database cannot be reached, not that a query was wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 6; depth++) {
    if (typeof e !== "object") return false;
    const { code, message, cause, originalCode, kind } = e as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      originalCode?: unknown;
      kind?: unknown;
    };
    if (typeof code === "string" && CONNECTION_CODES.has(code)) return true;
    if (typeof originalCode === "string" && CONNECTION_CODES.has(originalCode)) return true;
    if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed" || kind === "SocketTimeout") return true;
    if (typeof message === "string" && CONNECTION_MESSAGES.test(message)) return true;
    e = cause;
  }
  return false;
}

interface Health {
  downSince: number | null;
  probing: Promise<boolean> | null;
  lastProbe: number;
}

// On globalThis: Next.js's bundles mark it, our HTTP server reads it.
const holder = globalThis as unknown as { lastmileDbHealth?: Health };
const health = (holder.lastmileDbHealth ??= { downSince: null, probing: null, lastProbe: 0 });

/** Records a failure that says the database is unreachable. */
export function markDatabaseDown(err: unknown): void {
  if (health.downSince !== null) return;
  health.downSince = Date.now();
  log.error(
    { err: err instanceof Error ? err.message : String(err) },
    "PostgreSQL cannot be reached: answering 503 until it is back",
  );
}

export const databaseDown = (): boolean => health.downSince !== null;

/** How often a down database is tried again (one probe at a time, whatever the traffic). */
const PROBE_EVERY_MS = 1_000;

/**
 * Whether the database is up, for a request arriving while it is marked down: at most one probe
 * per PROBE_EVERY_MS, and only the request that started it waits for it; the others are
 * answered 503 at once. `probe` runs `SELECT 1`.
 */
export async function databaseBack(probe: () => Promise<unknown>): Promise<boolean> {
  if (health.downSince === null) return true;
  if (health.probing || Date.now() - health.lastProbe < PROBE_EVERY_MS) return false;
  health.lastProbe = Date.now();
  health.probing = probe().then(
    () => {
      log.info({ downForMs: Date.now() - (health.downSince ?? Date.now()) }, "PostgreSQL is reachable again");
      health.downSince = null;
      return true;
    },
    () => false,
  );
  try {
    return await health.probing;
  } finally {
    health.probing = null;
  }
}

/** The answer while the database is down: JSON for the API, a short page for people. */
export const UNAVAILABLE_MESSAGE =
  "Lastmile cannot reach its database right now. Nothing was changed; try again in a moment.";
