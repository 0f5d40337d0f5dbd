import type { Prisma } from "./generated/prisma/client";
import { commitHooks, type Reopen } from "../lib/after-commit";
import { withCompany } from "../lib/request-context";
import { log } from "../lib/log";
import { APP_ROLE, db, pickReplica, REPLICA_RETRY_MS, type Db } from "./client";

// Every query on tenant data runs inside one of these transactions. The company id goes into
// the transaction-local setting app.company_id that the RLS policies compare with, and the
// role is dropped to lastmile_app even if the connection was opened by a more powerful role
// (the embedded database has only its superuser). A query without a company sees no rows.

export type Tx = Prisma.TransactionClient;

const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

async function transaction<T>(
  setup: (tx: Tx) => Promise<void>,
  fn: (tx: Tx) => Promise<T>,
  reopen: Reopen,
  on: Db = db(),
): Promise<T> {
  // Work queued with afterCommit() (server/lib/after-commit.ts) runs once this has committed.
  const hooks = commitHooks(reopen);
  const result = await on.$transaction(async (tx) => {
    hooks.track(tx);
    await setup(tx);
    return fn(tx);
  }, TX_OPTIONS);
  await hooks.run();
  return result;
}

export async function withTenant<T>(companyId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  // Log lines written inside carry the company (server/lib/log.ts).
  return withCompany(companyId, () =>
    transaction(
      async (tx) => {
        // One round trip for both: set_config('role', …, true) is SET LOCAL ROLE, same checks.
        await tx.$executeRaw`SELECT set_config('app.company_id', ${companyId}, true), set_config('role', ${APP_ROLE}, true)`;
      },
      fn,
      (next) => withTenant(companyId, next),
    ),
  );
}

/**
 * withTenant for read-only work (lists, reports, dashboards): the same company setting and role,
 * so the same row-level security, in a READ ONLY transaction on a read replica when
 * DATABASE_REPLICA_URL names one (on the primary otherwise). A replica is a streaming copy a
 * moment behind: pass `primary: true` when the reader must see its own latest writes (the
 * console does for a few seconds after a browser's write, server/api/read-your-writes.ts).
 * A replica that cannot be reached, or cancels the query in a conflict with recovery, is left
 * alone for a while and the work runs on the primary instead (it is read-only, so running it
 * again is safe).
 */
export async function withTenantRead<T>(
  companyId: string,
  fn: (tx: Tx) => Promise<T>,
  opts: { primary?: boolean } = {},
): Promise<T> {
  const setup = async (tx: Tx) => {
    // transaction_read_only may be switched on at any point of a transaction (only off is refused).
    await tx.$executeRaw`SELECT set_config('transaction_read_only', 'on', true), set_config('app.company_id', ${companyId}, true), set_config('role', ${APP_ROLE}, true)`;
  };
  const reopen: Reopen = (next) => withTenant(companyId, next);
  // Log lines written inside carry the company (server/lib/log.ts).
  return withCompany(companyId, async () => {
    const replica = opts.primary ? undefined : pickReplica();
    if (replica) {
      try {
        return await transaction(setup, fn, reopen, replica.client);
      } catch (err) {
        if (!replicaUnavailable(err)) throw err;
        replica.downUntil = Date.now() + REPLICA_RETRY_MS;
        log.warn(
          { err: messageOf(err) },
          `Read replica unavailable, reading from the primary for ${REPLICA_RETRY_MS / 1000} s`,
        );
      }
    }
    return transaction(setup, fn, reopen);
  });
}

// Connection failures (node's socket errors, PostgreSQL shutting down or not accepting
// connections yet: 57P0x, 08xxx) and hot-standby cancellations (40001 "conflict with recovery").
const UNAVAILABLE_CODES =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|57P0\d|08\w{3}|40001|P1001|P1002|P1017|P2024)$/;
const UNAVAILABLE_MESSAGES =
  /ECONNREFUSED|ECONNRESET|Connection terminated|connection refused|conflict with recovery|terminating connection|the database system is (starting up|shutting down)|Can't reach database|Timed out fetching a new connection/i;

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Whether `err` (or an error it wraps) says the replica could not serve, rather than the work failing. */
export function replicaUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 6; depth++) {
    const o = e as { code?: unknown; message?: unknown; cause?: unknown; meta?: { code?: unknown } };
    if (typeof o.code === "string" && UNAVAILABLE_CODES.test(o.code)) return true;
    if (typeof o.meta?.code === "string" && UNAVAILABLE_CODES.test(o.meta.code)) return true;
    if (typeof o.message === "string" && UNAVAILABLE_MESSAGES.test(o.message)) return true;
    e = o.cause;
  }
  return false;
}

/**
 * One company's rows read in a single consistent snapshot (REPEATABLE READ, read-only), with the
 * same scoping as withTenant and a long timeout: for reading a whole company at once (its data
 * export), which can take minutes and must not see half of a concurrent change.
 */
export async function withTenantSnapshot<T>(companyId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(
    async (tx) => {
      // Before any query: a transaction's mode cannot change once it has read something.
      await tx.$executeRawUnsafe("SET TRANSACTION READ ONLY");
      await tx.$executeRaw`SELECT set_config('app.company_id', ${companyId}, true), set_config('role', ${APP_ROLE}, true)`;
      return fn(tx);
    },
    { isolationLevel: "RepeatableRead", maxWait: 15_000, timeout: 15 * 60_000 },
  );
}

/** The SaaS operator's scope: may read the company list and nothing else of the companies. */
export async function withPlatform<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.platform', 'operator', true), set_config('role', ${APP_ROLE}, true)`;
    },
    fn,
    withPlatform,
  );
}

/** No company at all: for the few tables outside tenancy (platform operators) and SECURITY DEFINER lookups. */
export async function withoutTenant<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL ROLE ${APP_ROLE}`);
    },
    fn,
    withoutTenant,
  );
}

/**
 * Promise.all's shape, but one query after another. An interactive transaction is one
 * connection: overlapping queries on it only queue inside the driver (pg warns that it will
 * refuse them). Prisma queries start when awaited, so they can be passed as they are; pass a
 * function for work that starts as soon as it is called (a service call).
 */
export async function inOrder<T extends readonly unknown[] | []>(
  steps: T,
): Promise<{ -readonly [K in keyof T]: T[K] extends () => infer R ? Awaited<R> : Awaited<T[K]> }> {
  const results: unknown[] = [];
  for (const step of steps) results.push(await (typeof step === "function" ? (step as () => unknown)() : step));
  return results as { -readonly [K in keyof T]: T[K] extends () => infer R ? Awaited<R> : Awaited<T[K]> };
}
