// Next-free allocation in a pool /16 with BENCH_ROWS addresses used (default 60,000): seeds a
// scratch company in a scratch database with the used addresses (with a few gaps, so the search
// has to walk), then times allocations through the service (lock, gap query, insert, audit,
// history) in Prisma tenant transactions, the same statements on plain pg tenant transactions,
// each round trip of one allocation, and the bare gap query with EXPLAIN ANALYZE. Results go in
// docs/BENCHMARKS.md.
//
//   npm run bench:ipam              (needs the PostgreSQL of TEST_DATABASE_URL, as the tests do)
import pg from "pg";
import { migrate } from "../server/db/migrate";
import { adminQuery, urlFor } from "../server/test/databases";

const ROWS = Number(process.env.BENCH_ROWS ?? 60_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
// Untimed allocations of each kind before the series: a running server has long since compiled
// these paths (at 50 timed runs after one warm-up, V8's compiling still showed as 17 ms of CPU per
// allocation and in p95; at 300 it was 7 ms).
const WARM_UP = 20;
/** Free addresses left in the seed: one per allocation (the first, the warm-ups, two timed series, one counted). */
const GAPS = 2 * RUNS + 2 * WARM_UP + 3;
const database = `lastmile_bench_ipam_${process.pid}`;

async function main() {
  await adminQuery(`CREATE DATABASE "${database}"`);
  try {
    await migrate(urlFor(database), () => {});
    process.env.DATABASE_URL = urlFor(database);
    process.env.APP_DATABASE_URL = urlFor(database, "lastmile_app");
    const { resetEnvCache } = await import("../server/lib/env");
    resetEnvCache();
    const { withTenant } = await import("../server/db/tenant");
    const { withTenantSql } = await import("../server/db/sql");
    const { disconnectDb } = await import("../server/db/client");
    const allocation = await import("../server/modules/ipam/allocation");
    const { systemActor } = await import("../server/modules/scope");

    const admin = new pg.Client({ connectionString: urlFor(database) });
    admin.on("error", () => {});
    await admin.connect();
    await admin.query(`INSERT INTO "Company" (id, name, slug, currency, "timeZone", country, "updatedAt")
                       VALUES ('co_bench', 'Bench ISP', 'bench', 'KES', 'Africa/Nairobi', 'KE', now())`);
    await admin.query(`INSERT INTO "Prefix" (id, "companyId", prefix, status, "isPool", "updatedAt")
                       VALUES ('px_pool', 'co_bench', '10.200.0.0/16', 'ACTIVE', true, now())`);
    // ROWS used addresses from 10.200.0.1 up, leaving every 10th free near the end so the
    // first gap sits deep in the pool (the worst case short of a full scan to the last address).
    // One statement, as an import's: the pool's mark is found once, at its end (the insert trigger).
    const seedStart = performance.now();
    await admin.query(
      `INSERT INTO "IpAddress" (id, "companyId", address, status, "updatedAt")
       SELECT 'ip' || i, 'co_bench', '10.200.0.0'::inet + i, 'ACTIVE', now()
         FROM generate_series(1, $1::int + ${GAPS}) i
        WHERE NOT (i > $1::int - ${GAPS} * 10 AND i % 10 = 0)`,
      [ROWS],
    );
    const seedMs = performance.now() - seedStart;
    const seededMark = (await admin.query(`SELECT host("allUsedBelow") AS m FROM "Prefix" WHERE id = 'px_pool'`))
      .rows[0].m as string | null;
    await admin.query(`ANALYZE "IpAddress"`);
    const used = (await admin.query(`SELECT count(*)::int AS n FROM "IpAddress"`)).rows[0].n;

    // The first allocation, untimed in the series: it pays for Prisma's start (its query compiler),
    // the first connections and the database function's first plans; then the warm-ups.
    const firstStart = performance.now();
    await withTenant("co_bench", (tx) =>
      allocation.allocateAddress({ tx, companyId: "co_bench", actor: systemActor }, { prefixId: "px_pool" }),
    );
    const first = performance.now() - firstStart;
    for (let i = 0; i < WARM_UP; i++) {
      await withTenant("co_bench", (tx) =>
        allocation.allocateAddress({ tx, companyId: "co_bench", actor: systemActor }, { prefixId: "px_pool" }),
      );
      await withTenantSql("co_bench", (sql) =>
        allocation.allocateAddressWith(sql, { companyId: "co_bench", actor: systemActor }, { prefixId: "px_pool" }),
      );
    }
    // Through the service as the app calls it: one Prisma tenant transaction per allocation.
    const times: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await withTenant("co_bench", (tx) =>
        allocation.allocateAddress({ tx, companyId: "co_bench", actor: systemActor }, { prefixId: "px_pool" }),
      );
      times.push(performance.now() - start);
    }
    const serviceCpu = process.cpuUsage(cpu0);
    // The same statements on a plain pg tenant transaction (server/db/sql.ts), no ORM: BEGIN and the
    // tenant settings ride with the first batch, COMMIT goes on its own.
    const rawTimes: number[] = [];
    const cpu1 = process.cpuUsage();
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await withTenantSql("co_bench", (sql) =>
        allocation.allocateAddressWith(sql, { companyId: "co_bench", actor: systemActor }, { prefixId: "px_pool" }),
      );
      rawTimes.push(performance.now() - start);
    }
    const rawCpu = process.cpuUsage(cpu1);
    // Every round trip of one more allocation through the service, timed (pg's Client.query is
    // where each one leaves; the mark is set).
    const steps: string[] = [];
    const query = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const text = typeof args[0] === "string" ? args[0] : String((args[0] as { text?: string })?.text ?? "");
      const start = performance.now();
      const out = (query as (...a: unknown[]) => unknown).apply(this, args);
      if (out && typeof (out as Promise<unknown>).then === "function")
        void (out as Promise<unknown>).then(
          () =>
            steps.push(
              `${text.replace(/\s+/g, " ").trim().slice(0, 60)}: ${(performance.now() - start).toFixed(1)} ms`,
            ),
          () => {},
        );
      return out;
    } as typeof query;
    const whole = performance.now();
    await withTenant("co_bench", (tx) =>
      allocation.allocateAddress({ tx, companyId: "co_bench", actor: systemActor }, { prefixId: "px_pool" }),
    );
    steps.push(`whole allocation, with the tenant transaction: ${(performance.now() - whole).toFixed(1)} ms`);
    pg.Client.prototype.query = query;

    const stats = (t: number[]) => {
      const sorted = [...t].sort((a, b) => a - b);
      return `median ${sorted[RUNS >> 1]!.toFixed(1)} ms, p95 ${sorted[Math.floor(RUNS * 0.95)]!.toFixed(1)} ms`;
    };
    const perRun = (c: NodeJS.CpuUsage) => `${((c.user + c.system) / 1000 / RUNS).toFixed(2)} ms Node CPU each`;
    const mark = (await admin.query(`SELECT host("allUsedBelow") AS m FROM "Prefix" WHERE id = 'px_pool'`)).rows[0].m;
    // The search is a database function (lastmile_ipam_first_free): its inner plans come from
    // auto_explain, sent to this session as LOG messages. As the owner, so without RLS's filter.
    const explain = async (from: string | null) => {
      const plans: string[] = [];
      const listen = (m: { message?: string }) => void plans.push(String(m.message ?? ""));
      admin.on("notice", listen);
      await admin.query(`LOAD 'auto_explain'`);
      await admin.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on;
                         SET auto_explain.log_buffers = on; SET auto_explain.log_nested_statements = on;
                         SET client_min_messages = log`);
      const sql = allocation.nextFreeAddressSql("co_bench", "10.200.0.0/16", null, from);
      await admin.query(sql.text, sql.values);
      await admin.query(`SET client_min_messages = notice; SET auto_explain.log_min_duration = -1`);
      admin.off("notice", listen);
      return plans.join("\n");
    };
    console.log(
      `used addresses in the /16: ${used}, seeded in one INSERT in ${seedMs.toFixed(0)} ms; the pool's mark after it: ${seededMark ?? "none"}`,
    );
    console.log(
      `load average: ${(await import("node:os"))
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      `allocateAddress (service, Prisma tenant transaction): ${stats(times)}, ${perRun(serviceCpu)}; the first ${first.toFixed(1)} ms`,
    );
    console.log(`the same statements on plain pg (withTenantSql): ${stats(rawTimes)}, ${perRun(rawCpu)}`);
    console.log(`one allocation, round trip by round trip:\n  ${steps.join("\n  ")}`);
    console.log(`gap search from the pool's low-water mark (${mark}):`);
    console.log(await explain(mark));
    console.log(`gap search without a mark (from the pool's first host, as when the mark is found after an import):`);
    console.log(await explain(null));
    await admin.end();
    await disconnectDb();
  } catch (err) {
    console.error(err);
    throw err;
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
