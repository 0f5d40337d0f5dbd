import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import net from "node:net";

// The production HTTP server's life and death (used by ./next-server.ts): readiness and liveness
// answered here, before Next.js, and a graceful shutdown on SIGTERM so that a rolling update, a
// scale-down or `docker stop` loses no request:
//   1. readiness (/api/ready) answers 503 at once, so a load balancer that probes it (Kubernetes)
//      stops sending new requests; for SHUTDOWN_DELAY_MS the server still accepts and serves
//      whatever arrives meanwhile (Kubernetes removes a pod from its endpoints only after a
//      moment, and requests routed before then must not meet a closed port);
//   2. the listening socket is closed: new connections are refused (a load balancer sends them to
//      another instance; nginx retries a refused connection for every method, the request was
//      never sent); after IDLE_GRACE_MS idle keep-alive connections are closed;
//   3. requests in flight finish; each answer goes out with `Connection: close`, so no client
//      sends another request on that connection; after SHUTDOWN_TIMEOUT_MS whatever is still
//      running is cut off;
//   4. the caller closes the rest (Next.js, the database pool) and the process exits 0.
// Liveness (/api/live) stays 200 throughout: the process is healthy, only leaving.

export const READY_PATH = "/api/ready";
export const LIVE_PATH = "/api/live";
/** After the listener closes, how long connections without a request yet may still send one. */
export const IDLE_GRACE_MS = 1_000;

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
  /** Steps 1–3 above; resolves once no request is in flight and the server is closed. Idempotent. */
  drain(): Promise<{ cutOff: number }>;
  readonly draining: boolean;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

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
  let drained: Promise<{ cutOff: number }> | undefined;
  let settle: (() => void) | undefined;

  const server = createServer((req, res) => {
    inFlight.add(res);
    res.once("close", () => {
      inFlight.delete(res);
      if (draining && inFlight.size === 0) settle?.();
    });
    // A request that arrives on a kept-alive connection while draining is served, and that
    // connection closed after its answer.
    if (draining) res.shouldKeepAlive = false;
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

  async function drainOnce(): Promise<{ cutOff: number }> {
    draining = true;
    // Answers not yet started go out with Connection: close.
    for (const res of inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
    if (opts.delayMs > 0) {
      log(`Shutting down: not ready; still accepting for ${opts.delayMs} ms.`);
      await new Promise((resolve) => setTimeout(resolve, opts.delayMs));
    }
    // Stop listening with net.Server's close, not http.Server's: the latter also closes every
    // connection without a request in progress at once, and that includes connections accepted a
    // moment ago whose request has not been read yet (under load the event loop is behind).
    // Behind nginx that request was already sent, and a sent POST is not retried: a lost write.
    const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
    const started = Date.now();
    // So connections just accepted get their request in (and are answered, with Connection: close);
    // then the idle keep-alive connections are closed.
    await new Promise((resolve) => setTimeout(resolve, Math.min(IDLE_GRACE_MS, opts.timeoutMs)));
    server.closeIdleConnections();
    log(`Shutting down: no new connections; waiting for ${inFlight.size} request(s) in flight.`);
    let cutOff = 0;
    if (inFlight.size > 0) {
      const finished = new Promise<boolean>((resolve) => (settle = () => resolve(true)));
      let timer: NodeJS.Timeout | undefined;
      const left = Math.max(0, opts.timeoutMs - (Date.now() - started));
      const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), left)));
      const inTime = await Promise.race([finished, timedOut]);
      clearTimeout(timer);
      if (!inTime) {
        cutOff = inFlight.size;
        log(`Shutting down: ${cutOff} request(s) still running after ${opts.timeoutMs} ms are cut off.`);
      }
    }
    // Whatever is left is idle (an answer streamed before draining began kept its keep-alive) or cut off.
    server.closeAllConnections();
    await closed;
    return { cutOff };
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
