import { randomInt } from "node:crypto";

// Voucher codes are the whole credential of a hotspot login (the PIN is optional), so they are
// drawn from the operating system's CSPRNG with rejection sampling (randomInt), never Math.random.
// The alphabet leaves out 0/O, 1/I/L so a code read off a paper card is typed right first time:
// 31 symbols × 10 places ≈ 49.5 bits, far beyond what a RADIUS server lets anyone try.

export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const GROUP = 5;

export function newVoucherCode(): string {
  let plain = "";
  for (let i = 0; i < GROUP * 2; i++) plain += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${plain.slice(0, GROUP)}-${plain.slice(GROUP)}`;
}

/** `length` random digits, leading zeros kept ("0427"): PINs of hotspot and recharge vouchers. */
export function randomDigits(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += String(randomInt(10));
  return out;
}

/** Four digits, leading zeros kept ("0427"). */
export function newPin(): string {
  return randomDigits(4);
}

/** `count` codes, distinct from each other and from `taken`. */
export function freshCodes(count: number, taken: Set<string>): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const code = newVoucherCode();
    if (taken.has(code)) continue;
    taken.add(code);
    out.push(code);
  }
  return out;
}
