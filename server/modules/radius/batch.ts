import { Invalid } from "../../lib/errors";
import type { Actor } from "../scope";
import { accountingPacket, validatePacket, type AccountingPacket, type AccountingResult } from "./accounting";
import { applyInTransaction } from "./group-commit";
import * as metrics from "./metrics";

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

/** The records of an NDJSON or JSON-array body; Invalid when it is neither. */
export function parseRecords(text: string): unknown[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith("[")) {
    let all: unknown;
    try {
      all = JSON.parse(trimmed);
    } catch {
      throw new Invalid("The body is not a valid JSON array. Send a JSON array of records, or one JSON record a line.");
    }
    return all as unknown[];
  }
  // A line that is not JSON is that record's rejection, not the batch's.
  const out: unknown[] = [];
  for (const line of trimmed.split("\n")) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      out.push(BAD_JSON);
    }
  }
  return out;
}

const BAD_JSON = Symbol("bad json");

const NUL = "\u0000";
const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === "string" || typeof v === "number" || typeof v === "boolean";
const nulIn = (name: string) => `${name.replaceAll(NUL, "\\0")}: text may not contain the NUL character.`;

/**
 * The attributes of an rlm_rest record (lower-case names, first values as text), or why it is
 * not one. Accepted as rlm-rest.ts rlmRestRequestSchema: an object of attribute names (1–128
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
    if (raw !== undefined) out.set(name.toLowerCase(), String(raw));
  }
  return out;
}

function packetOf(record: unknown, receivedAt: Date): AccountingPacket | string {
  const attrs = attributesOfRecord(record);
  if (typeof attrs === "string") return attrs;
  const packet = accountingPacket(attrs, receivedAt);
  try {
    validatePacket(packet);
  } catch (err) {
    return err instanceof Invalid ? err.message : String(err);
  }
  return packet;
}

/** Applies the records in order; one answer per record, in the same order. */
export async function ingest(
  companyId: string,
  actor: Actor,
  records: readonly unknown[],
  receivedAt: Date = new Date(),
): Promise<RecordOutcome[]> {
  if (records.length > MAX_BATCH_RECORDS)
    throw new Invalid(`A batch holds at most ${MAX_BATCH_RECORDS.toLocaleString("en")} records.`);
  const out: RecordOutcome[] = new Array(records.length);
  const indexes: number[] = [];
  const packets: AccountingPacket[] = [];
  for (let i = 0; i < records.length; i++) {
    const packet = packetOf(records[i], receivedAt);
    if (typeof packet === "string") out[i] = { outcome: "rejected", reason: packet };
    else {
      indexes.push(i);
      packets.push(packet);
    }
  }
  metrics.rejected(records.length - packets.length);
  const results = await applyInOrder(companyId, actor, packets);
  for (let n = 0; n < indexes.length; n++) out[indexes[n]] = results[n];
  return out;
}

const shape = (r: AccountingResult): RecordOutcome => ({
  outcome: r.outcome === "nas_restarted" ? "recorded" : r.outcome,
  ...(r.sessionId ? { sessionId: r.sessionId } : {}),
  ...(r.closed !== undefined ? { closed: r.closed } : {}),
});

/** The packets in one transaction; if PostgreSQL refuses it, each half in turn, so only the record at fault fails. */
async function applyInOrder(companyId: string, actor: Actor, packets: AccountingPacket[]): Promise<RecordOutcome[]> {
  if (packets.length === 0) return [];
  try {
    return (await applyInTransaction(companyId, actor, packets)).map(shape);
  } catch (err) {
    if (packets.length === 1) {
      console.error("Accounting record refused by the database", err);
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
