// Business-time arithmetic for SLA clocks. Pure and browser-safe (only server/lib/zone.ts): the ticket
// page uses it to show time left exactly as the escalation job computes it.
//
// A calendar is a time zone, weekly open hours and holidays; `null` means 24×7 (every minute
// counts). Open hours are per weekday (0 = Sunday … 6 = Saturday) as [startMinute, endMinute)
// of local wall time. An interval whose end is before its start runs overnight into the next
// day (22:00–06:00 is [1320, 360]); 1440 means midnight at the end of the day. A holiday closes
// every interval that *starts* on that local date, so an overnight shift belongs to the evening
// it begins. Local wall times are turned into instants with the zone's rules for that date, so a
// shift across a DST change is as long as it really is (22:00–06:00 is 7 h on a spring-forward
// night); a start inside the skipped hour moves forward, an hour that happens twice counts twice.

import { offsetMs, wallMs } from "../../lib/zone";

export type DayHours = [number, number][];

export interface CalendarSpec {
  timeZone: string;
  /** Weekday "0" (Sunday) … "6" → open intervals in minutes of local time. Missing day: closed. */
  hours: Record<string, DayHours>;
  /** Closed local dates, "YYYY-MM-DD". */
  holidays: string[];
}

/** `null`: the clock runs around the clock (24×7). */
export type Calendar = CalendarSpec | null;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A calendar that finds no open minute for this long is treated as broken, not waited on. */
const MAX_CLOSED_DAYS = 3_700;

// ─── Validation ─────────────────────────────────────────────────────────────────────────────

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Why a day's intervals are unusable, or null. Overlaps are refused so totals are what they look like. */
export function dayHoursProblem(intervals: DayHours): string | null {
  const spans: [number, number][] = [];
  for (const iv of intervals) {
    if (!Array.isArray(iv) || iv.length !== 2) return "Each period needs a start and an end.";
    const [start, end] = iv;
    if (!Number.isInteger(start) || !Number.isInteger(end)) return "Times must be whole minutes.";
    if (start < 0 || start > 1439) return "A period must start between 00:00 and 23:59.";
    if (end < 1 || end > 1440) return "A period must end between 00:01 and 24:00.";
    if (start === end) return "A period cannot start and end at the same time.";
    // Within the day an overnight period occupies [start, 1440); its morning part is the next day's.
    spans.push(end > start ? [start, end] : [start, 1440]);
  }
  spans.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) return "Periods on the same day overlap.";
  return null;
}

/** Why a calendar cannot be used, or null. A week without a single open minute is refused. */
export function calendarProblem(spec: CalendarSpec): string | null {
  if (!isValidTimeZone(spec.timeZone)) return `Unknown time zone "${spec.timeZone}".`;
  let open = 0;
  for (const [day, intervals] of Object.entries(spec.hours ?? {})) {
    if (!/^[0-6]$/.test(day)) return `Unknown weekday "${day}" (use 0 for Sunday to 6 for Saturday).`;
    const problem = dayHoursProblem(intervals);
    if (problem) return `${WEEKDAY_NAMES[Number(day)]}: ${problem}`;
    open += intervals.length;
  }
  if (open === 0) return "The calendar has no open hours: open at least one period in the week.";
  for (const h of spec.holidays ?? []) if (!isIsoDate(h)) return `Holiday "${h}" is not a date (YYYY-MM-DD).`;
  return null;
}

export function assertCalendar(cal: Calendar): void {
  if (cal === null) return;
  const problem = calendarProblem(cal);
  if (problem) throw new RangeError(problem);
}

export const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

// ─── Time zones ─────────────────────────────────────────────────────────────────────────────

/**
 * The instant of a local wall time (given as if it were UTC). Offsets a day either side cover
 * any one transition: both valid (the hour that happens twice) → the earlier; neither (the hour
 * that is skipped) → moved forward by the gap, as clocks do.
 */
export function zonedWallToInstant(wall: number, timeZone: string): number {
  const before = offsetMs(wall - DAY, timeZone);
  const after = offsetMs(wall + DAY, timeZone);
  const t1 = wall - before;
  const t2 = wall - after;
  const ok1 = offsetMs(t1, timeZone) === before;
  const ok2 = offsetMs(t2, timeZone) === after;
  if (ok1 && ok2) return Math.min(t1, t2);
  if (ok1) return t1;
  if (ok2) return t2;
  return t1;
}

/** The local date ("YYYY-MM-DD") of an instant in a zone. */
export function localDate(at: Date | number, timeZone: string): string {
  return new Date(wallMs(typeof at === "number" ? at : at.getTime(), timeZone)).toISOString().slice(0, 10);
}

// ─── Open intervals ─────────────────────────────────────────────────────────────────────────

/**
 * The calendar's open intervals as instants, in order and never overlapping, starting with any
 * that contains `fromMs` (an overnight shift of the day before is included).
 */
function* openIntervals(fromMs: number, cal: CalendarSpec): Generator<[number, number]> {
  const holidays = new Set(cal.holidays);
  // Local midnight of the day before `from`, as a wall-clock day counter.
  const startWall = wallMs(fromMs, cal.timeZone);
  let dayWall =
    Date.UTC(
      new Date(startWall).getUTCFullYear(),
      new Date(startWall).getUTCMonth(),
      new Date(startWall).getUTCDate(),
    ) - DAY;
  let cursor = -Infinity; // end of what was yielded so far: overlaps of an overnight shift with the next morning count once
  let closedDays = 0;
  for (;;) {
    const date = new Date(dayWall).toISOString().slice(0, 10);
    const weekday = new Date(dayWall).getUTCDay();
    const intervals = holidays.has(date) ? [] : [...(cal.hours[String(weekday)] ?? [])].sort((a, b) => a[0] - b[0]);
    let yielded = false;
    for (const [s, e] of intervals) {
      const start = zonedWallToInstant(dayWall + s * MINUTE, cal.timeZone);
      const end = zonedWallToInstant(dayWall + (e > s ? e : e + 1440) * MINUTE, cal.timeZone);
      const from = Math.max(start, cursor);
      if (end <= from) continue;
      cursor = end;
      if (end <= fromMs) continue;
      yielded = true;
      yield [from, end];
    }
    closedDays = yielded ? 0 : closedDays + 1;
    if (closedDays > MAX_CLOSED_DAYS)
      throw new RangeError("The calendar has no open hours in the next ten years (check its hours and holidays).");
    dayWall += DAY;
  }
}

// ─── The two operations ─────────────────────────────────────────────────────────────────────

/** The instant `ms` of business time after `from` (from itself when nothing is to be added). */
export function addBusinessMs(from: Date, ms: number, cal: Calendar): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError("Business time to add must be zero or more.");
  const t = from.getTime();
  if (cal === null) return new Date(t + ms);
  assertCalendar(cal);
  if (ms === 0) return new Date(t);
  let left = ms;
  for (const [s, e] of openIntervals(t, cal)) {
    const start = Math.max(s, t);
    if (e - start >= left) return new Date(start + left);
    left -= e - start;
  }
  throw new Error("unreachable");
}

export function addBusinessMinutes(from: Date, minutes: number, cal: Calendar): Date {
  return addBusinessMs(from, minutes * MINUTE, cal);
}

/** Business time from a to b in ms; negative when b is before a. */
export function businessMsBetween(a: Date, b: Date, cal: Calendar): number {
  const [x, y] = [a.getTime(), b.getTime()];
  if (y < x) return -businessMsBetween(b, a, cal);
  if (cal === null) return y - x;
  assertCalendar(cal);
  let total = 0;
  for (const [s, e] of openIntervals(x, cal)) {
    if (s >= y) break;
    total += Math.min(e, y) - Math.max(s, x);
  }
  return total;
}

/** Business minutes from a to b (fractional; negative when b is before a). */
export function businessMinutesBetween(a: Date, b: Date, cal: Calendar): number {
  return businessMsBetween(a, b, cal) / MINUTE;
}

/** Whole business seconds from a to b (rounded down; negative when b is before a). */
export function businessSecondsBetween(a: Date, b: Date, cal: Calendar): number {
  const ms = businessMsBetween(a, b, cal);
  return ms >= 0 ? Math.floor(ms / 1000) : -Math.floor(-ms / 1000);
}

/** Whether the calendar is open at an instant (always for 24×7). */
export function isOpenAt(at: Date, cal: Calendar): boolean {
  if (cal === null) return true;
  assertCalendar(cal);
  const t = at.getTime();
  for (const [s, e] of openIntervals(t, cal)) return s <= t && t < e;
  return false;
}
