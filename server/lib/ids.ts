import { randomBytes } from "node:crypto";
import { createId } from "@paralleldrive/cuid2";

/** Opaque, unguessable string id for rows and URLs. */
export const newId = (): string => createId();

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * `count` ids as opaque and unguessable as newId()'s (a letter, then 24 characters, each drawn
 * uniformly from 36 by rejection sampling of random bytes: 124 bits), for rows written in bulk:
 * cuid2 hashes every id, which costs a billing run of 100,000 subscriptions seconds for its half a
 * million rows (and so did big-integer arithmetic on 128 random bits, 24 divisions per id).
 */
export function newIds(count: number): string[] {
  let bytes = randomBytes(count * 28 + 16);
  let at = 0;
  // A byte below 252 (7 × 36) is uniform modulo 36, one below 234 (9 × 26) modulo 26.
  const below = (limit: number): number => {
    for (;;) {
      if (at === bytes.length) {
        bytes = randomBytes(64);
        at = 0;
      }
      const b = bytes[at++]!;
      if (b < limit) return b;
    }
  };
  const ids: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    let s = ALPHABET[10 + (below(234) % 26)]!;
    for (let c = 0; c < 24; c++) s += ALPHABET[below(252) % 36];
    ids[i] = s;
  }
  return ids;
}

const TIME_CHARS = 8;

/**
 * `count` ids like newIds' (a letter, then 24 of [0-9a-z]) that sort after the ids made in an
 * earlier millisecond and in order among themselves: the time in milliseconds in base 36 (8
 * characters, a letter first until 2059), then 17 random characters (88 bits, still far beyond
 * guessing). For rows written in bulk, so that each index on an id (a table's key, an invoice's
 * lines and taxes by invoice, audit entries by entity) takes a batch's rows at its right-hand
 * edge, in the pages the batch before has just written, rather than each row in a page anywhere
 * in the index: with random ids each of a billing run's ~1.3 million such entries went anywhere
 * in its index, into pages read back into shared buffers and written out again once the indexes
 * outgrew them (PostgreSQL's CPU per run −22 to −28 %, docs/BENCHMARKS.md). The id tells when its row was
 * made, which the row says too (an invoice's issue date, an audit entry's createdAt).
 */
export function newOrderedIds(count: number): string[] {
  const time = Date.now().toString(36).padStart(TIME_CHARS, "0");
  const ids = newIds(count);
  for (let i = 0; i < count; i++) ids[i] = time + ids[i]!.slice(TIME_CHARS);
  // Code-unit order, which is PostgreSQL's for [0-9a-z] in the "C" and C.UTF-8 collations.
  return ids.sort();
}
