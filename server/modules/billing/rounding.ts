import type { RoundingMode } from "../../db/generated/prisma/enums";

// Integer division with an explicit rounding rule: the only place a fraction of a minor unit is
// resolved. Amounts are BigInt here so products (amount × basis points × days) never lose
// precision, whatever the currency.

export const BPS = 10_000n;

/**
 * `numerator / denominator` rounded to a whole minor unit. Rounding is symmetric: the magnitude is
 * rounded and the sign put back, so a credit is the exact mirror of the charge it reverses.
 * HALF_UP: an exact half goes away from zero. HALF_EVEN (banker's): an exact half goes to the even
 * neighbour, so halves do not drift upwards over many lines.
 */
export function divRound(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (denominator <= 0n) throw new RangeError("divRound needs a positive denominator");
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  let quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * 2n;
  if (twiceRemainder > denominator) quotient += 1n;
  else if (twiceRemainder === denominator) {
    if (mode === "HALF_UP" || quotient % 2n === 1n) quotient += 1n;
  }
  return negative ? -quotient : quotient;
}

/** `amount × bps / 10000`, rounded. */
export function ofBps(amountMinor: bigint, bps: number, mode: RoundingMode): bigint {
  return divRound(amountMinor * BigInt(bps), BPS, mode);
}

/** A BigInt amount back to a number for storage, refusing what an Int column cannot hold. */
export function toMinor(amount: bigint): number {
  if (amount > 2_147_483_647n || amount < -2_147_483_648n)
    throw new RangeError(`An amount of ${amount} minor units is too large for one invoice line.`);
  return Number(amount);
}

export const ROUNDING_LABELS: Record<RoundingMode, string> = {
  HALF_UP: "rounded half up",
  HALF_EVEN: "rounded half to even",
};
