import { z } from "zod";
import { pagination } from "../../lib/schema";

// Schemas are pure zod, so the browser's forms use these same rules.

export const VOUCHER_STATUSES = ["UNUSED", "ACTIVE", "EXPIRED", "DISABLED"] as const;
export const voucherStatusSchema = z.enum(VOUCHER_STATUSES, { error: "Choose a voucher status." });
export type VoucherStatusValue = z.infer<typeof voucherStatusSchema>;

export const MAX_BATCH_QUANTITY = 1000;

/** Codes printed on the cards: ten characters in two groups, e.g. "7KQ4M-XW2PA". */
export const VOUCHER_CODE_PATTERN = /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/;

const id = z.string().trim().min(1).max(64);

export const generateBatchSchema = z.object({
  packageId: z.string({ error: "Choose a hotspot package." }).trim().min(1, "Choose a hotspot package.").max(64),
  quantity: z
    .number({ error: "Enter how many vouchers to make." })
    .int("Enter a whole number of vouchers.")
    .min(1, "Make at least 1 voucher.")
    .max(MAX_BATCH_QUANTITY, `At most ${MAX_BATCH_QUANTITY} vouchers per batch.`),
  withPin: z.boolean().default(false),
  note: z
    .string()
    .trim()
    .max(200, "Keep the note under 200 characters.")
    .optional()
    .transform((v) => (v ? v : undefined)),
});

export const listBatchesSchema = z.object({
  ...pagination().shape,
});

export const getBatchSchema = z.object({
  id,
  ...pagination({ size: 50, max: 200 }).shape,
  status: voucherStatusSchema.optional(),
});

export const disableVoucherSchema = z.object({ id });

/** What the RADIUS accounting reports for a voucher session since its last report. */
export const usageSchema = z.object({
  mb: z.number().int("Report whole MiB.").min(0).max(10_000_000),
  seconds: z.number().int("Report whole seconds.").min(0).max(31_622_400),
});

/**
 * A code as a person typed it ("7kq4m xw2pa", "7KQ4MXW2PA") in its printed form, or null when
 * it cannot be one of ours.
 */
export function normalizeVoucherCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[^0-9A-Z]/g, "");
  if (plain.length !== 10) return null;
  const code = `${plain.slice(0, 5)}-${plain.slice(5)}`;
  return VOUCHER_CODE_PATTERN.test(code) ? code : null;
}
