import { z } from "zod";
import type { SlaClock, TicketPriority } from "../../db/generated/prisma/enums";
import { calendarProblem, dayHoursProblem, isIsoDate, isValidTimeZone, WEEKDAY_NAMES } from "./clock";

// Support settings as pure zod: the settings forms in the browser and the service validate SLA
// targets, business calendars, holidays and escalation rules with the same rules.

export const PRIORITY_VALUES = ["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const satisfies readonly TicketPriority[];
export const CLOCK_VALUES = ["RESPONSE", "RESOLUTION"] as const satisfies readonly SlaClock[];
export const PRIORITY_LABELS: Record<TicketPriority, string> = {
  CRITICAL: "Critical",
  HIGH: "High",
  MEDIUM: "Medium",
  LOW: "Low",
};
export const CLOCK_LABELS: Record<SlaClock, string> = { RESPONSE: "Response", RESOLUTION: "Resolution" };

/** A year of minutes is the most any target may be. */
const MAX_TARGET_MIN = 365 * 24 * 60;

const targetMinutes = (label: string) =>
  z
    .number({ error: `${label} target must be a number of minutes.` })
    .int(`${label} target must be whole minutes.`)
    .min(1, `${label} target must be at least one minute.`)
    .max(MAX_TARGET_MIN, `${label} target can be at most a year.`);

export const slaTargetSchema = z
  .object({
    priority: z.enum(PRIORITY_VALUES),
    responseMin: targetMinutes("The response"),
    resolutionMin: targetMinutes("The resolution"),
    businessHours: z.boolean(),
  })
  .refine((t) => t.resolutionMin >= t.responseMin, {
    path: ["resolutionMin"],
    message: "Resolution cannot be quicker than the first response.",
  });

export const saveTargetsSchema = z.object({
  targets: z
    .array(slaTargetSchema)
    .length(PRIORITY_VALUES.length, "Give targets for all four priorities.")
    .refine((list) => new Set(list.map((t) => t.priority)).size === list.length, "Each priority once."),
});
export type SaveTargetsInput = z.input<typeof saveTargetsSchema>;

const WEEKDAY_KEYS = ["0", "1", "2", "3", "4", "5", "6"] as const;
const period = z.tuple([z.number().int(), z.number().int()]);

/** Weekday "0" (Sunday) … "6" → open periods [startMinute, endMinute); an end before the start runs overnight. */
export const weekHoursSchema = z
  .partialRecord(z.enum(WEEKDAY_KEYS), z.array(period).max(6, "At most six periods a day."))
  .superRefine((hours, ctx) => {
    for (const [day, periods] of Object.entries(hours)) {
      const problem = dayHoursProblem(periods ?? []);
      if (problem) ctx.addIssue({ code: "custom", path: [day], message: `${WEEKDAY_NAMES[Number(day)]}: ${problem}` });
    }
  });

export const saveCalendarSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    name: z.string().trim().min(1, "Give the calendar a name.").max(80, "A name can be at most 80 characters."),
    timeZone: z.string().trim().refine(isValidTimeZone, "Choose a time zone from the list, e.g. Africa/Nairobi."),
    hours: weekHoursSchema,
  })
  .superRefine((c, ctx) => {
    if (!isValidTimeZone(c.timeZone)) return;
    const hours = Object.fromEntries(Object.entries(c.hours).map(([d, p]) => [d, p ?? []]));
    if (Object.values(hours).every((p) => p.length === 0))
      ctx.addIssue({
        code: "custom",
        path: ["hours"],
        message:
          calendarProblem({ timeZone: c.timeZone, hours, holidays: [] }) ?? "Open at least one period in the week.",
      });
  });
export type SaveCalendarInput = z.input<typeof saveCalendarSchema>;

export const addHolidaySchema = z.object({
  calendarId: z.string().min(1).max(64),
  date: z.string().trim().refine(isIsoDate, "Enter a date like 2026-12-25."),
  name: z.string().trim().min(1, "Name the holiday.").max(80, "A name can be at most 80 characters."),
});
export type AddHolidayInput = z.input<typeof addHolidaySchema>;

export const saveRuleSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    name: z.string().trim().min(1, "Give the rule a name.").max(80, "A name can be at most 80 characters."),
    clock: z.enum(CLOCK_VALUES),
    thresholdPct: z
      .number({ error: "The threshold must be a percentage." })
      .int("The threshold must be a whole percentage.")
      .min(1, "The threshold must be at least 1%.")
      .max(1000, "The threshold can be at most 1000%."),
    /** Empty: every priority. */
    priorities: z.array(z.enum(PRIORITY_VALUES)).max(PRIORITY_VALUES.length).default([]),
    notify: z.boolean(),
    raisePriority: z.boolean(),
    reassignToLead: z.boolean(),
    active: z.boolean().default(true),
  })
  .refine((r) => r.notify || r.raisePriority || r.reassignToLead, {
    path: ["notify"],
    message: "A rule must do something: notify, raise the priority or reassign.",
  });
export type SaveRuleInput = z.input<typeof saveRuleSchema>;

export const byIdSchema = z.object({ id: z.string().min(1).max(64) });

// ── Form helpers (hours and minutes ↔ minutes) ──────────────────────────────────────────────

/** 90 → { hours: 1, minutes: 30 }. */
export function splitMinutes(total: number): { hours: number; minutes: number } {
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}

/** 510 → "08:30"; 1440 → "24:00". */
export function minutesToClock(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** "08:30" → 510, "24:00" → 1440; null when it is not a time. */
export function clockToMinutes(value: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

/** "4 h", "1 h 30 min", "15 min", "3 d" — for target tables. */
export function formatTarget(min: number): string {
  if (min % 1440 === 0 && min >= 1440) return `${min / 1440} d`;
  const { hours, minutes } = splitMinutes(min);
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}
