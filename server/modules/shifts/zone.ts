// Wall-clock arithmetic in a company's time zone, without a date library. Shifts are stored as
// UTC instants; planning happens in local days and hours ("Monday 08:00 in Nairobi"), so these
// convert between the two. Pure functions: the browser may use them too.

import { offsetMs, wallParts } from "../../lib/zone";

export interface WallClock {
  /** "2026-05-04" */
  date: string;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The local date, hour, minute and weekday of an instant in `timeZone`. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const p = wallParts(at, timeZone);
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    weekday: WEEKDAYS[p.weekday] ?? 0,
  };
}

/** The UTC instant of local wall time `date` + `minutes` after midnight in `timeZone`. */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d, 0, minutes);
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone); // a second pass settles DST edges
  return new Date(guess);
}

/** "2026-05-04" + 3 → "2026-05-07" (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday of a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** The Monday of the week `date` falls in. */
export function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}
