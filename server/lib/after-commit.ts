import type { Tx } from "../db/tenant";
import { log } from "./log";

// Work that must wait until a transaction's writes are committed: telling the outside world about
// a change (an e-mail to the provider). server/db/tenant.ts runs it once the transaction has
// committed, before withTenant (or its siblings) returns and with the connection already back in
// the pool; a transaction that rolls back drops it. So a slow provider holds no connection, a
// failing one cannot undo the change, and a change that fails sends nothing.

/** Opens a new transaction of the same kind (the same company) as the one that committed. */
export type Reopen = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
export type AfterCommitWork = (reopen: Reopen) => Promise<void>;

// Keyed by the transaction's client, the `tx` every service receives. On globalThis because Next.js
// may load this file more than once (instrumentation.ts is bundled apart from the routes), and
// the copy that opened a transaction must be the one that sees its work.
const holder = globalThis as unknown as { lastmileAfterCommit?: WeakMap<Tx, AfterCommitWork[]> };
const pendingOf = (holder.lastmileAfterCommit ??= new WeakMap());

/** Runs `work` after the transaction of `tx` commits; `work` reports its own failures. */
export function afterCommit(tx: Tx, work: AfterCommitWork): void {
  const pending = pendingOf.get(tx);
  if (!pending) throw new Error("afterCommit needs a transaction from withTenant, withPlatform or withoutTenant");
  pending.push(work);
}

/** For server/db/tenant.ts: `track` the transaction when it opens, `run` its work after it commits. */
export function commitHooks(reopen: Reopen) {
  const pending: AfterCommitWork[] = [];
  return {
    track: (tx: Tx) => void pendingOf.set(tx, pending),
    run: async () => {
      for (const work of pending) {
        // The change is committed: whatever happens now must not turn it into a failed call.
        await work(reopen).catch((err: unknown) => log.error({ err }, "work after commit failed"));
      }
    },
  };
}
