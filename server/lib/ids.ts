import { randomBytes } from "node:crypto";
import { createId } from "@paralleldrive/cuid2";

/** Opaque, unguessable string id for rows and URLs. */
export const newId = (): string => createId();

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * `count` ids as opaque and unguessable as newId()'s (a letter, then 24 characters from 128 random
 * bits), for rows written in bulk: cuid2 hashes every id, which costs a billing run of 100,000
 * subscriptions seconds for its half a million rows.
 */
export function newIds(count: number): string[] {
  const bytes = randomBytes(count * 16);
  const ids: string[] = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    let n = 0n;
    for (let b = 0; b < 16; b++) n = (n << 8n) | BigInt(bytes[i * 16 + b]!);
    let s = "";
    for (let c = 0; c < 24; c++) {
      s += ALPHABET[Number(n % 36n)];
      n /= 36n;
    }
    ids[i] = `${ALPHABET[10 + (bytes[i * 16]! % 26)]}${s}`;
  }
  return ids;
}
