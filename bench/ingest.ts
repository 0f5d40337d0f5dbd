// RADIUS ingest at ISP scale, the path a NAS sees: the same radclient files against
//   - direct:   FreeRADIUS with deploy/freeradius (sites-available/lastmile) → rlm_rest → the
//               production build (the standalone server of the container image) on PostgreSQL;
//   - buffered: FreeRADIUS with deploy/freeradius (sites-available/lastmile-buffered): detail
//               file, then a detail reader → rlm_rest → the same app (its drain is timed too);
//   - sql:      the direct site with mods-available/lastmile_sql enabled: first logins answered
//               from the app's PostgreSQL by rlm_sql (lastmile_radius_check/reply), no HTTP call
//               (logins only);
//   - peer:     Debian's FreeRADIUS with its stock `sql` module writing to `radacct` in
//               PostgreSQL (schema from mods-config/sql/main/postgresql/schema.sql), 4 MB receive
//               buffers like ours, authorizing from radcheck/radreply;
// each daemon on its own loopback ports from its own raddb in a temporary directory (never the
// system service), with Debian's stock thread pool. Accounting: BENCH_SESSIONS (2,000) sessions,
// each a Start, 8 Interim-Updates and a Stop, sent phase by phase as a NAS would, at
// `radclient -p 64` and `-p 256`; then stored records and byte totals against those sent.
// Logins: each user BENCH_LOGINS (10) times, PAP, against the app path and the peer, first logins
// and re-dials timed apart; the app gives ordinary PPPoE answers a fresh window of
// RADIUS_FRESH_LOGIN_SECONDS (30), within which FreeRADIUS answers a user's next logins itself
// (policy.d/lastmile).
// Then, against the production build, the load bench:ingest-app sends the route handlers alone
// (bench/accounting-load.ts): direct POSTs to /api/radius/authorize and /api/radius/accounting
// (latency percentiles, 32 in flight and one at a time) and the batch endpoint cold and warm, from
// one and two forwarders; and PostgreSQL COPY of the same rows into a radacct-shaped table as the
// limit. Load averages are printed with every row: the machine is
// shared. Results go in docs/BENCHMARKS.md.
//
//   npm run build && npm run build:standalone && npm run bench:ingest   (PostgreSQL of TEST_DATABASE_URL, as the tests)
//   BENCH_SESSIONS=500 BENCH_LOGINS=2 BENCH_PORT=3391 npm run bench:ingest
//   BENCH_SKIP_DIRECT=1 …   (without the direct path's accounting runs)
//   BENCH_TRICKLE=1 BENCH_PARTS=logins BENCH_LOGIN_PATHS=peer,sql …   (a storm on running daemons)
//   BENCH_SERVER_OUTPUT=/tmp/app.log BENCH_APP_NODE_OPTIONS=--max-semi-space-size=32 …   (the app's output kept; Node options for it)
// Needs: apt-get install -y freeradius freeradius-rest freeradius-utils freeradius-postgresql
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "../server/db/migrate";
import { BATCH_LOAD_RECORDS, drive, poster, sendBatches, sessionRecords } from "./accounting-load";
import { backendsCpuMs, backendsSpent, treeCpuMs } from "./cpu";
import {
  conninfoOf,
  freeUdpPort,
  missingFreeradius,
  RADCLIENT,
  shippedModulesAndPolicy,
  shippedSite,
  startFreeradius,
  writeRaddb,
  type Daemon,
} from "../server/modules/radius/freeradius-harness";
import { adminQuery, urlFor } from "../server/test/databases";

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 2_000);
const LOGINS = Number(process.env.BENCH_LOGINS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3391);
const PARALLEL = [64, 256];
const RADCLIENT_TIMEOUT = Number(process.env.BENCH_RADCLIENT_TIMEOUT ?? 300);
const SECRET = "bench-nas-secret";
const SLUG = "bench-ingest";
const STOCK_SQL = "/etc/freeradius/3.0/mods-available/sql";
const STOCK_SQL_CONFIG = "/etc/freeradius/3.0/mods-config/sql";
const STOCK_ACCOUNTING_POLICY = "/etc/freeradius/3.0/policy.d/accounting";
const appDb = `lastmile_bench_ingest_${process.pid}`;
const peerDb = `lastmile_bench_peer_${process.pid}`;
const ROOT = path.resolve(import.meta.dirname, "..");
const DEBIAN_THREADS = { start: 5, max: 32, minSpare: 3, maxSpare: 10 };
const PASSWORD_OF_PEER = "Bench-pppoe-1";
const FRESH_SECONDS = process.env.RADIUS_FRESH_LOGIN_SECONDS ?? "30";
// BENCH_SKIP_DIRECT=1: leave out the direct path's accounting runs (on a loaded machine its
// phases stall for minutes, see docs/BENCHMARKS.md), e.g. to compare the buffered path and logins.
const SKIP_DIRECT = process.env.BENCH_SKIP_DIRECT === "1";
// BENCH_PARTS=logins,posts: only those parts of the run (accounting, backlog: the buffered path
// with the app unreachable, logins, posts: the direct POSTs, batch and COPY), e.g. to compare two
// builds' logins back to back.
const PARTS = new Set((process.env.BENCH_PARTS ?? "accounting,backlog,logins,posts").split(","));
// BENCH_BACKLOG_ROUNDS: rounds of BENCH_SESSIONS × 10 packets the backlog part sends (10: 200,000).
const BACKLOG_ROUNDS = Number(process.env.BENCH_BACKLOG_ROUNDS ?? 10);
// BENCH_LOGIN_PATHS=peer,sql: only those login paths (peer, rest: the rlm_rest app path, sql: the
// SQL answers). With only logins of peer and sql the app is not started (no build needed).
const LOGIN_PATHS = new Set((process.env.BENCH_LOGIN_PATHS ?? "peer,rest,sql").split(","));
// BENCH_SQL_MODULE=<file>: the sql daemon's lastmile_sql module from this file instead of
// deploy/freeradius's, to time a variant against the shipped one in the same conditions.
const SQL_MODULE = process.env.BENCH_SQL_MODULE;
// BENCH_TRICKLE=1: before each login run, a login a second to that path's daemon for at least
// TRICKLE_SECONDS (and until the fresh window has passed), as a FreeRADIUS that has been answering
// logins before a reconnect storm sees them: its connection pools have grown meanwhile.
const TRICKLE = process.env.BENCH_TRICKLE === "1";
const TRICKLE_SECONDS = 35;
const NEEDS_APP = PARTS.has("accounting") || PARTS.has("posts") || (PARTS.has("logins") && LOGIN_PATHS.has("rest"));

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const user = (i: number) => `bench${String(i).padStart(5, "0")}`;

// ---------------------------------------------------------------- the packets

interface Totals {
  records: number;
  input: bigint;
  output: bigint;
}

/** The ten phases of SESSIONS sessions (Start, Interim ×8, Stop), as radclient input files. */
function accountingPhases(prefix: string): { phases: string[]; sent: Totals } {
  const phases: string[] = [];
  const sent: Totals = { records: SESSIONS, input: 0n, output: 0n };
  for (let phase = 0; phase <= 9; phase++) {
    const packets: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      const lines = [
        `User-Name = "${user(i)}"`,
        `Acct-Session-Id = "${prefix}${i.toString(16).padStart(6, "0")}"`,
        // 50 routers of 40 subscribers each.
        `NAS-IP-Address = 10.1.0.${(i % 50) + 1}`,
        `Framed-IP-Address = 100.64.${(i >> 8) & 255}.${i & 255}`,
        `Acct-Status-Type = ${phase === 0 ? "Start" : phase === 9 ? "Stop" : "Interim-Update"}`,
      ];
      if (phase > 0) {
        const input = BigInt(phase * 1_000_003 + i);
        // Every seventh session goes past 4 GiB downstream by the Stop: Gigawords.
        const output = BigInt(phase * 7_000_001 + i * 13) + (phase === 9 && i % 7 === 0 ? 2n ** 32n : 0n);
        lines.push(
          `Acct-Input-Octets = ${input % 2n ** 32n}`,
          `Acct-Input-Gigawords = ${input / 2n ** 32n}`,
          `Acct-Output-Octets = ${output % 2n ** 32n}`,
          `Acct-Output-Gigawords = ${output / 2n ** 32n}`,
          `Acct-Session-Time = ${phase * 300}`,
        );
        if (phase === 9) {
          lines.push(`Acct-Terminate-Cause = User-Request`);
          sent.input += input;
          sent.output += output;
        }
      }
      packets.push(lines.join("\n"));
    }
    phases.push(packets.join("\n\n") + "\n");
  }
  return { phases, sent };
}

/** Each user's logins number `from` up to (not including) `to`, round by round. */
function loginFile(password: (i: number) => string, from: number, to: number): string {
  const packets: string[] = [];
  for (let round = from; round < to; round++)
    for (let i = 0; i < SESSIONS; i++)
      packets.push(`User-Name = "${user(i)}"\nUser-Password = "${password(i)}"\nNAS-IP-Address = 10.1.0.1`);
  return packets.join("\n\n") + "\n";
}

interface Sent {
  seconds: number;
  accepted: number;
  rejected: number;
  lost: number;
  /** radclient was stopped after BENCH_RADCLIENT_TIMEOUT: its counts are unknown. */
  stalled: boolean;
}

/**
 * radclient with a file of packets at `parallel` in flight; its summary. Asynchronous: the
 * daemons log to pipes this process must keep reading, or they block on a full pipe.
 */
async function radclient(file: string, port: number, kind: "acct" | "auth", parallel: number): Promise<Sent> {
  const start = performance.now();
  const child = spawn(RADCLIENT!, [
    "-q",
    "-s",
    "-p",
    String(parallel),
    "-r",
    "3",
    "-t",
    "5",
    "-f",
    file,
    `127.0.0.1:${port}`,
    kind,
    SECRET,
  ]);
  let stdout = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.resume();
  // Packets the server never answers (the direct path when the app answers slower than
  // rlm_rest's 4 s timeout) make radclient 3.x wait out their timeouts one after another rather
  // than together (FreeRADIUS issue #5106: 5 s × 3 tries each, minutes for a few dozen). Give
  // up after BENCH_RADCLIENT_TIMEOUT seconds and report the run as stalled.
  let stalled = false;
  const limit = setTimeout(() => {
    console.warn(`radclient on port ${port} stalled; stopped after ${RADCLIENT_TIMEOUT} s`);
    stalled = true;
    child.kill();
  }, RADCLIENT_TIMEOUT * 1000);
  await new Promise((resolve) => child.on("close", resolve));
  clearTimeout(limit);
  const seconds = (performance.now() - start) / 1000;
  const count = (label: string) => Number(new RegExp(`${label}\\s*:\\s*(\\d+)`).exec(stdout)?.[1] ?? NaN);
  return { seconds, accepted: count("Accepted"), rejected: count("Rejected"), lost: count("Lost"), stalled };
}

// ---------------------------------------------------------------- the app

/**
 * The production build as the container image runs it (Dockerfile: `node dist/start.mjs` in
 * .next/standalone, our HTTP server and Next.js with the bundled server code), or null when this
 * run needs no app (BENCH_PARTS, BENCH_LOGIN_PATHS). `npm start` runs the same code through tsx,
 * which keeps a second copy of it: its heap was 490 MB after the first request, against 220 MB.
 */
async function startApp(env: Record<string, string>): Promise<ChildProcess | null> {
  if (!NEEDS_APP) return null;
  const standalone = path.join(ROOT, ".next/standalone");
  const buildId = (dir: string) =>
    existsSync(path.join(dir, ".next/BUILD_ID")) ? readFileSync(path.join(dir, ".next/BUILD_ID"), "utf8") : null;
  if (!buildId(ROOT)) throw new Error("No production build: run `npm run build && npm run build:standalone` first.");
  if (buildId(standalone) !== buildId(ROOT) || !existsSync(path.join(standalone, "dist/start.mjs")))
    throw new Error("The standalone server is missing or older than the build: run `npm run build:standalone`.");
  const child = spawn(process.execPath, ["dist/start.mjs"], {
    cwd: standalone,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...env, NODE_OPTIONS: process.env.BENCH_APP_NODE_OPTIONS ?? process.env.NODE_OPTIONS },
  });
  const output = process.env.BENCH_SERVER_OUTPUT;
  if (output) child.stdout!.pipe(createWriteStream(output, { flags: "a" }));
  else child.stdout!.resume();
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode})`);
    const up = await fetch(`http://127.0.0.1:${PORT}/`, { redirect: "manual" }).then(
      () => true,
      () => false,
    );
    if (up) return child;
    await sleep(500);
  }
  throw new Error("the app did not come up");
}

/** A process's resident memory in MB (VmRSS). */
function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return kb ? Math.round(Number(kb[1]) / 1024) : NaN;
}
const mb = (bytes: number) => (bytes / 1_048_576).toFixed(1);
/** Bytes waiting in a raddb's detail files (radacctdir): the buffered path's backlog. */
function spoolBytes(raddb: string): number {
  const walk = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce(
      (sum, e) => sum + (e.isDirectory() ? walk(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).size),
      0,
    );
  const radacct = path.join(raddb, "log/radacct");
  return existsSync(radacct) ? walk(radacct) : 0;
}

// ---------------------------------------------------------------- main

async function main() {
  if (missingFreeradius) throw new Error(`${missingFreeradius} is not installed`);
  if (!existsSync(STOCK_SQL) || !existsSync("/usr/lib/freeradius/rlm_sql_postgresql.so"))
    throw new Error("the peer needs freeradius-postgresql: apt-get install -y freeradius-postgresql");
  const cleanup: (() => Promise<unknown> | unknown)[] = [];
  const work = mkdtempSync(path.join(os.tmpdir(), "bench-ingest-"));
  cleanup.push(() => rmSync(work, { recursive: true, force: true }));
  try {
    console.log(`Load average at start: ${load()}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model})`);

    // The app's database: one company, its RADIUS key, SESSIONS provisioned PPPoE subscribers.
    await adminQuery(`CREATE DATABASE "${appDb}"`);
    cleanup.push(() => adminQuery(`DROP DATABASE IF EXISTS "${appDb}" WITH (FORCE)`));
    await migrate(urlFor(appDb), () => {});
    const appEnv = {
      DATABASE_URL: urlFor(appDb),
      APP_DATABASE_URL: urlFor(appDb, "lastmile_app"),
      AUTH_SECRET: "bench-auth-secret-0123456789abcdef",
      APP_ENCRYPTION_KEY: "bench-encryption-key-0123456789abcdef",
      RADIUS_FRESH_LOGIN_SECONDS: FRESH_SECONDS,
    };
    Object.assign(process.env, appEnv);
    const { resetEnvCache } = await import("../server/lib/env");
    resetEnvCache();
    (await import("../server/jobs")).handleEventsInline();
    const { makeNetwork } = await import("../server/modules/radius/testing");
    const { disconnectDb } = await import("../server/db/client");
    const net = await makeNetwork(SLUG);
    const template = await net.subscriber("ACTIVE");
    const { secret: key } = await net.admin.radius.createKey({ name: "bench" });
    const owner = new pg.Client({ connectionString: urlFor(appDb) });
    await owner.connect();
    cleanup.push(() => owner.end());
    // The same subscriber SESSIONS times over (one sealed password), in SQL: the services would
    // take minutes on a loaded machine and this measures the RADIUS path, not provisioning.
    await owner.query(
      `INSERT INTO "Subscription" (id, "companyId", "customerId", "packageId", status, quantity, "startDate",
         "pppoeUsername", "pppoePassword", provisioning, "provisionedAt", "createdAt", "updatedAt")
       SELECT 'bench-sub-' || g, "companyId", "customerId", "packageId", status, quantity, "startDate",
         'bench' || lpad(g::text, 5, '0'), "pppoePassword", provisioning, "provisionedAt", now(), now()
       FROM "Subscription", generate_series(0, $2 - 1) g WHERE id = $1`,
      [template.subscriptionId, SESSIONS],
    );
    await owner.query(
      `INSERT INTO "RadiusAttribute" (id, "companyId", username, kind, attribute, op, value, "subscriptionId", "createdAt")
       SELECT 'bench-ra-' || g || '-' || ra.id, ra."companyId", 'bench' || lpad(g::text, 5, '0'), kind, attribute, op,
         value, 'bench-sub-' || g, now()
       FROM "RadiusAttribute" ra, generate_series(0, $2 - 1) g WHERE ra."subscriptionId" = $1`,
      [template.subscriptionId, SESSIONS],
    );
    // FreeRADIUS's SQL answers read each password's own copy (server/modules/radius/answers.ts).
    await owner.query(
      `INSERT INTO "RadiusPassword" ("subscriptionId", "companyId", cipher, "updatedAt")
       SELECT 'bench-sub-' || g, "companyId", cipher, now()
       FROM "RadiusPassword", generate_series(0, $2 - 1) g WHERE "subscriptionId" = $1`,
      [template.subscriptionId, SESSIONS],
    );
    await owner.query(`ANALYZE`);
    await disconnectDb();

    // The peer's database: FreeRADIUS's own schema, the same users and reply attribute.
    await adminQuery(`CREATE DATABASE "${peerDb}"`);
    cleanup.push(() => adminQuery(`DROP DATABASE IF EXISTS "${peerDb}" WITH (FORCE)`));
    const peer = new pg.Client({ connectionString: urlFor(peerDb) });
    await peer.connect();
    cleanup.push(() => peer.end());
    await peer.query(readFileSync(`${STOCK_SQL_CONFIG}/main/postgresql/schema.sql`, "utf8"));
    await peer.query(
      `INSERT INTO radcheck (username, attribute, op, value)
       SELECT 'bench' || lpad(g::text, 5, '0'), 'Cleartext-Password', ':=', $2 FROM generate_series(0, $1 - 1) g`,
      [SESSIONS, PASSWORD_OF_PEER],
    );
    await peer.query(
      `INSERT INTO radreply (username, attribute, op, value)
       SELECT 'bench' || lpad(g::text, 5, '0'), 'Mikrotik-Rate-Limit', '=', '5000k/20000k' FROM generate_series(0, $1 - 1) g`,
      [SESSIONS],
    );

    // The production build on that database.
    const app = await startApp({
      ...appEnv,
      PORT: String(PORT),
      ROOT_DOMAIN: `localhost:${PORT}`,
      NODE_ENV: "production",
    });
    if (app)
      cleanup.push(
        () =>
          new Promise((resolve) => {
            app.once("exit", resolve);
            app.kill("SIGTERM");
          }),
      );

    // Three daemons.
    const ports = Object.fromEntries(
      await Promise.all(
        ["directAuth", "directAcct", "bufferedAuth", "bufferedAcct", "peerAuth", "peerAcct", "sqlAuth", "sqlAcct"].map(
          async (n) => [n, await freeUdpPort()] as const,
        ),
      ),
    ) as Record<string, number>;
    const restEnv = { LASTMILE_API_URL: `http://${SLUG}.localhost:${PORT}`, LASTMILE_RADIUS_KEY: key };
    const daemons: Daemon[] = [];
    cleanup.push(() => Promise.all(daemons.map((d) => d.stop())));
    const raddbs: string[] = [];
    cleanup.push(() => raddbs.forEach((d) => rmSync(d, { recursive: true, force: true })));
    const directDir = writeRaddb({
      secret: SECRET,
      threads: DEBIAN_THREADS,
      ...shippedModulesAndPolicy(),
      sites: { lastmile: shippedSite("lastmile", ports.directAuth, ports.directAcct) },
    });
    const bufferedDir = writeRaddb({
      secret: SECRET,
      threads: DEBIAN_THREADS,
      ...shippedModulesAndPolicy(),
      sites: { "lastmile-buffered": shippedSite("lastmile-buffered", ports.bufferedAuth, ports.bufferedAcct) },
    });
    // The direct site with first logins from PostgreSQL (mods-available/lastmile_sql), as
    // FreeRADIUS's own database login; timed for logins only.
    const sqlShipped = shippedModulesAndPolicy({ sql: true });
    if (SQL_MODULE) sqlShipped.modules!.lastmile_sql = readFileSync(SQL_MODULE, "utf8");
    const sqlDir = writeRaddb({
      secret: SECRET,
      threads: DEBIAN_THREADS,
      ...sqlShipped,
      sites: { lastmile: shippedSite("lastmile", ports.sqlAuth, ports.sqlAcct) },
    });
    const peerSql = readFileSync(STOCK_SQL, "utf8")
      .replace('dialect = "sqlite"', 'dialect = "postgresql"')
      .replace('driver = "rlm_sql_null"', 'driver = "rlm_sql_${dialect}"')
      .replace('radius_db = "radius"', `radius_db = "${conninfoOf(urlFor(peerDb))}"`);
    const peerDir = writeRaddb({
      secret: SECRET,
      threads: DEBIAN_THREADS,
      // expr: the stock queries pick the accounting query with %{tolower:…}.
      modules: { sql: peerSql, expr: readFileSync("/etc/freeradius/3.0/mods-available/expr", "utf8") },
      policies: { accounting: readFileSync(STOCK_ACCOUNTING_POLICY, "utf8") },
      sites: {
        peer: `server peer {
	listen {
		type = auth
		ipaddr = 127.0.0.1
		port = ${ports.peerAuth}
		recv_buff = 4194304
	}
	listen {
		type = acct
		ipaddr = 127.0.0.1
		port = ${ports.peerAcct}
		recv_buff = 4194304
	}
	authorize {
		sql
		pap
	}
	authenticate {
		Auth-Type PAP {
			pap
		}
	}
	preacct {
		acct_unique
	}
	accounting {
		sql
	}
}
`,
      },
    });
    cpSync(STOCK_SQL_CONFIG, path.join(peerDir, "mods-config/sql"), { recursive: true });
    raddbs.push(directDir, bufferedDir, peerDir, sqlDir);
    const directDaemon = await startFreeradius(directDir, ports.directAuth, SECRET, restEnv);
    daemons.push(directDaemon);
    const bufferedDaemon = await startFreeradius(bufferedDir, ports.bufferedAuth, SECRET, restEnv);
    daemons.push(bufferedDaemon);
    const peerDaemon = await startFreeradius(peerDir, ports.peerAuth, SECRET);
    daemons.push(peerDaemon);
    const sqlDaemon = await startFreeradius(sqlDir, ports.sqlAuth, SECRET, {
      ...restEnv,
      LASTMILE_SQL_CONNINFO: conninfoOf(urlFor(appDb, "lastmile_radius")),
    });
    daemons.push(sqlDaemon);

    const appStored = async (prefix: string): Promise<Totals & { stopped: number }> => {
      const { rows } = await owner.query(
        `SELECT count(*)::int AS records, count("stoppedAt")::int AS stopped,
           coalesce(sum("inputBytes"), 0)::text AS input, coalesce(sum("outputBytes"), 0)::text AS output
         FROM "RadiusSession" WHERE "acctSessionId" LIKE $1 || '%'`,
        [prefix],
      );
      return { ...rows[0], input: BigInt(rows[0].input), output: BigInt(rows[0].output) };
    };
    const peerStored = async (prefix: string): Promise<Totals & { stopped: number }> => {
      const { rows } = await peer.query(
        `SELECT count(*)::int AS records, count(acctstoptime)::int AS stopped,
           coalesce(sum(acctinputoctets), 0)::text AS input, coalesce(sum(acctoutputoctets), 0)::text AS output
         FROM radacct WHERE acctsessionid LIKE $1 || '%'`,
        [prefix],
      );
      return { ...rows[0], input: BigInt(rows[0].input), output: BigInt(rows[0].output) };
    };

    // ---- accounting
    const table: string[] = [
      "| path | radclient -p | packets/s (NAS answered) | lost | records stored / sent | bytes in+out stored = sent | forwarded to the app | memory: before → backlog's peak → drained | load average (1 5 15) |",
      "|---|---:|---:|---:|---:|---|---|---|---|",
    ];
    const targets = [
      { name: "peer: FreeRADIUS `sql` → radacct (4 MB recv_buff)", port: ports.peerAcct, stored: peerStored },
      { name: "direct: deploy/freeradius `lastmile` → rlm_rest → app", port: ports.directAcct, stored: appStored },
      {
        name: "buffered: deploy/freeradius `lastmile-buffered` → detail file",
        port: ports.bufferedAcct,
        stored: appStored,
        buffered: true,
      },
    ];
    let run = 0;
    for (const parallel of PARTS.has("accounting") ? PARALLEL : [])
      for (const target of targets) {
        if (SKIP_DIRECT && target.port === ports.directAcct) continue;
        const prefix = `r${run++}x`;
        const { phases, sent } = accountingPhases(prefix);
        let seconds = 0;
        let lost = 0;
        let stalledPhases = 0;
        // The buffered path's backlog (its spool files on disk) and the memory of FreeRADIUS and
        // of the app, before the NAS sends, when the NAS is done (the backlog's peak: the readers
        // forward slower than the NAS sends) and once it has drained.
        const sample = () => ({
          spool: spoolBytes(bufferedDir),
          freeradius: rssMb(bufferedDaemon.child.pid!),
          app: rssMb(app!.pid!),
        });
        const before = sample();
        const started = performance.now();
        for (const [n, text] of phases.entries()) {
          const file = path.join(work, `${prefix}-${n}.txt`);
          writeFileSync(file, text);
          const r = await radclient(file, target.port, "acct", parallel);
          seconds += r.seconds;
          if (r.stalled) stalledPhases++;
          else lost += r.lost;
        }
        let forwarded = "–";
        let memory = "–";
        if (target.buffered) {
          const peak = sample();
          // Until the detail reader has handed every Stop to the app, or nothing has moved for
          // 2 min. Progress is the input bytes stored, which every forwarded Interim-Update and
          // Stop raises: the Stops come last, so their count alone stands still for minutes
          // while the earlier phases drain on a loaded machine.
          let last = -1n;
          let lastChange = performance.now();
          let done = false;
          for (;;) {
            const now = await appStored(prefix);
            if (now.stopped >= SESSIONS) {
              done = true;
              break;
            }
            if (now.input !== last) [last, lastChange] = [now.input, performance.now()];
            if (performance.now() - lastChange > 120_000) break;
            await sleep(500);
          }
          const drained = (performance.now() - started) / 1000;
          forwarded = done
            ? `${((SESSIONS * 10) / drained).toFixed(0)} records/s (all stored after ${drained.toFixed(1)} s)`
            : `stalled: nothing forwarded for 2 min after ${drained.toFixed(1)} s`;
          const after = sample();
          memory = `spool ${mb(before.spool)} → ${mb(peak.spool)} → ${mb(after.spool)} MB; RSS FreeRADIUS ${before.freeradius} → ${peak.freeradius} → ${after.freeradius} MB, app ${before.app} → ${peak.app} → ${after.app} MB`;
        }
        const stored = await target.stored(prefix);
        const bytesOk = stored.input === sent.input && stored.output === sent.output;
        const row = `| ${target.name} | ${parallel} | ${((SESSIONS * 10) / seconds).toFixed(0)} | ${stalledPhases ? `${lost} + radclient stalled in ${stalledPhases} of 10 phases` : lost} | ${stored.records} / ${sent.records} (${stored.stopped} stopped) | ${bytesOk ? "exact" : `stored ${stored.input}+${stored.output}, sent ${sent.input}+${sent.output}`} | ${forwarded} | ${memory} | ${load()} |`;
        console.log(row);
        table.push(row);
      }

    // ---- the backlog of an outage: the buffered path with the app unreachable (its URL a closed
    // port), so every packet stays in the spool; the spool and FreeRADIUS's memory after each
    // round. The backlog is on disk: FreeRADIUS's memory should not follow it.
    const backlogTable: string[] = [
      "| records waiting (app unreachable) | spool on disk | FreeRADIUS RSS | NAS answered | lost |",
      "|---:|---:|---:|---:|---:|",
    ];
    if (PARTS.has("backlog")) {
      const closedPort = await new Promise<number>((resolve) => {
        const probe = createServer().listen(0, "127.0.0.1", () => {
          const { port } = probe.address() as AddressInfo;
          probe.close(() => resolve(port));
        });
      });
      const outageAcct = await freeUdpPort();
      const outageAuth = await freeUdpPort();
      const outageDir = writeRaddb({
        secret: SECRET,
        threads: DEBIAN_THREADS,
        ...shippedModulesAndPolicy(),
        sites: { "lastmile-buffered": shippedSite("lastmile-buffered", outageAuth, outageAcct) },
      });
      raddbs.push(outageDir);
      const outage = await startFreeradius(outageDir, outageAuth, SECRET, {
        ...restEnv,
        LASTMILE_API_URL: `http://${SLUG}.localhost:${closedPort}`,
      });
      daemons.push(outage);
      const row = (waiting: number, answered: string, lost: string) =>
        `| ${waiting.toLocaleString("en")} | ${mb(spoolBytes(outageDir))} MB | ${rssMb(outage.child.pid!)} MB | ${answered} | ${lost} |`;
      backlogTable.push(row(0, "–", "–"));
      for (let round = 0; round < BACKLOG_ROUNDS; round++) {
        let seconds = 0;
        let lost = 0;
        for (const [n, text] of accountingPhases(`o${round}x`).phases.entries()) {
          const file = path.join(work, `o${round}-${n}.txt`);
          writeFileSync(file, text);
          const r = await radclient(file, outageAcct, "acct", 256);
          rmSync(file);
          seconds += r.seconds;
          lost += r.lost;
        }
        backlogTable.push(
          row((round + 1) * SESSIONS * 10, `${((SESSIONS * 10) / seconds).toFixed(0)} packets/s`, String(lost)),
        );
      }
      backlogTable.slice(2).forEach((r) => console.log(r));
      await outage.stop();
    }

    // ---- logins: each user's first login (the app path asks the app for every one; FreeRADIUS
    // waits out the fresh window first, so none is left from an earlier run), then their re-dials
    // (logins 2 to BENCH_LOGINS, at once: within the window, FreeRADIUS answers them itself).
    const loginsTable = [
      "| path | radclient -p | logins | logins/s | accepted | rejected | lost | CPU µs per login: FreeRADIUS / app / PostgreSQL | load average (1 5 15) |",
      "|---|---:|---|---:|---:|---:|---:|---|---|",
    ];
    const files = (label: string, password: string) => {
      const first = path.join(work, `logins-${label}-first.txt`);
      const again = path.join(work, `logins-${label}-again.txt`);
      writeFileSync(
        first,
        loginFile(() => password, 0, 1),
      );
      writeFileSync(
        again,
        loginFile(() => password, 1, LOGINS),
      );
      return { first, again };
    };
    const appLogins = files("app", template.password);
    const peerLogins = files("peer", PASSWORD_OF_PEER);
    let appLoginsEnded = 0;
    // CPU of the daemon, the app's server and the PostgreSQL backends of its database during a run.
    const cpuOf = async (daemon: Daemon, isApp: boolean) => ({
      radius: treeCpuMs(daemon.child.pid!),
      app: isApp && app ? treeCpuMs(app.pid!) : 0,
      db: await backendsCpuMs(owner, isApp ? appDb : peerDb),
    });
    for (const parallel of PARTS.has("logins") ? PARALLEL : [])
      for (const [pathName, name, file, port, isApp, daemon] of [
        ["peer", "peer: FreeRADIUS `sql` (radcheck/radreply)", peerLogins, ports.peerAuth, false, peerDaemon],
        [
          "rest",
          `app path: deploy/freeradius \`lastmile\` (rlm_rest authorize; fresh window ${FRESH_SECONDS} s)`,
          appLogins,
          ports.directAuth,
          true,
          directDaemon,
        ],
        [
          "sql",
          `app path + SQL answers: deploy/freeradius \`lastmile\` with \`lastmile_sql\`${SQL_MODULE ? ` from ${SQL_MODULE}` : ""} (fresh window ${FRESH_SECONDS} s)`,
          appLogins,
          ports.sqlAuth,
          true,
          sqlDaemon,
        ],
      ] as const) {
        if (!LOGIN_PATHS.has(pathName)) continue;
        let until = isApp ? appLoginsEnded + Number(FRESH_SECONDS) * 1000 + 1000 : 0;
        if (TRICKLE) {
          until = Math.max(until, performance.now() + TRICKLE_SECONDS * 1000);
          while (performance.now() < until) {
            spawnSync(RADCLIENT!, ["-r", "1", "-t", "1", `127.0.0.1:${port}`, "auth", SECRET], {
              input: `User-Name = "trickle-nobody"\nUser-Password = "x"\nNAS-IP-Address = 10.1.0.1\n`,
            });
            await sleep(1000);
          }
        }
        await sleep(Math.max(0, until - performance.now()));
        // All of a user's logins together is the issue's own measure (each user ten times); the
        // first and the re-dials are also timed apart, as only the first ones reach the database.
        const all = { count: 0, seconds: 0, accepted: 0, rejected: 0, lost: 0 };
        for (const [label, f, count] of [
          ["first of each user", file.first, SESSIONS],
          [`2–${LOGINS} of each user`, file.again, SESSIONS * (LOGINS - 1)],
        ] as const) {
          if (count === 0) continue;
          const before = await cpuOf(daemon, isApp);
          const r = await radclient(f, port, "auth", parallel);
          const after = await cpuOf(daemon, isApp);
          const per = (ms: number) => Math.round((ms * 1000) / count);
          const cpu = `${per(after.radius - before.radius)} / ${isApp ? per(after.app - before.app) : "–"} / ${per(backendsSpent(before.db, after.db))}`;
          const row = `| ${name} | ${parallel} | ${label} | ${(count / r.seconds).toFixed(0)} | ${r.accepted} | ${r.rejected} | ${r.lost} | ${cpu} | ${load()} |`;
          console.log(row);
          loginsTable.push(row);
          all.count += count;
          all.seconds += r.seconds;
          all.accepted += r.accepted;
          all.rejected += r.rejected;
          all.lost += r.lost;
        }
        if (LOGINS > 1) {
          const row = `| ${name} | ${parallel} | all 1–${LOGINS} of each user (both runs' time) | ${(all.count / all.seconds).toFixed(0)} | ${all.accepted} | ${all.rejected} | ${all.lost} | | ${load()} |`;
          console.log(row);
          loginsTable.push(row);
        }
        if (isApp) appLoginsEnded = performance.now();
      }

    // ---- direct POSTs and the batch endpoint, the same load as bench:ingest-app sends the route
    // handlers alone (bench/accounting-load.ts), then COPY.
    const users = Array.from({ length: SESSIONS }, (_, i) => user(i));
    const target = {
      port: PORT,
      host: `${SLUG}.localhost:${PORT}`,
      authorization: `Basic ${Buffer.from(`freeradius:${key}`).toString("base64")}`,
    };
    const { post, close } = poster(target, 32);
    cleanup.push(close);
    /** CPU of the app and of its database's backends per request or record while `run` ran, in µs. */
    const cpuWhile = async <T>(count: number, run: () => Promise<T>) => {
      const before = { app: treeCpuMs(app!.pid!), db: await backendsCpuMs(owner, appDb) };
      const result = await run();
      const appMs = treeCpuMs(app!.pid!) - before.app;
      const dbMs = backendsSpent(before.db, await backendsCpuMs(owner, appDb));
      const per = (ms: number) => Math.round((ms * 1000) / count);
      return { result, cpu: `app ${per(appMs)} / PostgreSQL ${per(dbMs)} µs` };
    };
    const postRow = async (label: string, bodies: string[], pathname: string, inFlight: number) => {
      const { result, cpu } = await cpuWhile(bodies.length, () => drive(post, bodies, pathname, inFlight));
      const failed = Object.entries(result.statuses)
        .filter(([status]) => !status.startsWith("2"))
        .reduce((sum, [, n]) => sum + n, 0);
      return `| ${label} | ${result.perSecond} req/s | p50 ${result.p50} ms | p99 ${result.p99} ms | ${failed} failed | ${cpu} a request | ${load()} |`;
    };
    const batchRow = async (label: string, runs: string[], forwarders: number) => {
      const rssBefore = rssMb(app!.pid!);
      const { result, cpu } = await cpuWhile(BATCH_LOAD_RECORDS * runs.length, () =>
        sendBatches(post, users, runs, forwarders),
      );
      return `| POST /api/radius/accounting/batch, ${label}: ${result.records.toLocaleString("en")} records in requests of 5,000, ${forwarders} forwarder${forwarders > 1 ? "s" : ""} | ${result.perSecond} records/s | | | 0 failed | ${cpu} a record; app RSS ${rssBefore} → ${rssMb(app!.pid!)} MB | ${load()} |`;
    };
    const postRows: string[] = [];
    if (PARTS.has("posts")) {
      // Each subscriber once, as FreeRADIUS asks at a first login (the app keeps no answer).
      const logins = users.map((u) =>
        JSON.stringify({
          "User-Name": { type: "string", value: [u] },
          "NAS-IP-Address": { type: "ipaddr", value: ["10.1.0.1"] },
        }),
      );
      // The first requests load the routes' code and open connections: 200 Starts and up to 200
      // logins untimed (other users' than those timed below).
      const warmLogins = Math.min(200, Math.floor(logins.length / 2));
      await drive(post, sessionRecords(users, 200, "pw", 1), "/api/radius/accounting", 32);
      await drive(post, logins.slice(logins.length - warmLogins), "/api/radius/authorize", 32);
      const timedLogins = logins.slice(0, logins.length - warmLogins);
      postRows.push(
        await postRow(
          `POST /api/radius/authorize, ${timedLogins.length.toLocaleString("en")} users once each, 32 in flight`,
          timedLogins,
          "/api/radius/authorize",
          32,
        ),
        await postRow(
          "POST /api/radius/accounting, 600 sessions × 10 phases, 32 in flight",
          sessionRecords(users, 600, "p32"),
          "/api/radius/accounting",
          32,
        ),
        await postRow(
          "POST /api/radius/accounting, 50 sessions × 10 phases, one at a time",
          sessionRecords(users, 50, "p1"),
          "/api/radius/accounting",
          1,
        ),
      );
      // The batch endpoint cold (the first batches this server sees), then warm: a production
      // server has applied batches before, so 40,000 more records go through untimed first.
      postRows.push(await batchRow("cold", ["bc"], 1));
      await sendBatches(post, users, ["bw0", "bw1"], 1);
      // Each warm row is three runs back to back (60,000 records, about a second): a backlog drains
      // for longer than that, and one run alone (a third of a second) moved by a third with
      // whether a major garbage collection fell in it.
      const three = (run: string) => [1, 2, 3].map((n) => `${run}${n}`);
      postRows.push(await batchRow("warm", three("bw1f"), 1), await batchRow("warm", three("bw2f"), 2));
    }
    postRows.forEach((r) => console.log(r));
    // PostgreSQL's COPY of as many rows as the accounting run sent, as the limit.
    const limits = async () => {
      await peer.query(`CREATE TABLE bench_copy (LIKE radacct INCLUDING ALL)`);
      const csv = path.join(work, "copy.csv");
      const now = new Date().toISOString();
      const rows: string[] = [];
      for (let n = 0; n < SESSIONS * 10; n++)
        rows.push(`c${n},u${n},${user(n % SESSIONS)},10.1.0.1,${now},${now},300,${n * 1000},${n * 9000},100.64.0.1`);
      writeFileSync(csv, rows.join("\n") + "\n");
      const copyStart = performance.now();
      const copy = spawnSync(
        "psql",
        [
          urlFor(peerDb),
          "-q",
          "-c",
          `\\copy bench_copy (acctsessionid, acctuniqueid, username, nasipaddress, acctstarttime, acctupdatetime, acctsessiontime, acctinputoctets, acctoutputoctets, framedipaddress) FROM '${csv}' CSV`,
        ],
        { encoding: "utf8" },
      );
      if (copy.status !== 0) throw new Error(copy.stderr);
      const copySeconds = (performance.now() - copyStart) / 1000;
      const copyRow = `| COPY of ${SESSIONS * 10} radacct-shaped rows (psql \\copy, one session) | ${((SESSIONS * 10) / copySeconds).toFixed(0)} rows/s | ${copySeconds.toFixed(2)} s | | | | ${load()} |`;
      console.log(copyRow);
      return [copyRow];
    };
    const limitRows = PARTS.has("posts") ? await limits() : [];
    console.log(
      `\n### ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${SESSIONS} sessions, ${LOGINS} logins each\n`,
    );
    console.log(
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Linux ${os.release()}\n`,
    );
    console.log(table.join("\n") + "\n");
    if (backlogTable.length > 2) console.log(backlogTable.join("\n") + "\n");
    console.log(loginsTable.join("\n") + "\n");
    console.log(
      [
        "| measure | rate | | | | CPU | load average (1 5 15) |",
        "|---|---:|---|---|---|---|---|",
        ...postRows,
        ...limitRows,
      ].join("\n"),
    );
  } finally {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch((e) => console.error(e));
  }
}

await main();
process.exit(0);
