// Next-free allocation in a pool /16 with BENCH_ROWS addresses used (default 60,000): seeds a
// scratch company in a scratch database with the used addresses (with a few gaps, so the search
// has to walk), then times allocations through the service (lock, gap query, insert, audit,
// history) and the bare gap query with EXPLAIN ANALYZE. Results go in docs/BENCHMARKS.md.
//
//   npm run bench:ipam              (needs the PostgreSQL of TEST_DATABASE_URL, as the tests do)
import pg from "pg";
import { migrate } from "../server/db/migrate";
import { adminQuery, urlFor } from "../server/test/databases";

const ROWS = Number(process.env.BENCH_ROWS ?? 60_000);
const RUNS = 50;
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
    // ROWS used addresses from 10.200.0.1 up, leaving every 1000th free near the end so the
    // first gap sits deep in the pool (the worst case short of a full scan to the last address).
    await admin.query(
      `INSERT INTO "IpAddress" (id, "companyId", address, status, "updatedAt")
       SELECT 'ip' || i, 'co_bench', '10.200.0.0'::inet + i, 'ACTIVE', now()
         FROM generate_series(1, $1::int + ${RUNS}) i
        WHERE NOT (i > $1::int - ${RUNS} * 10 AND i % 10 = 0)`,
      [ROWS],
    );
    await admin.query(`ANALYZE "IpAddress"`);
    const used = (await admin.query(`SELECT count(*)::int AS n FROM "IpAddress"`)).rows[0].n;

    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await withTenant("co_bench", (tx) =>
        allocation.allocateAddress({ tx, companyId: "co_bench", actor: systemActor }, { prefixId: "px_pool" }),
      );
      times.push(performance.now() - start);
    }
    // Where one more allocation's time goes: every statement it sends, timed (the mark is set).
    const steps: string[] = [];
    const timed = <T extends object>(target: T, label: string): T =>
      new Proxy(target, {
        get(t, key, receiver) {
          const v = Reflect.get(t, key, receiver);
          if (typeof key !== "string") return v;
          if (typeof v === "function")
            return async (...args: unknown[]) => {
              const start = performance.now();
              const out = await (v as (...a: unknown[]) => Promise<unknown>).apply(t, args);
              const sql = key.startsWith("$") && args[0] && typeof args[0] === "object" && "strings" in args[0];
              const what = sql
                ? String((args[0] as { strings: string[] }).strings[0])
                    .trim()
                    .slice(0, 40)
                : "";
              steps.push(`${label}${key} ${what}: ${(performance.now() - start).toFixed(1)} ms`);
              return out;
            };
          if (v && typeof v === "object" && !key.startsWith("$") && !key.startsWith("_")) return timed(v, `${key}.`);
          return v;
        },
      });
    const whole = performance.now();
    await withTenant("co_bench", (tx) =>
      allocation.allocateAddress(
        { tx: timed(tx, ""), companyId: "co_bench", actor: systemActor },
        { prefixId: "px_pool" },
      ),
    );
    steps.push(`whole allocation, with the tenant transaction: ${(performance.now() - whole).toFixed(1)} ms`);

    // The first allocation has no low-water mark yet (the addresses were inserted behind the
    // service's back, as an import would): it walks from the pool's first host. The rest start
    // from the mark the one before left.
    const first = times[0]!;
    times.sort((a, b) => a - b);
    const mark = (await admin.query(`SELECT host("allUsedBelow") AS m FROM "Prefix" WHERE id = 'px_pool'`)).rows[0].m;
    const explain = async (from: string | null) => {
      const sql = allocation.nextFreeAddressSql("co_bench", "10.200.0.0/16", null, from);
      const plan = await withTenant("co_bench", (tx) =>
        tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, ...sql.values),
      );
      return plan.map((r) => r["QUERY PLAN"]).join("\n");
    };
    console.log(`used addresses in the /16: ${used}`);
    console.log(
      `load average: ${(await import("node:os"))
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      `allocateAddress (service, one transaction): median ${times[RUNS >> 1]!.toFixed(1)} ms, p95 ${times[Math.floor(RUNS * 0.95)]!.toFixed(1)} ms; the first (no mark yet) ${first.toFixed(1)} ms`,
    );
    console.log(`one allocation, statement by statement:\n  ${steps.join("\n  ")}`);
    console.log(`gap query from the pool's low-water mark (${mark}):`);
    console.log(await explain(mark));
    console.log(`gap query without a mark (from the pool's first host):`);
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
