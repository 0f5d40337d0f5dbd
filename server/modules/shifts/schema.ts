import { z } from "zod";
import { id } from "../../lib/schema";

// Shifts are entered as wall-clock times in the company's time zone ("2026-05-04T08:00", what a
// datetime-local input gives) and stored as UTC instants by the service. Pure zod for the forms.

/** Longest shift the planner accepts: a double shift at most. */
export const MAX_SHIFT_HOURS = 24;

/** Support hours assumed for coverage gaps when the company has no default business calendar. */
export const DEFAULT_SUPPORT_HOURS: [number, number] = [8 * 60, 20 * 60];

const localDateTime = (label: string) =>
  z
    .string({ error: `Enter the ${label} date and time.` })
    .trim()
    .min(1, `Enter the ${label} date and time.`)
    .refine(
      (v) =>
        /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:00)?$/.test(v) &&
        !Number.isNaN(Date.parse(`${v.slice(0, 10)}T00:00:00Z`)),
      `Enter the ${label} as a date and a time.`,
    )
    .transform((v) => v.slice(0, 16));

/** A calendar date "2026-05-04". */
export const dateSchema = z
  .string()
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Enter a date.");

const shiftFields = z.object({
  userId: z.string({ error: "Choose who works this shift." }).min(1, "Choose who works this shift.").max(64),
  start: localDateTime("start"),
  end: localDateTime("end"),
  onCall: z.boolean().default(false),
  note: z
    .string()
    .trim()
    .max(200, "A note can be at most 200 characters.")
    .nullish()
    .transform((v) => (v ? v : null)),
});

/** Wall-clock strings of one zone compare like the times they name. */
function endAfterStart(v: { start: string; end: string }, ctx: z.RefinementCtx) {
  if (v.end <= v.start) ctx.addIssue({ code: "custom", path: ["end"], message: "The shift must end after it starts." });
}

export const createShiftSchema = shiftFields.superRefine(endAfterStart);
export const updateShiftSchema = shiftFields.extend({ id }).superRefine(endAfterStart);

/** A week of the planner: any date in it (the service starts weeks on Monday); default this week. */
export const weekSchema = z.object({ weekStart: dateSchema.optional() });

/** Copies the shifts of the week before `weekStart` into the week of `weekStart`. */
export const copyWeekSchema = z.object({ weekStart: dateSchema });

export const byIdSchema = z.object({ id });

/** "08:00" for minutes after midnight. */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
