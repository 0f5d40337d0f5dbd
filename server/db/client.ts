import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";
import { SerialTransactionPg } from "./serial-transactions";
import { env } from "../lib/env";
import { log } from "../lib/log";
import { timeQueries, watchConnects } from "./observe";

// The application's only PrismaClient. It connects as the restricted role `lastmile_app`
// (created by the first migration; never a superuser, never the tables' owner), so row-level
// security always applies. Tenant code reaches it only through server/db/tenant.ts.

export const APP_ROLE = "lastmile_app";

/** DATABASE_URL is the owner's URL (migrations); the app uses APP_DATABASE_URL or the same server as lastmile_app. */
export function appDatabaseUrl(): string {
  const e = env();
  if (e.APP_DATABASE_URL) return e.APP_DATABASE_URL;
  if (!e.DATABASE_URL)
    throw new Error("DATABASE_URL is not set (start the app with `npm run dev`, which provides the embedded database)");
  const url = new URL(e.DATABASE_URL);
  url.username = APP_ROLE;
  url.password = "";
  return url.toString();
}

export type Db = PrismaClient;
interface Connected {
  url: string;
  client: PrismaClient;
  pool: pg.Pool;
}
/** A read replica's connection, and until when it is left alone after failing. */
export interface Replica extends Connected {
  downUntil: number;
}
// On globalThis: Next.js's bundles and the server around them (scripts/start.ts) load this module
// separately, and must share one pool (the graceful shutdown closes the one the routes use).
const globalForDb = globalThis as unknown as {
  lastmileDb?: Connected;
  lastmileReplicas?: { urls: string; replicas: Replica[]; next: number };
};

function connect(url: string, what: string): Connected {
  // One pool of connections for Prisma and for the few hot paths that speak SQL to pg directly
  // (server/db/sql.ts), so DATABASE_POOL_MAX bounds them together.
  // Opening a new connection gives up after DATABASE_CONNECT_TIMEOUT_MS: with PostgreSQL
  // unreachable (a host that drops packets, not only one that refuses) the request is answered 503
  // (server/db/availability.ts) instead of hanging. On the client, not the pool: the pool's own
  // timeout would also cut requests merely queued for a busy pool, which is load, not an outage.
  const connectTimeout = env().DATABASE_CONNECT_TIMEOUT_MS;
  class Client extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeout });
    }
  }
  const pool = new pg.Pool({ connectionString: url, max: env().DATABASE_POOL_MAX ?? 10, Client });
  // An idle connection that breaks (PostgreSQL restarted) is dropped by the pool; without a
  // listener its error would end the process.
  pool.on("error", (err) => log.warn({ err: err.message }, `${what} connection lost while idle`));
  pool.on("connect", timeQueries);
  // A connection that breaks while checked out (PostgreSQL gone in the middle of a transaction)
  // emits "error" on its client, which the pool only listens for while the client is idle; the
  // query in flight fails on its own, and without a listener the error would end the process.
  pool.on("connect", (client) =>
    client.on("error", (err) => log.warn({ err: err.message }, `${what} connection lost while in use`)),
  );
  const client = new PrismaClient({ adapter: new SerialTransactionPg(pool) });
  return { url, client, pool };
}

function current() {
  const url = appDatabaseUrl();
  const held = globalForDb.lastmileDb;
  if (held && held.url === url) return held;
  globalForDb.lastmileDb = connect(url, "PostgreSQL");
  // Only the primary's failures mean "the database is down" (503s); a replica's only skip it.
  watchConnects(globalForDb.lastmileDb.pool);
  return globalForDb.lastmileDb;
}

/** DATABASE_REPLICA_URL: none, one, or several read replicas separated by commas. */
export function replicaUrls(): string[] {
  return (env().DATABASE_REPLICA_URL ?? "")
    .split(",")
    .map((u) => u.trim())
    .filter(Boolean);
}

/** How long a replica that failed (unreachable, shut down) is skipped before it is tried again. */
export const REPLICA_RETRY_MS = 10_000;

/**
 * The next read replica in turn that has not failed lately, or undefined (none configured, or all
 * of them down): read-only work then runs on the primary. server/db/tenant.ts withTenantRead.
 */
export function pickReplica(): Replica | undefined {
  const urls = replicaUrls();
  if (urls.length === 0) return undefined;
  let held = globalForDb.lastmileReplicas;
  if (!held || held.urls !== urls.join(",")) {
    held = {
      urls: urls.join(","),
      replicas: urls.map((u) => ({ ...connect(u, "Read replica"), downUntil: 0 })),
      next: 0,
    };
    globalForDb.lastmileReplicas = held;
  }
  const now = Date.now();
  for (let i = 0; i < held.replicas.length; i++) {
    const replica = held.replicas[(held.next + i) % held.replicas.length];
    if (replica.downUntil <= now) {
      held.next = (held.next + i + 1) % held.replicas.length;
      return replica;
    }
  }
  return undefined;
}

export function db(): PrismaClient {
  return current().client;
}

/** The pg pool under db(): for server/db/sql.ts only (tenant code goes through its transactions). */
export function pgPool(): pg.Pool {
  return current().pool;
}

export async function disconnectDb(): Promise<void> {
  const held = globalForDb.lastmileDb;
  const replicas = globalForDb.lastmileReplicas?.replicas ?? [];
  globalForDb.lastmileDb = undefined;
  globalForDb.lastmileReplicas = undefined;
  for (const c of [...(held ? [held] : []), ...replicas]) {
    await c.client.$disconnect();
    if (!c.pool.ended) await c.pool.end();
  }
}
