import { z } from "zod";
import { pagination } from "../../lib/schema";

// Inputs of revenue analytics, the tax report and the accounting export (pure zod: the console's
// pickers import it). Months are "YYYY-MM" and dates "YYYY-MM-DD", both in the company's time zone.

export const MAX_MONTHS = 36;

const monthText = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Enter a month like 2026-11.")
  .describe("A month in the company's time zone, YYYY-MM.");

const dayText = z.iso.date({ error: "Enter a date as YYYY-MM-DD." });

/** Months between two "YYYY-MM" (both included). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  return (ty! - fy!) * 12 + (tm! - fm!) + 1;
}

/** "2026-11" + n months. */
export function addMonthsTo(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const index = y! * 12 + (m! - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** A month range; left out, the twelve months up to the current one. */
export const monthRangeSchema = z
  .object({ from: monthText.optional(), to: monthText.optional() })
  .refine((r) => !r.from || !r.to || r.from <= r.to, {
    path: ["to"],
    message: "The last month must not be before the first.",
  })
  .refine((r) => !r.from || !r.to || monthsBetween(r.from, r.to) <= MAX_MONTHS, {
    path: ["from"],
    message: `Choose at most ${MAX_MONTHS} months.`,
  });
export type MonthRangeInput = z.input<typeof monthRangeSchema>;

export const AGING_BUCKETS = ["CURRENT", "D1_30", "D31_60", "D61_90", "D90_PLUS"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Days past due each bucket holds (both ends included; null: unbounded). Due today is current. */
export const AGING_DAYS: Record<AgingBucket, { min: number | null; max: number | null }> = {
  CURRENT: { min: null, max: 0 },
  D1_30: { min: 1, max: 30 },
  D31_60: { min: 31, max: 60 },
  D61_90: { min: 61, max: 90 },
  D90_PLUS: { min: 91, max: null },
};

export const AGING_LABELS: Record<AgingBucket, string> = {
  CURRENT: "Not yet due",
  D1_30: "1–30 days",
  D31_60: "31–60 days",
  D61_90: "61–90 days",
  D90_PLUS: "Over 90 days",
};

export const agingInvoicesSchema = pagination({ size: 20 }).extend({ bucket: z.enum(AGING_BUCKETS) });
export type AgingInvoicesInput = z.input<typeof agingInvoicesSchema>;

export const EXPORT_FORMATS = ["QUICKBOOKS", "SAGE"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  QUICKBOOKS: "QuickBooks Online",
  SAGE: "Sage Business Cloud Accounting",
};

export const EXPORT_DOCUMENTS = ["INVOICES", "PAYMENTS", "CREDIT_NOTES", "WRITE_OFFS"] as const;
export type ExportDocument = (typeof EXPORT_DOCUMENTS)[number];
export const EXPORT_DOCUMENT_LABELS: Record<ExportDocument, string> = {
  INVOICES: "Invoices",
  PAYMENTS: "Payments and refunds",
  CREDIT_NOTES: "Credit notes",
  WRITE_OFFS: "Bad debt (write-offs and recoveries)",
};

export const MAX_EXPORT_DAYS = 400;
const DAY_MS = 86_400_000;

/** A period of days (both included), at most about a year and a month. */
export const periodSchema = z
  .object({ from: dayText, to: dayText })
  .refine((r) => r.from <= r.to, { path: ["to"], message: "The end date must not be before the start date." })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / DAY_MS < MAX_EXPORT_DAYS, {
    path: ["from"],
    message: `Choose at most ${MAX_EXPORT_DAYS} days.`,
  });
export type PeriodInput = z.input<typeof periodSchema>;

export const accountingExportSchema = z.object({
  period: periodSchema,
  format: z.enum(EXPORT_FORMATS),
  document: z.enum(EXPORT_DOCUMENTS),
});
export type AccountingExportInput = z.input<typeof accountingExportSchema>;
