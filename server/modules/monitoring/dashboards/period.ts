import type { RollupResolution } from "../../../db/generated/prisma/enums";
import { wallParts } from "../../../lib/zone";
import type { Scope } from "../../scope";
import { RETENTION_DAYS } from "../retention";

// What every dashboard query shares: which rollup a period is read from, the company's time zone
// (peak hours are hours on the company's clock), and a period that never runs into the future.

const DAY_MS = 86_400_000;

/**
 * The finest rollup that is still kept for the whole period and gives a chart a few hundred
 * points at most: 5-minute buckets up to two days, hours up to 31 days, days beyond.
 */
export function resolutionFor(from: Date, to: Date, now = new Date()): RollupResolution {
  const span = to.getTime() - from.getTime();
  const age = now.getTime() - from.getTime();
  if (span <= 2 * DAY_MS && age <= RETENTION_DAYS.FIVE_MINUTES * DAY_MS) return "FIVE_MINUTES";
  if (span <= 31 * DAY_MS && age <= RETENTION_DAYS.HOUR * DAY_MS) return "HOUR";
  return "DAY";
}

export async function companyTimeZone(scope: Scope): Promise<string> {
  const c = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { timeZone: true } });
  return c.timeZone;
}

/** The part of [from, to) that has happened: a period ending in the future ends now. */
export function pastPart(from: Date, to: Date, now = new Date()) {
  return { from, to: to > now ? now : to };
}

/** An empty 24-hour profile, hour 0 to 23 of the company's clock. */
export const HOURS_OF_DAY = Array.from({ length: 24 }, (_, hour) => hour);

/** The hour (0–23) of an instant on the zone's clock. */
export const localHour = (at: Date, timeZone: string) => Number(wallParts(at, timeZone).hour) % 24;
