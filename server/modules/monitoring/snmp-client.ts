import snmp from "net-snmp";
import type { z } from "zod";
import type { polledInterfaceSchema } from "./schema";

// The one interface to SNMP (the net-snmp package): read one device's system group and interface
// counters over v2c (a community) or v3 (a USM user: noAuthNoPriv, authNoPriv or authPriv, e.g.
// SHA + AES). Everything the device says is checked before it is believed: a value of the wrong
// type skips that interface, an answer that is not SNMP at all fails the device as "not SNMP".
// Interfaces without 64-bit counters (an agent that has only IF-MIB's ifTable, SNMPv1-era
// firmware) are read from the 32-bit ifInOctets/ifOutOctets instead, marked so that rates wrap
// them at 2^32 (rates.ts).

export type SnmpCredentials =
  | { version: "V2C"; community: string }
  | {
      version: "V3";
      user: string;
      /** MD5, SHA, SHA-256, SHA-512 (server/modules/devices/schema.ts); null: no authentication. */
      authProtocol: string | null;
      authKey: string | null;
      /** DES, AES, AES-256; null: no privacy. */
      privProtocol: string | null;
      privKey: string | null;
    };

export interface SnmpTarget {
  address: string;
  port: number;
  credentials: SnmpCredentials;
  /** Per request; a request is tried `retries` more times. */
  timeoutMs: number;
  retries: number;
}

export type PolledInterface = z.input<typeof polledInterfaceSchema>;

export interface SnmpAnswer {
  sysUpTime: number;
  sysDescr: string | null;
  interfaces: PolledInterface[];
}

/** Why a device gave no usable answer: said in words staff understand (stored on its reachability). */
export class SnmpFailure extends Error {
  constructor(
    readonly kind: "timeout" | "not-snmp" | "refused" | "error",
    message: string,
  ) {
    super(message);
    this.name = "SnmpFailure";
  }
}

const SYS_DESCR = "1.3.6.1.2.1.1.1.0";
const SYS_UPTIME = "1.3.6.1.2.1.1.3.0";
const COLUMNS = {
  descr: "1.3.6.1.2.1.2.2.1.2",
  operStatus: "1.3.6.1.2.1.2.2.1.8",
  in32: "1.3.6.1.2.1.2.2.1.10",
  out32: "1.3.6.1.2.1.2.2.1.16",
  speed32: "1.3.6.1.2.1.2.2.1.5",
  inErrors: "1.3.6.1.2.1.2.2.1.14",
  outErrors: "1.3.6.1.2.1.2.2.1.20",
  name: "1.3.6.1.2.1.31.1.1.1.1",
  hcIn: "1.3.6.1.2.1.31.1.1.1.6",
  hcOut: "1.3.6.1.2.1.31.1.1.1.10",
  highSpeed: "1.3.6.1.2.1.31.1.1.1.15",
} as const;
type Column = keyof typeof COLUMNS;
/** Rows per GetBulk: big enough that a 48-port switch takes one request per column. */
const MAX_REPETITIONS = 50;

type Varbind = snmp.Varbind;

const AUTH: Record<string, snmp.AuthProtocols> = {
  MD5: snmp.AuthProtocols.md5,
  SHA: snmp.AuthProtocols.sha,
  "SHA-256": snmp.AuthProtocols.sha256,
  "SHA-512": snmp.AuthProtocols.sha512,
};
const PRIV: Record<string, snmp.PrivProtocols> = {
  DES: snmp.PrivProtocols.des,
  AES: snmp.PrivProtocols.aes,
  "AES-256": snmp.PrivProtocols.aes256b,
};

function openSession(target: SnmpTarget): snmp.Session {
  const options = { port: target.port, timeout: target.timeoutMs, retries: target.retries };
  const c = target.credentials;
  if (c.version === "V2C")
    return snmp.createSession(target.address, c.community, { ...options, version: snmp.Version2c });
  const auth = c.authProtocol && c.authKey ? AUTH[c.authProtocol] : undefined;
  const priv = auth && c.privProtocol && c.privKey ? PRIV[c.privProtocol] : undefined;
  const user: snmp.User = {
    name: c.user,
    level: priv ? snmp.SecurityLevel.authPriv : auth ? snmp.SecurityLevel.authNoPriv : snmp.SecurityLevel.noAuthNoPriv,
    ...(auth ? { authProtocol: auth, authKey: c.authKey! } : {}),
    ...(priv ? { privProtocol: priv, privKey: c.privKey! } : {}),
  };
  return snmp.createV3Session(target.address, user, options);
}

export async function readDevice(target: SnmpTarget): Promise<SnmpAnswer> {
  const session = openSession(target);
  // An answer net-snmp cannot parse arrives as an "error" event (unhandled, it would crash the
  // process); the request it was meant for then times out, and is reported as "not SNMP".
  let garbled: Error | null = null;
  session.on("error", (err: Error) => {
    garbled = err;
  });
  try {
    const system = await get(session, [SYS_UPTIME, SYS_DESCR]).catch((err: unknown) => {
      throw failureOf(err, garbled);
    });
    const [uptime, descr] = system;
    if (snmp.isVarbindError(uptime) || uptime.type !== snmp.ObjectType.TimeTicks || typeof uptime.value !== "number")
      throw new SnmpFailure("not-snmp", "The device answered without a sysUpTime.");
    const columns = {} as Record<Column, Map<number, Varbind>>;
    // Walked one column after the other: a busy agent answers a single session's requests in turn anyway.
    for (const [column, oid] of Object.entries(COLUMNS) as [Column, string][])
      columns[column] = await walk(session, oid).catch((err: unknown) => {
        throw failureOf(err, garbled);
      });
    return {
      sysUpTime: uptime.value,
      sysDescr: !snmp.isVarbindError(descr) && Buffer.isBuffer(descr.value) ? text(descr.value).slice(0, 1024) : null,
      interfaces: interfacesOf(columns),
    };
  } finally {
    session.close();
  }
}

function failureOf(err: unknown, garbled: Error | null): SnmpFailure {
  if (err instanceof SnmpFailure) return err;
  if (garbled) return new SnmpFailure("not-snmp", "The device answered with something that is not SNMP.");
  if (err instanceof Error && err.name === "RequestTimedOutError")
    return new SnmpFailure("timeout", "No SNMP answer (timeout): check the address, the community and the firewall.");
  const message = err instanceof Error ? err.message : String(err);
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/.test(message))
    return new SnmpFailure("refused", `The device cannot be reached: ${message}.`);
  return new SnmpFailure("error", `SNMP error: ${message.slice(0, 200)}`);
}

function get(session: snmp.Session, oids: string[]): Promise<Varbind[]> {
  return new Promise((resolve, reject) =>
    session.get(oids, (err, varbinds) => (err ? reject(err) : resolve(varbinds ?? []))),
  );
}

/** One column of a table, by row index (the last sub-identifier: ifIndex). */
function walk(session: snmp.Session, column: string): Promise<Map<number, Varbind>> {
  const rows = new Map<number, Varbind>();
  return new Promise((resolve, reject) =>
    session.subtree(
      column,
      MAX_REPETITIONS,
      (varbinds) => {
        for (const vb of varbinds) {
          if (snmp.isVarbindError(vb)) continue;
          const index = Number(vb.oid.slice(column.length + 1));
          if (Number.isInteger(index) && index > 0) rows.set(index, vb);
        }
      },
      (err) => (err ? reject(err) : resolve(rows)),
    ),
  );
}

const text = (b: Buffer) => b.toString("utf8").replace(/\0+$/, "");

/** A Counter64 arrives as big-endian bytes (as a bigint in some versions). */
function counter64(vb: Varbind | undefined): bigint | null {
  if (!vb || vb.type !== snmp.ObjectType.Counter64) return null;
  if (typeof vb.value === "bigint") return vb.value >= 0n && vb.value < 2n ** 64n ? vb.value : null;
  // Up to 9 bytes: a leading zero keeps a value with the top bit set positive in BER.
  if (!Buffer.isBuffer(vb.value) || vb.value.length > 9) return null;
  const n = vb.value.length === 0 ? 0n : BigInt(`0x${vb.value.toString("hex")}`);
  return n < 2n ** 64n ? n : null;
}
/** ifSpeed (bit/s, a Gauge32) in Mbit/s, when there is no ifHighSpeed. */
function mbps(vb: Varbind | undefined): number | null {
  const bps = integer(vb, snmp.ObjectType.Gauge32);
  return bps === null ? null : Math.round(bps / 1_000_000);
}
function integer(vb: Varbind | undefined, type: number): number | null {
  return vb && vb.type === type && typeof vb.value === "number" && Number.isInteger(vb.value) && vb.value >= 0
    ? vb.value
    : null;
}

/**
 * Interfaces with a sane status and counters: the 64-bit ones (ifHCInOctets/ifHCOutOctets) when
 * the agent has them, else the 32-bit ifInOctets/ifOutOctets (counterBits 32, which rates wrap at
 * 2^32; their speed from ifSpeed in bit/s when there is no ifHighSpeed).
 */
function interfacesOf(c: Record<Column, Map<number, Varbind>>): PolledInterface[] {
  const out: PolledInterface[] = [];
  const indexes = new Set([...c.hcIn.keys(), ...c.in32.keys()]);
  for (const ifIndex of indexes) {
    const hcIn = counter64(c.hcIn.get(ifIndex));
    const hcOut = counter64(c.hcOut.get(ifIndex));
    const wide = hcIn !== null && hcOut !== null;
    const in32 = integer(c.in32.get(ifIndex), snmp.ObjectType.Counter32);
    const out32 = integer(c.out32.get(ifIndex), snmp.ObjectType.Counter32);
    const inOctets = wide ? hcIn : in32 === null ? null : BigInt(in32);
    const outOctets = wide ? hcOut : out32 === null ? null : BigInt(out32);
    const operStatus = integer(c.operStatus.get(ifIndex), snmp.ObjectType.Integer);
    if (inOctets === null || outOctets === null || operStatus === null || operStatus < 1 || operStatus > 7) continue;
    const nameVb = c.name.get(ifIndex) ?? c.descr.get(ifIndex);
    const name = nameVb && Buffer.isBuffer(nameVb.value) ? text(nameVb.value).trim().slice(0, 128) : "";
    const inErrors = integer(c.inErrors.get(ifIndex), snmp.ObjectType.Counter32);
    const outErrors = integer(c.outErrors.get(ifIndex), snmp.ObjectType.Counter32);
    out.push({
      ifIndex,
      name: name || `ifIndex ${ifIndex}`,
      operStatus,
      inOctets: inOctets.toString(),
      outOctets: outOctets.toString(),
      inErrors,
      outErrors,
      speedMbps: integer(c.highSpeed.get(ifIndex), snmp.ObjectType.Gauge32) ?? mbps(c.speed32.get(ifIndex)),
      ...(wide ? {} : { counterBits: 32 as const }),
    });
  }
  return out.sort((a, b) => a.ifIndex - b.ifIndex);
}
