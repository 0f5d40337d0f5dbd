// Customers behind a device at scale: seeds a topology of 5,000 devices (a core router, 20
// aggregation switches, 200 OLTs with 16 PON ports each, 4,779 ONTs on the PON ports) and 50,000
// subscriptions on the ONTs into a scratch company of a scratch database, then times the
// service's customers-behind query (devices.customersBehind: the recursive walk, count and a page
// of 50 under RLS) at each level against the same SQL run raw: as the app role with RLS, and as
// the superuser (no RLS). Results go in docs/BENCHMARKS.md.
//
//   npm run bench:topology        (needs the PostgreSQL of TEST_DATABASE_URL, as the tests do)
import os from "node:os";
import pg from "pg";
import { migrate } from "../server/db/migrate";
import { adminQuery, urlFor } from "../server/test/databases";

const AGGS = 20;
const OLTS_PER_AGG = 10;
const PON_PER_OLT = 16;
const DEVICES = 5_000;
const CUSTOMERS = 50_000;
const RUNS = 7;
const database = `lastmile_bench_topo_${process.pid}`;

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  await adminQuery(`CREATE DATABASE "${database}"`);
  try {
    await migrate(urlFor(database), () => {});
    process.env.DATABASE_URL = urlFor(database);
    process.env.APP_DATABASE_URL = urlFor(database, "lastmile_app");
    const { resetEnvCache } = await import("../server/lib/env");
    resetEnvCache();
    const companies = await import("../server/modules/companies/service");
    const { customersBehind, customersBehindSql } = await import("../server/modules/devices/behind");
    const { withTenant } = await import("../server/db/tenant");
    const { disconnectDb } = await import("../server/db/client");

    const { company } = await companies.register(
      {
        name: "Bench ISP",
        slug: `bench-topo-${process.pid}`,
        currency: "KES",
        timeZone: "Africa/Nairobi",
        country: "KE",
        adminName: "Bench",
        adminEmail: "bench@bench.test",
        password: "Bench-password-123",
      },
      { label: "bench" },
    );
    const c = company.id;
    const owner = new pg.Client({ connectionString: urlFor(database) });
    await owner.connect();
    // The scratch database is dropped (connections cut) in finally, even after a failure.
    owner.on("error", () => {});
    const olts = AGGS * OLTS_PER_AGG;
    const onts = DEVICES - 1 - AGGS - olts;
    const seeded = await time(async () => {
      const q = (sql: string, params: unknown[] = []) => owner.query(sql, [c, ...params]);
      await q(`INSERT INTO "Manufacturer" (id, "companyId", name) VALUES ('mf', $1, 'Bench')`);
      await q(
        `INSERT INTO "DeviceType" (id, "companyId", "manufacturerId", model, role)
         VALUES ('t-router', $1, 'mf', 'Router', 'ROUTER'), ('t-switch', $1, 'mf', 'Switch', 'SWITCH'),
                ('t-olt', $1, 'mf', 'OLT', 'OLT'), ('t-ont', $1, 'mf', 'ONT', 'ONT')`,
      );
      await q(
        `INSERT INTO "Device" (id, "companyId", "deviceTypeId", name, "updatedAt")
         SELECT 'core', $1, 't-router', 'core', now()
         UNION ALL SELECT 'agg' || a, $1, 't-switch', 'agg-' || a, now() FROM generate_series(1, $2::int) a
         UNION ALL SELECT 'olt' || o, $1, 't-olt', 'olt-' || o, now() FROM generate_series(1, $3::int) o
         UNION ALL SELECT 'ont' || n, $1, 't-ont', 'ont-' || n, now() FROM generate_series(1, $4::int) n`,
        [AGGS, olts, onts],
      );
      // Ports: core down1..N; agg up + down1..10; OLT up + PON 1..16; ONT pon0.
      await q(
        `INSERT INTO "Interface" (id, "companyId", "deviceId", name, kind)
         SELECT 'core-d' || a, $1, 'core', 'down' || a, 'SFP'::"InterfaceKind" FROM generate_series(1, $2::int) a
         UNION ALL SELECT 'agg' || a || '-u', $1, 'agg' || a, 'up', 'SFP' FROM generate_series(1, $2::int) a
         UNION ALL SELECT 'agg' || a || '-d' || k, $1, 'agg' || a, 'down' || k, 'SFP'
                     FROM generate_series(1, $2::int) a, generate_series(1, $3::int) k
         UNION ALL SELECT 'olt' || o || '-u', $1, 'olt' || o, 'up', 'SFP' FROM generate_series(1, $4::int) o
         UNION ALL SELECT 'olt' || o || '-p' || p, $1, 'olt' || o, 'pon' || p, 'PON'
                     FROM generate_series(1, $4::int) o, generate_series(1, $5::int) p
         UNION ALL SELECT 'ont' || n || '-p', $1, 'ont' || n, 'pon0', 'PON' FROM generate_series(1, $6::int) n`,
        [AGGS, OLTS_PER_AGG, olts, PON_PER_OLT, onts],
      );
      await q(
        `INSERT INTO "Link" (id, "companyId", kind, "aInterfaceId", "aDeviceId", "bInterfaceId", "bDeviceId")
         SELECT 'l-agg' || a, $1, 'FIBRE'::"LinkKind", 'core-d' || a, 'core', 'agg' || a || '-u', 'agg' || a FROM generate_series(1, $2::int) a
         UNION ALL
         SELECT 'l-olt' || o, $1, 'FIBRE', 'agg' || ((o - 1) / $3 + 1) || '-d' || ((o - 1) % $3 + 1), 'agg' || ((o - 1) / $3 + 1),
                'olt' || o || '-u', 'olt' || o
           FROM generate_series(1, $4::int) o`,
        [AGGS, OLTS_PER_AGG, olts],
      );
      await q(
        `INSERT INTO "Package" (id, "companyId", name, code, type, "downloadKbps", "uploadKbps", "priceMinor", "updatedAt")
         VALUES ('pk', $1, 'Fibre', 'F', 'FIBER', 1000, 1000, 100, now())`,
      );
      await q(
        `INSERT INTO "Customer" (id, "companyId", "accountNumber", "firstName", "lastName", "updatedAt")
         SELECT 'cu' || n, $1, n, 'Jane', 'Wanjiru ' || n, now() FROM generate_series(1, $2::int) n`,
        [CUSTOMERS],
      );
      // Customer n on ONT (n mod onts), whose PON port is that of OLT (ont mod olts).
      await q(
        `INSERT INTO "Subscription" (id, "companyId", "customerId", "packageId", "startDate", status, "cpeDeviceId", "accessInterfaceId", "updatedAt")
         SELECT 'su' || n, $1, 'cu' || n, 'pk', '2026-01-01', 'ACTIVE', 'ont' || ont, 'olt' || (ont % $3 + 1) || '-p' || (ont % $4 + 1), now()
           FROM (SELECT n, (n % $2) + 1 AS ont FROM generate_series(1, $5::int) n) s`,
        [onts, olts, PON_PER_OLT, CUSTOMERS],
      );
      await owner.query(`ANALYZE`);
    });
    console.log(`Seeded ${DEVICES} devices and ${CUSTOMERS} subscriptions in ${(seeded.ms / 1000).toFixed(1)} s`);

    const scope = (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => ({
      tx,
      companyId: c,
      actor: { type: "SYSTEM" as const },
    });
    // The same statement the service runs, with its parameters, for the raw columns.
    const rawSql = (deviceId: string) => {
      const s = customersBehindSql(c, { devices: [deviceId], interfaces: [] }, { limit: 50, offset: 0 });
      return { text: s.text, values: s.values };
    };
    const lines: string[] = [];
    for (const [label, deviceId] of [
      ["core router (everything)", "core"],
      ["aggregation switch", "agg1"],
      ["OLT", "olt1"],
      ["ONT", "ont1"],
    ] as const) {
      const service: number[] = [];
      const app: number[] = [];
      const su: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS; i++) {
        const s = await time(() => withTenant(c, (tx) => customersBehind(scope(tx), { deviceId, pageSize: 50 })));
        service.push(s.ms);
        total = s.result.total;
        await owner.query("BEGIN");
        await owner.query(`SELECT set_config('app.company_id', $1, true)`, [c]);
        await owner.query("SET LOCAL ROLE lastmile_app");
        app.push((await time(() => owner.query(rawSql(deviceId)))).ms);
        await owner.query("ROLLBACK");
        su.push((await time(() => owner.query(rawSql(deviceId)))).ms);
      }
      lines.push(
        `| ${label} | ${total} | ${median(service).toFixed(1)} | ${median(app).toFixed(1)} | ${median(su).toFixed(1)} |`,
      );
    }
    await owner.query("BEGIN");
    await owner.query(`SELECT set_config('app.company_id', $1, true)`, [c]);
    await owner.query("SET LOCAL ROLE lastmile_app");
    const sql = rawSql("core");
    const plan = await owner.query({ text: `EXPLAIN (ANALYZE, COSTS OFF) ${sql.text}`, values: sql.values });
    await owner.query("ROLLBACK");
    await owner.end();
    await disconnectDb();

    console.log(
      `\nMachine: ${os.cpus()[0]?.model ?? "unknown"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; load ${os.loadavg()[0]!.toFixed(1)}; ${new Date().toISOString()}`,
    );
    console.log(`Median of ${RUNS} runs, ms (page of 50 with the total):\n`);
    console.log(
      "| asked about | customers behind | service (ms) | raw SQL, app role + RLS (ms) | raw SQL, superuser, no RLS (ms) |\n|---|---:|---:|---:|---:|\n" +
        lines.join("\n"),
    );
    console.log("\nSQL:\n" + sql.text);
    console.log("\nPlan (core router, app role):\n" + plan.rows.map((r) => `    ${r["QUERY PLAN"]}`).join("\n"));
  } catch (err) {
    console.error(err);
    process.exitCode = 1;
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

await main();
