import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";
import { migrate } from "./migrate";

// The embedded default (PGlite over the wire protocol, used when DATABASE_URL is unset) gets the
// same migrations and enforces the same row-level security as a real PostgreSQL server.

let dir: string;
let embedded: EmbeddedDatabase;
let client: pg.Client;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "lastmile-embedded-"));
  embedded = await startEmbeddedDatabase(path.join(dir, "pgdata"), await freePort());
}, 60_000);

afterAll(async () => {
  await client?.end().catch(() => {});
  await embedded?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the embedded database", () => {
  it("takes every migration, and a second run applies nothing", async () => {
    const first = await migrate(embedded.url);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(await migrate(embedded.url)).toEqual({ applied: [], alreadyApplied: first.applied.length });
  }, 60_000);

  it("enforces row-level security for the application role", async () => {
    // One connection only: PGlite has a single backend.
    client = new pg.Client({ connectionString: embedded.url });
    await client.connect();
    for (const c of ["a", "b"]) {
      await client.query(
        `INSERT INTO "Company" (id, name, slug, currency, "timeZone", country, "updatedAt") VALUES ($1, $2, $3, 'USD', 'UTC', 'US', now())`,
        [`co_${c}`, `Company ${c}`, `emb-${c}`],
      );
      await client.query(
        `INSERT INTO "User" (id, "companyId", email, name, "passwordHash", role, "updatedAt") VALUES ($1, $2, $3, 'U', 'x', 'SUPER_ADMIN', now())`,
        [`u_${c}`, `co_${c}`, `admin@${c}.test`],
      );
    }

    const asApp = async (companyId: string | null, sql: string) => {
      await client.query("BEGIN");
      try {
        if (companyId) await client.query(`SELECT set_config('app.company_id', $1, true)`, [companyId]);
        await client.query("SET LOCAL ROLE lastmile_app");
        return (await client.query(sql)).rows;
      } finally {
        await client.query("ROLLBACK");
      }
    };

    expect(await asApp("co_a", `SELECT email FROM "User"`)).toEqual([{ email: "admin@a.test" }]);
    expect(await asApp("co_b", `SELECT id FROM "Company"`)).toEqual([{ id: "co_b" }]);
    expect(await asApp(null, `SELECT count(*)::int AS n FROM "User"`)).toEqual([{ n: 0 }]);
    expect(await asApp(null, `SELECT count(*)::int AS n FROM "Company"`)).toEqual([{ n: 0 }]);
    // Writing into another company is refused, not silently dropped.
    await expect(
      asApp(
        "co_a",
        `INSERT INTO "User" (id, "companyId", email, name, "passwordHash", role, "updatedAt") VALUES ('u_x', 'co_b', 'x@b.test', 'X', 'x', 'CUSTOMER', now())`,
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await asApp("co_a", `UPDATE "User" SET name = 'hacked' WHERE id = 'u_b' RETURNING id`)).toEqual([]);
    // The routing lookup by slug still works without a company (SECURITY DEFINER function).
    expect(await asApp(null, `SELECT id FROM lastmile_company_by_slug('emb-b')`)).toEqual([{ id: "co_b" }]);
  });

  it("has btree_gist, so IPAM's exclusion constraints on inet refuse overlapping prefixes", async () => {
    // The IPAM migration needs the btree_gist extension (loaded in embedded.ts from PGlite's
    // contrib); without it `npm run dev` on a fresh machine stops at that migration.
    const ext = await client.query(`SELECT extname FROM pg_extension WHERE extname = 'btree_gist'`);
    expect(ext.rows).toEqual([{ extname: "btree_gist" }]);
    const prefix = (id: string, cidr: string, company = "co_a") =>
      client.query(`INSERT INTO "Prefix" (id, "companyId", prefix, "updatedAt") VALUES ($1, $2, $3::inet, now())`, [
        id,
        company,
        cidr,
      ]);
    await prefix("p_1", "10.20.0.0/24");
    await expect(prefix("p_2", "10.20.0.128/25")).rejects.toThrow(/Prefix_leaves_do_not_overlap/);
    await expect(prefix("p_3", "10.20.0.0/24")).rejects.toThrow(/Prefix_no_duplicate/);
    // Another company's plan is its own: the same network is no overlap.
    await prefix("p_4", "10.20.0.0/24", "co_b");
    await prefix("p_5", "2001:db8::/48");
    const rows = await client.query(`SELECT id FROM "Prefix" ORDER BY id`);
    expect(rows.rows.map((r) => r.id)).toEqual(["p_1", "p_4", "p_5"]);
  });
});
