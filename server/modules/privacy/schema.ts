import { z } from "zod";
import { id } from "../../lib/schema";

// Data protection (GDPR): a customer's data export and erasure. Pure zod: the console's erase
// dialog uses the same schema as the server.

export const EXPORT_FORMATS = ["json", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportFormatSchema = z.object({
  format: z.enum(EXPORT_FORMATS, { error: "Choose JSON or CSV." }).default("json"),
});

/** Staff: one customer's data. */
export const exportCustomerSchema = exportFormatSchema.extend({ id });

/** Staff: erase one customer. The account number, typed again, is the confirmation. */
export const eraseCustomerSchema = z.object({
  id,
  confirmAccountNo: z
    .string()
    .trim()
    .min(1, "Type the customer's account number to confirm.")
    .max(20, "Type the customer's account number to confirm."),
});
export type EraseCustomerInput = z.input<typeof eraseCustomerSchema>;

/** "acc-000042", " ACC-000042 " and "ACC-000042" are the same confirmation. */
export const sameAccountNo = (typed: string, accountNo: string) =>
  typed.trim().toUpperCase() === accountNo.toUpperCase();
