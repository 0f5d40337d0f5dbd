import { z } from "zod";
import { id, optionalText, pagination, searchText } from "../../lib/schema";

// Schemas are pure zod, so the browser's forms use these same rules.

export const METHODS = ["STRAIGHT_LINE", "DECLINING_BALANCE"] as const;
export type Method = (typeof METHODS)[number];
export const METHOD_LABELS: Record<Method, string> = {
  STRAIGHT_LINE: "Straight-line",
  DECLINING_BALANCE: "Declining balance (200%)",
};

export const DISPOSAL_KINDS = ["SOLD", "SCRAPPED", "LOST"] as const;
export type DisposalKind = (typeof DISPOSAL_KINDS)[number];
/** LOST: not found any more (a cycle count records it by itself; a stolen unit by hand). */
export const DISPOSAL_LABELS: Record<DisposalKind, string> = { SOLD: "Sold", SCRAPPED: "Scrapped", LOST: "Lost" };

/** The longest useful life a rule may give: fifty years. */
export const MAX_LIFE_MONTHS = 600;

const isoDate = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .refine(
      (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
      `Enter the ${label} as YYYY-MM-DD.`,
    );

const month = (label: string) =>
  z
    .string({ error: `Enter the ${label} month.` })
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, `Enter the ${label} month as YYYY-MM.`);

/** A rule for every item of a category, or (itemId) for one item. */
export const ruleSchema = z
  .object({
    category: optionalText(60, "The category"),
    itemId: optionalText(64, "The item"),
    method: z.enum(METHODS, { error: "Choose straight-line or declining balance." }),
    usefulLifeMonths: z
      .number({ error: "Enter the useful life in months." })
      .int("The useful life is a whole number of months.")
      .min(1, "The useful life must be at least one month.")
      .max(MAX_LIFE_MONTHS, `The useful life can be at most ${MAX_LIFE_MONTHS} months.`),
    salvageBp: z
      .number({ error: "Enter the salvage value as a percentage of cost." })
      .int("The salvage value is in basis points, a whole number.")
      .min(0, "The salvage value cannot be negative.")
      .max(10_000, "The salvage value cannot be more than the cost (100%).")
      .default(0),
  })
  .superRefine((v, ctx) => {
    if (!v.category === !v.itemId)
      ctx.addIssue({
        code: "custom",
        path: ["category"],
        message: "Give the rule either a category or one item, not both.",
      });
  });

export const removeRuleSchema = z.object({ id });

export const assetScheduleSchema = z.object({ assetId: id });

export const reportSchema = z
  .object({
    from: month("first"),
    to: month("last"),
  })
  .superRefine((v, ctx) => {
    const [fy, fm] = v.from.split("-").map(Number);
    const [ty, tm] = v.to.split("-").map(Number);
    const span = ty! * 12 + tm! - (fy! * 12 + fm!);
    if (span < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "The last month comes before the first." });
    if (span >= 36) ctx.addIssue({ code: "custom", path: ["to"], message: "Choose at most 36 months at a time." });
  });

export const bookValuesSchema = pagination({ size: 25, max: 100 }).extend({
  search: searchText(),
  category: z.string().trim().max(60).optional(),
});

export const disposeSchema = z.object({
  assetId: id,
  kind: z.enum(DISPOSAL_KINDS, { error: "Was the unit sold, scrapped or lost?" }),
  disposedOn: isoDate("date of disposal"),
  proceedsMinor: z
    .number({ error: "Enter what the unit brought in (0 when scrapped for nothing)." })
    .int("The proceeds are in cents, a whole number.")
    .min(0, "The proceeds cannot be negative.")
    .max(1_000_000_000_00, "The proceeds are too large.")
    .default(0),
  reason: optionalText(500, "The note"),
});
