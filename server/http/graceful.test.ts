import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import readline from "node:readline";
import { afterEach, describe, expect, it } from "vitest";

// The production server's graceful shutdown (./graceful.ts), in a real process on a loopback port
// (./graceful.fixture.ts: the same server and signal handling as `npm start`, with a slow route in
// place of Next.js), signalled as Kubernetes or `docker stop` would.

interface Answer {
  status: number;
  body: string;
  connection: string | undefined;
}

function get(port: number, pathname: string, agent?: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathname, agent: agent ?? false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

const errorCode = (promise: Promise<unknown>) =>
  promise.then(
    () => "answered",
    (err: NodeJS.ErrnoException) => err.code ?? err.message,
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null) child.kill("SIGKILL");
});

async function startServer(env: Record<string, string>) {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "graceful.fixture.ts")], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child = proc;
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
    proc.on("exit", (code) => resolve({ code, at: performance.now() })),
  );
  const port = await new Promise<number>((resolve, reject) => {
    proc.on("exit", (code) => reject(new Error(`fixture exited ${code}`)));
    readline.createInterface({ input: proc.stdout! }).on("line", (line) => {
      lines.push(line);
      if (line.startsWith('{"port"')) resolve(JSON.parse(line).port);
    });
  });
  return { proc, port, lines, exited };
}

describe("graceful shutdown on SIGTERM", () => {
  it("answers every request in flight, reports not ready, refuses new connections, and exits 0", async () => {
    const { proc, port, lines, exited } = await startServer({ SHUTDOWN_DELAY_MS: "400", SHUTDOWN_TIMEOUT_MS: "10000" });
    expect((await get(port, "/api/ready")).status).toBe(200);

    // A kept-alive connection that sits idle when the signal comes.
    const idleAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(port, "/slow?ms=0", idleAgent)).status).toBe(200);
    const idleSocket = Object.values(idleAgent.freeSockets).flat()[0]!;
    let idleClosedAt = 0;
    idleSocket.on("close", () => (idleClosedAt = performance.now()));

    // Five slow requests, each on its own kept-alive connection, in flight when the signal comes.
    const agent = new http.Agent({ keepAlive: true });
    const slow = Array.from({ length: 5 }, () => get(port, "/slow?ms=1500", agent));
    await sleep(300);
    const signalledAt = performance.now();
    proc.kill("SIGTERM");
    await sleep(100);

    // Within SHUTDOWN_DELAY_MS: not ready, still alive, still serving new connections.
    expect(await get(port, "/api/ready")).toMatchObject({ status: 503, body: '{"status":"draining"}' });
    expect((await get(port, "/api/live")).status).toBe(200);
    const lateButAccepted = get(port, "/slow?ms=200");

    // After it: new connections are refused.
    await sleep(500);
    expect(await errorCode(get(port, "/api/live"))).toBe("ECONNREFUSED");

    const answers = await Promise.all(slow);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.body)).toEqual(Array(5).fill("done after 1500 ms"));
    // No client sends another request on a connection of a server that is leaving.
    expect(answers.map((a) => a.connection)).toEqual(Array(5).fill("close"));
    expect((await lateButAccepted).status).toBe(200);

    const { code, at } = await exited;
    expect(code).toBe(0);
    // It left as soon as the last request was answered, not at the timeout.
    expect(at - signalledAt).toBeLessThan(5_000);
    expect(lines).toContain('{"drained":true,"cutOff":0}');
    expect(idleClosedAt, "the idle keep-alive connection was closed").toBeGreaterThan(signalledAt + 400);
    idleAgent.destroy();
    agent.destroy();
  });

  it("loses no request of a steady stream across the drain: each is answered, or refused before it was sent", async () => {
    // Clients as a load balancer is one: kept-alive connections, a new one when the server ends one.
    const { proc, port, exited } = await startServer({ SHUTDOWN_DELAY_MS: "600", SHUTDOWN_TIMEOUT_MS: "10000" });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
    // A kept-alive connection left idle over the signal, used once more after the listener closed.
    const idleAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(port, "/slow?ms=0", idleAgent)).status).toBe(200);

    let signalledAt = 0;
    const outcomes: { sentAt: number; outcome: string }[] = [];
    async function client(fresh: boolean) {
      for (;;) {
        const sentAt = performance.now();
        const outcome = await errorCode(
          get(port, "/slow?ms=30", fresh ? undefined : agent).then((a) => {
            if (a.status !== 200) throw new Error(`status ${a.status}`);
          }),
        );
        outcomes.push({ sentAt, outcome });
        // Refused: the server is gone for this client, which would now go to another instance.
        if (outcome === "ECONNREFUSED") return;
        if (outcome !== "answered") return;
      }
    }
    const clients = [...Array.from({ length: 6 }, () => client(false)), client(true), client(true)];
    await sleep(300);
    signalledAt = performance.now();
    proc.kill("SIGTERM");
    // After the delay and the listener's close (at most QUIET_WAIT_MS later: the fresh connections
    // never let it be quiet), within IDLE_GRACE_MS.
    await sleep(3_000);
    const idleAfterClose = await get(port, "/slow?ms=0", idleAgent);
    await Promise.all(clients);

    const duringDelay = outcomes.filter((o) => o.sentAt > signalledAt && o.sentAt < signalledAt + 500);
    expect(duringDelay.length, "requests sent during SHUTDOWN_DELAY_MS").toBeGreaterThan(10);
    expect(new Set(duringDelay.map((o) => o.outcome))).toEqual(new Set(["answered"]));
    // Nothing reset or hung up: every request either got its answer or never left the client.
    expect(new Set(outcomes.map((o) => o.outcome))).toEqual(new Set(["answered", "ECONNREFUSED"]));
    expect(outcomes.filter((o) => o.outcome === "ECONNREFUSED")).toHaveLength(8);
    // The idle kept-alive connection was answered once more, and told to close.
    expect(idleAfterClose).toMatchObject({ status: 200, connection: "close" });
    expect((await exited).code).toBe(0);
    agent.destroy();
    idleAgent.destroy();
  });

  it("cuts off a request still running after SHUTDOWN_TIMEOUT_MS and still exits 0", async () => {
    const { proc, port, lines, exited } = await startServer({ SHUTDOWN_DELAY_MS: "0", SHUTDOWN_TIMEOUT_MS: "500" });
    const stuck = errorCode(get(port, "/slow?ms=20000"));
    await sleep(200);
    const signalledAt = performance.now();
    proc.kill("SIGTERM");
    await sleep(100);
    expect(await errorCode(get(port, "/api/live"))).toBe("ECONNREFUSED");
    const { code, at } = await exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeGreaterThanOrEqual(450);
    expect(at - signalledAt).toBeLessThan(5_000);
    expect(await stuck).toMatch(/ECONNRESET|socket hang up/);
    expect(lines).toContain('{"drained":true,"cutOff":1}');
  });
});
