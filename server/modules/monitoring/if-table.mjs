// A pass_persist program for Debian's snmpd: serves a fixed IF-MIB table (ifEntry or ifXEntry,
// by the prefix it is started with) whose counters grow at known rates, so tests and the poll
// benchmark know what the poller must find. Used by snmpd-harness.ts; not part of the app.
//
//   node if-table.mjs <prefix> <config.json>
// config: { "interfaces": [{ "index": 1, "name": "ether1", "inBps": 1e6, "outBps": 5e5,
//           "oper": 1, "speedMbps": 1000, "zeroAt": <ms> }] }
// A counter is 0 at `zeroAt` (epoch ms) and grows at its rate; before zeroAt it counts up to 2^64
// (so a zeroAt a moment in the future makes it wrap then). ifInErrors grows by `inErrorsPerSecond`.
// The 32-bit ifInOctets/ifOutOctets are the same counters modulo 2^32. An interface with
// "hc": false has no ifXEntry row at all (an agent with only the 32-bit ifTable).
import fs from "node:fs";
import readline from "node:readline";

const [prefix, configPath] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
const TWO64 = 2n ** 64n;
const TWO32 = 2n ** 32n;

const IF_ENTRY = ".1.3.6.1.2.1.2.2.1"; // else ifXEntry, .1.3.6.1.2.1.31.1.1.1

const octets = (bps, zeroAt, now) => {
  const n = BigInt(Math.floor(((now - zeroAt) / 1000) * (bps / 8)));
  return ((n % TWO64) + TWO64) % TWO64;
};

/** column → (interface, now) → [type, value] */
const columns =
  prefix === IF_ENTRY
    ? {
        1: (i) => ["integer", i.index],
        2: (i) => ["string", i.name],
        5: (i) => ["gauge", String(Math.min(2 ** 32 - 1, (i.speedMbps ?? 1000) * 1_000_000))],
        8: (i) => ["integer", i.oper ?? 1],
        10: (i, now) => ["counter", String(octets(i.inBps, i.zeroAt, now) % TWO32)],
        16: (i, now) => ["counter", String(octets(i.outBps, i.zeroAt, now) % TWO32)],
        14: (i, now) => [
          "counter",
          String(BigInt(Math.floor(((now - i.zeroAt) / 1000) * (i.inErrorsPerSecond ?? 0))) % TWO32),
        ],
        20: () => ["counter", "0"],
      }
    : {
        1: (i) => ["string", i.name],
        6: (i, now) => ["counter64", String(octets(i.inBps, i.zeroAt, now))],
        10: (i, now) => ["counter64", String(octets(i.outBps, i.zeroAt, now))],
        15: (i) => ["gauge", i.speedMbps ?? 1000],
      };

// ifXEntry rows only for interfaces that have the 64-bit counters.
const interfaces = [...config.interfaces]
  .filter((i) => prefix === IF_ENTRY || i.hc !== false)
  .sort((a, b) => a.index - b.index);
const byIndex = new Map(interfaces.map((i) => [i.index, i]));
const colNumbers = Object.keys(columns)
  .map(Number)
  .sort((a, b) => a - b);
/** Every OID served, in order, as [column, index]. */
const rows = colNumbers.flatMap((c) => interfaces.map((i) => [c, i.index]));

const parse = (oid) => oid.replace(/^\./, "").split(".").map(Number);
const base = parse(prefix);
const cmp = (a, b) => {
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k] - b[k];
  return a.length - b.length;
};

function answer([column, index]) {
  const [type, value] = columns[column](byIndex.get(index), Date.now());
  return `${prefix}.${column}.${index}\n${type}\n${value}\n`;
}

function get(oid) {
  const parts = parse(oid);
  if (parts.length !== base.length + 2 || cmp(parts.slice(0, base.length), base) !== 0) return "NONE\n";
  const [column, index] = parts.slice(base.length);
  return columns[column] && byIndex.has(index) ? answer([column, index]) : "NONE\n";
}

function getnext(oid) {
  const parts = parse(oid);
  // The first served OID after `parts` (binary search over the ordered rows).
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp([...base, ...rows[mid]], parts) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < rows.length ? answer(rows[lo]) : "NONE\n";
}

const lines = readline.createInterface({ input: process.stdin });
let pending = null;
lines.on("line", (line) => {
  const text = line.trim();
  if (pending === "set") {
    pending = "set-value";
    return;
  }
  if (pending === "set-value") {
    pending = null;
    process.stdout.write("not-writable\n");
    return;
  }
  if (pending) {
    const verb = pending;
    pending = null;
    process.stdout.write(verb === "get" ? get(text) : getnext(text));
    return;
  }
  if (text === "PING") process.stdout.write("PONG\n");
  else if (text === "get" || text === "getnext" || text === "set") pending = text;
});
lines.on("close", () => process.exit(0));
