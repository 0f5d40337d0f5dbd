import { z } from "zod";
import { id, optionalText, pagination, searchText } from "../../lib/schema";

// Schemas are pure zod, so the browser's forms use these same rules.

const days = (label: string, min: number) =>
  z
    .number({ error: `Enter the ${label} in days.` })
    .int(`The ${label} is a whole number of days.`)
    .min(min, min === 0 ? `The ${label} cannot be negative.` : `The ${label} must be at least ${min} day.`)
    .max(3650, `The ${label} can be at most 3,650 days (ten years).`);

const planFields = z
  .object({
    title: z
      .string({ error: "Say what is to be done." })
      .trim()
      .min(3, "Say what is to be done, e.g. “Clean the OLT filters”.")
      .max(200, "The task can be at most 200 characters."),
    instructions: optionalText(5_000, "The instructions"),
    /** One unit (an inventory asset) … */
    assetId: optionalText(64, "The unit"),
    /** … or every network device of a type. */
    deviceTypeId: optionalText(64, "The device type"),
    intervalDays: days("interval", 1),
    leadDays: days("lead time", 0).default(7),
    startsOn: z
      .string({ error: "Enter the first due date." })
      .trim()
      .refine(
        (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
        "Enter the first due date as YYYY-MM-DD.",
      ),
  })
  .superRefine((v, ctx) => {
    if (!v.assetId === !v.deviceTypeId)
      ctx.addIssue({
        code: "custom",
        path: ["assetId"],
        message: "Choose one unit or one device type for the plan.",
      });
    if (v.leadDays >= v.intervalDays)
      ctx.addIssue({
        code: "custom",
        path: ["leadDays"],
        message: "Open the work order fewer days ahead than the interval, or two would be open at once.",
      });
  });

export const planSchema = planFields;
export const updatePlanSchema = z.object({ id, data: planFields });
export const pausePlanSchema = z.object({ id, paused: z.boolean() });
export const listPlansSchema = pagination({ size: 25, max: 100 }).extend({
  search: searchText(),
  assetId: id.optional(),
});
export const historySchema = z.object({ assetId: id });
export const dueSchema = z.object({
  withinDays: days("look-ahead", 0)
    .max(366, "Look at most 366 days ahead.")
    .default(30)
    .describe("How many days ahead to look (0: only what is due today or overdue)."),
});
