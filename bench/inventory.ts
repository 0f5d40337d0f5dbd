// Inventory at scale: seeds BENCH_ASSETS serial-tracked units (default 200,000) and
// BENCH_MOVEMENTS ledger rows (default 2,000,000) into a scratch company of a scratch database,
// then times, warm, the two reads the issue names through the module functions the pages and
// REST routes call: the stock-on-hand view of a location (inventory/stock.ts levels(), the
// "Stock on hand" page and GET /api/inventory/locations/{id}/stock) and the serial lookup with the
// unit's history (inventory/assets.ts lookup(), the units page and GET /api/inventory/assets/{serial}).
// Prints p50/p95 over BENCH_RUNS calls (default 50) after 5 warm-up calls, the machine and its
// load average. Goal: under 100 ms each. Beside each, the same reads as hand-written SQL over one
// pg connection, as lastmile_app under row-level security in one transaction (the floor the
// module's Prisma queries are compared with). Results go in docs/BENCHMARKS.md.
//
//   npm run bench:inventory            (needs the PostgreSQL of TEST_DATABASE_URL, as the tests do)
//   BENCH_ASSETS=20000 BENCH_MOVEMENTS=200000 npm run bench:inventory
import os from "node:os";
import pg from "pg";
import { urlFor } from "../server/test/databases";
import { withScratchCompany } from "./scratch";

const ASSETS = Number(process.env.BENCH_ASSETS ?? 200_000);
const MOVEMENTS = Number(process.env.BENCH_MOVEMENTS ?? 2_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const ITEMS = 200; // 150 serial-tracked models, 50 bulk consumables
const WAREHOUSES = 5;
const VANS = 60;

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function time(fn: () => Promise<unknown>) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function seed(owner: pg.Client, companyId: string) {
  const q = (sql: string, params: unknown[] = []) => owner.query(sql, [companyId, ...params]);
  await q(
    `INSERT INTO "InventoryItem" (id, "companyId", sku, name, category, tracking, unit, "costMinor", "updatedAt")
     SELECT 'item' || n, $1::text, 'SKU-' || n, 'Model ' || n, (ARRAY['ONT','Router','Wireless CPE','Cable','Connectors'])[1 + n % 5],
            (CASE WHEN n <= 150 THEN 'SERIAL' ELSE 'BULK' END)::"InventoryTracking", CASE WHEN n <= 150 THEN 'unit' ELSE 'm' END,
            1000 + n * 100, now()
     FROM generate_series(1, ${ITEMS}) n`,
  );
  await q(
    `INSERT INTO "StockLocation" (id, "companyId", name, kind)
     SELECT 'wh' || n, $1::text, 'Warehouse ' || n, 'WAREHOUSE'::"StockLocationKind" FROM generate_series(1, ${WAREHOUSES}) n
     UNION ALL SELECT 'van' || n, $1::text, 'Van ' || n, 'VAN'::"StockLocationKind" FROM generate_series(1, ${VANS}) n
     UNION ALL SELECT 'customers', $1::text, 'At customers', 'CUSTOMER'::"StockLocationKind"`,
  );
  // Units: 60% at customers, 30% in the warehouses, 10% in vans; each received once (the first
  // 200,000 movements), the rest of the ledger transfers between places.
  await q(
    `INSERT INTO "Asset" (id, "companyId", "itemId", serial, status, "locationId", "costMinor", "purchasedOn", "updatedAt")
     SELECT 'a' || n, $1::text, 'item' || (1 + n % 150), 'SN' || lpad(n::text, 9, '0'),
            (CASE WHEN n % 10 < 6 THEN 'DEPLOYED' ELSE 'IN_STOCK' END)::"AssetStatus",
            CASE WHEN n % 10 < 6 THEN 'customers' WHEN n % 10 < 9 THEN 'wh' || (1 + n % ${WAREHOUSES}) ELSE 'van' || (1 + n % ${VANS}) END,
            5000, date '2025-01-01' + (n % 600), now()
     FROM generate_series(1, ${ASSETS}) n`,
  );
  await q(
    `INSERT INTO "StockMovement" (id, "companyId", kind, "itemId", quantity, "toLocationId", "assetId", "createdAt")
     SELECT 'r' || n, $1::text, 'RECEIVE'::"StockMovementKind", 'item' || (1 + n % 150), 1, 'wh' || (1 + n % ${WAREHOUSES}), 'a' || n,
            timestamptz '2025-01-01' + (n || ' minutes')::interval
     FROM generate_series(1, ${ASSETS}) n`,
  );
  await q(
    `INSERT INTO "StockMovement" (id, "companyId", kind, "itemId", quantity, "fromLocationId", "toLocationId", "assetId", "createdAt")
     SELECT 't' || n, $1::text, 'TRANSFER'::"StockMovementKind", 'item' || (1 + (n % ${ASSETS}) % 150), 1, 'wh' || (1 + n % ${WAREHOUSES}),
            'van' || (1 + n % ${VANS}), 'a' || (1 + n % ${ASSETS}), timestamptz '2025-06-01' + (n || ' seconds')::interval
     FROM generate_series(1, ${Math.max(0, MOVEMENTS - ASSETS)}) n`,
  );
  // The maintained summary, as the ledger would have left it: units per item and place, bulk stock too.
  await q(
    `INSERT INTO "StockLevel" ("companyId", "itemId", "locationId", quantity)
     SELECT $1::text, "itemId", "locationId", count(*) FROM "Asset" WHERE status <> 'DEPLOYED' GROUP BY "itemId", "locationId"
     UNION ALL
     SELECT $1::text, 'item' || i, l.id, 100 + i FROM generate_series(151, ${ITEMS}) i, "StockLocation" l WHERE l.kind <> 'CUSTOMER'`,
  );
  await owner.query(`ANALYZE`);
}

async function main() {
  await withScratchCompany("inventory", async (companyId) => {
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL ?? urlFor("postgres") });
    await owner.connect();
    const seedMs = await time(() => seed(owner, companyId));
    await owner.end();
    console.log(
      `Seeded ${ASSETS.toLocaleString("en")} units and ${MOVEMENTS.toLocaleString("en")} movements in ${(seedMs / 1000).toFixed(1)} s`,
    );

    const { withTenant } = await import("../server/db/tenant");
    const stock = await import("../server/modules/inventory/stock");
    const assets = await import("../server/modules/inventory/assets");
    const scoped = <T>(
      fn: (s: {
        tx: Parameters<Parameters<typeof withTenant>[1]>[0];
        companyId: string;
        actor: { type: "SYSTEM" };
      }) => Promise<T>,
    ) => withTenant(companyId, (tx) => fn({ tx, companyId, actor: { type: "SYSTEM" } }));

    const serialOf = (i: number) => `SN${String(1 + ((i * 7919) % ASSETS)).padStart(9, "0")}`;
    const cases: [string, (i: number) => Promise<unknown>][] = [
      [
        "stock on hand, a warehouse (page of 50, with its serials)",
        () => scoped((s) => stock.levels(s, { locationId: "wh1", pageSize: 50 }, { withCost: true })),
      ],
      [
        "stock on hand, a van",
        (i) => scoped((s) => stock.levels(s, { locationId: `van${1 + (i % VANS)}`, pageSize: 50 }, { withCost: true })),
      ],
      [
        "serial lookup with history",
        (i) => scoped((s) => assets.lookup(s, { serial: serialOf(i) }, { withCost: true })),
      ],
    ];
    // The raw floor: the same statements the module sends, written by hand, on one connection.
    const app = new pg.Client({ connectionString: process.env.APP_DATABASE_URL });
    await app.connect();
    const raw = async (statements: [string, unknown[]][]) => {
      await app.query("BEGIN");
      await app.query("SELECT set_config('app.company_id', $1, true)", [companyId]);
      for (const [sql, params] of statements) await app.query(sql, params);
      await app.query("COMMIT");
    };
    const rawStock = (locationId: string) =>
      raw([
        [`SELECT id, name, kind FROM "StockLocation" WHERE id = $1`, [locationId]],
        [`SELECT count(*) FROM "StockLevel" WHERE "locationId" = $1 AND quantity > 0`, [locationId]],
        [
          `SELECT l."itemId", l.quantity, i.sku, i.name, i.category, i.unit, i.tracking, i."costMinor"
           FROM "StockLevel" l JOIN "InventoryItem" i ON i.id = l."itemId"
           WHERE l."locationId" = $1 AND l.quantity > 0 ORDER BY i.category, i.name LIMIT 50`,
          [locationId],
        ],
        [
          `SELECT "itemId", serial, status FROM "Asset" WHERE "locationId" = $1 AND status <> 'RETIRED'
           AND "itemId" IN (SELECT id FROM "InventoryItem" WHERE tracking = 'SERIAL') ORDER BY serial LIMIT 2000`,
          [locationId],
        ],
      ]);
    const rawLookup = (serial: string) =>
      raw([
        [
          `SELECT a.*, i.sku, i.name, l.name AS location FROM "Asset" a JOIN "InventoryItem" i ON i.id = a."itemId"
           LEFT JOIN "StockLocation" l ON l.id = a."locationId" WHERE a."companyId" = $1 AND a.serial = $2`,
          [companyId, serial],
        ],
        [
          `SELECT m.*, f.name AS "from", t.name AS "to" FROM "StockMovement" m
           LEFT JOIN "StockLocation" f ON f.id = m."fromLocationId" LEFT JOIN "StockLocation" t ON t.id = m."toLocationId"
           WHERE m."assetId" = (SELECT id FROM "Asset" WHERE "companyId" = $1 AND serial = $2)
           ORDER BY m."createdAt" DESC, m.id DESC`,
          [companyId, serial],
        ],
      ]);
    cases.push(
      ["raw SQL: stock on hand, a warehouse", () => rawStock("wh1")],
      ["raw SQL: stock on hand, a van", (i) => rawStock(`van${1 + (i % VANS)}`)],
      ["raw SQL: serial lookup with history", (i) => rawLookup(serialOf(i))],
    );
    const lines = [];
    for (const [label, fn] of cases) {
      for (let i = 0; i < 5; i++) await fn(i);
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) ms.push(await time(() => fn(i)));
      lines.push(
        `${label.padEnd(60)} p50 ${percentile(ms, 0.5).toFixed(1)} ms  p95 ${percentile(ms, 0.95).toFixed(1)} ms`,
      );
    }
    await app.end();
    console.log(
      `\n${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log(`${new Date().toISOString()}  ${RUNS} warm calls each\n`);
    for (const l of lines) console.log(l);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
