import type { Prisma } from "./generated/prisma/client";
import { commitHooks, type Reopen } from "../lib/after-commit";
import { APP_ROLE, db } from "./client";

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
): Promise<T> {
  // Work queued with afterCommit() (server/lib/after-commit.ts) runs once this has committed.
  const hooks = commitHooks(reopen);
  const result = await db().$transaction(async (tx) => {
    hooks.track(tx);
    await setup(tx);
    return fn(tx);
  }, TX_OPTIONS);
  await hooks.run();
  return result;
}

export async function withTenant<T>(companyId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(
    async (tx) => {
      // One round trip for both: set_config('role', …, true) is SET LOCAL ROLE, same checks.
      await tx.$executeRaw`SELECT set_config('app.company_id', ${companyId}, true), set_config('role', ${APP_ROLE}, true)`;
    },
    fn,
    (next) => withTenant(companyId, next),
  );
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
