import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createSocket } from "node:dgram";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Debian's FreeRADIUS 3 daemon run in the foreground from a private configuration directory,
// for the integration test (freeradius.test.ts) and the ingest benchmark (bench/ingest.ts):
// a small radiusd.conf written here (nothing is read from /etc/freeradius, which only root and
// freerad may read), the stock pap/chap/mschap modules, and the shipped module, policy and
// sites of deploy/freeradius with their listeners moved to 127.0.0.1 on free high UDP ports.
// Install with: apt-get install -y freeradius freeradius-rest freeradius-utils

export const FREERADIUS = ["/usr/sbin/freeradius", "/usr/sbin/radiusd"].find((p) => existsSync(p));
export const RADCLIENT = ["/usr/bin/radclient"].find((p) => existsSync(p));
export const RLM_REST = ["/usr/lib/freeradius/rlm_rest.so"].find((p) => existsSync(p));
/** rlm_sql's PostgreSQL driver (package freeradius-postgresql), for mods-available/lastmile_sql and the peer. */
export const RLM_SQL_POSTGRESQL = ["/usr/lib/freeradius/rlm_sql_postgresql.so"].find((p) => existsSync(p));
export const DEPLOY = path.resolve(import.meta.dirname, "../../../deploy/freeradius");

/** What is missing to run the daemon with the shipped configuration, or null. */
export const missingFreeradius = !FREERADIUS
  ? "the freeradius binary"
  : !RLM_REST
    ? "rlm_rest (package freeradius-rest)"
    : !RADCLIENT
      ? "radclient (package freeradius-utils)"
      : null;

/** A free UDP port on loopback (bound, read, released). */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** A shipped site (deploy/freeradius/sites-available/<name>) listening on 127.0.0.1 at the given ports. */
export function shippedSite(name: string, auth: number, acct: number): string {
  const local = readFileSync(path.join(DEPLOY, "sites-available", name), "utf8")
    .replaceAll("ipaddr = *", "ipaddr = 127.0.0.1")
    .replace("port = 1812", `port = ${auth}`)
    .replace("port = 1813", `port = ${acct}`);
  // The shipped site must still look the way this rewrite expects.
  if (
    local.match(/ipaddr = 127\.0\.0\.1/g)?.length !== 2 ||
    !local.includes(`port = ${auth}`) ||
    !local.includes(`port = ${acct}`)
  )
    throw new Error(`sites-available/${name} no longer has one auth and one acct listener on * at 1812/1813`);
  return local;
}

export interface RaddbOptions {
  secret: string;
  /** File name → contents, under mods-enabled/ (pap, chap and mschap are always there). */
  modules?: Record<string, string>;
  /** File name → contents, under policy.d/. */
  policies?: Record<string, string>;
  /** File name → contents, under sites-enabled/. */
  sites: Record<string, string>;
  /** The raddb's own dictionary file (read after the distribution's), if any. */
  dictionary?: string;
  /** Thread pool; the default is the test's small one. */
  threads?: { start: number; max: number; minSpare: number; maxSpare: number };
}

/** Writes a private raddb in a new temporary directory and returns it. */
export function writeRaddb(opts: RaddbOptions): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lastmile-freeradius-"));
  for (const sub of ["mods-enabled", "sites-enabled", "policy.d", "log", "run"]) mkdirSync(path.join(dir, sub));
  const t = opts.threads ?? { start: 2, max: 4, minSpare: 1, maxSpare: 2 };
  writeFileSync(
    path.join(dir, "radiusd.conf"),
    `prefix = /usr
exec_prefix = /usr
sysconfdir = /etc
localstatedir = /var
sbindir = \${exec_prefix}/sbin
logdir = ${dir}/log
raddbdir = ${dir}
radacctdir = \${logdir}/radacct
name = freeradius
confdir = \${raddbdir}
modconfdir = \${confdir}/mods-config
run_dir = ${dir}/run
db_dir = \${raddbdir}
libdir = /usr/lib/freeradius
pidfile = \${run_dir}/\${name}.pid
max_request_time = 10
cleanup_delay = 0
max_requests = 16384
hostname_lookups = no
log {
	destination = stdout
	colourise = no
	auth = no
}
security {
	allow_core_dumps = no
	max_attributes = 200
	# The stock 1 s delay on rejects slows down brute force; here it would only slow the run.
	reject_delay = 0
	status_server = yes
}
client localhost {
	ipaddr = 127.0.0.1
	secret = ${opts.secret}
}
thread pool {
	start_servers = ${t.start}
	max_servers = ${t.max}
	min_spare_servers = ${t.minSpare}
	max_spare_servers = ${t.maxSpare}
	max_requests_per_server = 0
}
modules {
	$INCLUDE mods-enabled/
}
policy {
	$INCLUDE policy.d/
}
$INCLUDE sites-enabled/
`,
  );
  const modules = {
    pap: "pap {\n}\n",
    chap: "chap {\n}\n",
    mschap: "mschap {\n}\n",
    // %{md5:…} and friends (policy.d/lastmile), enabled in a stock install.
    expr: "expr {\n}\n",
    ...opts.modules,
  };
  for (const [name, text] of Object.entries(modules)) writeFileSync(path.join(dir, "mods-enabled", name), text);
  for (const [name, text] of Object.entries(opts.policies ?? {})) writeFileSync(path.join(dir, "policy.d", name), text);
  for (const [name, text] of Object.entries(opts.sites)) writeFileSync(path.join(dir, "sites-enabled", name), text);
  if (opts.dictionary) writeFileSync(path.join(dir, "dictionary"), opts.dictionary);
  return dir;
}

/**
 * The shipped rlm_rest/cache/detail module, login policy and dictionary, as writeRaddb takes them;
 * with `sql`, mods-available/lastmile_sql enabled too (first logins from PostgreSQL; the daemon
 * then needs LASTMILE_SQL_CONNINFO).
 */
export function shippedModulesAndPolicy(
  opts: { sql?: boolean } = {},
): Pick<RaddbOptions, "modules" | "policies" | "dictionary"> {
  const moduleFile = (name: string) => readFileSync(path.join(DEPLOY, "mods-available", name), "utf8");
  return {
    // As docs/OPERATIONS.md has it: the raddb's dictionary includes ours.
    dictionary: `$INCLUDE ${path.join(DEPLOY, "dictionary.lastmile")}\n`,
    modules: { lastmile: moduleFile("lastmile"), ...(opts.sql ? { lastmile_sql: moduleFile("lastmile_sql") } : {}) },
    policies: { lastmile: readFileSync(path.join(DEPLOY, "policy.d/lastmile"), "utf8") },
  };
}

/** libpq's key=value form of a postgresql:// URL, which rlm_sql_postgresql takes as radius_db (a URL it takes as a name). */
export function conninfoOf(url: string): string {
  const u = new URL(url);
  const pairs = { host: u.hostname, port: u.port || "5432", dbname: u.pathname.slice(1), user: u.username };
  return Object.entries(pairs)
    .map(([k, v]) => `${k}=${decodeURIComponent(v)}`)
    .concat(u.password ? [`password=${decodeURIComponent(u.password)}`] : [])
    .join(" ");
}

export interface Daemon {
  child: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

/** Starts the daemon on a raddb and waits until it answers a Status-Server on `authPort`. */
export async function startFreeradius(
  dir: string,
  authPort: number,
  secret: string,
  env: Record<string, string> = {},
): Promise<Daemon> {
  let log = "";
  const child = spawn(FREERADIUS!, ["-f", "-l", "stdout", "-d", dir], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (log = (log + d).slice(-200_000)));
  child.stderr!.on("data", (d) => (log = (log + d).slice(-200_000)));
  const daemon: Daemon = {
    child,
    log: () => log,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`freeradius exited (${child.exitCode}):\n${log}`);
    const probe = spawnSync(RADCLIENT!, ["-r", "1", "-t", "1", `127.0.0.1:${authPort}`, "status", secret], {
      input: "Message-Authenticator = 0x00\n",
      encoding: "utf8",
    });
    if (probe.status === 0) return daemon;
    await new Promise((r) => setTimeout(r, 100));
  }
  await daemon.stop();
  throw new Error(`freeradius did not come up:\n${log}`);
}
