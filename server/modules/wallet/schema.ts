import { z } from "zod";
import type { WalletEntryKind } from "../../db/generated/prisma/enums";
import { id, pagination } from "../../lib/schema";
import { TAX_CATEGORIES } from "../packages/schema";

// Pure zod: the console's adjustment dialog and the portal's voucher purchase check with these
// same rules. Money is integer minor units.

export const WALLET_ENTRY_KINDS = [
  "TOP_UP",
  "RENEWAL",
  "VOUCHER_PURCHASE",
  "DATA_TOP_UP",
  "REFUND",
  "ADJUSTMENT",
] as const satisfies readonly WalletEntryKind[];

export const WALLET_ENTRY_LABELS: Record<WalletEntryKind, string> = {
  TOP_UP: "Top-up",
  RENEWAL: "Renewal",
  VOUCHER_PURCHASE: "Voucher",
  DATA_TOP_UP: "Data top-up",
  REFUND: "Refund",
  ADJUSTMENT: "Adjustment",
};

/** Kinds that add money to the wallet, and kinds that take it out. Adjustments and refunds go either way. */
export const CREDIT_KINDS = ["TOP_UP", "REFUND", "ADJUSTMENT"] as const satisfies readonly WalletEntryKind[];
export const DEBIT_KINDS = [
  "RENEWAL",
  "VOUCHER_PURCHASE",
  "DATA_TOP_UP",
  "ADJUSTMENT",
  // A top-up paid back to the customer leaves the wallet as a refund.
  "REFUND",
] as const satisfies readonly WalletEntryKind[];

/** The largest single wallet movement: far above any top-up, and well inside a 32-bit column. */
export const MAX_WALLET_AMOUNT = 1_000_000_000;

const amount = z
  .number({ error: "Enter the amount." })
  .int("Enter the amount in whole minor units (cents).")
  .positive("The amount must be more than 0.")
  .max(MAX_WALLET_AMOUNT, "That amount is too large for one wallet entry.");

const reference = z.string().trim().min(1, "Say what the money is for.").max(200);

export const creditSchema = z.object({
  customerId: id,
  amountMinor: amount,
  kind: z.enum(CREDIT_KINDS),
  reference,
  description: z.string().trim().max(500).nullish(),
  paymentId: id.nullish(),
});
export type CreditInput = z.input<typeof creditSchema>;

export const debitSchema = z.object({
  customerId: id,
  amountMinor: amount,
  kind: z.enum(DEBIT_KINDS),
  reference,
  description: z.string().trim().max(500).nullish(),
  /** A sale (renewal, voucher, data top-up): taxed by the package's category; amountMinor is the listed price. */
  taxCategory: z.enum(TAX_CATEGORIES).optional(),
});
export type DebitInput = z.input<typeof debitSchema>;

/** A staff correction: positive adds to the wallet, negative takes from it; always with a reason. */
export const adjustSchema = z.object({
  customerId: id,
  amountMinor: z
    .number({ error: "Enter the amount." })
    .int("Enter the amount in whole minor units (cents).")
    .min(-MAX_WALLET_AMOUNT, "That amount is too large for one wallet entry.")
    .max(MAX_WALLET_AMOUNT, "That amount is too large for one wallet entry.")
    .refine((v) => v !== 0, "Enter an amount other than 0."),
  reason: z.string().trim().min(3, "Say why, for the customer's statement and the audit log.").max(500),
});
export type AdjustInput = z.input<typeof adjustSchema>;

/** Money back for a taxed sale from the wallet (a renewal, a voucher, a data top-up), into the wallet. */
export const refundSaleSchema = z.object({
  entryId: id,
  amountMinor: amount,
  reason: z.string().trim().min(3, "Say why, for the customer's statement and the audit log.").max(500),
});
export type RefundSaleInput = z.input<typeof refundSaleSchema>;

export const ledgerSchema = z.object({
  customerId: id,
  ...pagination({ size: 20, max: 100 }).shape,
});

export const portalLedgerSchema = pagination({ size: 20, max: 100 });

export const buyVoucherSchema = z.object({
  packageId: z.string({ error: "Choose a hotspot package." }).trim().min(1, "Choose a hotspot package.").max(64),
});

// ── recharge vouchers (scratch cards that top up the wallet) ─────────────────────────────────

export const MAX_RECHARGE_BATCH = 1000;
/** The PIN under the scratch panel: 12 digits, printed in groups of four ("4821-0937-5562"). */
export const RECHARGE_PIN_DIGITS = 12;

export const generateRechargeBatchSchema = z.object({
  valueMinor: amount.describe("What each card adds to a wallet, in minor units."),
  quantity: z
    .number({ error: "Enter how many cards to make." })
    .int("Enter a whole number of cards.")
    .min(1, "Make at least 1 card.")
    .max(MAX_RECHARGE_BATCH, `At most ${MAX_RECHARGE_BATCH} cards per batch.`),
  /** The last day the cards are accepted (company time zone); left out, they do not expire. */
  expiresOn: z.iso
    .date({ error: "Enter the last day as YYYY-MM-DD." })
    .nullish()
    .transform((v) => v || null),
  note: z.string().trim().max(200, "Keep the note under 200 characters.").nullish(),
});
export type GenerateRechargeBatchInput = z.input<typeof generateRechargeBatchSchema>;

export const rechargeBatchesSchema = pagination({ size: 20, max: 100 });
export const rechargeCardsSchema = z.object({ batchId: id });

/** Which of a batch's cards to withdraw: by their place in the batch ("R3-0042" is 42), all by default. */
export const withdrawRechargeCardsSchema = z
  .object({
    batchId: id,
    fromCard: z.number().int("Enter a card number.").min(1, "Card numbers start at 1.").nullish(),
    toCard: z.number().int("Enter a card number.").min(1, "Card numbers start at 1.").nullish(),
    reason: z
      .string({ error: "Say why the cards are withdrawn." })
      .trim()
      .min(3, 'Say why the cards are withdrawn, e.g. "stolen from the Kitengela shop".')
      .max(200, "Keep the reason under 200 characters."),
  })
  .refine((v) => v.fromCard == null || v.toCard == null || v.fromCard <= v.toCard, {
    message: "The first card must come before the last.",
    path: ["toCard"],
  });
export type WithdrawRechargeCardsInput = z.input<typeof withdrawRechargeCardsSchema>;

const pin = z
  .string({ error: "Enter the PIN from the card." })
  .trim()
  .min(1, "Enter the PIN from the card.")
  .max(40, "That is longer than any voucher PIN.");

/** The customer's own wallet, in the portal. */
export const redeemRechargeSchema = z.object({ pin });
export type RedeemRechargeInput = z.input<typeof redeemRechargeSchema>;

/** At the counter: a card a customer brought, into that customer's wallet. */
export const counterRedeemSchema = z.object({ customerId: id, pin });
export type CounterRedeemInput = z.input<typeof counterRedeemSchema>;
