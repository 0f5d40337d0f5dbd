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
