// `npx tsx bench/ingest-app.ts [--dir <checkout>] [--profile <folder>]`: the app's own RADIUS
// path, without FreeRADIUS. Starts bench/ingest-server.ts (the route handlers behind a plain
// HTTP server) on a fresh PostgreSQL database, then drives it over loopback with keep-alive:
//   • accounting: SESSIONS sessions, each a Start, eight Interim-Updates and a Stop, sent phase by
//     phase as NASes do, 32 requests in flight; requests/s and latency percentiles;
//   • authorize: 3,000 Access-Request lookups, 32 in flight;
//   • the batch endpoint (when the checkout has it): the same kind of records, 5,000 a request,
//     timed twice: cold (the first batches the fresh server sees) and warm (after
//     BENCH_WARM_RECORDS more records, default 40,000, on other sessions, untimed; BENCH_WARM_TIMED
//     records timed, default 20,000); with
//     BENCH_FORWARDERS=n, n senders at once, each with its own sessions.
// --dir runs another checkout's handlers (e.g. a worktree of the commit before a change) with
// this load, so before and after are measured in the same conditions. --profile writes the
// server's CPU profile (node --cpu-prof) there; --only accounting,authorize,batch runs those
// phases alone (a profile of one kind of request). BENCH_REGISTER_NAS=1 registers the load's NAS
// (10.0.0.1) first, so the unknown-NAS check is active on every request; BENCH_PORT sets the
// server's port (default: any free one); BENCH_NODE_FLAGS adds flags to the server's node
// (e.g. "--max-semi-space-size=32"), BENCH_SERVER_OUTPUT appends the server's output (its
// --trace-gc lines among it) to that file. Each timed phase reports the server's major garbage
// collections in it and its page faults per record beside the CPU. Prints the load average with
// every number: the machine is shared. Not a test: nothing is asserted.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { BATCH_LOAD_RECORDS, drive, poster, sendBatches, sessionRecords } from "./accounting-load";
import { backendsCpuMs, backendsSpent, treeCpuMs, treeFaults } from "./cpu";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dir = path.resolve(arg("--dir") ?? path.join(import.meta.dirname, ".."));
const profile = arg("--profile");
const only = new Set((arg("--only") ?? "accounting,authorize,batch").split(","));
const SESSIONS = Number(process.env.SESSIONS ?? 600);
const IN_FLIGHT = 32;
/** Batch senders at once, each with its own sessions (BENCH_FORWARDERS, default 1). */
const FORWARDERS = Number(process.env.BENCH_FORWARDERS ?? 1);
/** Batch records applied untimed between the cold and the warm batch runs (BENCH_WARM_RECORDS, a multiple of 20,000). */
const WARM_RECORDS = Number(process.env.BENCH_WARM_RECORDS ?? 40_000);
/**
 * Batch records timed warm (BENCH_WARM_TIMED, a multiple of 20,000; default 20,000). The server
 * goes through a major garbage collection about every 60,000 records; a window of 20,000 holds
 * one or none, a longer one its share.
 */
const WARM_TIMED = Number(process.env.BENCH_WARM_TIMED ?? 20_000);
const admin = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const database = `lastmile_bench_ingest_${process.pid}`;

const client = new pg.Client({ connectionString: admin });
await client.connect();
await client.query(`CREATE DATABASE "${database}"`);
const url = new URL(admin);
url.pathname = `/${database}`;

const startedAt = new Date().toISOString();
/**
 * When the server's major garbage collections (Mark-Compact, from --trace-gc) ended, in ms since
 * its start. One marks the whole live heap (about 110 MB in this server): with one forwarder the
 * server goes through one every 12 or so batch requests, and whether it falls in a timed phase
 * changes that phase's Node CPU by about 10 µs a record.
 */
const majorGcs: number[] = [];
const spawnedAt = performance.now();
const server = spawn(
  process.execPath,
  [
    ...(profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : []),
    // Each garbage collection as a line on stdout: the major ones (Mark-Compact) are counted per phase below.
    "--trace-gc",
    ...(process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean),
    "--import",
    "tsx",
    path.join(dir, "bench/ingest-server.ts"),
  ],
  {
    cwd: dir,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      NODE_ENV: "production",
      ROOT_DOMAIN: "localhost:3000",
      AUTH_SECRET: "bench-auth-secret-0123456789abcdef",
      APP_ENCRYPTION_KEY: "bench-encryption-key-0123456789abcdef",
    },
  },
);
const info: {
  port: number;
  host: string;
  key: string;
  usernames: string[];
  batch: boolean;
  nasRegistered?: boolean;
} = await new Promise((resolve, reject) => {
  server.on("exit", (code) => reject(new Error(`bench server exited ${code}`)));
  readline.createInterface({ input: server.stdout! }).on("line", (line) => {
    if (line.startsWith('{"ready"')) resolve(JSON.parse(line));
    const gc = / (\d+) ms: Mark-Compact/.exec(line);
    if (gc) majorGcs.push(Number(gc[1]));
    if (process.env.BENCH_SERVER_OUTPUT) fs.appendFileSync(process.env.BENCH_SERVER_OUTPUT, line + "\n");
  });
});

const { post, close } = poster(
  { port: info.port, host: info.host, authorization: `Bearer ${info.key}` },
  Math.max(IN_FLIGHT, FORWARDERS),
);
const attr = (value: string) => ({ type: "string", value: [value] });

/** The bodies POSTed, IN_FLIGHT at a time (bench/accounting-load.ts), with the CPU they cost. */
async function timedDrive(bodies: string[], pathname: string) {
  const cpuBefore = await cpuTicks();
  const out = await drive(post, bodies, pathname, IN_FLIGHT);
  return { ...out, cpuMicrosecondsPerRequest: cpuPer(cpuBefore, await cpuTicks(), bodies.length), load: loadNow() };
}
const loadNow = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

/** CPU so far of the server process and of the PostgreSQL backends of the bench database (bench/cpu.ts). */
async function cpuTicks(): Promise<{ node: number; faults: number; postgres: Map<number, number> }> {
  return {
    node: treeCpuMs(server.pid!),
    faults: treeFaults(server.pid!),
    postgres: await backendsCpuMs(client, database),
  };
}
/** CPU spent between two cpuTicks(), in µs per request or record. */
function cpuPer(before: Awaited<ReturnType<typeof cpuTicks>>, after: Awaited<ReturnType<typeof cpuTicks>>, n: number) {
  return {
    node: Math.round(((after.node - before.node) * 1000) / n),
    postgres: Math.round((backendsSpent(before.postgres, after.postgres) * 1000) / n),
    /** The server's minor page faults (pages of fresh memory touched) per request or record. */
    nodePageFaults: Math.round(((after.faults - before.faults) * 100) / n) / 100,
  };
}

const results: Record<string, unknown> = {};
/** When each phase ran, in ms since the server was started: bench/profile-summary.ts reads the profile's samples of that window. */
const windows: Record<string, [number, number]> = {};
async function phase<T>(name: string, run: () => Promise<T>): Promise<T> {
  const from = performance.now() - spawnedAt;
  const out = await run();
  const to = performance.now() - spawnedAt;
  windows[name] = [from, to];
  // The trace's times count from the server's own start, a few tens of ms after the spawn.
  const majors = majorGcs.filter((at) => at >= from - 100 && at <= to).length;
  return out && typeof out === "object" ? { ...out, majorGcs: majors } : out;
}
// Warm-up: the first requests load modules and open connections.
await drive(post, sessionRecords(info.usernames, 200, "warm", 1), "/api/radius/accounting", IN_FLIGHT);
const phases = sessionRecords(info.usernames, SESSIONS, "a");
if (only.has("accounting"))
  results.accounting = await phase("accounting", () => timedDrive(phases, "/api/radius/accounting"));
const logins = Array.from({ length: 3000 }, (_, n) =>
  // From the NAS the accounting names, as a NAS sends both (with BENCH_REGISTER_NAS=1, a registered one).
  JSON.stringify({ "User-Name": attr(info.usernames[n % info.usernames.length]), "NAS-IP-Address": attr("10.0.0.1") }),
);
if (only.has("authorize"))
  results.authorize = await phase("authorize", () => timedDrive(logins, "/api/radius/authorize"));
/** The batch load once per run (bench/accounting-load.ts), from FORWARDERS forwarders, with the CPU it cost. */
async function timedBatches(...runs: string[]) {
  const cpuBefore = await cpuTicks();
  const out = await sendBatches(post, info.usernames, runs, FORWARDERS);
  return { ...out, cpuMicrosecondsPerRecord: cpuPer(cpuBefore, await cpuTicks(), out.records), load: loadNow() };
}
if (info.batch && only.has("batch")) {
  // Cold: the first batches the server sees, as every run of this bench measured before.
  results.batch = await phase("batch", () => timedBatches("b"));
  // Warm: a production server has applied batches before. WARM_RECORDS more records (other
  // sessions, the same shape) go through the endpoint untimed, then the same 20,000-record load
  // once more on fresh sessions is timed.
  for (let n = 0; n < WARM_RECORDS / BATCH_LOAD_RECORDS; n++)
    await sendBatches(post, info.usernames, [`w${n}`], FORWARDERS);
  if (WARM_RECORDS > 0)
    results.batchWarm = await phase("batchWarm", () =>
      timedBatches(...Array.from({ length: WARM_TIMED / BATCH_LOAD_RECORDS }, (_, n) => `c${n}`)),
    );
}
const db = new pg.Client({ connectionString: url.toString() });
await db.connect();
const stored = await db.query(
  `SELECT count(*)::int AS sessions, coalesce(sum("downloadBytes"), 0)::text AS down FROM "RadiusSession" s LEFT JOIN LATERAL (SELECT 0 AS "downloadBytes") x ON true`,
);
const usage = await db.query(`SELECT coalesce(sum("downloadBytes"), 0)::text AS down FROM "UsageDaily"`);
// Session rows rewritten in place (HOT: no index touched) against all rewrites.
const updates = await db.query(
  `SELECT n_tup_upd::int AS updated, n_tup_hot_upd::int AS hot FROM pg_stat_user_tables WHERE relname = 'RadiusSession'`,
);
await db.end();
results.stored = {
  sessions: stored.rows[0].sessions,
  usageDownloadBytes: usage.rows[0].down,
  sessionUpdates: updates.rows[0],
};
console.log(
  JSON.stringify(
    { dir, cpus: os.cpus().length, nasRegistered: info.nasRegistered ?? false, started: startedAt, ...results },
    null,
    2,
  ),
);

if (profile) {
  fs.mkdirSync(profile, { recursive: true });
  fs.writeFileSync(
    path.join(profile, "phases.json"),
    JSON.stringify({ requests: { accounting: phases.length, authorize: logins.length }, windows }),
  );
}
server.kill("SIGTERM");
await new Promise((r) => server.once("exit", r));
await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
await client.end();
close();
