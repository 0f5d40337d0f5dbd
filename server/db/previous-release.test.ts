import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adminQuery, urlFor } from "../test/databases";
import { listMigrations, migrate } from "./migrate";

// The zero-downtime rule (docs/OPERATIONS.md, "Zero-downtime migrations"): during a rolling
// release, and after a rollback, the previous release's code runs against the new schema. Its
// code cannot be checked out and run here, so this test checks what that code relies on, on
// real PostgreSQL: the schema of the previous release (every migration up to PREVIOUS_RELEASE)
// against the schema after every migration since.
//   • every table, column and enum value the previous release knew is still there, with the same
//     type (its SELECTs and UPDATEs still run);
//   • no column it knew became NOT NULL (its INSERTs and UPDATEs still may leave it empty);
//   • every column added to a table it knew is nullable or has a default (its INSERTs, which do
//     not name it, still run);
//   • and its queries on the tables the migrations since changed still run (below).
// A migration that cannot keep these (a contract step) is named in CONTRACTS with why: it is
// released with the old pods stopped first.

/** The last migration of the release before this one. Move it forward when a release is cut. */
export const PREVIOUS_RELEASE = "20261203080046_customer_erasure";

/** Migrations since PREVIOUS_RELEASE that break the previous release on purpose, released with the old pods stopped. */
const CONTRACTS: Record<string, { why: string; columns: string[] }> = {
  "20261203080150_drop_clear_customer_identifiers": {
    why: "drops the clear identifiers once sealed (a documented downtime release)",
    columns: ["Customer.taxId", "Customer.idDocumentNumber"],
  },
};

interface Column {
  table: string;
  column: string;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}

const database = `lastmile_prev_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
let client: pg.Client;

async function columns(): Promise<Map<string, Column>> {
  const { rows } = await client.query<Column>(`
    SELECT table_name AS table, column_name AS column,
           CASE WHEN data_type = 'USER-DEFINED' THEN udt_name WHEN data_type = 'ARRAY' THEN udt_name
                ELSE data_type END AS type,
           is_nullable = 'YES' AS nullable,
           (column_default IS NOT NULL OR is_identity = 'YES' OR is_generated = 'ALWAYS') AS "hasDefault"
      FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
  return new Map(rows.map((c) => [`${c.table}.${c.column}`, c]));
}

async function enumValues(): Promise<Set<string>> {
  const { rows } = await client.query<{ value: string }>(`
    SELECT t.typname || '.' || e.enumlabel AS value
      FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid`);
  return new Set(rows.map((r) => r.value));
}

let before: { columns: Map<string, Column>; enums: Set<string> };
let after: { columns: Map<string, Column>; enums: Set<string> };
let since: string[];

beforeAll(async () => {
  await adminQuery(`CREATE DATABASE "${database}"`);
  client = new pg.Client({ connectionString: urlFor(database) });
  await client.connect();
  await migrate(urlFor(database), () => {}, { upTo: PREVIOUS_RELEASE });
  before = { columns: await columns(), enums: await enumValues() };
  const result = await migrate(urlFor(database));
  since = result.applied;
  after = { columns: await columns(), enums: await enumValues() };
}, 300_000);

afterAll(async () => {
  await client?.end();
  await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

it("the previous release is a known migration, and the contracts named are among those since", async () => {
  const names = (await listMigrations()).map((m) => m.name);
  expect(names).toContain(PREVIOUS_RELEASE);
  expect(since.length).toBeGreaterThan(0);
  for (const name of Object.keys(CONTRACTS)) expect(since).toContain(name);
});

it("every column the previous release knew is still there, with its type, and none became NOT NULL", () => {
  // Columns a declared contract removed or changed on purpose.
  const contracted = new Set(Object.values(CONTRACTS).flatMap((c) => c.columns));
  const broken: string[] = [];
  for (const [key, old] of before.columns) {
    if (contracted.has(key)) continue;
    const now = after.columns.get(key);
    if (!now) broken.push(`${key} is gone`);
    else if (now.type !== old.type) broken.push(`${key} changed type ${old.type} → ${now.type}`);
    else if (old.nullable && !now.nullable) broken.push(`${key} became NOT NULL`);
  }
  expect(broken).toEqual([]);
});

it("every column added to a table the previous release knew is nullable or has a default", () => {
  const oldTables = new Set([...before.columns.values()].map((c) => c.table));
  const blocking = [...after.columns.entries()]
    .filter(([key, c]) => !before.columns.has(key) && oldTables.has(c.table) && !c.nullable && !c.hasDefault)
    .map(([key]) => key);
  expect(blocking, "the previous release's INSERTs do not name these columns and would fail").toEqual([]);
});

it("every enum value the previous release knew is still there", () => {
  expect([...before.enums].filter((v) => !after.enums.has(v))).toEqual([]);
});

it("a sample of the previous release's own statements still runs on the new schema", async () => {
  // Written as the previous release's code wrote them: only the columns it knew.
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "Company" (id, name, slug, currency, "timeZone", country, "updatedAt")
       VALUES ('co_prev', 'Previous ISP', 'prev-isp', 'KES', 'Africa/Nairobi', 'KE', now())`,
    );
    await client.query(
      `INSERT INTO "Customer" (id, "companyId", "accountNumber", "firstName", "updatedAt")
       VALUES ('cu_prev', 'co_prev', 1, 'Old code', now())`,
    );
    await client.query(`UPDATE "Customer" SET "firstName" = 'Still old code' WHERE id = 'cu_prev'`);
    const { rows } = await client.query(`SELECT id, "firstName" FROM "Customer" WHERE "companyId" = 'co_prev'`);
    expect(rows).toEqual([{ id: "cu_prev", firstName: "Still old code" }]);
  } finally {
    await client.query("ROLLBACK");
  }
});
