import { withTenant } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import type { Actor, Scope } from "../scope";
import { renewHeld } from "./prepaid";
import * as wallet from "./service";

// Money a customer paid into the wallet (M-Pesa, card, cash or cheque at the counter, a bank
// transfer): the payments module posts the payment with purpose WALLET_TOPUP and emits
// paymentPosted; this credits the wallet with it, once per payment (WalletEntry's unique
// paymentId), and renews whatever a short wallet had suspended.

const actor: Actor = { type: "SYSTEM", label: "wallet top-up" };
const METHOD: Record<string, string> = {
  MPESA: "M-Pesa",
  CARD: "Card",
  CASH: "Cash",
  CHEQUE: "Cheque",
  BANK_TRANSFER: "Bank transfer",
};

export type TopUpResult =
  | { credited: true; entryId: string; renewed: number }
  | { credited: false; reason: "not-a-top-up" | "not-posted" | "already-credited" };

/** Credits a posted WALLET_TOPUP payment; a payment not committed yet throws NotFound (retried inline). */
export async function topUpFromPayment(companyId: string, paymentId: string): Promise<TopUpResult> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor };
    const payment = await tx.payment.findUnique({ where: { id: paymentId } });
    if (!payment) throw new NotFound("Payment");
    if (payment.purpose !== "WALLET_TOPUP") return { credited: false, reason: "not-a-top-up" };
    // The posted event is sent from inside the posting transaction: a payment still PENDING here
    // is one whose posting has not committed yet, so it is retried rather than skipped.
    if (payment.status === "PENDING") throw new NotFound("Posted payment");
    if (payment.status !== "SUCCEEDED" || !payment.postedAt || !payment.customerId)
      return { credited: false, reason: "not-posted" };
    const { entry, duplicate } = await wallet.credit(scope, {
      customerId: payment.customerId,
      amountMinor: payment.amountMinor,
      kind: "TOP_UP",
      reference: [METHOD[payment.method] ?? payment.method, payment.reference].filter(Boolean).join(" "),
      description: payment.receiptNumber ? `Receipt ${payment.receiptNumber}` : null,
      paymentId: payment.id,
    });
    if (duplicate) return { credited: false, reason: "already-credited" };
    const renewals = await renewHeld(scope, payment.customerId);
    return { credited: true, entryId: entry.id, renewed: renewals.filter((r) => r.outcome === "renewed").length };
  });
}
