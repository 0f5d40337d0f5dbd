import { z } from "zod";

// The date range of the support reports: calendar dates in the company's time zone, both ends
// included. Left out, the last 30 days up to today.

const DAY_MS = 86_400_000;
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2026-11-30.")
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    "Enter a real date.",
  );

export const MAX_RANGE_DAYS = 366;

export const reportRangeSchema = z
  .object({ from: isoDate.optional(), to: isoDate.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, {
    path: ["to"],
    message: "The end date must not be before the start date.",
  })
  .refine((r) => !r.from || !r.to || (Date.parse(r.to) - Date.parse(r.from)) / DAY_MS < MAX_RANGE_DAYS, {
    path: ["from"],
    message: `Choose at most ${MAX_RANGE_DAYS} days.`,
  });
export type ReportRangeInput = z.input<typeof reportRangeSchema>;

/** "2026-11-30" + n days. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}
