// One billing run at scale: seeds BENCH_ROWS active subscriptions (default 100,000) for 80 % as
// many customers into a scratch company of a scratch database, across four packages with excise
// duty and compound VAT, a promotional price, a volume discount, a quarterly cycle and a data cap
// that 30 % of its subscribers went over last month, then times one billing run end to end
// (periods claimed, invoices numbered, lines and their taxes written, audit entries). It then
// copies the very rows the run wrote into empty copies of the same tables with PostgreSQL's COPY
// (psql \copy, the fastest way in) and prints the ratio. Results go in docs/BENCHMARKS.md.
//
// The run's events go where production sends them, to Inngest's event API: here a local stand-in
// that accepts them the way Inngest does (POST /e/<key>, an id per event) and counts them, so the
// time includes sending them and the bench checks that every invoice was announced exactly once.
//
//   npm run bench:billing              (needs the PostgreSQL of TEST_DATABASE_URL, as the tests do)
//   BENCH_ROWS=20000 npm run bench:billing
//   BENCH_BATCH=1000                customers per transaction (the run's default otherwise)
//   BENCH_CPU_PROF=run.cpuprofile   a V8 CPU profile of the run alone (not the seeding or COPY)
//   BENCH_AUTO_EXPLAIN=30           every statement of the run over 30 ms, with its plan and its
//                                   triggers' time, in PostgreSQL's log (auto_explain)
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import inspector from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "../server/db/migrate";
import { adminQuery, urlFor } from "../server/test/databases";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const CUSTOMERS = Math.ceil(ROWS * 0.8);
/** Customers per transaction; the run's own default when unset. */
const BATCH = process.env.BENCH_BATCH ? Number(process.env.BENCH_BATCH) : undefined;
const RUN_DATE = "2026-03-01";
const database = `lastmile_bench_billing_${process.pid}`;
const COPIED = ["Invoice", "InvoiceLine", "InvoiceLineTax", "BillingPeriod", "AuditEntry"] as const;

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * CPU time (ms) used so far by each PostgreSQL backend connected to `db`, by pid, from /proc
 * (Linux; empty elsewhere). The difference over the run is the database's share of the work,
 * which moves far less with the machine's load than wall time does.
 */
function backendCpu(db: string): Map<number, number> {
  const used = new Map<number, number>();
  let pids: string[] = [];
  try {
    pids = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return used;
  }
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  for (const pid of pids) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmdline.startsWith("postgres: ") || !cmdline.includes(` ${db} `)) continue;
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      used.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * tick);
    } catch {
      // The process ended meanwhile.
    }
  }
  return used;
}
function backendCpuSince(db: string, before: Map<number, number>): number {
  let ms = 0;
  for (const [pid, now] of backendCpu(db)) ms += now - (before.get(pid) ?? 0);
  return ms;
}

// Inngest's event API, as far as sending goes: it answers each POST /e/<key> with an id per event
// and GET /received with every event id received, by name. In a process of its own, so that its
// work is not counted as the run's (Inngest is another machine in production).
const EVENT_API = `
const http = require("node:http");
const received = {};
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    res.setHeader("content-type", "application/json");
    if (req.method === "GET") return res.end(JSON.stringify(received));
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const events = Array.isArray(body) ? body : [body];
    for (const name of new Set(events.map((e) => e.name))) (received[name] ??= { requests: 0, ids: [] }).requests++;
    for (const e of events) received[e.name].ids.push(e.id ?? "");
    res.end(JSON.stringify({ ids: events.map((_, i) => "evt-" + i), status: 200 }));
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

async function fakeEventApi() {
  const child = spawn(process.execPath, ["-e", EVENT_API], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) =>
    child.stdout.once("data", (d: Buffer) => resolve(d.toString().trim())),
  );
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    received: async () => (await (await fetch(url)).json()) as Record<string, { requests: number; ids: string[] }>,
    close: () => child.kill(),
  };
}

async function main() {
  await adminQuery(`CREATE DATABASE "${database}"`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-billing-"));
  const events = await fakeEventApi();
  process.env.INNGEST_EVENT_KEY = "bench";
  process.env.INNGEST_EVENT_API_BASE_URL = events.url;
  try {
    await migrate(urlFor(database), () => {});
    process.env.DATABASE_URL = urlFor(database);
    process.env.APP_DATABASE_URL = urlFor(database, "lastmile_app");
    const { resetEnvCache } = await import("../server/lib/env");
    resetEnvCache();
    const companies = await import("../server/modules/companies/service");
    const settings = await import("../server/modules/billing/settings");
    const taxes = await import("../server/modules/billing/taxes");
    const { run } = await import("../server/modules/billing/run");
    const { withTenant } = await import("../server/db/tenant");
    const { disconnectDb } = await import("../server/db/client");

    const { company } = await companies.register(
      {
        name: "Bench ISP",
        slug: `bench-billing-${process.pid}`,
        currency: "KES",
        timeZone: "Africa/Nairobi",
        country: "KE",
        adminName: "Bench",
        adminEmail: "bench@bench.test",
        password: "Bench-password-123",
      },
      { label: "bench" },
    );
    const actor = { type: "SYSTEM" as const, label: "bench" };
    await withTenant(company.id, async (tx) => {
      const scope = { tx, companyId: company.id, actor };
      await settings.update(scope, {
        invoicePrefix: "INV-",
        paymentTermsDays: 14,
        taxMode: "EXCLUSIVE",
        roundingMode: "HALF_UP",
        cycleAlignment: "CALENDAR",
        suspendedBilling: "BILL",
        taxRegistrationNumber: "P051234567X",
      });
      await taxes.create(scope, { name: "Excise duty", rateBps: 2_000, taxCategory: "STANDARD" });
      await taxes.create(scope, { name: "VAT", rateBps: 1_600, taxCategory: "STANDARD", compound: true });
    });

    // Seeding in SQL (owner connection).
    const owner = new pg.Client({ connectionString: urlFor(database) });
    await owner.connect();
    const seeded = await time(async () => {
      await owner.query(
        `INSERT INTO "Package" (id, "companyId", name, code, type, "downloadKbps", "uploadKbps", "billingCycle", "priceMinor",
                                "taxCategory", "promoPriceMinor", "promoCycles", "volumeDiscounts", "dataCapMb", "overagePerGbMinor", "updatedAt")
         VALUES ('pkg-home10', $1, 'Home 10', 'HOME10', 'PPPOE', 10000, 5000, 'MONTHLY', 250000, 'STANDARD', NULL, NULL, '[]', 102400, 5000, now()),
                ('pkg-home20', $1, 'Home 20', 'HOME20', 'PPPOE', 20000, 10000, 'MONTHLY', 350000, 'STANDARD', 250000, 6, '[]', NULL, NULL, now()),
                ('pkg-biz50', $1, 'Business 50', 'BIZ50', 'PPPOE', 50000, 50000, 'MONTHLY', 900000, 'STANDARD', NULL, NULL,
                 '[{"minQuantity": 3, "discountBps": 500}]', NULL, NULL, now()),
                ('pkg-fibre100q', $1, 'Fibre 100 quarterly', 'FIB100Q', 'PPPOE', 100000, 50000, 'QUARTERLY', 1800000, 'STANDARD', NULL, NULL, '[]', NULL, NULL, now())`,
        [company.id],
      );
      await owner.query(
        `INSERT INTO "Customer" (id, "companyId", "accountNumber", status, "firstName", "lastName", "searchText", "updatedAt")
         SELECT 'cust' || lpad(n::text, 7, '0'), $1, n, 'ACTIVE', 'Jane', 'Wanjiru ' || n, 'jane wanjiru ' || n, now()
         FROM generate_series(1, $2::int) AS n`,
        [company.id, CUSTOMERS],
      );
      await owner.query(
        `INSERT INTO "CompanyCounter" ("companyId", name, value) VALUES ($1, 'account', $2)
         ON CONFLICT ("companyId", name) DO UPDATE SET value = EXCLUDED.value`,
        [company.id, CUSTOMERS],
      );
      // Packages in turn; starts from September 2025 to February 2026 (so some are still on the
      // promotional price); every fifth business line has 3 seats (volume discount).
      await owner.query(
        `INSERT INTO "Subscription" (id, "companyId", "customerId", "packageId", status, quantity, "startDate", provisioning, "updatedAt")
         SELECT 'sub' || lpad(n::text, 7, '0'), $1, 'cust' || lpad((1 + n % $3::int)::text, 7, '0'),
                (ARRAY['pkg-home10','pkg-home20','pkg-biz50','pkg-fibre100q'])[1 + n % 4], 'ACTIVE',
                CASE WHEN n % 4 = 2 AND n % 5 = 0 THEN 3 ELSE 1 END,
                CASE WHEN n % 4 = 3 THEN date '2025-10-01' ELSE date '2025-09-01' + (n % 6) * interval '1 month' END,
                'PROVISIONED', now()
         FROM generate_series(1, $2::int) AS n`,
        [company.id, ROWS, CUSTOMERS],
      );
      // February's invoices, as the company's last run wrote them: one per customer, a line per
      // subscription with its VAT. Production tables are never empty when a run starts, and an
      // empty-but-analysed Invoice table makes the run's foreign-key checks pick a plan that reads
      // the company's invoices one by one (see docs/BENCHMARKS.md, 2026-12-03).
      await owner.query(
        `INSERT INTO "Invoice" (id, "companyId", "customerId", number, prefix, status, currency, "issueDate", "dueDate",
                                "periodStart", "periodEnd", "taxMode", "roundingMode", "subtotalMinor", "taxMinor",
                                "totalMinor", "amountPaidMinor", "updatedAt")
         SELECT 'feb-' || c.id, c."companyId", c.id, c."accountNumber", 'INV-', 'PAID', 'KES', date '2026-02-01',
                date '2026-02-15', date '2026-02-01', date '2026-02-28', 'EXCLUSIVE', 'HALF_UP', 250000, 40000, 290000,
                290000, now()
         FROM "Customer" c WHERE c."companyId" = $1`,
        [company.id],
      );
      await owner.query(
        `INSERT INTO "InvoiceLine" (id, "companyId", "invoiceId", position, kind, description, "subscriptionId", "packageId",
                                    "periodStart", "periodEnd", quantity, "unitPriceMinor", "grossMinor", "netMinor",
                                    "taxMinor", "totalMinor", rule)
         SELECT 'feb-' || s.id, s."companyId", 'feb-' || s."customerId",
                row_number() OVER (PARTITION BY s."customerId" ORDER BY s.id), 'RECURRING', 'February', s.id,
                s."packageId", date '2026-02-01', date '2026-02-28', 1, 250000, 250000, 250000, 40000, 290000, 'monthly'
         FROM "Subscription" s WHERE s."companyId" = $1`,
        [company.id],
      );
      await owner.query(
        `INSERT INTO "InvoiceLineTax" (id, "companyId", "invoiceId", "lineId", name, "rateBps", "taxableMinor", "taxMinor")
         SELECT 'feb-' || l.id, l."companyId", l."invoiceId", l.id, 'VAT', 1600, 250000, 40000
         FROM "InvoiceLine" l WHERE l."companyId" = $1`,
        [company.id],
      );
      await owner.query(
        `INSERT INTO "CompanyCounter" ("companyId", name, value) VALUES ($1, 'invoice', $2)
         ON CONFLICT ("companyId", name) DO UPDATE SET value = EXCLUDED.value`,
        [company.id, CUSTOMERS],
      );
      // Billed up to the end of February (the quarterly ones to the end of December: their next
      // quarter starts on 1 January and is due too).
      await owner.query(
        `INSERT INTO "BillingPeriod" (id, "companyId", "subscriptionId", "periodStart", "periodEnd")
         SELECT 'bp-' || s.id, s."companyId", s.id,
                CASE WHEN s."packageId" = 'pkg-fibre100q' THEN date '2025-10-01' ELSE date '2026-02-01' END,
                CASE WHEN s."packageId" = 'pkg-fibre100q' THEN date '2025-12-31' ELSE date '2026-02-28' END
         FROM "Subscription" s WHERE s."companyId" = $1`,
        [company.id],
      );
      // February's usage of the capped package (100 GB): 30 % went over, by up to 20 GB.
      await owner.query(
        `INSERT INTO "UsageDaily" ("companyId", "subscriptionId", day, "downloadBytes", "uploadBytes")
         SELECT s."companyId", s.id, date '2026-02-15',
                CASE WHEN hashtext(s.id) % 10 < 3 THEN (100 * 1024 + abs(hashtext(s.id)) % 20480)::bigint ELSE 60 * 1024 END * 1048576,
                1048576
         FROM "Subscription" s WHERE s."companyId" = $1 AND s."packageId" = 'pkg-home10'`,
        [company.id],
      );
      await owner.query(`ANALYZE`);
    });
    console.log(`Seeded ${ROWS} subscriptions for ${CUSTOMERS} customers in ${seconds(seeded.ms)}`);
    // The seed's ~600,000 rows (and the scratch database's creation) leave dirty pages and WAL
    // behind; without a checkpoint here the timed run pays for writing them out, more or less
    // depending on where the server's own checkpoint falls. A production run meets history that
    // was written out long ago, so the run starts from a clean checkpoint (it needs superuser,
    // as the bench's owner connection has).
    await owner.query(`CHECKPOINT`);

    if (process.env.BENCH_AUTO_EXPLAIN) {
      // New sessions of the scratch database only (the pool connects after this).
      await owner.query(`ALTER DATABASE "${database}" SET session_preload_libraries = 'auto_explain'`);
      for (const [name, value] of [
        ["auto_explain.log_min_duration", process.env.BENCH_AUTO_EXPLAIN],
        ["auto_explain.log_analyze", "on"],
        ["auto_explain.log_triggers", "on"],
        ["auto_explain.log_nested_statements", "on"],
      ])
        await owner.query(`ALTER DATABASE "${database}" SET ${name} = '${value}'`);
    }
    const profiler = process.env.BENCH_CPU_PROF ? new inspector.Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
    }
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 200);
    const cpuBefore = process.cpuUsage();
    const pgBefore = backendCpu(database);
    const billed = await time(() => run(company.id, { date: RUN_DATE, trigger: "MANUAL", actor, batchSize: BATCH }));
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpu = backendCpuSince(database, pgBefore);
    clearInterval(sampler);
    if (profiler) {
      const { profile } = await profiler.post("Profiler.stop");
      fs.writeFileSync(process.env.BENCH_CPU_PROF!, JSON.stringify(profile));
      profiler.disconnect();
    }
    const result = billed.result;
    console.log(
      `Billing run: ${result.invoicesCreated} invoices, ${result.periodsBilled} periods, ${result.failureCount} failures, total ${result.totalMinor} minor units in ${seconds(billed.ms)} (this process's CPU: ${seconds((cpu.user + cpu.system) / 1000)}, PostgreSQL backends' CPU: ${seconds(pgCpu)})`,
    );
    // Statistics of the tables as the run left them (autovacuum may be off): planned on the ones
    // from before the run, the digest below took minutes once the run's ids sorted after
    // February's.
    await owner.query(`ANALYZE ${COPIED.map((t) => `"${t}"`).join(", ")}`);
    // What the run wrote, as a digest of every row without its ids and times (a tax's rate by its
    // name: the rates' ids differ from one scratch database to the next), by table: two versions
    // of the run that print the same digests wrote the same invoices, numbers, lines, taxes,
    // periods and audit entries.
    const digest = await owner.query<{ digest: string }>(
      `SELECT string_agg(kind || ' ' || digest, ', ' ORDER BY kind) AS digest FROM (
       SELECT left(x, 1) AS kind, left(md5(string_agg(x, E'\n' ORDER BY x)), 12) AS digest FROM (
         SELECT concat_ws('|', 'I', "customerId", number, prefix, status, "issueDate", "dueDate", "periodStart",
                          "periodEnd", "taxMode", "roundingMode", "subtotalMinor", "discountMinor", "taxMinor",
                          "totalMinor", "amountPaidMinor", "creditedMinor", "companyTaxNumber", "customerTaxNumberSealed") AS x
         FROM "Invoice" WHERE "billingRunId" = $1
         UNION ALL
         SELECT concat_ws('|', 'L', i.number, l.position, l.kind, l.description, l."subscriptionId", l."packageId",
                          l."periodStart", l."periodEnd", l.quantity, l."unitPriceMinor", l."grossMinor", l."discountBps",
                          l."discountMinor", l."netMinor", l."taxMinor", l."totalMinor", l."usedMb", l."includedMb", l.rule)
         FROM "InvoiceLine" l JOIN "Invoice" i ON i.id = l."invoiceId" WHERE i."billingRunId" = $1
         UNION ALL
         SELECT concat_ws('|', 'T', i.number, l.position, r.name, t.name, t."rateBps", t."taxableMinor", t."taxMinor")
         FROM "InvoiceLineTax" t JOIN "InvoiceLine" l ON l.id = t."lineId" JOIN "Invoice" i ON i.id = t."invoiceId"
         LEFT JOIN "TaxRate" r ON r.id = t."taxRateId"
         WHERE i."billingRunId" = $1
         UNION ALL
         SELECT concat_ws('|', 'P', p."subscriptionId", p."periodStart", p."periodEnd", p."skippedReason", i.number)
         FROM "BillingPeriod" p LEFT JOIN "Invoice" i ON i.id = p."invoiceId" WHERE p."billingRunId" = $1
         UNION ALL
         SELECT concat_ws('|', 'A', a."actorType", a."actorLabel", a.action, a."entityType", i.number,
                          (a.after - 'billingRunId')::text)
         FROM "AuditEntry" a JOIN "Invoice" i ON i.id = a."entityId" WHERE i."billingRunId" = $1
       ) rows GROUP BY left(x, 1)) kinds`,
      [result.id],
    );
    console.log(`Digest of the rows written (without ids and times): ${digest.rows[0]?.digest}`);
    const received = await events.received();
    const issued = received["billing/invoice.issued"] ?? { requests: 0, ids: [] };
    const announced = new Set(issued.ids).size;
    console.log(
      `Events: ${Object.entries(received)
        .map(([name, e]) => `${name} ${e.ids.length} in ${e.requests} requests`)
        .join(", ")}`,
    );
    if (result.failureCount > 0 || announced !== result.invoicesCreated || issued.ids.length !== announced)
      throw new Error(
        `Expected no failures and one invoice.issued event per invoice: ${result.failureCount} failures, ${issued.ids.length} events for ${announced} ids, ${result.invoicesCreated} invoices`,
      );

    // The rows the run wrote, copied with COPY into empty copies of the same tables (indexes,
    // constraints and all), all in one psql session.
    const counts: Record<string, number> = {};
    for (const table of COPIED) {
      const file = path.join(dir, `${table}.copy`);
      // This run's rows only (not February's, seeded above).
      const where = {
        BillingPeriod: `WHERE "billingRunId" = '${result.id}'`,
        Invoice: `WHERE "billingRunId" = '${result.id}'`,
        InvoiceLine: `WHERE "invoiceId" NOT LIKE 'feb-%'`,
        InvoiceLineTax: `WHERE "invoiceId" NOT LIKE 'feb-%'`,
        AuditEntry: "",
      }[table];
      execFileSync("psql", [urlFor(database), "-qc", `\\copy (SELECT * FROM "${table}" ${where}) TO '${file}'`]);
      counts[table] = fs.readFileSync(file, "utf8").split("\n").length - 1;
      await owner.query(
        `CREATE TABLE "copy_${table}" (LIKE "${table}" INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`,
      );
    }
    const script = COPIED.map((t) => `\\copy "copy_${t}" FROM '${path.join(dir, `${t}.copy`)}'`).join("\n");
    fs.writeFileSync(path.join(dir, "copy.sql"), `BEGIN;\n${script}\nCOMMIT;\n`);
    const copied = await time(async () =>
      execFileSync("psql", [urlFor(database), "-q", "-v", "ON_ERROR_STOP=1", "-f", path.join(dir, "copy.sql")]),
    );
    await owner.end();
    await disconnectDb();

    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(
      `\nMachine: ${os.cpus()[0]?.model ?? "unknown"} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}; ${new Date().toISOString()}`,
    );
    console.log(
      `Rows written: ${Object.entries(counts)
        .map(([t, n]) => `${t} ${n}`)
        .join(", ")} (${rows} in all)`,
    );
    console.log(
      `| subscriptions | invoices | rows written | billing run | COPY of the same rows | ratio | RSS peak − start |\n|---:|---:|---:|---:|---:|---:|---:|\n| ${ROWS} | ${result.invoicesCreated} | ${rows} | ${seconds(billed.ms)} | ${seconds(copied.ms)} | ${(billed.ms / copied.ms).toFixed(1)}× | ${Math.round((rssPeak - rssBefore) / 2 ** 20)} MiB |`,
    );
  } finally {
    events.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

await main();
