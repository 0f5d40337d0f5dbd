import pg from "pg";
import { appDatabaseUrl, pgPool } from "../db/client";
import { withoutTenant, type Tx } from "../db/tenant";
import { log } from "../lib/log";
import type { SharedState, WindowCount } from "./types";

// The default: counters in the RateLimitBucket table, broadcasts with LISTEN/NOTIFY. Every
// instance already shares the database, so nothing more has to run.

/**
 * One hit in the caller's transaction: the upsert takes the bucket's row lock, so concurrent hits
 * are counted one after another and each learns its own number (no read-then-write race).
 */
export async function hitInTransaction(tx: Tx, key: string, windowSeconds: number): Promise<WindowCount> {
  const window = `${windowSeconds} seconds`;
  const rows = await tx.$queryRaw<{ count: number; resetAt: Date }[]>`
    INSERT INTO "RateLimitBucket" (key, count, "resetAt")
    VALUES (${key}, 1, now() + ${window}::interval)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN 1 ELSE "RateLimitBucket".count + 1 END,
      "resetAt" = CASE WHEN "RateLimitBucket"."resetAt" <= now() THEN now() + ${window}::interval
                       ELSE "RateLimitBucket"."resetAt" END
    RETURNING count, "resetAt"`;
  await pruneSometimes(tx);
  return rows[0]!;
}

/** Ended windows are deleted now and then (about one hit in PRUNE_EVERY), by whoever hits. */
const PRUNE_EVERY = 100;

async function pruneSometimes(tx: Tx) {
  if (Math.random() * PRUNE_EVERY < 1) await prune(tx);
}

/** Deletes windows that ended over an hour ago. */
export async function prune(tx: Tx) {
  // An hour's grace: a row that is about to be reused costs nothing to keep. Rows another
  // request holds are skipped, so two pruning requests never wait for (or deadlock on) each other.
  await tx.$executeRaw`
    DELETE FROM "RateLimitBucket" WHERE key IN (
      SELECT key FROM "RateLimitBucket" WHERE "resetAt" < now() - interval '1 hour'
      LIMIT 1000 FOR UPDATE SKIP LOCKED)`;
}

/** The one LISTEN/NOTIFY channel; the logical channel travels in the payload. */
const PG_CHANNEL = "lastmile_shared_state";
const RECONNECT_MS = 2_000;

export function postgresState(): SharedState {
  const handlers = new Map<string, Set<(message: string) => void>>();
  let listener: pg.Client | null = null;
  let closed = false;
  let connecting: Promise<void> | null = null;

  const deliver = (payload: string | undefined) => {
    if (!payload) return;
    try {
      const { c, m } = JSON.parse(payload) as { c: string; m: string };
      for (const h of handlers.get(c) ?? []) h(m);
    } catch {
      // Not ours: some other NOTIFY on the channel.
    }
  };

  // A dedicated connection (LISTEN holds it): when it breaks, a new one is opened after a pause.
  // Messages sent meanwhile are missed, which is why every cache that listens also expires.
  const listen = (): Promise<void> =>
    (connecting ??= (async () => {
      const client = new pg.Client({ connectionString: appDatabaseUrl() });
      const retry = (err?: Error) => {
        if (listener === client) listener = null;
        client.removeAllListeners();
        client.on("error", () => {});
        void client.end().catch(() => {});
        if (closed) return;
        log.warn({ err: err?.message }, "shared state: LISTEN connection lost; reconnecting");
        setTimeout(() => void listen().catch(() => {}), RECONNECT_MS).unref();
      };
      try {
        await client.connect();
        client.on("notification", (n) => deliver(n.payload));
        client.on("error", retry);
        client.on("end", () => retry());
        await client.query(`LISTEN ${PG_CHANNEL}`);
        listener = client;
      } catch (err) {
        retry(err as Error);
      }
    })().finally(() => (connecting = null)));

  return {
    kind: "postgres",
    hit: (key, windowSeconds) => withoutTenant((tx) => hitInTransaction(tx, key, windowSeconds)),
    async peek(keys) {
      if (keys.length === 0) return [];
      const rows = await withoutTenant(
        (tx) => tx.$queryRaw<{ key: string; count: number }[]>`
          SELECT key, count FROM "RateLimitBucket" WHERE key = ANY(${keys as string[]}) AND "resetAt" > now()`,
      );
      const byKey = new Map(rows.map((r) => [r.key, r.count]));
      return keys.map((k) => byKey.get(k) ?? 0);
    },
    async publish(channel, message) {
      await pgPool().query("SELECT pg_notify($1, $2)", [PG_CHANNEL, JSON.stringify({ c: channel, m: message })]);
    },
    async subscribe(channel, onMessage) {
      let set = handlers.get(channel);
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(onMessage);
      if (!listener) await listen();
    },
    async close() {
      closed = true;
      const client = listener;
      listener = null;
      client?.removeAllListeners();
      await client?.end().catch(() => {});
    },
  };
}
