// The accounting load the RADIUS benches send the app over loopback with keep-alive: rlm_rest-
// shaped records of whole sessions (a Start, eight Interim-Updates, a Stop), to the per-request
// endpoint at a number in flight and to the batch endpoint from forwarders. bench/ingest.ts sends
// it to the production build, bench/ingest-app.ts to the route handlers alone, so both time the
// same work.
import http from "node:http";

export interface AppTarget {
  port: number;
  /** The Host header: the company comes from its subdomain. */
  host: string;
  /** The Authorization header: the company's RADIUS key. */
  authorization: string;
}

export type Post = (
  pathname: string,
  body: string | Buffer,
  contentType?: string,
) => Promise<{ status: number; ms: number }>;

/** POSTs to the app over at most `sockets` kept-alive connections; close() when done. */
export function poster(target: AppTarget, sockets: number): { post: Post; close: () => void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  // node:http, not fetch: fetch drops a Host header.
  const post: Post = (pathname, body, contentType = "application/json") => {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: target.port,
          path: pathname,
          method: "POST",
          agent,
          headers: {
            host: target.host,
            authorization: target.authorization,
            "content-type": contentType,
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  };
  return { post, close: () => agent.destroy() };
}

const attr = (value: string | number) => ({ type: typeof value === "number" ? "integer" : "string", value: [value] });

/** Session `s`'s record of `phase` (0 Start, 1–8 Interim-Update, 9 Stop), five minutes apart. */
export function accountingRecord(username: string, s: number, phase: number, run: string, nasIp = "10.0.0.1") {
  const status = phase === 0 ? "Start" : phase === 9 ? "Stop" : "Interim-Update";
  const secs = phase * 300;
  return {
    "User-Name": attr(username),
    "Acct-Session-Id": attr(`${run}-${s}`),
    "Acct-Status-Type": attr(status),
    "NAS-IP-Address": attr(nasIp),
    "Framed-IP-Address": attr(`100.64.${(s >> 8) & 255}.${s & 255}`),
    ...(phase > 0
      ? {
          "Acct-Session-Time": attr(secs),
          "Acct-Input-Octets": attr(secs * 1000),
          "Acct-Output-Octets": attr(secs * 10_000),
        }
      : {}),
  };
}

/**
 * `sessions` sessions as JSON records, phase by phase (all Starts, then all first interims, …), as
 * NASes send them: whole sessions, or only their first `phases` (1: the Starts alone).
 */
export function sessionRecords(usernames: readonly string[], sessions: number, run: string, phases = 10): string[] {
  const out: string[] = [];
  for (let phase = 0; phase < phases; phase++)
    for (let s = 0; s < sessions; s++)
      out.push(JSON.stringify(accountingRecord(usernames[s % usernames.length], s, phase, run)));
  return out;
}

/** Each body POSTed once, `inFlight` at a time: the rate, latency percentiles and the answers' statuses. */
export async function drive(post: Post, bodies: readonly string[], pathname: string, inFlight: number) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < bodies.length) {
        const { status, ms } = await post(pathname, bodies[next++]);
        latencies.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  return {
    requests: bodies.length,
    perSecond: Math.round(bodies.length / seconds),
    p50: pct(50),
    p99: pct(99),
    statuses: Object.fromEntries(statuses),
  };
}

/** Records in one run of the batch load: 2,000 whole sessions. */
export const BATCH_LOAD_RECORDS = 20_000;
const BATCH_REQUEST_RECORDS = 5_000;

/**
 * The batch load once per run: 20,000 records a run (2,000 sessions × Start, 8 Interim-Updates,
 * Stop; session ids `run-…`) in requests of 5,000 from `forwarders` forwarders at once, each with
 * its own sessions (s % forwarders) and sending its records in order, one request after another,
 * as a FreeRADIUS detail reader does. Throws unless every request is answered 200. The request
 * bodies are made before the clock starts: a forwarder has its records ready, and joining 5,000
 * lines into 2 MB of text (and encoding it) in the timed loop put the bench's own work between
 * one answer and the next request, about 20 ms a request.
 */
export async function sendBatches(
  post: Post,
  usernames: readonly string[],
  runs: readonly string[],
  forwarders: number,
) {
  const streams: string[][] = Array.from({ length: forwarders }, () => []);
  for (const run of runs)
    for (let phase = 0; phase <= 9; phase++)
      for (let s = 0; s < BATCH_LOAD_RECORDS / 10; s++)
        streams[s % forwarders].push(JSON.stringify(accountingRecord(usernames[s % usernames.length], s, phase, run)));
  const bodies = streams.map((lines) => {
    const out: Buffer[] = [];
    for (let from = 0; from < lines.length; from += BATCH_REQUEST_RECORDS)
      out.push(Buffer.from(lines.slice(from, from + BATCH_REQUEST_RECORDS).join("\n")));
    return out;
  });
  const records = BATCH_LOAD_RECORDS * runs.length;
  const started = performance.now();
  await Promise.all(
    bodies.map(async (requests) => {
      for (const body of requests) {
        const { status } = await post("/api/radius/accounting/batch", body, "application/x-ndjson");
        if (status !== 200) throw new Error(`batch answered ${status}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { records, forwarders, perSecond: Math.round(records / seconds) };
}
