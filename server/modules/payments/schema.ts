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
    customerId: z
      .string({ error: "Choose the customer who paid." })
      .min(1, "Choose the customer who paid.")
      .max(64)
      .describe("The paying customer."),
    method: z.enum(MANUAL_METHODS, { error: "Choose how the customer paid." }).describe("How the customer paid."),
    amountMinor: amountMinor.describe("Amount received, in minor units."),
    reference: optionalText(80, "Reference").describe("Bank reference, cheque number or M-Pesa receipt."),
    receivedOn: day.optional().describe("The day the money was received (company time zone); today when left out."),
    note: optionalText(300, "Note"),
    purpose: z
      .enum(PAYMENT_PURPOSES)
      .default("INVOICES")
      .describe(
        "INVOICES: pays invoices (the rest goes to the customer's credit). WALLET_TOPUP: credits the customer's prepaid wallet; no allocations.",
      ),
    allocations: z
      .array(allocationSchema)
      .max(50)
      .optional()
      .describe("Invoices to pay and how much of each; when left out, open invoices oldest due first."),
  })
  // Checked even while another field is wrong (a missing amount), so that a person sees every
  // field to correct at once rather than one more after each try.
  .superRefine(
    (v, ctx) => {
      if ((v.method === "CHEQUE" || v.method === "BANK_TRANSFER" || v.method === "MPESA") && !v.reference)
        ctx.addIssue({
          code: "custom",
          path: ["reference"],
          message: v.method === "CHEQUE" ? "Enter the cheque number." : "Enter the transaction reference.",
        });
    },
    {
      // Not when the input is no object at all (nothing to read) or its method or reference is wrong.
      when: (payload) =>
        typeof payload.value === "object" &&
        payload.value !== null &&
        !payload.issues.some((i) => i.path?.[0] === "method" || i.path?.[0] === "reference"),
    },
  )
  .superRefine((v, ctx) => {
    if (v.purpose === "WALLET_TOPUP" && v.allocations?.length)
      ctx.addIssue({
        code: "custom",
        path: ["allocations"],
        message: "A wallet top-up goes to the wallet, not to invoices: leave the invoices out.",
      });
    const allocated = (v.allocations ?? []).reduce((n, a) => n + a.amountMinor, 0);
    // Only against an amount that is itself right: a negative or missing amount is the amount's
    // error, not the invoices' (none chosen would otherwise "add up to more" than −5).
    if (v.allocations?.length && Number.isInteger(v.amountMinor) && v.amountMinor > 0 && allocated > v.amountMinor)
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

// ── payment methods (provider settings) ─────────────────────────────────────────────────────

export type PaymentProviderKey = (typeof PAYMENT_PROVIDERS)[number];
export const PAYMENT_PROVIDER_LABELS: Record<PaymentProviderKey, string> = { STRIPE: "Card (Stripe)", MPESA: "M-Pesa" };

/** What to set, said wherever a method is refused or shown as off. */
export const PROVIDER_OFF_MESSAGES: Record<PaymentProviderKey, string> = {
  STRIPE:
    "Card payments are off: a billing administrator enters the Stripe secret key and the webhook signing secret in Billing → Payment methods.",
  MPESA:
    "M-Pesa is off: a billing administrator enters the paybill or till number, the Daraja consumer key and secret and the Lipa na M-Pesa Online passkey in Billing → Payment methods.",
};

/** The same, said on Billing → Payment methods itself, where the reader is the one to set it. */
export const PROVIDER_SETUP_HINTS: Record<PaymentProviderKey, string> = {
  STRIPE:
    "Card payments are off. Enter your Stripe secret key and webhook signing secret below, then choose Switch card payments on.",
  MPESA:
    "M-Pesa is off. Enter your paybill or till number, the Daraja consumer key and secret and the Lipa na M-Pesa Online passkey below, then choose Switch M-Pesa on.",
};

/** A write-only secret: empty keeps the stored one. */
const secret = (label: string) => optionalText(300, label);

export const saveStripeSettingsSchema = z.object({
  secretKey: secret("The secret key").refine((v) => !v || /^(sk|rk)_(test|live)_\w+$/.test(v), {
    message: "A Stripe secret key starts with sk_live_, sk_test_ (or rk_ for a restricted key).",
  }),
  webhookSecret: secret("The signing secret").refine((v) => !v || /^whsec_\w+$/.test(v), {
    message: "The webhook signing secret starts with whsec_.",
  }),
});
export type SaveStripeSettingsInput = z.input<typeof saveStripeSettingsSchema>;

const digits = (label: string, min: number, max: number) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .regex(new RegExp(`^\\d{${min},${max}}$`), `The ${label} is ${min} to ${max} digits.`);

export const MPESA_ENVIRONMENTS = ["SANDBOX", "PRODUCTION"] as const;
export const MPESA_ENVIRONMENT_LABELS: Record<(typeof MPESA_ENVIRONMENTS)[number], string> = {
  SANDBOX: "Sandbox (testing)",
  PRODUCTION: "Production",
};

export const saveMpesaSettingsSchema = z.object({
  environment: z.enum(MPESA_ENVIRONMENTS, { error: "Choose sandbox or production." }),
  shortcode: digits("paybill or store number", 5, 7),
  till: z
    .string()
    .trim()
    .regex(/^(\d{5,8})?$/, "A till number is 5 to 8 digits.")
    .nullish()
    .transform((v) => v || null),
  consumerKey: z
    .string({ error: "Enter the consumer key." })
    .trim()
    .min(1, "Enter the Daraja app's consumer key.")
    .max(200),
  consumerSecret: secret("The consumer secret"),
  passkey: secret("The passkey"),
  initiatorName: optionalText(100, "The initiator name"),
  securityCredential: optionalText(2000, "The security credential"),
});
export type SaveMpesaSettingsInput = z.input<typeof saveMpesaSettingsSchema>;

export const paymentProviderSchema = z.object({ provider: z.enum(PAYMENT_PROVIDERS) });

/** "Pay now" in the portal: how much, by which method, for which invoices (none: oldest open first). */
export const payNowSchema = z.object({
  provider: z.enum(PAYMENT_PROVIDERS, { error: "Choose how to pay." }),
  amountMinor: amountMinor,
  purpose: z.enum(PAYMENT_PURPOSES).default("INVOICES"),
  invoiceIds: z.array(id).max(50).optional(),
  /** The M-Pesa phone (0712 345 678 or 254712345678); the customer's own number when left out. */
  phone: optionalText(20, "The phone number"),
});
export type PayNowInput = z.input<typeof payNowSchema>;

// ── POST /api/payments: record a payment, or start one with a provider ───────────────────────

/** Start a card (Stripe Checkout) or M-Pesa (STK push) payment: the portal's Pay now, over REST. */
export const initiatePaymentSchema = payNowSchema.extend({
  provider: payNowSchema.shape.provider.describe(
    "STRIPE: a Checkout page the customer opens (answer kind redirect, with its url). MPESA: a prompt on the customer's phone (answer kind pending).",
  ),
  amountMinor: amountMinor.describe("Amount to pay, in minor units."),
  purpose: payNowSchema.shape.purpose.describe(
    "INVOICES: pays invoices once the provider confirms. WALLET_TOPUP: credits the prepaid wallet; no invoiceIds.",
  ),
  invoiceIds: payNowSchema.shape.invoiceIds.describe(
    "Open invoices of the paying account to pay; when left out, its open invoices oldest due first.",
  ),
  phone: payNowSchema.shape.phone.describe(
    "M-Pesa only: the phone to prompt; the customer's own number when left out.",
  ),
  customerId: id
    .optional()
    .describe(
      "Staff: the customer who pays (required). A customer's token: leave it out; it always pays its own account.",
    ),
});
export type InitiatePaymentInput = z.output<typeof initiatePaymentSchema>;

/**
 * One body, two requests, told apart by `provider`: with it, a customer payment is started with
 * that provider; without it, staff record money already received.
 */
export const paymentRequestSchema = z.discriminatedUnion(
  "provider",
  [
    initiatePaymentSchema,
    recordPaymentSchema.safeExtend({
      provider: z.undefined().optional().describe("Left out: record money already received (staff only)."),
    }),
  ],
  { error: "Choose provider STRIPE or MPESA to start a payment, or leave provider out to record one received." },
);
