import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminQuery, urlFor } from "../test/databases";
import { listMigrations, migrate } from "./migrate";

// Two migrators never run at once (a Kubernetes migration Job, its retry and app pods starting
// with `npm start` may all try): the migrator holds a PostgreSQL advisory lock for its whole
// run. Shown on an empty database: a run waits while another holds the lock, and two runs started
// together apply every migration exactly once between them.

const database = `lastmile_lock_${process.pid}`;
const url = urlFor(database);

beforeAll(async () => {
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${database}"`);
});
afterAll(async () => {
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

describe("the migrator's advisory lock", { timeout: 300_000 }, () => {
  it("makes a second run wait for the first, so every migration is applied once", async () => {
    // Someone else (another migrator) holds the lock: a run started now must not touch anything.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock(72707301)");
    const lines: string[] = [];
    const blocked = migrate(url, (l) => lines.push(`blocked ${l}`));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(lines).toEqual([]);
    const waiting = await holder.query(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = 72707301",
    );
    expect(waiting.rows[0].n).toBe(1);
    const tables = await holder.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
    expect(tables.rows[0].t).toBeNull();

    // Released: that run and a second one started together; one applies everything, the other nothing.
    const second = migrate(url, (l) => lines.push(`second ${l}`));
    await holder.query("SELECT pg_advisory_unlock(72707301)");
    await holder.end();
    const results = await Promise.all([blocked, second]);

    const all = (await listMigrations()).map((m) => m.name);
    expect(results.map((r) => r.applied.length).sort((x, y) => x - y)).toEqual([0, all.length]);
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    const recorded = await check.query<{ migration_name: string; n: number }>(
      `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1 ORDER BY 1`,
    );
    await check.end();
    expect(recorded.rows).toEqual(all.map((name) => ({ migration_name: name, n: 1 })));
  });
});
