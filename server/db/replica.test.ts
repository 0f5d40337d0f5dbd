import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, appendFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../api/root";
import { recentWriteCookie, wroteRecently } from "../api/read-your-writes";
import { resetEnvCache } from "../lib/env";
import { makeCustomer } from "../modules/subscriptions/testing";
import { callerAs, makeCompany, makeUser } from "../test/fixtures";
import { disconnectDb } from "./client";
import { migrate } from "./migrate";
import { withTenantRead } from "./tenant";

// Read replicas with a real streaming replica: the test starts its own PostgreSQL 15 primary
// (initdb) and a hot standby copied from it with pg_basebackup -R, in a temporary folder on
// REPLICA_TEST_PORT and the port after it (5442/5443), migrates the primary, and points
// DATABASE_REPLICA_URL at the standby. Never the machine's own cluster. Skipped where Debian's
// PostgreSQL 15 server binaries are missing.

const BIN = "/usr/lib/postgresql/15/bin";
const available = existsSync(path.join(BIN, "pg_basebackup")) && existsSync(path.join(BIN, "initdb"));
const PRIMARY_PORT = Number(process.env.REPLICA_TEST_PORT ?? 5442);
const REPLICA_PORT = PRIMARY_PORT + 1;
const DB = "lastmile";
const url = (port: number, user: string) => `postgresql://${user}@127.0.0.1:${port}/${DB}`;

// PostgreSQL refuses to run as root: as root, the clusters run as the postgres user.
const asRoot = process.getuid?.() === 0;
function run(bin: string, args: string[]): string {
  const cmd = path.join(BIN, bin);
  return asRoot
    ? execFileSync("runuser", ["-u", "postgres", "--", cmd, ...args], { encoding: "utf8", stdio: "pipe" })
    : execFileSync(cmd, args, { encoding: "utf8", stdio: "pipe" });
}

let dir = "";
const started: string[] = [];

function startCluster(data: string, port: number) {
  appendFileSync(
    path.join(data, "postgresql.auto.conf"),
    `port = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nfsync = off\nfull_page_writes = off\nhot_standby = on\n`,
  );
  run("pg_ctl", ["-D", data, "-l", path.join(dir, `${port}.log`), "-w", "-t", "60", "start"]);
  started.push(data);
}

async function query<T extends pg.QueryResultRow>(connection: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: connection });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Waits until the standby has replayed everything the primary has written so far. */
async function caughtUp() {
  const [{ lsn }] = await query<{ lsn: string }>(
    url(PRIMARY_PORT, "postgres"),
    "SELECT pg_current_wal_lsn()::text AS lsn",
  );
  for (let i = 0; i < 200; i++) {
    const [{ done }] = await query<{ done: boolean }>(
      url(REPLICA_PORT, "postgres"),
      "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done",
      [lsn],
    );
    if (done) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the standby did not catch up within 10 s");
}

describe.skipIf(!available)("read replicas (a real streaming standby)", () => {
  const env = { ...process.env };
  let a: Awaited<ReturnType<typeof makeCompany>>;
  let b: Awaited<ReturnType<typeof makeCompany>>;
  // Signed-in admins (with two-factor set up) of each company.
  let adminA: { id: string };
  let adminB: { id: string };

  beforeAll(async () => {
    const t0 = performance.now();
    const step = (what: string) => console.log(`replica setup: ${what} after ${Math.round(performance.now() - t0)} ms`);
    dir = mkdtempSync(path.join(os.tmpdir(), "lastmile-replica-"));
    chmodSync(dir, 0o755);
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
      chownSync(dir, uid, gid);
    }
    const primary = path.join(dir, "primary");
    const standby = path.join(dir, "standby");
    run("initdb", ["-D", primary, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
    startCluster(primary, PRIMARY_PORT);
    step("primary started");
    await query(url(PRIMARY_PORT, "postgres").replace(`/${DB}`, "/postgres"), `CREATE DATABASE ${DB}`);
    await migrate(url(PRIMARY_PORT, "postgres"), () => {});
    step("primary migrated");
    run("pg_basebackup", [
      "-h",
      "127.0.0.1",
      "-p",
      String(PRIMARY_PORT),
      "-U",
      "postgres",
      "-D",
      standby,
      "-R",
      "-X",
      "stream",
      "--no-sync",
    ]);
    startCluster(standby, REPLICA_PORT);
    step("standby started");

    process.env.DATABASE_URL = url(PRIMARY_PORT, "postgres");
    process.env.APP_DATABASE_URL = url(PRIMARY_PORT, "lastmile_app");
    process.env.DATABASE_REPLICA_URL = url(REPLICA_PORT, "lastmile_app");
    resetEnvCache();
    await disconnectDb();

    a = await makeCompany("replica-a");
    b = await makeCompany("replica-b");
    adminA = await makeUser(a.company.id, "SUPER_ADMIN");
    adminB = await makeUser(b.company.id, "SUPER_ADMIN");
    await makeCustomer(a.company.id, { firstName: "Achieng" });
    await makeCustomer(b.company.id, { firstName: "Baraka" });
    await caughtUp();
    step("standby caught up");
  }, 600_000);

  afterAll(async () => {
    await disconnectDb();
    for (const data of started.reverse()) {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped by a test
      }
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    Object.assign(process.env, env);
    for (const name of ["DATABASE_REPLICA_URL"]) if (!(name in env)) delete process.env[name];
    resetEnvCache();
  });

  const names = (page: { rows: Array<{ firstName: string | null }> }) => page.rows.map((r) => r.firstName).sort();

  it("serves lists from the standby, and a browser that just wrote from the primary", async () => {
    const admin = await callerAs(a.company, adminA.id);
    // Replay paused: the standby stays where it is while the primary moves on.
    await query(url(REPLICA_PORT, "postgres"), "SELECT pg_wal_replay_pause()");
    try {
      await makeCustomer(a.company.id, { firstName: "Wanjiru" });
      expect(names(await admin.customers.list({}))).toEqual(["Achieng"]);
      // Read-your-writes: the same list with the cookie a mutation sets reads the primary.
      const justWrote = createCaller({ ...admin.ctx, primaryReads: true });
      expect(names(await justWrote.customers.list({}))).toEqual(["Achieng", "Wanjiru"]);
      // Writes go to the primary even while the standby is behind.
      const created = await admin.customers.create({
        type: "INDIVIDUAL",
        firstName: "Kamau",
        lastName: "Njoroge",
        email: "kamau@example.test",
        serviceAddress: "4 River Road",
      });
      expect(created.firstName).toBe("Kamau");
    } finally {
      await query(url(REPLICA_PORT, "postgres"), "SELECT pg_wal_replay_resume()");
    }
    await caughtUp();
    expect(names(await admin.customers.list({}))).toEqual(["Achieng", "Kamau", "Wanjiru"]);
    // The standby's own view: the app's role connected to it and ran the list there.
    const seen = await query<{ n: number }>(
      url(REPLICA_PORT, "postgres"),
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'lastmile_app' AND datname = $1",
      [DB],
    );
    expect(seen[0].n).toBeGreaterThan(0);
  });

  it("keeps row-level security on the standby", async () => {
    const callerB = await callerAs(b.company, adminB.id);
    expect(names(await callerB.customers.list({}))).toEqual(["Baraka"]);
    // The app's role on the standby, without the company setting, sees no customer at all.
    const direct = new pg.Client({ connectionString: url(REPLICA_PORT, "lastmile_app") });
    await direct.connect();
    try {
      expect((await direct.query(`SELECT count(*)::int AS n FROM "Customer"`)).rows[0].n).toBe(0);
      await direct.query("BEGIN");
      await direct.query("SELECT set_config('app.company_id', $1, true)", [b.company.id]);
      const rows = await direct.query<{ firstName: string }>(`SELECT "firstName" FROM "Customer"`);
      expect(rows.rows.map((r) => r.firstName)).toEqual(["Baraka"]);
      await direct.query("ROLLBACK");
    } finally {
      await direct.end();
    }
  });

  it("runs read-only work in a READ ONLY transaction, on the primary too", async () => {
    for (const primary of [false, true]) {
      await expect(
        withTenantRead(
          a.company.id,
          (tx) => tx.$executeRaw`UPDATE "Customer" SET "firstName" = 'Changed' WHERE "firstName" = 'Achieng'`,
          { primary },
        ),
      ).rejects.toThrow(/read-only transaction/);
    }
    const [{ n }] = await query<{ n: number }>(
      url(PRIMARY_PORT, "postgres"),
      `SELECT count(*)::int AS n FROM "Customer" WHERE "firstName" = 'Achieng'`,
    );
    expect(n).toBe(1);
  });

  it("sets the read-your-writes cookie only when replicas are configured, and reads it back", () => {
    const cookie = recentWriteCookie();
    expect(cookie).toMatch(/^lastmile-wrote=1; Max-Age=10; Path=\/; HttpOnly; SameSite=Lax/);
    expect(wroteRecently(new Headers({ cookie: `a=b; ${cookie!.split(";")[0]}` }))).toBe(true);
    expect(wroteRecently(new Headers({ cookie: "a=b" }))).toBe(false);
    process.env.DATABASE_REPLICA_URL = "";
    resetEnvCache();
    try {
      expect(recentWriteCookie()).toBeNull();
    } finally {
      process.env.DATABASE_REPLICA_URL = url(REPLICA_PORT, "lastmile_app");
      resetEnvCache();
    }
  });

  it("reads from the primary while the standby is down", async () => {
    const admin = await callerAs(a.company, adminA.id);
    run("pg_ctl", ["-D", path.join(dir, "standby"), "-m", "fast", "-w", "stop"]);
    await makeCustomer(a.company.id, { firstName: "Zawadi" });
    expect(names(await admin.customers.list({}))).toEqual(["Achieng", "Kamau", "Wanjiru", "Zawadi"]);
    // And the next read does not try the standby again for a while.
    expect(names(await admin.customers.list({ search: "Zawadi" }))).toEqual(["Zawadi"]);
  });
});
