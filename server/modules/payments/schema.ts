import { z } from "zod";
import type { PaymentMethod, PaymentProvider, PaymentPurpose, PaymentStatus } from "../../db/generated/prisma/enums";
import { id, optionalText, pagination, searchText, sortDirection } from "../../lib/schema";

// Pure zod (the console's payment forms use these same rules). Money in integer minor units.

export const PAYMENT_METHODS = [
  "CARD",
  "MPESA",
  "BANK_TRANSFER",
  "CASH",
  "CHEQUE",
] as const satisfies readonly PaymentMethod[];
/** What staff record at the counter or from a statement: no provider takes part. */
export const MANUAL_METHODS = ["CASH", "CHEQUE", "BANK_TRANSFER", "MPESA"] as const satisfies readonly PaymentMethod[];
export const PAYMENT_PROVIDERS = ["STRIPE", "MPESA"] as const satisfies readonly PaymentProvider[];
export const PAYMENT_STATUSES = [
  "PENDING",
  "SUCCEEDED",
  "FAILED",
  "REFUNDED",
  "PARTIALLY_REFUNDED",
  "DISPUTED",
] as const satisfies readonly PaymentStatus[];
export const PAYMENT_PURPOSES = ["INVOICES", "WALLET_TOPUP"] as const satisfies readonly PaymentPurpose[];

export const METHOD_LABELS: Record<PaymentMethod, string> = {
  CARD: "Card",
  MPESA: "M-Pesa",
  BANK_TRANSFER: "Bank transfer",
  CASH: "Cash",
  CHEQUE: "Cheque",
};
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus | "UNMATCHED", string> = {
  PENDING: "Pending",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  REFUNDED: "Refunded",
  PARTIALLY_REFUNDED: "Partly refunded",
  DISPUTED: "Disputed",
  UNMATCHED: "Unmatched",
};

/** "RCT-00042": receipts are numbered per company from the "receipt" counter. */
export function receiptNumber(number: number | null): string | null {
  return number === null ? null : `RCT-${String(number).padStart(5, "0")}`;
}

const amountMinor = z
  .number({ error: "Enter the amount." })
  .int("The amount is a whole number of minor units (cents).")
  .positive("The amount must be more than zero.")
  .max(2_000_000_000, "That amount is too large.");

const day = z.iso.date({ error: "Enter a date as YYYY-MM-DD." });

export const allocationSchema = z.object({ invoiceId: id, amountMinor });

export const recordPaymentSchema = z
  .object({
    customerId: id.describe("The paying customer."),
    method: z.enum(MANUAL_METHODS, { error: "Choose how the customer paid." }).describe("How the customer paid."),
    amountMinor: amountMinor.describe("Amount received, in minor units."),
    reference: optionalText(80, "Reference").describe("Bank reference, cheque number or M-Pesa receipt."),
    receivedOn: day.optional().describe("The day the money was received (company time zone); today when left out."),
    note: optionalText(300, "Note"),
    allocations: z
      .array(allocationSchema)
      .max(50)
      .optional()
      .describe("Invoices to pay and how much of each; when left out, open invoices oldest due first."),
  })
  .superRefine((v, ctx) => {
    if ((v.method === "CHEQUE" || v.method === "BANK_TRANSFER" || v.method === "MPESA") && !v.reference)
      ctx.addIssue({
        code: "custom",
        path: ["reference"],
        message: v.method === "CHEQUE" ? "Enter the cheque number." : "Enter the transaction reference.",
      });
    const allocated = (v.allocations ?? []).reduce((n, a) => n + a.amountMinor, 0);
    if (allocated > v.amountMinor)
      ctx.addIssue({
        code: "custom",
        path: ["allocations"],
        message: "The allocations add up to more than the payment.",
      });
    const ids = new Set((v.allocations ?? []).map((a) => a.invoiceId));
    if (ids.size !== (v.allocations ?? []).length)
      ctx.addIssue({ code: "custom", path: ["allocations"], message: "Each invoice can be chosen once." });
  });
export type RecordPaymentInput = z.input<typeof recordPaymentSchema>;

export const refundSchema = z.object({
  paymentId: id,
  amountMinor: amountMinor.describe("Amount to give back, in minor units."),
  reason: z.string().trim().min(3, "Say why the money is given back.").max(300),
});
export type RefundInput = z.input<typeof refundSchema>;

export const assignCustomerSchema = z.object({ paymentId: id, customerId: id });

export const listPaymentsSchema = pagination().extend({
  search: searchText().describe("Receipt number, reference, or part of the customer's name or account number."),
  method: z.enum(PAYMENT_METHODS).optional().describe("Only payments by this method."),
  status: z
    .enum([...PAYMENT_STATUSES, "UNMATCHED"])
    .optional()
    .describe("Only payments in this status; UNMATCHED: received for an account nobody has."),
  customerId: id.optional().describe("Only this customer's payments."),
  from: day.optional().describe("Created on or after this date."),
  to: day.optional().describe("Created on or before this date."),
  sort: z.enum(["createdAt", "amountMinor", "receiptNumber"]).default("createdAt").describe("Sort column."),
  direction: sortDirection("desc"),
});
export type ListPaymentsInput = z.input<typeof listPaymentsSchema>;
