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
const globalForDb = globalThis as unknown as {
  lastmileDb?: { url: string; client: PrismaClient; pool: pg.Pool };
};

function current() {
  const url = appDatabaseUrl();
  const held = globalForDb.lastmileDb;
  if (held && held.url === url) return held;
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
  pool.on("error", (err) => log.warn({ err: err.message }, "PostgreSQL connection lost while idle"));
  pool.on("connect", timeQueries);
  watchConnects(pool);
  const client = new PrismaClient({ adapter: new SerialTransactionPg(pool) });
  globalForDb.lastmileDb = { url, client, pool };
  return globalForDb.lastmileDb;
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
  globalForDb.lastmileDb = undefined;
  await held?.client.$disconnect();
  if (held && !held.pool.ended) await held.pool.end();
}
