import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import net from "node:net";

// The production HTTP server's life and death (used by ./next-server.ts): readiness and liveness
// answered here, before Next.js, and a graceful shutdown on SIGTERM so that a rolling update, a
// scale-down or `docker stop` loses no request:
//   1. readiness (/api/ready) answers 503 at once, so a load balancer that probes it (Kubernetes)
//      stops sending new requests; for SHUTDOWN_DELAY_MS the server still accepts and serves
//      whatever arrives meanwhile, keep-alive included (Kubernetes removes a pod from its
//      endpoints only after a moment, and requests routed before then must not meet a closed
//      port; a load balancer with warm keep-alive connections opens no new ones meanwhile);
//   2. the listening socket is closed, at a quiet moment: right after the event loop accepted
//      what was queued, and once no new connection came for QUIET_MS. A connection the kernel has
//      accepted but the server has not is reset when the socket closes, after the load balancer
//      may have sent its request (a POST nginx may not re-send); closing when the queue was just
//      emptied keeps that window to the instant between the last accept and the close. New
//      connections are then refused (nginx retries a refused connection for every method: the
//      request was never sent);
//   3. every answer from then on goes out with `Connection: close`, so a kept-alive connection
//      ends after its next request and no client sends another on it; connections that stay idle
//      get IDLE_GRACE_MS for the client to use or close them (a load balancer's idle timeout for
//      its upstream connections must be shorter), then are closed: closing one at the moment the
//      client sends on it would lose that request;
//   4. requests in flight finish; after SHUTDOWN_TIMEOUT_MS whatever is still running is cut off;
//   5. the caller closes the rest (Next.js, the database pool) and the process exits 0.
// Liveness (/api/live) stays 200 throughout: the process is healthy, only leaving.

export const READY_PATH = "/api/ready";
export const LIVE_PATH = "/api/live";
/** After the listener closes, how long idle connections may still send a request (answered, then closed). */
export const IDLE_GRACE_MS = 3_000;
/** The listener closes once no connection has come for this long (step 2)… */
export const QUIET_MS = 100;
/** …or after this long at the latest, quiet or not. */
export const QUIET_WAIT_MS = 2_000;

export interface GracefulOptions {
  /** Whether this instance can serve (database reachable, migrations applied): /api/ready's answer while not draining. */
  ready: () => Promise<boolean>;
  /** After SIGTERM, how long to keep accepting new connections while readiness says 503. */
  delayMs: number;
  /** After that, how long requests in flight may take before they are cut off. */
  timeoutMs: number;
  log?: (line: string) => void;
}

export interface GracefulServer {
  server: Server;
  listen(port: number, hostname?: string): Promise<void>;
  /** Steps 1–4 above; resolves once no request is in flight and the server is closed. Idempotent. */
  drain(): Promise<{ cutOff: number }>;
  readonly draining: boolean;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const pathOf = (url: string | undefined) => (url ?? "/").split("?")[0];

function answer(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function gracefulServer(handler: Handler, opts: GracefulOptions): GracefulServer {
  const log = opts.log ?? ((line: string) => console.log(line));
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  // False once the listener closed (step 3): from then on every answer ends its connection.
  let listening = true;
  let lastConnectionAt = 0;
  let drained: Promise<{ cutOff: number }> | undefined;
  let waiters: (() => void)[] = [];

  const server = createServer((req, res) => {
    inFlight.add(res);
    res.once("close", () => {
      inFlight.delete(res);
      if (inFlight.size === 0) {
        for (const wake of waiters) wake();
        waiters = [];
      }
    });
    if (!listening) res.shouldKeepAlive = false;
    const path = pathOf(req.url);
    if (path === LIVE_PATH) return answer(res, 200, { status: "ok" });
    if (path === READY_PATH) {
      if (draining) return answer(res, 503, { status: "draining" });
      opts.ready().then(
        (ok) => answer(res, ok ? 200 : 503, { status: ok ? "ready" : "not ready" }),
        () => answer(res, 503, { status: "not ready" }),
      );
      return;
    }
    handler(req, res);
  });
  server.on("connection", () => (lastConnectionAt = Date.now()));

  async function drainOnce(): Promise<{ cutOff: number }> {
    draining = true;
    if (opts.delayMs > 0) {
      log(`Shutting down: not ready; still accepting for ${opts.delayMs} ms.`);
      await sleep(opts.delayMs);
    }
    const started = Date.now();
    await quietMoment();
    // net.Server's close, not http.Server's: the latter also closes every connection without a
    // request in progress at once, including one accepted a moment ago whose request has not been
    // read yet (under load the event loop is behind), and behind nginx that request was sent.
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    listening = false;
    // Answers not yet started go out with Connection: close (started ones end their connection below).
    for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    log(`Shutting down: no new connections; waiting for ${inFlight.size} request(s) in flight.`);
    // Idle connections: the client sends one more request (answered with Connection: close) or
    // closes them itself; whatever is still idle after the grace is closed.
    const graceOver = sleep(Math.min(IDLE_GRACE_MS, opts.timeoutMs)).then(() => server.closeIdleConnections());
    let timer: NodeJS.Timeout | undefined;
    const left = Math.max(0, opts.timeoutMs - (Date.now() - started));
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), left)));
    const settled = (async () => {
      await Promise.race([graceOver, noConnections()]);
      // A request may have come on an idle connection meanwhile: its answer ends that connection.
      while (inFlight.size > 0) await noneInFlight();
      return true as const;
    })();
    const inTime = await Promise.race([settled, timedOut]);
    clearTimeout(timer);
    let cutOff = 0;
    if (!inTime) {
      cutOff = inFlight.size;
      if (cutOff > 0) log(`Shutting down: ${cutOff} request(s) still running after ${opts.timeoutMs} ms are cut off.`);
    }
    server.closeAllConnections();
    await closed;
    return { cutOff };
  }

  /** Resolves in the event loop's check phase right after a poll phase (which accepted whatever was queued) once no connection came for QUIET_MS. */
  function quietMoment(): Promise<void> {
    const giveUpAt = Date.now() + QUIET_WAIT_MS;
    return new Promise((resolve) => {
      const check = () => {
        if (Date.now() - lastConnectionAt >= QUIET_MS || Date.now() >= giveUpAt) resolve();
        else setTimeout(() => setImmediate(check), QUIET_MS / 4);
      };
      setImmediate(check);
    });
  }

  function noneInFlight(): Promise<void> {
    return inFlight.size === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
  }

  function noConnections(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => server.getConnections((_err, count) => (count === 0 ? resolve() : setTimeout(check, 50)));
      check();
    });
  }

  return {
    server,
    listen: (port, hostname) =>
      new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, hostname, () => {
          server.off("error", reject);
          resolve();
        });
      }),
    drain: () => (drained ??= drainOnce()),
    get draining() {
      return draining;
    },
  };
}

/**
 * SIGTERM and SIGINT run `shutdown` once, then exit 0 (1 if it threw). A second signal while
 * shutting down exits at once (an operator pressing Ctrl-C twice).
 */
export function exitOnSignals(shutdown: () => Promise<void>, log: (line: string) => void = console.log): void {
  let stopping = false;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (stopping) {
        log(`${sig} again: exiting now.`);
        process.exit(1);
      }
      stopping = true;
      log(`${sig}: shutting down gracefully.`);
      shutdown().then(
        () => {
          log("Shut down.");
          process.exit(0);
        },
        (err: unknown) => {
          console.error("Shutdown failed", err);
          process.exit(1);
        },
      );
    });
  }
}
