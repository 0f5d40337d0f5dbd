import type { CycleAlignment } from "../../db/generated/prisma/enums";
import { addMonths, toDateString } from "../subscriptions/dates";

// Billing periods are calendar dates (UTC midnight Dates, as @db.Date stores them), each with an
// inclusive last day. See the rules at the top of engine.ts.

export type BilledCycle = "MONTHLY" | "QUARTERLY" | "YEARLY";
export const CYCLE_MONTHS: Record<BilledCycle, number> = { MONTHLY: 1, QUARTERLY: 3, YEARLY: 12 };

const DAY_MS = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** Days from `start` to `end`, both included (1 Feb–28 Feb is 28). */
export function daysInclusive(start: Date, end: Date): number {
  return Math.round((end.getTime() - start.getTime()) / DAY_MS) + 1;
}

export interface BillingPeriodSpan {
  /** First day billed. */
  start: Date;
  /** Last day billed (inclusive). */
  end: Date;
  /** The whole cycle this period belongs to: the denominator of proration. */
  cycleStart: Date;
  cycleEnd: Date;
  /** Billed for fewer days than its cycle has. */
  prorated: boolean;
  days: number;
  cycleDays: number;
}

/** First day of the calendar cycle containing `date`: the 1st of its month, quarter or year. */
export function calendarCycleStart(date: Date, cycle: BilledCycle): Date {
  const months = CYCLE_MONTHS[cycle];
  const month = Math.floor(date.getUTCMonth() / months) * months;
  return new Date(Date.UTC(date.getUTCFullYear(), month, 1));
}

function monthsBetween(from: Date, to: Date): number {
  return (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
}

/** The anniversary cycle containing `date`: k whole cycles after the subscription's start date. */
function anniversaryCycle(startDate: Date, cycle: BilledCycle, date: Date): { start: Date; next: Date } {
  const months = CYCLE_MONTHS[cycle];
  // Anchored on the original start (31 Jan → 28 Feb → 31 Mar), never on the previous boundary,
  // so a short month does not move every later cycle.
  let k = Math.max(0, Math.floor(monthsBetween(startDate, date) / months) - 1);
  while (addMonths(startDate, (k + 1) * months) <= date) k++;
  return { start: addMonths(startDate, k * months), next: addMonths(startDate, (k + 1) * months) };
}

/**
 * The period that begins on `from` (the subscription's start, or the day after the last billed
 * period) and runs to the end of the cycle containing `from`.
 */
export function periodFrom(
  from: Date,
  { startDate, cycle, alignment }: { startDate: Date; cycle: BilledCycle; alignment: CycleAlignment },
): BillingPeriodSpan {
  let cycleStart: Date;
  let next: Date;
  if (alignment === "CALENDAR") {
    cycleStart = calendarCycleStart(from, cycle);
    next = addMonths(cycleStart, CYCLE_MONTHS[cycle]);
  } else {
    ({ start: cycleStart, next } = anniversaryCycle(startDate, cycle, from));
  }
  const end = addDays(next, -1);
  const days = daysInclusive(from, end);
  const cycleDays = daysInclusive(cycleStart, end);
  return { start: from, end, cycleStart, cycleEnd: end, prorated: days < cycleDays, days, cycleDays };
}

/**
 * Which cycle of the subscription a period is, from 0, for the promotional price: whole cycles
 * since the first full cycle. A prorated first stub (calendar alignment) is cycle 0 and does not
 * use up a promotional cycle: a customer promised three promotional months gets three full ones.
 */
export function cycleIndexOf(
  period: BillingPeriodSpan,
  { startDate, cycle, alignment }: { startDate: Date; cycle: BilledCycle; alignment: CycleAlignment },
): number {
  const months = CYCLE_MONTHS[cycle];
  const firstFull =
    alignment === "CALENDAR" && calendarCycleStart(startDate, cycle).getTime() !== startDate.getTime()
      ? addMonths(calendarCycleStart(startDate, cycle), months)
      : startDate;
  if (period.cycleStart < firstFull) return 0;
  return Math.floor(monthsBetween(firstFull, period.cycleStart) / months);
}

/** "15 Feb 2026" for rules and descriptions. */
const DAY_FORMAT = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
// A billing run formats the same few days hundreds of thousands of times (every line's description
// and rule): each day is formatted by Intl once and then looked up.
const formattedDays = new Map<number, string>();
export function formatDay(date: Date): string {
  const time = date.getTime();
  let text = formattedDays.get(time);
  if (text === undefined) {
    text = DAY_FORMAT.format(date);
    if (formattedDays.size >= 10_000) formattedDays.clear();
    formattedDays.set(time, text);
  }
  return text;
}

export const isoDay = toDateString;

/** A status change of a subscription, on the day (company zone) it happened. */
export interface StatusChange {
  day: Date;
  fromStatus: string | null;
  toStatus: string;
}

/**
 * Days of [start, end] the subscription spent suspended: from the day it was suspended to the
 * day before it was resumed (or terminated), by the status changes in time order (those from a
 * day before `start` on). Before the first of them it was in that change's `fromStatus`; with no
 * change at all, in `currentStatus`.
 */
export function suspendedDays(changes: readonly StatusChange[], start: Date, end: Date, currentStatus: string): number {
  const initial = changes.length ? changes[0]!.fromStatus : currentStatus;
  let since: Date | null = initial === "SUSPENDED" ? start : null;
  let days = 0;
  const count = (from: Date, to: Date) => {
    const a = from < start ? start : from;
    const b = to > end ? end : to;
    if (a <= b) days += daysInclusive(a, b);
  };
  for (const c of changes) {
    if (c.toStatus === "SUSPENDED") since ??= c.day;
    else if (since) {
      count(since, addDays(c.day, -1));
      since = null;
    }
  }
  if (since) count(since, end);
  return days;
}
