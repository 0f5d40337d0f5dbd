import { spawn } from "node:child_process";

// The one interface to ICMP: Debian's fping, for the devices that answer no SNMP. One fping run
// pings them all at once (it paces the packets itself), `count` times each; its quiet per-ping
// report (-C) gives each address's round trips, "-" for a ping that got no answer.

export interface PingResult {
  latencyMs: number | null;
  lossPercent: number;
}

export interface PingOptions {
  count?: number;
  /** How long fping waits for each answer. */
  timeoutMs?: number;
  /** The fping binary (tests point it elsewhere to prove a missing fping is survived). */
  binary?: string;
}

/** Addresses → their results; null when fping is not installed (the caller says so and goes on). */
export async function ping(addresses: string[], options: PingOptions = {}): Promise<Map<string, PingResult> | null> {
  const unique = [...new Set(addresses)];
  if (unique.length === 0) return new Map();
  const count = options.count ?? 3;
  const args = ["-C", String(count), "-q", "-t", String(options.timeoutMs ?? 500), "-p", "100", "-r", "0", ...unique];
  const output = await new Promise<string | null>((resolve, reject) => {
    // The ignore comment: Next.js's file tracing cannot tell what a spawned program reads, and
    // without it copies the whole project into .next/standalone (the image) to be safe. fping is a
    // system binary; nothing of ours is read.
    const child = spawn(/*turbopackIgnore: true*/ options.binary ?? "fping", args, {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d.toString()));
    child.stderr.on("data", (d: Buffer) => (text += d.toString()));
    child.on("error", (err: NodeJS.ErrnoException) => (err.code === "ENOENT" ? resolve(null) : reject(err)));
    // fping exits 1 when some address did not answer, 2 for a name it could not resolve: both are results.
    child.on("close", (code) =>
      code !== null && code <= 2 ? resolve(text) : reject(new Error(`fping failed: ${text.slice(0, 200)}`)),
    );
  });
  if (output === null) return null;
  return parseFping(output, unique, count);
}

/** fping -C's lines, "192.0.2.1 : 0.51 - 0.48", into results; an address without a line lost every ping. */
export function parseFping(output: string, addresses: string[], count: number): Map<string, PingResult> {
  const results = new Map<string, PingResult>(addresses.map((a) => [a, { latencyMs: null, lossPercent: 100 }]));
  for (const line of output.split("\n")) {
    const m = /^(\S+)\s+:\s+(.*)$/.exec(line.trim());
    if (!m || !results.has(m[1])) continue;
    const answers = m[2]
      .split(/\s+/)
      .filter(Boolean)
      .map((t) => (t === "-" ? null : Number(t)))
      .filter((t) => t === null || Number.isFinite(t));
    const times = answers.filter((t): t is number => t !== null);
    const sent = Math.max(count, answers.length);
    results.set(m[1], {
      latencyMs: times.length ? Math.round((times.reduce((a, b) => a + b, 0) / times.length) * 1000) / 1000 : null,
      lossPercent: Math.round(((sent - times.length) / sent) * 10000) / 100,
    });
  }
  return results;
}
