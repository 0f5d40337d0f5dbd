import type pg from "pg";
import { metrics } from "../lib/metrics";
import { isDatabaseUnavailable, markDatabaseDown } from "./availability";

// Every statement a pool connection sends (Prisma's, and server/db/sql.ts's plain SQL), timed
// into lastmile_db_query_duration_seconds. Wrapped once per connection, when the pool opens it;
// the cost per statement is two clock reads and one histogram observation.

type Query = (...args: unknown[]) => unknown;

export function timeQueries(client: pg.PoolClient): void {
  // The class's query, looked up at each call rather than kept from now: whatever wraps
  // pg.Client's query later (a test that watches the statements) still sees them.
  const proto = Object.getPrototypeOf(client) as { query: Query };
  (client as unknown as { query: Query }).query = (...args: unknown[]) => {
    const started = performance.now();
    const result = proto.query.apply(client, args);
    // The promise form (every caller here); callback and Submittable forms pass untimed.
    if (result && typeof (result as Promise<unknown>).then === "function")
      (result as Promise<unknown>).then(
        () => metrics.dbQueryDuration.observe((performance.now() - started) / 1000),
        (err: unknown) => {
          metrics.dbQueryErrors.inc();
          if (isDatabaseUnavailable(err)) markDatabaseDown(err);
        },
      );
    return result;
  };
}

/**
 * Marks the database down (server/db/availability.ts) when the pool cannot open a connection:
 * the failure that says PostgreSQL is unreachable comes from connecting, before any statement.
 * Both forms of connect() are watched (pg's own pool.query uses the callback form).
 */
export function watchConnects(pool: pg.Pool): void {
  type Done = (release?: unknown) => void;
  type Callback = (err: Error | undefined, client: pg.PoolClient | undefined, done: Done) => void;
  const connect = pool.connect.bind(pool) as (cb?: Callback) => Promise<pg.PoolClient> | undefined;
  const noteFailure = (err: unknown) => {
    if (isDatabaseUnavailable(err)) markDatabaseDown(err);
  };
  (pool as unknown as { connect: (cb?: Callback) => unknown }).connect = (cb?: Callback) => {
    if (cb)
      return connect((err, client, done) => {
        if (err) noteFailure(err);
        cb(err, client, done);
      });
    const pending = connect()!;
    pending.catch(noteFailure);
    return pending;
  };
}
