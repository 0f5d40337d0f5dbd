import { Invalid } from "../../lib/errors";
import type { Actor } from "../scope";
import {
  ACCOUNTING_ATTRIBUTES,
  accountingPacket,
  mayBeVoucher,
  validatePacket,
  type AccountingPacket,
  type AccountingResult,
} from "./accounting";
import { applyInTransaction } from "./group-commit";
import * as metrics from "./metrics";
import { scanRecord } from "./record-scan";
import { log } from "../../lib/log";

// Accounting in bulk, for forwarders (FreeRADIUS's detail reader), replays after an outage and
// imports: many rlm_rest-shaped records in one request, as NDJSON (one JSON object a line) or a
// JSON array. Each record gets its own answer; a malformed one is rejected with the reason and
// the others are stored.
//
// The whole batch is one tenant transaction, the same as a group of single packets
// (group-commit.ts applyInTransaction: plain SQL on one pg connection, the app role and the
// company's row-level security; the ORM's transaction only when a User-Name may be a voucher's
// code): accounting.ts applyPackets replays the records in their order with the rules of single
// packets (a record sent twice counts once, late and out-of-order reports add nothing,
// Gigawords, Accounting-On/Off, vouchers' allowance) and writes the new sessions, the sessions'
// state and the daily usage with one statement each. If PostgreSQL refuses the transaction, the
// batch is split in halves, each applied in order in its own transaction, down to the one record
// at fault, which alone is rejected.
//
// The records are checked here by hand rather than with zod (rlm-rest.ts rlmRestRequestSchema
// describes the same shape for the API reference): at 10,000 records a batch, zod's per-record
// cost was the largest part of the request.

export const MAX_BATCH_RECORDS = 10_000;
export const MAX_BATCH_BYTES = 8_000_000;
const MAX_NAME = 128;

export type RecordOutcome =
  | { outcome: "recorded" | "duplicate" | "ignored"; sessionId?: string; closed?: number }
  | { outcome: "rejected"; reason: string };

/** More records than MAX_BATCH_RECORDS: nothing is applied (the route answers 413). */
export class TooManyRecords extends Error {
  constructor(readonly count: number) {
    super(
      `A batch holds at most ${MAX_BATCH_RECORDS.toLocaleString("en")} records; this one has ${count.toLocaleString("en")}.`,
    );
    this.name = "TooManyRecords";
  }
}

/** A batch read: the packets to apply (with their record's place) and the records rejected with the reason. */
export interface Batch {
  size: number;
  packets: AccountingPacket[];
  /** The record each packet came from. */
  indexes: number[];
  rejected: { index: number; reason: string }[];
}

/**
 * The packets of an NDJSON or JSON-array body; Invalid when it is neither, TooManyRecords past
 * the limit. NDJSON is read a line at a time, each line turned into its packet at once, so that
 * the parsed records never all live together: kept across the batch's database round trips they
 * were most of the garbage collector's work. A line in the shape forwarders write is read from its
 * text (record-scan.ts) without parsing it into objects at all; any other goes through JSON.parse.
 */
export function readBatch(text: string, receivedAt: Date = new Date()): Batch {
  const batch: Batch = { size: 0, packets: [], indexes: [], rejected: [] };
  const add = (attrs: Map<string, string> | string) => {
    const packet = packetOf(attrs, receivedAt);
    if (typeof packet === "string") batch.rejected.push({ index: batch.size, reason: packet });
    else {
      batch.indexes.push(batch.size);
      batch.packets.push(packet);
    }
    batch.size++;
  };
  const first = text.search(/\S/);
  if (first < 0) return batch;
  // One map for the attributes of every line read from its text: each is made into its packet at once.
  const scratch = new Map<string, string>();
  if (text[first] === "[") {
    let all: unknown;
    try {
      all = JSON.parse(text);
    } catch {
      throw new Invalid("The body is not a valid JSON array. Send a JSON array of records, or one JSON record a line.");
    }
    const records = all as unknown[];
    if (records.length > MAX_BATCH_RECORDS) throw new TooManyRecords(records.length);
    for (const record of records) add(attributesOfRecord(record));
    return batch;
  }
  for (let from = 0; from < text.length;) {
    let end = text.indexOf("\n", from);
    if (end < 0) end = text.length;
    const line = text.slice(from, end);
    from = end + 1;
    if (!/\S/.test(line)) continue;
    if (batch.size === MAX_BATCH_RECORDS) throw new TooManyRecords(batch.size + nonBlankLines(text.slice(end)));
    add(scanRecord(line, nameRead, MAX_NAME, scratch) ? scratch : attributesOfLine(line));
  }
  return batch;
}

const nonBlankLines = (text: string) => text.split("\n").filter((line) => /\S/.test(line)).length;

const BAD_JSON = Symbol("bad json");

/** attributesOfRecord of an NDJSON line parsed as JSON (a line that is not JSON is that record's rejection, not the batch's). */
export function attributesOfLine(line: string): Map<string, string> | string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    record = BAD_JSON;
  }
  return attributesOfRecord(record);
}

const NUL = "\u0000";
const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean";
const nulIn = (name: string) => `${name.replaceAll(NUL, "\\0")}: text may not contain the NUL character.`;

/**
 * Attribute names as records spell them → the lower-case name when accountingPacket reads it,
 * else null: a batch repeats the same dozen names thousands of times, so each is lower-cased and
 * looked up once. Bounded, as names come from the caller.
 */
const readName = new Map<string, string | null>();
export function nameRead(name: string): string | null {
  let lower = readName.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (!ACCOUNTING_ATTRIBUTES.has(lower)) lower = null;
    if (readName.size >= 10_000) readName.clear();
    readName.set(name, lower);
  }
  return lower;
}

/**
 * The attributes of an rlm_rest record that accounting reads (lower-case names, first values as
 * text), or why it is not one (every attribute is checked, read or not). Accepted as rlm-rest.ts rlmRestRequestSchema: an object of attribute names (1–128
 * characters) to `{type?, value}` with a value or a list of values (text, number, true/false),
 * or to the plain value; no NUL character anywhere.
 */
export function attributesOfRecord(record: unknown): Map<string, string> | string {
  if (record === BAD_JSON) return "The line is not valid JSON.";
  if (typeof record !== "object" || record === null || Array.isArray(record))
    return "Not an rlm_rest record: a record is a JSON object of RADIUS attributes.";
  const out = new Map<string, string>();
  for (const name in record) {
    if (!Object.prototype.hasOwnProperty.call(record, name)) continue;
    if (name.length < 1 || name.length > MAX_NAME)
      return `Not an rlm_rest record: an attribute name has ${name.length} characters (1 to ${MAX_NAME}).`;
    if (name.includes(NUL)) return nulIn(name);
    const entry = (record as Record<string, unknown>)[name];
    let raw: unknown;
    if (isScalar(entry)) raw = entry;
    else if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) {
      const { type, value } = entry as { type?: unknown; value?: unknown };
      if (type !== undefined && typeof type !== "string") return `Not an rlm_rest record: ${name}.type: expected text.`;
      if (typeof type === "string" && type.includes(NUL)) return nulIn(`${name}.type`);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!isScalar(value[i]))
            return `Not an rlm_rest record: ${name}.value.${i}: expected text, a number or true/false.`;
          if (typeof value[i] === "string" && (value[i] as string).includes(NUL)) return nulIn(`${name}.value.${i}`);
        }
        raw = value[0];
      } else if (isScalar(value)) raw = value;
      else return `Not an rlm_rest record: ${name}.value: expected a value or a list of values.`;
    } else return `Not an rlm_rest record: ${name}: expected {"type", "value"} or a value.`;
    if (typeof raw === "string" && raw.includes(NUL)) return nulIn(name);
    if (raw === undefined) continue;
    const read = nameRead(name);
    if (read !== null) out.set(read, typeof raw === "string" ? raw : String(raw));
  }
  return out;
}

function packetOf(attrs: Map<string, string> | string, receivedAt: Date): AccountingPacket | string {
  if (typeof attrs === "string") return attrs;
  const packet = accountingPacket(attrs, receivedAt);
  try {
    validatePacket(packet);
  } catch (err) {
    return err instanceof Invalid ? err.message : String(err);
  }
  return packet;
}

/** Applies a batch's packets in order; one answer per record, in the records' order. */
/** The batch with the packets `reasonOf` gives a reason for moved to the rejected records (an unknown NAS). */
export function rejectWhere(batch: Batch, reasonOf: (p: AccountingPacket) => string | null): Batch {
  const out: Batch = { size: batch.size, packets: [], indexes: [], rejected: [...batch.rejected] };
  batch.packets.forEach((p, n) => {
    const reason = reasonOf(p);
    if (reason) out.rejected.push({ index: batch.indexes[n]!, reason });
    else {
      out.packets.push(p);
      out.indexes.push(batch.indexes[n]!);
    }
  });
  return out;
}

export async function ingest(companyId: string, actor: Actor, batch: Batch): Promise<RecordOutcome[]> {
  const { packets, indexes } = batch;
  const out: RecordOutcome[] = new Array(batch.size);
  for (const r of batch.rejected) out[r.index] = { outcome: "rejected", reason: r.reason };
  metrics.rejected(batch.rejected.length);
  const parts = partsOf(packets);
  const applied = await Promise.all(
    parts.map((part) =>
      applyInOrder(
        companyId,
        actor,
        part.map((n) => packets[n]),
      ),
    ),
  );
  parts.forEach((part, p) => part.forEach((n, m) => (out[indexes[n]] = applied[p][m])));
  return out;
}

/** Parts of a batch applied at once, each in its own transaction on its own connection. */
export const BATCH_PARTS = 2;
/** Smaller batches are one part: a transaction more costs more than it saves. */
const MIN_PART = 250;

/**
 * The batch split by session (the indexes of each part's packets, in order), so that the parts
 * can be applied at once: Node replays one part while PostgreSQL writes another, and the two
 * transactions run on both cores. Sessions are independent of each other, so applying a part
 * before or after another gives the same rows, counters and usage as the whole batch in order
 * (each part keeps its packets' order, and the daily usage only adds). Not split: a batch with
 * Accounting-On/Off, which closes the NAS's sessions that began before it, whatever their part,
 * nor one that may reach a voucher, whose allowance its sessions share.
 */
function partsOf(packets: readonly AccountingPacket[]): number[][] {
  const all = packets.map((_, n) => n);
  if (packets.length < MIN_PART * 2) return [all];
  for (const p of packets)
    if (p.status === "Accounting-On" || p.status === "Accounting-Off" || mayBeVoucher(p.username)) return [all];
  const parts: number[][] = Array.from({ length: BATCH_PARTS }, () => []);
  for (let n = 0; n < packets.length; n++)
    parts[sessionHash(packets[n].username, packets[n].acctSessionId) % BATCH_PARTS].push(n);
  return parts.filter((part) => part.length > 0);
}

/** FNV-1a of the session's key: the same session always falls in the same part. */
function sessionHash(username: string | null, acctSessionId: string | null): number {
  let h = 0x811c9dc5;
  const key = `${username ?? ""}\u0000${acctSessionId ?? ""}`;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A record's answer, made in one object (thousands a batch: no spreads of throwaway ones). */
function shape(r: AccountingResult): RecordOutcome {
  const outcome = r.outcome === "nas_restarted" ? "recorded" : r.outcome;
  if (r.closed !== undefined)
    return r.sessionId ? { outcome, sessionId: r.sessionId, closed: r.closed } : { outcome, closed: r.closed };
  return r.sessionId ? { outcome, sessionId: r.sessionId } : { outcome };
}

/** The packets in one transaction; if PostgreSQL refuses it, each half in turn, so only the record at fault fails. */
async function applyInOrder(companyId: string, actor: Actor, packets: AccountingPacket[]): Promise<RecordOutcome[]> {
  if (packets.length === 0) return [];
  try {
    return (await applyInTransaction(companyId, actor, packets)).map(shape);
  } catch (err) {
    if (packets.length === 1) {
      log.error({ err }, "accounting record refused by the database");
      metrics.rejected();
      return [{ outcome: "rejected", reason: "The database refused this record." }];
    }
    const half = Math.ceil(packets.length / 2);
    return [
      ...(await applyInOrder(companyId, actor, packets.slice(0, half))),
      ...(await applyInOrder(companyId, actor, packets.slice(half))),
    ];
  }
}
