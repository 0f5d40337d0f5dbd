import type { z } from "zod";
import { inOrder } from "../../db/tenant";
import { Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import {
  byIdSchema,
  copyWeekSchema,
  createShiftSchema,
  DEFAULT_SUPPORT_HOURS,
  hhmm,
  MAX_SHIFT_HOURS,
  updateShiftSchema,
  weekSchema,
} from "./schema";
import { addDays, mondayOf, wallClock, weekdayOf, zonedInstant } from "./zone";

// Shifts: planned working periods of staff. Stored as UTC instants, planned and shown in the
// company's time zone. One person never has two overlapping shifts: every write that could
// create an overlap first takes a transaction-scoped advisory lock on that person, so two
// concurrent writes for the same person run one after the other and the second sees the first.

export interface OnShift {
  shiftId: string;
  userId: string;
  name: string;
  email: string;
  onCall: boolean;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Everyone whose shift covers `at` (start inclusive, end exclusive, so a 08:00–16:00 shift hands
 * over to a 16:00–24:00 one without overlap). Only active staff accounts: a disabled account's
 * old shifts mean nobody is there.
 */
export async function onShiftAt(scope: Scope, at: Date): Promise<OnShift[]> {
  const rows = await scope.tx.shift.findMany({
    where: { startsAt: { lte: at }, endsAt: { gt: at }, user: { status: "ACTIVE", role: { not: "CUSTOMER" } } },
    select: {
      id: true,
      userId: true,
      onCall: true,
      startsAt: true,
      endsAt: true,
      user: { select: { name: true, email: true } },
    },
    orderBy: [{ user: { name: "asc" } }, { startsAt: "asc" }],
  });
  return rows.map((r) => ({
    shiftId: r.id,
    userId: r.userId,
    name: r.user.name,
    email: r.user.email,
    onCall: r.onCall,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
  }));
}

/** Who is on shift now. */
export function onShiftNow(scope: Scope, now: Date = new Date()): Promise<OnShift[]> {
  return onShiftAt(scope, now);
}

/**
 * Who is on call now: an on-call shift covers this moment. People marked on leave are left out
 * even if a shift was planned for them (leave wins over a stale roster), so escalation never
 * pages someone who is away.
 */
export async function onCallNow(scope: Scope, now: Date = new Date()): Promise<OnShift[]> {
  const shifts = (await onShiftAt(scope, now)).filter((s) => s.onCall);
  if (shifts.length === 0) return [];
  const away = await scope.tx.staffProfile.findMany({
    where: { userId: { in: shifts.map((s) => s.userId) }, availability: "ON_LEAVE" },
    select: { userId: true },
  });
  const awayIds = new Set(away.map((p) => p.userId));
  return shifts.filter((s) => !awayIds.has(s.userId));
}

/** Both lists for the team page and the dashboard. */
export async function now(scope: Scope, at: Date = new Date()) {
  const [onShift, onCall] = await inOrder([() => onShiftNow(scope, at), () => onCallNow(scope, at)]);
  const strip = (s: OnShift) => ({
    shiftId: s.shiftId,
    userId: s.userId,
    name: s.name,
    onCall: s.onCall,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
  });
  return { onShift: onShift.map(strip), onCall: onCall.map(strip) };
}

// ─── Writing shifts ─────────────────────────────────────────────────────────────────────────

async function timeZoneOf(scope: Scope): Promise<string> {
  return (await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { timeZone: true } }))
    .timeZone;
}

/** "2026-05-04T08:00" in the company's zone → UTC instant. */
function instantOf(local: string, timeZone: string): Date {
  const [date, time] = local.split("T");
  const [h, m] = time.split(":").map(Number);
  return zonedInstant(date, h * 60 + m, timeZone);
}

/** The other way: a UTC instant → "2026-05-04T08:00" in the company's zone (for edit forms). */
export function localOf(at: Date, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.date}T${hhmm(w.hour * 60 + w.minute)}`;
}

/** "Mon 4 May, 08:00–16:00" (or across days "Mon 4 May 22:00 – Tue 5 May 06:00") in the zone. */
export function describeShift(startsAt: Date, endsAt: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone });
  const time = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
  const sameDay = wallClock(startsAt, timeZone).date === wallClock(new Date(endsAt.getTime() - 1), timeZone).date;
  return sameDay
    ? `${day.format(startsAt)}, ${time.format(startsAt)}–${time.format(endsAt)}`
    : `${day.format(startsAt)} ${time.format(startsAt)} – ${day.format(endsAt)} ${time.format(endsAt)}`;
}

/** Serialises shift writes per person until the transaction ends (see the module comment). */
async function lockPerson(scope: Scope, userId: string) {
  await scope.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`lastmile:shift:${userId}`}, 0))`;
}

async function findWorker(scope: Scope, userId: string) {
  const user = await scope.tx.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, role: true, status: true },
  });
  // Another company's user is invisible here (RLS): the same answer as a mistyped id.
  if (!user || user.role === "CUSTOMER")
    throw new Invalid("That person is not on your company's staff.", {
      userId: "Choose a staff member of your company.",
    });
  if (user.status !== "ACTIVE")
    throw new Invalid(`${user.name}'s account is disabled, so they cannot be given shifts.`, {
      userId: "Choose an active staff member.",
    });
  return user;
}

function checkTimes(startsAt: Date, endsAt: Date) {
  if (endsAt <= startsAt) throw new Invalid("The shift must end after it starts.", { end: "Must be after the start." });
  if (endsAt.getTime() - startsAt.getTime() > MAX_SHIFT_HOURS * 3_600_000)
    throw new Invalid(
      `A shift can be at most ${MAX_SHIFT_HOURS} hours long; plan a longer stretch as separate shifts.`,
      { end: `At most ${MAX_SHIFT_HOURS} hours after the start.` },
    );
}

/** Refuses a shift that overlaps another of the same person, naming the other one. Call under lockPerson. */
async function assertNoOverlap(
  scope: Scope,
  person: { id: string; name: string },
  startsAt: Date,
  endsAt: Date,
  timeZone: string,
  exceptId?: string,
) {
  const other = await scope.tx.shift.findFirst({
    where: {
      userId: person.id,
      id: exceptId ? { not: exceptId } : undefined,
      startsAt: { lt: endsAt },
      endsAt: { gt: startsAt },
    },
    select: { startsAt: true, endsAt: true, onCall: true },
    orderBy: { startsAt: "asc" },
  });
  if (other) {
    const when = `${describeShift(other.startsAt, other.endsAt, timeZone)}${other.onCall ? " (on call)" : ""}`;
    throw new Invalid(
      `${person.name} already has a shift ${when} that overlaps this one. Change or delete that shift first.`,
      {
        start: `Overlaps ${person.name}'s shift ${when}.`,
      },
    );
  }
}

type ShiftRow = { id: string; userId: string; startsAt: Date; endsAt: Date; onCall: boolean; note: string | null };
const shiftView = (s: ShiftRow, timeZone: string) => ({
  id: s.id,
  userId: s.userId,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  onCall: s.onCall,
  note: s.note,
  start: localOf(s.startsAt, timeZone),
  end: localOf(s.endsAt, timeZone),
});

export async function create(scope: Scope, input: z.input<typeof createShiftSchema>) {
  const data = createShiftSchema.parse(input);
  const timeZone = await timeZoneOf(scope);
  const startsAt = instantOf(data.start, timeZone);
  const endsAt = instantOf(data.end, timeZone);
  checkTimes(startsAt, endsAt);
  const person = await findWorker(scope, data.userId);
  await lockPerson(scope, person.id);
  await assertNoOverlap(scope, person, startsAt, endsAt, timeZone);
  const row = await scope.tx.shift.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      userId: person.id,
      startsAt,
      endsAt,
      onCall: data.onCall,
      note: data.note,
    },
  });
  const view = shiftView(row, timeZone);
  await audit.record(scope, {
    action: "shift.create",
    entityType: "Shift",
    entityId: row.id,
    after: { ...view, person: person.name },
  });
  return view;
}

export async function update(scope: Scope, input: z.input<typeof updateShiftSchema>) {
  const data = updateShiftSchema.parse(input);
  const timeZone = await timeZoneOf(scope);
  const before = await scope.tx.shift.findUnique({ where: { id: data.id } });
  if (!before) throw new NotFound("Shift");
  const startsAt = instantOf(data.start, timeZone);
  const endsAt = instantOf(data.end, timeZone);
  checkTimes(startsAt, endsAt);
  const person = await findWorker(scope, data.userId);
  await lockPerson(scope, person.id);
  await assertNoOverlap(scope, person, startsAt, endsAt, timeZone, before.id);
  const row = await scope.tx.shift.update({
    where: { id: before.id },
    data: { userId: person.id, startsAt, endsAt, onCall: data.onCall, note: data.note },
  });
  const view = shiftView(row, timeZone);
  await audit.record(scope, {
    action: "shift.update",
    entityType: "Shift",
    entityId: row.id,
    before: shiftView(before, timeZone),
    after: { ...view, person: person.name },
  });
  return view;
}

export async function remove(scope: Scope, input: z.input<typeof byIdSchema>) {
  const { id } = byIdSchema.parse(input);
  const timeZone = await timeZoneOf(scope);
  const before = await scope.tx.shift.findUnique({ where: { id } });
  if (!before) throw new NotFound("Shift");
  await scope.tx.shift.delete({ where: { id } });
  await audit.record(scope, {
    action: "shift.delete",
    entityType: "Shift",
    entityId: id,
    before: shiftView(before, timeZone),
  });
}

/**
 * Copies the week before `weekStart` into its week: same people, same local times seven days
 * later (so 08:00 stays 08:00 across a DST change). A copy that would overlap a shift the person
 * already has is skipped and listed, so running it twice adds nothing the second time.
 */
export async function copyPreviousWeek(scope: Scope, input: z.input<typeof copyWeekSchema>) {
  const { weekStart } = copyWeekSchema.parse(input);
  const timeZone = await timeZoneOf(scope);
  const target = mondayOf(weekStart);
  const source = addDays(target, -7);
  const shifts = await scope.tx.shift.findMany({
    where: {
      startsAt: { gte: zonedInstant(source, 0, timeZone), lt: zonedInstant(target, 0, timeZone) },
      user: { status: "ACTIVE", role: { not: "CUSTOMER" } },
    },
    select: {
      id: true,
      userId: true,
      startsAt: true,
      endsAt: true,
      onCall: true,
      note: true,
      user: { select: { id: true, name: true } },
    },
    orderBy: [{ userId: "asc" }, { startsAt: "asc" }],
  });
  // Locks in a fixed order (by user id), so two copies at once cannot deadlock.
  for (const userId of [...new Set(shifts.map((s) => s.userId))].sort()) await lockPerson(scope, userId);
  const copied: ReturnType<typeof shiftView>[] = [];
  const skipped: { person: string; when: string; reason: string }[] = [];
  for (const s of shifts) {
    const shiftBy = (at: Date) => {
      const w = wallClock(at, timeZone);
      return zonedInstant(addDays(w.date, 7), w.hour * 60 + w.minute, timeZone);
    };
    const startsAt = shiftBy(s.startsAt);
    const endsAt = shiftBy(s.endsAt);
    try {
      await assertNoOverlap(scope, s.user, startsAt, endsAt, timeZone);
    } catch (err) {
      if (!(err instanceof Invalid)) throw err;
      skipped.push({ person: s.user.name, when: describeShift(startsAt, endsAt, timeZone), reason: err.message });
      continue;
    }
    const row = await scope.tx.shift.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        userId: s.userId,
        startsAt,
        endsAt,
        onCall: s.onCall,
        note: s.note,
      },
    });
    copied.push(shiftView(row, timeZone));
  }
  if (copied.length > 0) {
    await audit.record(scope, {
      action: "shift.copy_week",
      entityType: "Shift",
      entityId: null,
      after: { from: source, to: target, copied: copied.map((c) => c.id), skipped: skipped.length },
    });
  }
  return { from: source, to: target, copied: copied.length, skipped };
}

// ─── The week planner ───────────────────────────────────────────────────────────────────────

type Span = { startsAt: Date; endsAt: Date };

/**
 * When the support desk is open between two instants, as UTC spans: from the default business
 * calendar (its weekday hours in its own zone, nothing on its holidays), or 08:00–20:00 every
 * day in the company's zone when the company has no calendar.
 */
async function supportSpans(scope: Scope, from: Date, to: Date, companyZone: string) {
  const calendar = await scope.tx.businessCalendar.findFirst({
    where: { isDefault: true },
    select: { id: true, name: true, hours: true, timeZone: true },
    orderBy: { createdAt: "asc" },
  });
  const zone = calendar?.timeZone ?? companyZone;
  const hours = (calendar?.hours ?? {}) as Record<string, unknown>;
  const byWeekday = (weekday: number): [number, number][] => {
    if (!calendar) return [DEFAULT_SUPPORT_HOURS];
    const list = hours[String(weekday)];
    if (!Array.isArray(list)) return [];
    return list
      .filter(
        (i): i is [number, number] =>
          Array.isArray(i) && typeof i[0] === "number" && typeof i[1] === "number" && i[1] > i[0],
      )
      .map(([a, b]) => [Math.max(0, a), Math.min(1440, b)]);
  };
  // Calendar-local dates that can touch the range, one day of slack each side for zone offsets.
  const first = addDays(wallClock(from, zone).date, -1);
  const last = addDays(wallClock(to, zone).date, 1);
  const holidays = new Map<string, string>();
  if (calendar) {
    const rows = await scope.tx.holiday.findMany({
      where: {
        calendarId: calendar.id,
        date: { gte: new Date(`${first}T00:00:00Z`), lte: new Date(`${last}T00:00:00Z`) },
      },
      select: { date: true, name: true },
    });
    for (const h of rows) holidays.set(h.date.toISOString().slice(0, 10), h.name);
  }
  const spans: Span[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (holidays.has(date)) continue;
    for (const [a, b] of byWeekday(weekdayOf(date)))
      spans.push({ startsAt: zonedInstant(date, a, zone), endsAt: zonedInstant(date, b, zone) });
  }
  return {
    source: calendar ? ("calendar" as const) : ("default" as const),
    calendarName: calendar?.name ?? null,
    calendarZone: zone,
    spans,
    holidays,
  };
}

/** The parts of `spans` inside [from, to). */
function clip(spans: Span[], from: Date, to: Date): Span[] {
  return spans
    .map((s) => ({ startsAt: s.startsAt > from ? s.startsAt : from, endsAt: s.endsAt < to ? s.endsAt : to }))
    .filter((s) => s.endsAt > s.startsAt);
}

/** True when the union of `spans` covers [from, to) completely. */
function covered(spans: Span[], from: Date, to: Date): boolean {
  let reached = from.getTime();
  for (const s of [...spans].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
    if (s.startsAt.getTime() > reached) break;
    reached = Math.max(reached, s.endsAt.getTime());
    if (reached >= to.getTime()) return true;
  }
  return reached >= to.getTime();
}

/**
 * One week of the planner in the company's zone: the people, their shifts cut into per-day
 * pieces, and per day and hour how many people are on shift, with gaps (support hours with
 * nobody on shift, even for part of the hour) flagged.
 */
export async function week(scope: Scope, input: z.input<typeof weekSchema>, at: Date = new Date()) {
  const f = weekSchema.parse(input);
  const timeZone = await timeZoneOf(scope);
  const today = wallClock(at, timeZone).date;
  const monday = mondayOf(f.weekStart ?? today);
  const dates = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const rangeStart = zonedInstant(monday, 0, timeZone);
  const rangeEnd = zonedInstant(addDays(monday, 7), 0, timeZone);

  const [shifts, staff, support] = await inOrder([
    scope.tx.shift.findMany({
      where: { startsAt: { lt: rangeEnd }, endsAt: { gt: rangeStart } },
      select: {
        id: true,
        userId: true,
        startsAt: true,
        endsAt: true,
        onCall: true,
        note: true,
        user: { select: { name: true, status: true } },
      },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    }),
    scope.tx.user.findMany({
      where: {
        status: "ACTIVE",
        role: { not: "CUSTOMER" },
        OR: [
          { staffProfile: { isNot: null } },
          { shifts: { some: { startsAt: { lt: rangeEnd }, endsAt: { gt: rangeStart } } } },
        ],
      },
      select: { id: true, name: true, staffProfile: { select: { title: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    () => supportSpans(scope, rangeStart, rangeEnd, timeZone),
  ]);
  // Shifts of disabled accounts still show (history), but they cover nothing.
  const active = shifts.filter((s) => s.user.status === "ACTIVE");
  const people = staff.map((u) => ({ userId: u.id, name: u.name, title: u.staffProfile?.title ?? null, active: true }));
  for (const s of shifts)
    if (!people.some((p) => p.userId === s.userId))
      people.push({ userId: s.userId, name: s.user.name, title: null, active: false });

  const local = (at: Date, dayEnd: Date) =>
    at >= dayEnd ? "24:00" : hhmm(wallClock(at, timeZone).hour * 60 + wallClock(at, timeZone).minute);
  const days = dates.map((date) => {
    const dayStart = zonedInstant(date, 0, timeZone);
    const dayEnd = zonedInstant(addDays(date, 1), 0, timeZone);
    const open = clip(support.spans, dayStart, dayEnd);
    const bands = Array.from({ length: 24 }, (_, hour) => {
      const bandStart = zonedInstant(date, hour * 60, timeZone);
      const bandEnd = hour === 23 ? dayEnd : zonedInstant(date, hour * 60 + 60, timeZone);
      const during = active.filter((s) => s.startsAt < bandEnd && s.endsAt > bandStart);
      const inHours = bandEnd > bandStart ? clip(open, bandStart, bandEnd) : [];
      return {
        hour,
        count: new Set(during.map((s) => s.userId)).size,
        onCall: new Set(during.filter((s) => s.onCall).map((s) => s.userId)).size,
        inHours: inHours.length > 0,
        gap: inHours.some((span) => !covered(during, span.startsAt, span.endsAt)),
      };
    });
    const holiday = support.holidays.get(date) ?? null;
    return {
      date,
      weekday: weekdayOf(date),
      holiday,
      supportHours: open.map((s) => `${local(s.startsAt, dayEnd)}–${local(s.endsAt, dayEnd)}`),
      bands,
      gapHours: bands.filter((b) => b.gap).length,
    };
  });

  const views = shifts.map((s) => {
    const segments = dates
      .map((date) => {
        const from = zonedInstant(date, 0, timeZone);
        const to = zonedInstant(addDays(date, 1), 0, timeZone);
        if (!(s.startsAt < to && s.endsAt > from)) return null;
        return { date, from: s.startsAt > from ? local(s.startsAt, to) : "00:00", to: local(s.endsAt, to) };
      })
      .filter((x): x is { date: string; from: string; to: string } => !!x);
    return {
      ...shiftView(s, timeZone),
      name: s.user.name,
      active: s.user.status === "ACTIVE",
      label: describeShift(s.startsAt, s.endsAt, timeZone),
      segments,
    };
  });

  return {
    timeZone,
    today,
    weekStart: monday,
    previousWeek: addDays(monday, -7),
    nextWeek: addDays(monday, 7),
    support: { source: support.source, calendarName: support.calendarName },
    people,
    days,
    shifts: views,
    gapHours: days.reduce((n, d) => n + d.gapHours, 0),
  };
}
