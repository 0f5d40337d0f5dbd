import { z } from "zod";
import type {
  BillingRunStatus,
  CycleAlignment,
  InvoiceLineKind,
  InvoiceStatus,
  PriceTaxMode,
  RoundingMode,
  SuspendedBilling,
  TaxCategory,
} from "../../db/generated/prisma/enums";
import { id, optionalId, optionalText, pagination, searchText, sortDirection } from "../../lib/schema";

// Pure zod (the console's billing forms use these same rules). Money in integer minor units,
// rates in basis points (10000 = 100 %), dates as "YYYY-MM-DD" in the company's time zone.

export const TAX_MODES = ["EXCLUSIVE", "INCLUSIVE"] as const satisfies readonly PriceTaxMode[];
export const ROUNDING_MODES = ["HALF_UP", "HALF_EVEN"] as const satisfies readonly RoundingMode[];
export const CYCLE_ALIGNMENTS = ["ANNIVERSARY", "CALENDAR"] as const satisfies readonly CycleAlignment[];
export const SUSPENDED_BILLING = ["BILL", "PAUSE"] as const satisfies readonly SuspendedBilling[];
export const INVOICE_STATUSES = [
  "DRAFT",
  "OPEN",
  "PARTIALLY_PAID",
  "PAID",
  "VOID",
  "UNCOLLECTIBLE",
] as const satisfies readonly InvoiceStatus[];
export const TAX_CATEGORIES = ["STANDARD", "REDUCED", "ZERO_RATED", "EXEMPT"] as const satisfies readonly TaxCategory[];
export const RUN_STATUSES = ["RUNNING", "COMPLETED", "FAILED"] as const satisfies readonly BillingRunStatus[];

export const TAX_MODE_LABELS: Record<PriceTaxMode, string> = {
  EXCLUSIVE: "Prices exclude tax (tax added)",
  INCLUSIVE: "Prices include tax",
};
export const ROUNDING_LABELS: Record<RoundingMode, string> = {
  HALF_UP: "Half up",
  HALF_EVEN: "Half to even (banker's)",
};
export const ALIGNMENT_LABELS: Record<CycleAlignment, string> = {
  ANNIVERSARY: "Anniversary of the start date",
  CALENDAR: "Calendar (1st of the month, prorated start)",
};
export const SUSPENDED_LABELS: Record<SuspendedBilling, string> = {
  BILL: "Keep billing suspended subscriptions",
  PAUSE: "Pause billing while suspended",
};
export const INVOICE_STATUS_LABELS: Record<InvoiceStatus | "OVERDUE", string> = {
  DRAFT: "Draft",
  OPEN: "Open",
  PARTIALLY_PAID: "Partially paid",
  PAID: "Paid",
  VOID: "Void",
  // Named after the action that makes it (Write off), in the filter, the badge and the toast alike.
  UNCOLLECTIBLE: "Written off",
  OVERDUE: "Overdue",
};
export const LINE_KIND_LABELS: Record<InvoiceLineKind, string> = {
  RECURRING: "Recurring",
  PRORATION: "Prorated",
  SETUP_FEE: "Setup fee",
  ONE_OFF: "One-off",
  OVERAGE: "Overage",
  DISCOUNT: "Discount",
  CREDIT: "Credit",
  ADJUSTMENT: "Adjustment",
};
export const TAX_CATEGORY_LABELS: Record<TaxCategory, string> = {
  STANDARD: "Standard",
  REDUCED: "Reduced",
  ZERO_RATED: "Zero-rated",
  EXEMPT: "Exempt",
};

export const day = z.iso.date({ error: "Enter a date as YYYY-MM-DD." });

export const billingSettingsSchema = z.object({
  invoicePrefix: z
    .string()
    .trim()
    .max(12, "The prefix can be at most 12 characters.")
    .regex(/^[A-Za-z0-9/_-]*$/, "Use letters, digits, dashes, slashes and underscores."),
  creditNotePrefix: z
    .string()
    .trim()
    .max(12, "The prefix can be at most 12 characters.")
    .regex(/^[A-Za-z0-9/_-]*$/, "Use letters, digits, dashes, slashes and underscores.")
    .optional(),
  paymentTermsDays: z
    .number({ error: "Enter the payment terms in days." })
    .int("Payment terms are whole days.")
    .min(0, "Payment terms cannot be negative.")
    .max(365, "Payment terms can be at most 365 days."),
  taxMode: z.enum(TAX_MODES),
  roundingMode: z.enum(ROUNDING_MODES),
  cycleAlignment: z.enum(CYCLE_ALIGNMENTS),
  suspendedBilling: z.enum(SUSPENDED_BILLING),
  taxRegistrationNumber: optionalText(40, "Tax registration number"),
  invoiceAddress: optionalText(300, "The address on invoices"),
  mpesaPaybill: optionalText(10, "The paybill number").refine((v) => v === null || /^\d{5,7}$/.test(v), {
    message: "A paybill number is 5 to 7 digits.",
  }),
  mpesaTill: optionalText(10, "The till number").refine((v) => v === null || /^\d{5,7}$/.test(v), {
    message: "A till number is 5 to 7 digits.",
  }),
  bankDetails: optionalText(400, "The bank details"),
});
export type BillingSettingsInput = z.input<typeof billingSettingsSchema>;

/** The logo printed on invoices and statements: what the PDF renderer draws, kept small. */
export const LOGO_TYPES = ["image/png", "image/jpeg"] as const;
export const MAX_LOGO_BYTES = 512 * 1024;
/** A pending upload (the attachments route) to make the company's logo. */
export const logoSchema = z.object({ attachmentId: id });
export type LogoInput = z.input<typeof logoSchema>;

export const taxRateSchema = z.object({
  name: z.string().trim().min(2, "Name the tax, e.g. VAT.").max(60),
  rateBps: z
    .number({ error: "Enter the rate in basis points (16 % = 1600)." })
    .int("The rate is a whole number of basis points (16 % = 1600).")
    .min(0, "A tax rate is between 0 % and 100 % (0 to 10000 basis points).")
    .max(10_000, "A tax rate is between 0 % and 100 % (0 to 10000 basis points)."),
  taxCategory: z.enum(TAX_CATEGORIES, { error: "Choose the tax category it applies to." }),
  /** Charged on the price plus the category's simple taxes (VAT on price + excise in Kenya). */
  compound: z.boolean().default(false),
});
export const updateTaxRateSchema = z.object({ id, data: taxRateSchema });
export const archiveTaxRateSchema = z.object({ id, archived: z.boolean() });

export const exemptionSchema = z.object({
  customerId: id,
  taxRateId: id,
  certificateRef: z.string().trim().min(2, "Enter the exemption certificate's reference.").max(80),
});
export const customerExemptionsSchema = z.object({ customerId: id });

export const listInvoicesSchema = pagination().extend({
  search: searchText().describe("Invoice number, or part of the customer's name or account number."),
  status: z
    .enum([...INVOICE_STATUSES, "OVERDUE"])
    .optional()
    .describe("Only invoices in this status; OVERDUE is open or partly paid past the due date."),
  customerId: id.optional().describe("Only this customer's invoices."),
  periodFrom: day.optional().describe("Issued on or after this date."),
  periodTo: day.optional().describe("Issued on or before this date."),
  billingRunId: id.optional().describe("Only invoices of this billing run."),
  sort: z.enum(["number", "issueDate", "dueDate", "totalMinor"]).default("number").describe("Sort column."),
  direction: sortDirection("desc"),
});

export const voidInvoiceSchema = z.object({
  id,
  reason: z.string().trim().min(3, "Say why the invoice is voided.").max(300),
});

export const writeOffInvoiceSchema = z.object({
  id,
  reason: z.string().trim().min(3, "Say why the invoice will not be collected.").max(300),
});

export const runDateSchema = z.object({ date: day.optional().describe("Defaults to today in the company's zone.") });
export const listRunsSchema = pagination({ size: 20 });

/** "INV-00042": the prefix as it was when the invoice was issued, the number padded to 5 digits. */
export function invoiceNumber(prefix: string, number: number | null): string {
  return number === null ? "Draft" : `${prefix}${String(number).padStart(5, "0")}`;
}

export const creditNoteLineSchema = z.object({
  invoiceLineId: id,
  amountMinor: z
    .number({ error: "Enter the amount to credit." })
    .int("The amount is a whole number of minor units (cents).")
    .min(0, "The amount cannot be negative."),
});
export const creditNoteSchema = z.object({
  invoiceId: id,
  reason: z.string().trim().min(3, "Say why the invoice is credited.").max(300),
  lines: z
    .array(creditNoteLineSchema)
    .min(1, "Credit at least one line.")
    .max(500)
    .refine((lines) => lines.some((l) => l.amountMinor > 0), "Enter an amount on at least one line.")
    .refine(
      (lines) => new Set(lines.map((l) => l.invoiceLineId)).size === lines.length,
      "Each line can be credited once.",
    ),
});
export type CreditNoteInput = z.input<typeof creditNoteSchema>;
export const listCreditNotesSchema = pagination({ size: 20 }).extend({
  invoiceId: id.optional(),
  customerId: id.optional(),
});
export const customerCreditSchema = z.object({ customerId: id });

/** "CN-00007": the prefix as it was when the credit note was issued. */
export function creditNoteNumber(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(5, "0")}`;
}
/** A statement of account: one customer, a date range (the year up to today when left out). */
export const statementSchema = z
  .object({
    customerId: id,
    from: day.optional().describe("First day (in the company's zone)."),
    to: day.optional().describe("Last day, inclusive."),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, {
    message: "The statement must start on or before the day it ends.",
    path: ["to"],
  })
  .refine((s) => !s.from || !s.to || Date.parse(s.to) - Date.parse(s.from) <= 5 * 366 * 86_400_000, {
    message: "A statement covers at most five years.",
    path: ["from"],
  });

export const sendInvoiceSchema = z.object({ id });
/** What staff (and other modules) add as a one-off charge; plan-change repairs are the engine's own. */
export const CHARGE_KINDS = ["EQUIPMENT", "INSTALLATION", "DATA_TOP_UP", "OTHER"] as const;
export const CHARGE_KIND_LABELS: Record<(typeof CHARGE_KINDS)[number], string> = {
  EQUIPMENT: "Equipment sale",
  INSTALLATION: "Installation",
  DATA_TOP_UP: "Data top-up",
  OTHER: "Other",
};

export const addChargeSchema = z.object({
  customerId: id,
  subscriptionId: optionalId,
  kind: z.enum(CHARGE_KINDS, { error: "Choose what the charge is for." }),
  description: z.string().trim().min(2, "Say what the charge is for, e.g. the router's model.").max(200),
  quantity: z
    .number({ error: "Enter a quantity." })
    .int("The quantity is a whole number.")
    .min(1, "The quantity is at least 1.")
    .max(10_000, "The quantity is at most 10,000."),
  unitPriceMinor: z
    .number({ error: "Enter the unit price." })
    .int("The price is in whole minor units (cents).")
    .min(1, "The price must be above zero; a refund or discount is a credit note.")
    .max(100_000_000, "The unit price is too large."),
  taxCategory: z.enum(TAX_CATEGORIES, { error: "Choose the tax category." }),
});
export type AddChargeInput = z.input<typeof addChargeSchema>;
export const customerChargesSchema = z.object({ customerId: id });
