import type { Actor } from "../scope";
import { mayBeVoucher, type AccountingPacket, type AccountingResult } from "./accounting";
import {
  applyInOrder,
  BATCH_PARTS,
  batchReader,
  ingest,
  rejectWhere,
  sessionHash,
  shape,
  type RecordOutcome,
} from "./batch";
import { applyInPiecesInTransaction } from "./group-commit";
import * as metrics from "./metrics";

// A batch applied while it is still being read. Reading a batch (JSON.parse and the record
// checks, a few µs a record) is Node's work alone, and PostgreSQL waited for all of it before
// the first statement: a forwarder that sends one batch at a time kept one of the two cores idle
// for about a third of each request. Here the records are read PIECE at a time; each piece's
// packets go to their part's transaction (the same split by session as batch.ts ingest) as soon
// as they are read, and the part locks their sessions (finding them, or inserting those a Start
// opens) while the next piece is read. Once the last piece is read, each part replays all its
// packets in order and writes them (accounting.ts applyingInPieces), exactly as the whole part
// at once would: a session's packets are in one part and in their order, and the locks only
// come earlier.
//
// What the split cannot take is found only while reading: a record of Accounting-On/Off or one
// that may be a voucher's (batch.ts partsOf applies those batches whole). Then both parts'
// transactions are rolled back, nothing of them stays, and the batch is applied as batch.ts
// ingest applies it. A part whose transaction PostgreSQL refuses is applied again the same way
// (in halves, down to the one record at fault). Too many records: both rolled back, nothing stored.

/** Records read between two hand-overs to the parts' transactions. */
export const PIECE = 1_000;

/** A reason to reject the records of a NAS address (an unregistered NAS), or null. */
export type NasRefusal = (nasIp: string | null) => Promise<string | null>;

/** Rolls back the parts' transactions: the batch is applied another way. */
class Abandoned extends Error {}

/** Pieces of packets handed from the reader to one part's transaction as they are read. */
class Pieces implements AsyncIterable<readonly AccountingPacket[]> {
  private queue: AccountingPacket[][] = [];
  private ended = false;
  private failure: { err: unknown } | null = null;
  private wake: (() => void) | null = null;

  push(piece: AccountingPacket[]) {
    this.queue.push(piece);
    this.poke();
  }
  end() {
    this.ended = true;
    this.poke();
  }
  fail(err: unknown) {
    this.failure ??= { err };
    this.poke();
  }
  private poke() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
  async *[Symbol.asyncIterator]() {
    for (;;) {
      if (this.failure) throw this.failure.err;
      const piece = this.queue.shift();
      if (piece) yield piece;
      else if (this.ended) return;
      else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** Lets the parts' statements go out and their answers come in before the next piece is read. */
const ioTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The records of an NDJSON or JSON-array body applied as batch.ts ingest applies a batch read whole,
 * records from a NAS that `refusal` names rejected with its reason; one answer per record, in
 * the records' order. Invalid or TooManyRecords (nothing stored) as batchReader.
 */
export async function ingestWhileReading(
  companyId: string,
  actor: Actor,
  text: string,
  refusal: NasRefusal,
): Promise<RecordOutcome[]> {
  const reader = batchReader(text);
  const { batch } = reader;
  const refused = new Map<string | null, string | null>();
  /** Looks up the NAS addresses of packets[from…] not looked up yet. */
  const checkNas = async (from: number) => {
    for (let n = from; n < batch.packets.length; n++) {
      const ip = batch.packets[n].nasIp;
      if (!refused.has(ip)) refused.set(ip, await refusal(ip));
    }
  };
  const reasonOf = (p: AccountingPacket) => refused.get(p.nasIp) ?? null;
  const whole = async () => {
    await checkNas(0);
    const anyRefused = [...refused.values()].some((reason) => reason !== null);
    return ingest(companyId, actor, anyRefused ? rejectWhere(batch, reasonOf) : batch);
  };
  let more = reader.read(PIECE);
  if (!more) return whole();

  const pieces = Array.from({ length: BATCH_PARTS }, () => new Pieces());
  /** Each part's packets (indexes into batch.packets), in order. */
  const parts: number[][] = pieces.map(() => []);
  const applying = pieces.map((part) =>
    applyInPiecesInTransaction(companyId, actor, part).then(
      (results): { results: AccountingResult[] } | { failed: unknown } => ({ results }),
      (failed: unknown) => ({ failed }),
    ),
  );
  const refusedAt: number[] = [];
  let handed = 0;
  let abandoned = false;
  try {
    for (;;) {
      await checkNas(handed);
      const piece: AccountingPacket[][] = pieces.map(() => []);
      for (let n = handed; n < batch.packets.length && !abandoned; n++) {
        const p = batch.packets[n];
        if (reasonOf(p) !== null) refusedAt.push(n);
        else if (p.status === "Accounting-On" || p.status === "Accounting-Off" || mayBeVoucher(p.username))
          abandoned = true;
        else {
          const part = sessionHash(p.username, p.acctSessionId) % BATCH_PARTS;
          parts[part].push(n);
          piece[part].push(p);
        }
      }
      handed = batch.packets.length;
      if (abandoned) break;
      pieces.forEach((part, p) => piece[p].length > 0 && part.push(piece[p]));
      if (!more) break;
      await ioTurn();
      more = reader.read(PIECE);
    }
  } catch (err) {
    // Too many records, or a body that is not a batch: nothing is stored.
    for (const part of pieces) part.fail(err);
    await Promise.all(applying);
    throw err;
  }
  if (abandoned) {
    for (const part of pieces) part.fail(new Abandoned());
    await Promise.all(applying);
    while (reader.read(Infinity));
    return whole();
  }
  for (const part of pieces) part.end();
  const settled = await Promise.all(applying);

  const out: RecordOutcome[] = new Array(batch.size);
  for (const r of batch.rejected) out[r.index] = { outcome: "rejected", reason: r.reason };
  for (const n of refusedAt) out[batch.indexes[n]] = { outcome: "rejected", reason: reasonOf(batch.packets[n])! };
  metrics.rejected(batch.rejected.length + refusedAt.length);
  await Promise.all(
    settled.map(async (done, p) => {
      const part = parts[p];
      if ("results" in done) part.forEach((n, m) => (out[batch.indexes[n]] = shape(done.results[m])));
      else {
        // PostgreSQL refused the part (or it holds a voucher's session): again, as ingest applies a part.
        const again = await applyInOrder(
          companyId,
          actor,
          part.map((n) => batch.packets[n]),
        );
        part.forEach((n, m) => (out[batch.indexes[n]] = again[m]));
      }
    }),
  );
  return out;
}
