// Customer search at scale: seeds BENCH_ROWS customers (default 100,000) into a scratch company
// of a scratch database, then times the service's search (customers.list: ids from
// lastmile_customer_search(), then count + page under RLS) against raw SQL: the plain ILIKE as
// the app role (RLS on), the search function alone, and the ILIKE as the superuser (no RLS).
// Results go in docs/BENCHMARKS.md.
//
//   npm run bench:customers            (needs the PostgreSQL of TEST_DATABASE_URL, as the tests do)
//   BENCH_ROWS=20000 npm run bench:customers
import os from "node:os";
import pg from "pg";
import { migrate } from "../server/db/migrate";
import { adminQuery, urlFor } from "../server/test/databases";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = 7;
const TERMS = ["wanjiru 4", "722 12", "acc-0042", "kisumu", "zzz-nothing"];
const database = `lastmile_bench_${process.pid}`;

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  await adminQuery(`CREATE DATABASE "${database}"`);
  try {
    await migrate(urlFor(database), () => {});
    process.env.DATABASE_URL = urlFor(database);
    process.env.APP_DATABASE_URL = urlFor(database, "lastmile_app");
    const { resetEnvCache } = await import("../server/lib/env");
    resetEnvCache();
    const companies = await import("../server/modules/companies/service");
    const customers = await import("../server/modules/customers/service");
    const { withTenant } = await import("../server/db/tenant");
    const { disconnectDb } = await import("../server/db/client");

    const { company } = await companies.register(
      {
        name: "Bench ISP",
        slug: `bench-${process.pid}`,
        currency: "KES",
        timeZone: "Africa/Nairobi",
        country: "KE",
        adminName: "Bench",
        adminEmail: "bench@bench.test",
        password: "Bench-password-123",
      },
      { label: "bench" },
    );

    // Seeding in SQL (owner connection): the search text is built exactly like searchTextOf().
    const owner = new pg.Client({ connectionString: urlFor(database) });
    await owner.connect();
    const seeded = await time(() =>
      owner.query(
        `INSERT INTO "Customer" (id, "companyId", "accountNumber", "firstName", "lastName", email, phone, "serviceAddress", "searchText", "updatedAt")
         SELECT 'bench' || n, $1, n, 'Jane', 'Wanjiru ' || n, 'jane' || n || '@example.com',
                '+254 722 ' || lpad((n % 1000)::text, 3, '0') || ' ' || lpad((n / 1000)::text, 3, '0'),
                n || ' ' || (ARRAY['Ngong Road','Kisumu Road','Moi Avenue','Thika Road'])[1 + n % 4] || ', Nairobi',
                lower('Jane Wanjiru ' || n || ' ACC-' || lpad(n::text, 6, '0') || ' jane' || n || '@example.com +254 722 ' ||
                      lpad((n % 1000)::text, 3, '0') || ' ' || lpad((n / 1000)::text, 3, '0') || ' 254722' || lpad((n % 1000)::text, 3, '0') || lpad((n / 1000)::text, 3, '0') || ' ' ||
                      n || ' ' || (ARRAY['Ngong Road','Kisumu Road','Moi Avenue','Thika Road'])[1 + n % 4] || ', Nairobi'),
                now()
         FROM generate_series(1, $2::int) AS n`,
        [company.id, ROWS],
      ),
    );
    await owner.query(`ANALYZE "Customer"`);
    console.log(`Seeded ${ROWS} customers in ${(seeded.ms / 1000).toFixed(1)} s`);

    const scope = (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => ({
      tx,
      companyId: company.id,
      actor: { type: "SYSTEM" as const },
    });
    const lines: string[] = [];
    for (const term of TERMS) {
      const service: number[] = [];
      const raw: number[] = [];
      const bypass: number[] = [];
      const fn: number[] = [];
      let total = 0;
      let capped = false;
      for (let i = 0; i < RUNS; i++) {
        const s = await time(() =>
          withTenant(company.id, (tx) => customers.list(scope(tx), { search: term, pageSize: 25 })),
        );
        service.push(s.ms);
        total = s.result.total;
        capped = s.result.capped;
        const f = await time(() =>
          withTenant(company.id, (tx) => tx.$queryRaw`SELECT id FROM lastmile_customer_search(${term}, 1001)`),
        );
        fn.push(f.ms);
        const r = await time(() =>
          withTenant(
            company.id,
            (tx) =>
              tx.$queryRaw`SELECT id FROM "Customer" WHERE "searchText" ILIKE ${`%${term}%`} ORDER BY "createdAt" DESC LIMIT 25`,
          ),
        );
        raw.push(r.ms);
        // The same page as the superuser, which bypasses row-level security: what the index alone does.
        const o = await time(() =>
          owner.query(
            `SELECT id FROM "Customer" WHERE "companyId" = $1 AND "searchText" ILIKE $2 ORDER BY "createdAt" DESC LIMIT 25`,
            [company.id, `%${term}%`],
          ),
        );
        bypass.push(o.ms);
      }
      lines.push(
        `| \`${term}\` | ${total}${capped ? " (capped)" : ""} | ${median(service).toFixed(1)} | ${median(fn).toFixed(1)} | ${median(raw).toFixed(1)} | ${median(bypass).toFixed(1)} |`,
      );
    }
    // The plans as the application sees them: role lastmile_app, RLS on, the company setting set.
    const plans: string[] = [];
    for (const [label, sql] of [
      ["count, selective term", `SELECT count(*) FROM "Customer" WHERE "searchText" ILIKE '%acc-0042%'`],
      [
        "page, selective term",
        `SELECT id FROM "Customer" WHERE "searchText" ILIKE '%acc-0042%' ORDER BY "createdAt" DESC LIMIT 25`,
      ],
    ]) {
      await owner.query("BEGIN");
      await owner.query(`SELECT set_config('app.company_id', $1, true)`, [company.id]);
      await owner.query("SET LOCAL ROLE lastmile_app");
      const r = await owner.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`);
      await owner.query("ROLLBACK");
      plans.push(`${label}:\n` + r.rows.map((x) => `    ${x["QUERY PLAN"]}`).join("\n"));
    }
    const ownerPlan = await owner.query(
      `EXPLAIN (ANALYZE, COSTS OFF) SELECT id FROM "Customer" WHERE "companyId" = $1 AND "searchText" ILIKE '%acc-0042%' ORDER BY "createdAt" DESC LIMIT 25`,
      [company.id],
    );
    plans.push(
      "page, selective term, superuser (no RLS):\n" + ownerPlan.rows.map((x) => `    ${x["QUERY PLAN"]}`).join("\n"),
    );
    const plan = { rows: [{ "QUERY PLAN": plans.join("\n") }] };
    await owner.end();
    await disconnectDb();

    console.log(
      `\nMachine: ${os.cpus()[0]?.model ?? "unknown"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; ${new Date().toISOString()}`,
    );
    console.log(
      `Median of ${RUNS} runs, ms (service = ids from the search function + count + page of 25 through Prisma in a tenant transaction; raw = page of 25 only):\n`,
    );
    console.log(
      "| term | matches | service (ms) | search function alone, app role (ms) | raw ILIKE, app role + RLS (ms) | raw ILIKE, superuser, no RLS (ms) |\n|---|---:|---:|---:|---:|---:|\n" +
        lines.join("\n"),
    );
    console.log("\nPlans:\n" + plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

await main();
