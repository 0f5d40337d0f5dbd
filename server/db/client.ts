import { PrismaClient } from "./generated/prisma/client";
import { SerialTransactionPg } from "./serial-transactions";
import { env } from "../lib/env";

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
const globalForDb = globalThis as unknown as { lastmileDb?: { url: string; client: PrismaClient } };

export function db(): PrismaClient {
  const url = appDatabaseUrl();
  const current = globalForDb.lastmileDb;
  if (current && current.url === url) return current.client;
  const client = new PrismaClient({
    adapter: new SerialTransactionPg({ connectionString: url, max: env().DATABASE_POOL_MAX ?? 10 }),
  });
  globalForDb.lastmileDb = { url, client };
  return client;
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.lastmileDb?.client.$disconnect();
  globalForDb.lastmileDb = undefined;
}
