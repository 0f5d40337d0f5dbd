// Next-free delegated prefix (an IPv6 /56 per customer) from a /32 pool with BENCH_DELEGATIONS
// /56s already delegated (default 5,000, seeded by SQL in one statement) and 6,000 addresses
// outside the pool: times the search the service runs (nextFreePrefixSql) and prints its plan. With BENCH_BEFORE=1 it also times the
// search as it was before the ordered walk (kept below only for this comparison) on the same data.
// Results go in docs/BENCHMARKS.md.
//
//   npm run bench:ipam-delegation     (needs the PostgreSQL of TEST_DATABASE_URL, as the tests do)
import pg from "pg";
import { Prisma } from "../server/db/generated/prisma/client";
import { migrate } from "../server/db/migrate";
import { nextFreePrefixSql } from "../server/modules/ipam/allocation";
import { sameVrf } from "../server/modules/ipam/sql";
import { adminQuery, urlFor } from "../server/test/databases";

const DELEGATIONS = Number(process.env.BENCH_DELEGATIONS ?? 5_000);
const RUNS = 5;
const database = `lastmile_bench_ipam_delegation_${process.pid}`;
const pool = { id: "px_pool", prefix: "2001:db8::/32", vrfId: null };

/** The search before the ordered walk: every candidate slot against every child (NOT EXISTS). */
function enumeratedSlotsSql(companyId: string, p0: typeof pool, length: number) {
  const vrf = sameVrf(Prisma.sql`q."vrfId"`, p0.vrfId);
  return Prisma.sql`
    WITH p AS (
      SELECT ${p0.prefix}::inet AS net, masklen(${p0.prefix}::inet) AS len,
             CASE family(${p0.prefix}::inet) WHEN 4 THEN 32 ELSE 128 END AS maxlen
    ), taken AS (
      SELECT COALESCE(sum(CASE WHEN masklen(q.prefix) <= ${length} THEN power(2::numeric, ${length} - masklen(q.prefix)) ELSE 1 END), 0) AS n
        FROM "Prefix" q, p WHERE q."companyId" = ${companyId} AND ${vrf} AND q.prefix << p.net
    ), slots AS (
      SELECT i FROM p, taken, generate_series(0::numeric, LEAST(power(2::numeric, ${length} - p.len), taken.n + 1) - 1) AS i
    ), candidates AS (
      SELECT i, set_masklen(
               CASE WHEN p.maxlen = 128 AND ${length} <= 64
                    THEN p.net | regexp_replace(lpad(to_hex((i * power(2::numeric, 64 - ${length}))::bigint), 16, '0'),
                                                '(.{4})(.{4})(.{4})(.{4})', '\\1:\\2:\\3:\\4::')::inet
                    ELSE host(p.net)::inet + (i * power(2::numeric, p.maxlen - ${length}))::bigint END,
               ${length}) AS slot
        FROM slots, p
    )
    SELECT network(c.slot)::text AS prefix FROM candidates c
     WHERE NOT EXISTS (SELECT 1 FROM "Prefix" q, p WHERE q."companyId" = ${companyId} AND ${vrf}
                        AND q.prefix << p.net AND q.prefix && c.slot)
       AND NOT EXISTS (SELECT 1 FROM "IpAddress" q WHERE q."companyId" = ${companyId} AND ${vrf} AND q.address <<= c.slot)
     ORDER BY c.i LIMIT 1`;
}

async function main() {
  await adminQuery(`CREATE DATABASE "${database}"`);
  try {
    await migrate(urlFor(database), () => {});
    const db = new pg.Client({ connectionString: urlFor(database) });
    db.on("error", () => {});
    await db.connect();
    await db.query(`INSERT INTO "Company" (id, name, slug, currency, "timeZone", country, "updatedAt")
                    VALUES ('co_bench', 'Bench ISP', 'bench', 'KES', 'Africa/Nairobi', 'KE', now())`);
    await db.query(`INSERT INTO "Prefix" (id, "companyId", prefix, status, "isPool", "updatedAt")
                    VALUES ('px_pool', 'co_bench', '2001:db8::/32', 'ACTIVE', true, now())`);
    // /56 number i of the /32 is 2001:db8:HHHH:LL00::/56 (i's upper 16 bits, then its lower 8).
    const seedStart = performance.now();
    await db.query(
      `INSERT INTO "Prefix" (id, "companyId", prefix, status, "updatedAt")
       SELECT 'px' || i, 'co_bench', format('2001:db8:%s:%s00::/56', to_hex(i >> 8), to_hex(i & 255))::inet, 'ACTIVE', now()
         FROM generate_series(0, $1::int - 1) i`,
      [DELEGATIONS],
    );
    // The company's subscribers' addresses elsewhere in the same (global) table, as in the case
    // that took 287 s: outside the pool, so only an index range read should ever touch them.
    await db.query(
      `INSERT INTO "IpAddress" (id, "companyId", address, status, "updatedAt")
       SELECT 'ip' || i, 'co_bench', '10.80.0.0'::inet + i, 'ACTIVE', now() FROM generate_series(1, 6000) i`,
    );
    console.log(
      `seeded ${DELEGATIONS} /56s in 2001:db8::/32 (and 6,000 IPv4 addresses outside it) in ${(performance.now() - seedStart).toFixed(0)} ms`,
    );
    await db.query(`ANALYZE "Prefix"; ANALYZE "IpAddress"`);

    const time = async (label: string, sql: Prisma.Sql, runs: number) => {
      const ms: number[] = [];
      let answer = "";
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        answer = (await db.query(sql.text, sql.values as unknown[])).rows[0]?.prefix;
        ms.push(performance.now() - t);
      }
      ms.sort((a, b) => a - b);
      console.log(
        `${label}: ${answer}; median ${ms[ms.length >> 1].toFixed(1)} ms of ${runs} (min ${ms[0].toFixed(1)}, max ${ms[ms.length - 1].toFixed(1)})`,
      );
    };
    await time("ordered walk (now)", nextFreePrefixSql("co_bench", pool, 56), RUNS);
    const plan = nextFreePrefixSql("co_bench", pool, 56);
    const explained = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${plan.text}`, plan.values as unknown[]);
    console.log(explained.rows.map((r) => r["QUERY PLAN"]).join("\n"));
    if (process.env.BENCH_BEFORE === "1")
      await time("enumerated slots (before)", enumeratedSlotsSql("co_bench", pool, 56), 1);
    const [load] = (await import("node:os")).loadavg();
    console.log(`load average (1 min) at the end: ${load.toFixed(2)}`);
    await db.end();
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
