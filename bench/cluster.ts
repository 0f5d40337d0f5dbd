// `npm run bench:cluster`: two production instances (`npm start`: scripts/start.ts and our own HTTP
// server over the `next build` output) on loopback ports behind Debian's nginx as a round-robin
// load balancer with passive health checks, driven by autocannon with a mixed workload:
//   • console reads: tRPC list queries (customers, tickets, invoices) with a signed-in staff session;
//   • REST writes: customers and tickets created with an access token (each with an Idempotency-Key);
//   • RADIUS accounting: Start / Interim-Update / Stop records with a RADIUS key.
// Runs, one after another on the same database:
//   1. both instances; halfway one of them gets SIGTERM (graceful), and is started again once gone;
//   2. both instances; halfway one of them gets SIGKILL, and is started again;
//   3. both instances, nobody killed (the throughput to compare with 4);
//   4. one instance alone behind the same nginx.
// For each: requests/s, p50/p95/p99, failures by kind, and whether every write acknowledged with 2xx
// is in the database afterwards. Not a test: nothing is asserted. Needs nginx (apt-get install nginx)
// and a production build (`npm run build`; run first if .next/BUILD_ID is missing).
// Ports: BENCH_PORTS (default 3416,3426) for the instances, BENCH_LB_PORT (3436) for nginx.
import { spawn, type ChildProcess, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");
const [PORT_A, PORT_B] = (process.env.BENCH_PORTS ?? "3416,3426").split(",").map(Number);
const LB_PORT = Number(process.env.BENCH_LB_PORT ?? 3436);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = { reads: 8, writes: 4, accounting: 4 };
const NGINX = process.env.NGINX ?? "/usr/sbin/nginx";
const admin = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const database = `lastmile_bench_cluster_${process.pid}`;
const dbUrl = (user?: string) => {
  const u = new URL(admin);
  u.pathname = `/${database}`;
  if (user) {
    u.username = user;
    u.password = "";
  }
  return u.toString();
};
const secrets = {
  AUTH_SECRET: "bench-cluster-auth-secret-0123456789",
  APP_ENCRYPTION_KEY: "bench-cluster-encryption-key-0123456789",
};
const SLUG = "bench-cluster";
const HOST = `${SLUG}.localhost:${LB_PORT}`;
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx`);
if (!existsSync(path.join(root, ".next/BUILD_ID"))) throw new Error("No production build: run `npm run build` first.");

// ── The database: a fresh one, with a company, a staff user, a RADIUS key and subscribers ──────
const adminClient = new pg.Client({ connectionString: admin });
await adminClient.connect();
await adminClient.query(`CREATE DATABASE "${database}"`);
Object.assign(process.env, secrets, {
  DATABASE_URL: dbUrl(),
  APP_DATABASE_URL: dbUrl("lastmile_app"),
  ROOT_DOMAIN: `localhost:${LB_PORT}`,
});
const { migrate } = await import("../server/db/migrate");
await migrate(dbUrl(), () => {});
(await import("../server/jobs")).handleEventsInline();
const { makeNetwork } = await import("../server/modules/radius/testing");
const { makeUser, TEST_PASSWORD } = await import("../server/test/fixtures");
const { withTenant } = await import("../server/db/tenant");
const { disconnectDb } = await import("../server/db/client");
const net = await makeNetwork(SLUG);
const { secret: radiusKey } = await net.admin.radius.createKey({ name: "bench" });
const usernames: string[] = [];
for (let i = 0; i < 10; i++) usernames.push((await net.subscriber()).username);
const staff = await makeUser(net.company.id, "CUSTOMER_SERVICE_MANAGER", {
  email: "csm@bench-cluster.test",
  twoFactor: false,
});
const category = await withTenant(net.company.id, (tx) => tx.ticketCategory.findFirstOrThrow({ select: { id: true } }));
await disconnectDb();
log(`Database ${database} ready: ${usernames.length} subscribers, staff ${staff.email}.`);

// ── Instances and the load balancer ────────────────────────────────────────────────────────────
const instanceEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ...secrets,
  NODE_ENV: "production",
  DATABASE_URL: dbUrl(),
  APP_DATABASE_URL: dbUrl("lastmile_app"),
  ROOT_DOMAIN: `localhost:${LB_PORT}`,
  SKIP_SEED: "1",
  // nginx appends the client's address to X-Forwarded-For.
  TRUSTED_PROXY_HOPS: "1",
  JWT_ACCESS_TTL_SECONDS: "7200",
  SHUTDOWN_TIMEOUT_MS: "20000",
  // As on Kubernetes: keep serving for 2 s after SIGTERM (nginx has no readiness probe to stop
  // first, so this only shows that serving on meanwhile costs nothing).
  SHUTDOWN_DELAY_MS: "2000",
  LOGIN_RATE_LIMIT_PER_15_MIN: "1000",
  // One access token drives all the writes: the per-token limit is not what is measured.
  API_RATE_LIMIT_PER_MINUTE: "1000000",
};
const instances = new Map<number, ChildProcess>();

function request(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: opts.method ?? "GET",
        path: opts.path,
        headers: { host: HOST, ...opts.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

async function startInstance(port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/start.ts"), "start"], {
    cwd: root,
    env: { ...instanceEnv, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  instances.set(port, child);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance on ${port} exited ${child.exitCode}`);
    const ready = await request(port, { path: "/api/ready" }).catch(() => null);
    if (ready?.status === 200) return Math.round(performance.now() - started);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stopInstance(port: number, signal: "SIGTERM" | "SIGKILL"): Promise<{ code: number | null; ms: number }> {
  const child = instances.get(port)!;
  const at = performance.now();
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve({ code, ms: Math.round(performance.now() - at) }));
    child.kill(signal);
  });
}

const lbDir = mkdtempSync(path.join(os.tmpdir(), "lastmile-lb-"));
let nginx: ChildProcess | undefined;
const down = new Set<number>();
async function startNginx(ports: number[]) {
  if (nginx) {
    const old = nginx;
    await new Promise<void>((resolve) => {
      old.once("exit", () => resolve());
      old.kill("SIGQUIT");
    });
  }
  mkdirSync(path.join(lbDir, "tmp"), { recursive: true });
  writeNginxConf(ports);
  nginx = spawn(NGINX, ["-p", lbDir, "-c", path.join(lbDir, "nginx.conf"), "-g", "daemon off;"], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 50; i++) {
    if ((await request(LB_PORT, { path: "/api/live" }).catch(() => null))?.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("nginx did not come up");
}

/**
 * Takes an instance out of (or back into) nginx's upstream with a graceful reload, as an operator
 * does before stopping an instance behind nginx, which has no active health checks.
 */
async function setDown(ports: number[], port: number, isDown: boolean) {
  if (isDown) down.add(port);
  else down.delete(port);
  writeNginxConf(ports);
  nginx!.kill("SIGHUP");
  // The old worker finishes its requests; new ones go by the new configuration at once.
  await new Promise((r) => setTimeout(r, 1_000));
}

function writeNginxConf(ports: number[]) {
  // Passive health checks: a refused or failed connection marks the instance down for 2 s
  // (max_fails=1) and the request goes to the other one. nginx re-sends a request only when it
  // was never sent (a refused connection or a connect timeout: safe for every method), or for
  // idempotent methods; a POST that reached an instance which then died is not re-sent
  // (non_idempotent is off). Keep-alive to the instances (HTTP/1.1, no Connection header passed
  // on), with an idle timeout below the app's IDLE_GRACE_MS (server/http/graceful.ts): a draining
  // instance answers on a kept-alive connection with `Connection: close`, and closes one still
  // idle only after nginx would have closed it itself, so nginx never sends on a closing one.
  writeFileSync(
    path.join(lbDir, "nginx.conf"),
    `user root;
worker_processes 1;
pid ${lbDir}/nginx.pid;
error_log ${lbDir}/error.log error;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${lbDir}/tmp/body;
  proxy_temp_path ${lbDir}/tmp/proxy;
  fastcgi_temp_path ${lbDir}/tmp/fastcgi;
  uwsgi_temp_path ${lbDir}/tmp/uwsgi;
  scgi_temp_path ${lbDir}/tmp/scgi;
  upstream lastmile {
${ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s${down.has(p) ? " down" : ""};`).join("\n")}
    keepalive 32;
    keepalive_timeout 2s;
  }
  server {
    listen 127.0.0.1:${LB_PORT};
    client_max_body_size 10m;
    location / {
      proxy_pass http://lastmile;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
    }
  }
}
`,
  );
}

// ── Sign-ins ───────────────────────────────────────────────────────────────────────────────────
async function consoleCookie(): Promise<string> {
  const csrf = await request(LB_PORT, { path: "/api/auth/csrf" });
  const jar = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]);
  const form = new URLSearchParams({
    csrfToken: JSON.parse(csrf.body).csrfToken,
    email: staff.email,
    password: TEST_PASSWORD,
    callbackUrl: `http://${HOST}/`,
  }).toString();
  const signedIn = await request(LB_PORT, {
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: form,
  });
  const session = (signedIn.headers["set-cookie"] ?? []).find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`console sign-in failed: ${signedIn.status} ${signedIn.headers.location}`);
  return session.split(";")[0];
}

async function accessToken(): Promise<string> {
  const res = await request(LB_PORT, {
    method: "POST",
    path: "/api/auth/login",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: staff.email, password: TEST_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`API sign-in failed: ${res.status} ${res.body}`);
  return JSON.parse(res.body).accessToken;
}

// ── The workload ───────────────────────────────────────────────────────────────────────────────
interface Acked {
  customers: string[];
  tickets: string[];
}
type Kind = "reads" | "writes" | "accounting";
interface KindResult {
  requests: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
  latencies: autocannon.Result["latency"];
}

const trpcInput = (input: unknown) => encodeURIComponent(JSON.stringify({ json: input }));
const attr = (value: string | number) => ({ type: typeof value === "number" ? "integer" : "string", value: [value] });
let runSeq = 0;

function drive(kind: Kind, cookie: string, token: string, acked: Acked, run: string): Promise<KindResult> {
  let n = 0;
  const common = { url: `http://127.0.0.1:${LB_PORT}`, duration: SECONDS, connections: CONNECTIONS[kind], timeout: 30 };
  const base = { host: HOST };
  let requests: autocannon.Request[];
  if (kind === "reads") {
    const h = { ...base, cookie };
    requests = [
      { method: "GET", path: `/api/trpc/customers.list?input=${trpcInput({})}`, headers: h },
      { method: "GET", path: `/api/trpc/tickets.list?input=${trpcInput({})}`, headers: h },
      { method: "GET", path: `/api/trpc/customers.list?input=${trpcInput({ search: "Bench" })}`, headers: h },
    ];
  } else if (kind === "writes") {
    const h = { ...base, authorization: `Bearer ${token}`, "content-type": "application/json" };
    requests = [
      {
        method: "POST",
        path: "/api/customers",
        headers: h,
        setupRequest: (req) => {
          const mark = `${run}c${n++}`;
          return {
            ...req,
            headers: { ...req.headers, "idempotency-key": mark },
            body: JSON.stringify({
              type: "INDIVIDUAL",
              firstName: "Bench",
              lastName: mark,
              email: `${mark}@bench.test`,
              serviceAddress: "1 Load Lane",
            }),
          };
        },
        onResponse: (status, body) => {
          if (status >= 200 && status < 300) acked.customers.push(JSON.parse(body).id);
        },
      },
      {
        method: "POST",
        path: "/api/tickets",
        headers: h,
        setupRequest: (req) => {
          const mark = `${run}t${n++}`;
          return {
            ...req,
            headers: { ...req.headers, "idempotency-key": mark },
            body: JSON.stringify({
              categoryId: category.id,
              subject: `Load ${mark}`,
              description: "No signal since noon.",
            }),
          };
        },
        onResponse: (status, body) => {
          if (status >= 200 && status < 300) acked.tickets.push(JSON.parse(body).id);
        },
      },
    ];
  } else {
    const h = { ...base, authorization: `Bearer ${radiusKey}`, "content-type": "application/json" };
    requests = [
      {
        method: "POST",
        path: "/api/radius/accounting",
        headers: h,
        setupRequest: (req) => {
          const i = n++;
          const session = Math.floor(i / 10);
          const phase = i % 10;
          const secs = phase * 300;
          return {
            ...req,
            body: JSON.stringify({
              "User-Name": attr(usernames[session % usernames.length]),
              "Acct-Session-Id": attr(`${run}-${session}`),
              "Acct-Status-Type": attr(phase === 0 ? "Start" : phase === 9 ? "Stop" : "Interim-Update"),
              "NAS-IP-Address": attr("10.0.0.1"),
              "Framed-IP-Address": attr(`100.64.${(session >> 8) & 255}.${session & 255}`),
              ...(phase > 0
                ? {
                    "Acct-Session-Time": attr(secs),
                    "Acct-Input-Octets": attr(secs * 1000),
                    "Acct-Output-Octets": attr(secs * 10_000),
                  }
                : {}),
            }),
          };
        },
      },
    ];
  }
  return new Promise((resolve, reject) => {
    const instance = autocannon({ ...common, requests }, (err, result) => {
      if (err) return reject(err);
      resolve({
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        statuses: Object.fromEntries(
          Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s?.count ?? 0]),
        ),
        latencies: result.latency,
      });
    });
    instance.on("error", reject);
  });
}

function cpuTicks(): number {
  // user + nice + system + irq + softirq of all CPUs (USER_HZ), for CPU per request.
  const line = execFileSync("head", ["-1", "/proc/stat"], { encoding: "utf8" })
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return line[0] + line[1] + line[2] + line[5] + line[6];
}

async function runPhase(name: string, event?: (at: number) => Promise<string>) {
  const run = `r${++runSeq}x${process.pid}`;
  const cookie = await consoleCookie();
  const token = await accessToken();
  const acked: Acked = { customers: [], tickets: [] };
  const load = execFileSync("uptime", { encoding: "utf8" })
    .trim()
    .replace(/.*load average: /, "");
  log(`${name}: ${SECONDS} s, load average ${load}`);
  const ticks = cpuTicks();
  const started = performance.now();
  const events: string[] = [];
  const eventDone = event
    ? new Promise<void>((resolve) =>
        setTimeout(
          () =>
            void event(performance.now() - started).then((line) => {
              events.push(line);
              log(`  ${line}`);
              resolve();
            }),
          (SECONDS * 1000) / 2,
        ),
      )
    : Promise.resolve();
  const [reads, writes, accounting] = await Promise.all([
    drive("reads", cookie, token, acked, run),
    drive("writes", cookie, token, acked, run),
    drive("accounting", cookie, token, acked, run),
  ]);
  await eventDone;
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = (cpuTicks() - ticks) / 100;

  // Every acknowledged write must be in the database.
  const check = new pg.Client({ connectionString: dbUrl() });
  await check.connect();
  const present = async (table: string, ids: string[]) =>
    ids.length === 0
      ? 0
      : (await check.query(`SELECT count(*)::int AS n FROM "${table}" WHERE id = ANY($1)`, [ids])).rows[0].n;
  // autocannon can hand a response to the other request's onResponse after the load balancer closed
  // its connection (seen on an nginx reload), so an id counts as present in either table.
  const everyId = [...acked.customers, ...acked.tickets];
  const customersFound = await present("Customer", everyId);
  const ticketsFound = await present("Ticket", everyId);
  // Diagnostics for anything missing: answered twice (a duplicate id), or an answer of the other kind.
  const duplicates =
    acked.customers.length - new Set(acked.customers).size + (acked.tickets.length - new Set(acked.tickets).size);
  const crossed = (await present("Ticket", acked.customers)) + (await present("Customer", acked.tickets));
  if (customersFound + ticketsFound < everyId.length)
    log(`  missing writes: ${duplicates} duplicate ids, ${crossed} ids answered to the other request`);
  await check.end();

  const all = [reads, writes, accounting];
  const total = all.reduce((s, k) => s + k.requests, 0);
  const summary = {
    name,
    load,
    seconds: Math.round(seconds),
    requestsPerSecond: Math.round(total / seconds),
    byKind: Object.fromEntries(
      (["reads", "writes", "accounting"] as const).map((k, i) => [
        k,
        {
          perSecond: Math.round(all[i].requests / seconds),
          p50: all[i].latencies.p50,
          p97_5: all[i].latencies.p97_5,
          p99: all[i].latencies.p99,
          failed: all[i].non2xx + all[i].errors,
          statuses: all[i].statuses,
          errors: all[i].errors,
        },
      ]),
    ),
    failed: all.reduce((s, k) => s + k.non2xx + k.errors, 0),
    acknowledgedWrites: acked.customers.length + acked.tickets.length,
    lostWrites: acked.customers.length - customersFound + (acked.tickets.length - ticketsFound),
    cpuMsPerRequest: Math.round(((cpuSeconds * 1000) / total) * 100) / 100,
    events,
  };
  console.log(JSON.stringify(summary));
  const errors = nginxErrors();
  if (errors) console.log(`nginx error log (last lines):\n${errors}`);
  return summary;
}

const nginxErrors = () =>
  existsSync(path.join(lbDir, "error.log"))
    ? execFileSync("tail", ["-n", "8", path.join(lbDir, "error.log")], { encoding: "utf8" }).trim()
    : "";
const results = [];
try {
  log(`Starting instances on ${PORT_A} and ${PORT_B}…`);
  const [readyA, readyB] = await Promise.all([startInstance(PORT_A), startInstance(PORT_B)]);
  log(`  ready after ${readyA} ms and ${readyB} ms`);
  await startNginx([PORT_A, PORT_B]);

  // BENCH_ONLY=drain: only the SIGTERM run, with the instance first taken out of nginx's upstream.
  if (process.env.BENCH_ONLY === "drain") {
    await runPhase("two instances, one taken out of nginx, then SIGTERM", async (at) => {
      await setDown([PORT_A, PORT_B], PORT_A, true);
      const { code, ms } = await stopInstance(PORT_A, "SIGTERM");
      const back = await startInstance(PORT_A);
      await setDown([PORT_A, PORT_B], PORT_A, false);
      return `nginx reload without it, then SIGTERM at ${Math.round(at / 1000)} s: exited ${code} after ${ms} ms; restarted, ready after ${back} ms, back in nginx`;
    });
  } else {
    results.push(
      await runPhase("two instances, SIGTERM one halfway", async (at) => {
        const { code, ms } = await stopInstance(PORT_A, "SIGTERM");
        const back = await startInstance(PORT_A);
        return `SIGTERM at ${Math.round(at / 1000)} s: exited ${code} after ${ms} ms; restarted, ready after ${back} ms`;
      }),
    );
    results.push(
      await runPhase("two instances, SIGKILL one halfway", async (at) => {
        const { ms } = await stopInstance(PORT_B, "SIGKILL");
        const back = await startInstance(PORT_B);
        return `SIGKILL at ${Math.round(at / 1000)} s (gone after ${ms} ms); restarted, ready after ${back} ms`;
      }),
    );
    results.push(await runPhase("two instances"));
    await startNginx([PORT_A]);
    results.push(await runPhase("one instance"));
    const two = results[2].requestsPerSecond;
    const one = results[3].requestsPerSecond;
    log(`Two instances / one: ${(two / one).toFixed(2)}× (${two} vs ${one} requests/s) on ${os.cpus().length} CPUs.`);
  }
} finally {
  nginx?.kill("SIGQUIT");
  for (const child of instances.values()) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(
    [...instances.values()].map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)),
  );
  await adminClient.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminClient.end();
  rmSync(lbDir, { recursive: true, force: true });
}
