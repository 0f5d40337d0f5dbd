import { nulPath } from "../../lib/storable-text";
import type { Actor } from "../scope";
import { accountingPacket, validatePacket, type AccountingPacket } from "./accounting";
import { applyInTransaction } from "./group-commit";
import * as metrics from "./metrics";
import { attributesOf, rlmRestRequestSchema } from "./rlm-rest";
import { Invalid } from "../../lib/errors";

// Accounting in bulk, for forwarders (FreeRADIUS's detail reader), replays after an outage and
// imports: many rlm_rest-shaped records in one request, as NDJSON (one JSON object a line) or a
// JSON array. Each record gets its own answer; a malformed one is rejected with the reason and
// the others are stored. The records are applied in their order, CHUNK at a time, each chunk in
// one transaction with set-based statements (accounting.ts applyPackets), so the same
// guarantees hold as for single packets: a record sent twice counts once, Gigawords, Accounting-On/Off.

export const MAX_BATCH_RECORDS = 10_000;
export const MAX_BATCH_BYTES = 8_000_000;
const CHUNK = 2_000;

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
  return trimmed
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return BAD_JSON;
      }
    });
}

const BAD_JSON = Symbol("bad json");

function packetOf(record: unknown, receivedAt: Date): AccountingPacket | string {
  if (record === BAD_JSON) return "The line is not valid JSON.";
  const parsed = rlmRestRequestSchema.safeParse(record);
  if (!parsed.success)
    return `Not an rlm_rest record: ${parsed.error.issues[0]?.path.join(".") || "record"}: ${parsed.error.issues[0]?.message}`;
  const nul = nulPath(parsed.data);
  if (nul !== null) return `${nul}: text may not contain the NUL character.`;
  const packet = accountingPacket(attributesOf(parsed.data), receivedAt);
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
  const valid: { index: number; packet: AccountingPacket }[] = [];
  records.forEach((record, index) => {
    const packet = packetOf(record, receivedAt);
    if (typeof packet === "string") out[index] = { outcome: "rejected", reason: packet };
    else valid.push({ index, packet });
  });
  metrics.rejected(records.length - valid.length);
  for (let from = 0; from < valid.length; from += CHUNK) {
    const chunk = valid.slice(from, from + CHUNK);
    const results = await applyChunk(
      companyId,
      actor,
      chunk.map((c) => c.packet),
    );
    chunk.forEach((c, n) => (out[c.index] = results[n]));
  }
  return out;
}

/** A chunk in one transaction; if PostgreSQL refuses it, record by record so only the one at fault fails. */
async function applyChunk(companyId: string, actor: Actor, packets: AccountingPacket[]): Promise<RecordOutcome[]> {
  const shape = (r: Awaited<ReturnType<typeof applyInTransaction>>[number]): RecordOutcome => ({
    outcome: r.outcome === "nas_restarted" ? "recorded" : r.outcome,
    ...(r.sessionId ? { sessionId: r.sessionId } : {}),
    ...(r.closed !== undefined ? { closed: r.closed } : {}),
  });
  try {
    return (await applyInTransaction(companyId, actor, packets)).map(shape);
  } catch (err) {
    if (packets.length === 1) {
      console.error("Accounting record refused by the database", err);
      metrics.rejected();
      return [{ outcome: "rejected", reason: "The database refused this record." }];
    }
    const out: RecordOutcome[] = [];
    for (const p of packets) out.push(...(await applyChunk(companyId, actor, [p])));
    return out;
  }
}
