// `npx tsx bench/profile-summary.ts <profile dir> [phase]`: where the server's CPU went during one
// phase of `npm run bench:ingest-app -- --profile <dir>` (accounting, authorize or batch), as the
// table in docs/BENCHMARKS.md: share of busy samples per kind of work, CPU per request, and the
// busiest functions. The phase's window comes from phases.json, which the bench writes beside the
// profile (ms since the server was started; the profile starts with the process, so the window
// is off by the process's start-up, a few ms). Idle samples are left out.
import fs from "node:fs";
import path from "node:path";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const [dir, phase = "accounting"] = process.argv.slice(2);
if (!dir) throw new Error("usage: tsx bench/profile-summary.ts <profile dir> [phase]");
const meta = JSON.parse(fs.readFileSync(path.join(dir, "phases.json"), "utf8")) as {
  requests: Record<string, number>;
  windows: Record<string, [number, number]>;
};
const window = meta.windows[phase];
if (!window) throw new Error(`No phase ${phase} in this run (${Object.keys(meta.windows).join(", ")})`);
// The main thread's profile is the largest (tsx's loader thread writes a small second one).
const file = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".cpuprofile"))
  .map((f) => path.join(dir, f))
  .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** The kind of work a sample is, from its own frame and (for writes and parsing) its callers. */
function kind(id: number): string | null {
  const { functionName: f, url } = byId.get(id)!.callFrame;
  if (f === "(idle)") return null;
  if (f === "(garbage collector)") return "garbage collection";
  if (["writev", "writeBuffer", "writeUtf8String", "writeLatin1String"].includes(f)) {
    for (let up = parent.get(id); up !== undefined; up = parent.get(up)) {
      const u = byId.get(up)!.callFrame.url;
      if (/node_modules\/pg\//.test(u)) return "socket writes to PostgreSQL";
      if (/_http_outgoing|_http_server/.test(u)) return "socket writes of HTTP answers";
    }
    return "other socket writes";
  }
  if (/@prisma|\/prisma\/|wasm:/.test(url)) return "Prisma client runtime";
  if (/node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-)/.test(url)) return "pg driver";
  if (/node_modules\/zod/.test(url)) return "zod validation";
  if (/server\/modules\/radius/.test(url)) return "RADIUS rules (parsing, counters, replay, SQL text)";
  if (/server\/(api|auth|http)|server\/lib\/storable-text/.test(url))
    return "REST glue (route.ts, request meta, NUL check)";
  if (/server\/db\//.test(url)) return "tenant transactions (server/db)";
  if (/server\//.test(url)) return "other app code";
  if (
    /node:_http|node:http|node:net|stream|undici|abort_controller|event_target|node:events|encoding|node:buffer/.test(
      url,
    )
  )
    return "HTTP: node http, Request/Response, streams";
  if (/tsx|esbuild|modules\/esm|modules\/cjs|worker/.test(url)) return "module loading";
  if (/crypto|cuid2|@noble/.test(url)) return "crypto and ids";
  if (f === "(program)" || f === "runMicrotasks" || url === "") return "V8 and microtasks";
  return "other";
}

const [from, to] = window.map((ms) => profile.startTime + ms * 1000);
const shares = new Map<string, number>();
const functions = new Map<string, number>();
/** Time under each of our own functions, its callees included (each function once per sample). */
const inclusive = new Map<string, number>();
let busy = 0;
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at < from || at > to) return;
  const k = kind(id);
  if (!k) return;
  const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
  busy += dt;
  shares.set(k, (shares.get(k) ?? 0) + dt);
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const name = `${functionName || "(anonymous)"} ${url.replace(/.*\/(node_modules|server|bench)\//, "$1/")}:${lineNumber + 1}`;
  functions.set(name, (functions.get(name) ?? 0) + dt);
  const seen = new Set<string>();
  for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
    const frame = byId.get(up)!.callFrame;
    if (!/\/(server|bench)\//.test(frame.url)) continue;
    const own = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/.*\/(server|bench)\//, "$1/")}:${frame.lineNumber + 1}`;
    if (seen.has(own)) continue;
    seen.add(own);
    inclusive.set(own, (inclusive.get(own) ?? 0) + dt);
  }
});
const requests = meta.requests[phase];
console.log(
  `${phase}: ${((to - from) / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s of CPU` +
    (requests ? `, ${(busy / 1000 / requests).toFixed(2)} ms per request` : ""),
);
const pct = (v: number) => `${((100 * v) / busy).toFixed(1).padStart(5)} %`;
for (const [k, v] of [...shares].sort((a, b) => b[1] - a[1])) console.log(`${pct(v)}  ${k}`);
console.log("busiest functions:");
for (const [k, v] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 20)))
  console.log(`${pct(v)}  ${k}`);
console.log("our functions, callees included:");
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 20)))
  console.log(`${pct(v)}  ${k}`);
