import { z } from "zod";
import { pagination, searchText } from "../../lib/schema";

// Schemas are pure zod, so the browser's filters use these same rules.

const day = (label: string) =>
  z
    .string({ error: `Enter the ${label} date.` })
    .trim()
    .refine(
      (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
      `Enter the ${label} date as YYYY-MM-DD.`,
    );

export const stockByLocationSchema = z.object({
  kind: z.enum(["WAREHOUSE", "BIN", "VAN", "CUSTOMER", "SITE", "SUPPLIER_REPAIR"]).optional(),
});

export const movementsByPeriodSchema = z
  .object({ from: day("first"), to: day("last") })
  .refine((v) => v.from <= v.to, { path: ["to"], message: "The last date comes before the first." });

export const deployedByCustomerSchema = pagination({ size: 25, max: 100 }).extend({ search: searchText() });

export const warrantyEndingSchema = pagination({ size: 25, max: 100 }).extend({
  withinDays: z
    .number({ error: "Enter a number of days." })
    .int("A whole number of days.")
    .min(1, "At least one day.")
    .max(730, "At most 730 days.")
    .default(90),
});
