import { z } from "zod";
import { id, pagination } from "../../lib/schema";

// Data caps: the top-up catalogue, purchases and the allowance views. Pure zod: the console's
// and portal's forms import it. Data in MiB ("MB"), money in integer minor units.

export const topUpOptionSchema = z.object({
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .min(1, "Enter a name, e.g. 5 GB boost.")
    .max(60, "The name can be at most 60 characters."),
  mb: z
    .number({ error: "Enter the data in MB." })
    .int("Enter the data as a whole number of MB.")
    .min(1, "A top-up adds at least 1 MB.")
    .max(10_000_000, "A top-up adds at most 10,000,000 MB."),
  priceMinor: z
    .number({ error: "Enter the price." })
    .int("The price must be in whole minor units (cents).")
    .min(0, "The price cannot be negative.")
    .max(1_000_000_000),
});
export type TopUpOptionInput = z.input<typeof topUpOptionSchema>;

export const updateTopUpOptionSchema = topUpOptionSchema.extend({ id });
export const archiveTopUpOptionSchema = z.object({ id, archived: z.boolean() });
export const listTopUpOptionsSchema = pagination({ size: 50 }).extend({
  includeArchived: z.boolean().default(false),
});

/** A purchase; requestKey is made once per opened form, so a double click buys once. */
export const buyTopUpSchema = z.object({
  subscriptionId: id,
  optionId: id.describe("Choose a top-up."),
  requestKey: z.string().trim().min(8).max(64),
});
export type BuyTopUpInput = z.input<typeof buyTopUpSchema>;

export const subscriptionDataSchema = z.object({ subscriptionId: id });
export const customerDataSchema = z.object({ customerId: id });
