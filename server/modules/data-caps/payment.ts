import type { DataTopUpPayment, TaxCategory } from "../../db/generated/prisma/enums";
import type { Scope } from "../scope";

// How a data top-up is paid: the one place that talks to the money side. Prepaid customers pay
// from their wallet at once (refused when the wallet cannot cover it); postpaid customers find it
// on their next invoice as a one-off charge.

export interface TopUpCharge {
  customerId: string;
  subscriptionId: string;
  /** The purchase's id: the wallet entry's or charge's reference, so it is paid once. */
  topUpId: string;
  description: string;
  amountMinor: number;
  taxCategory: TaxCategory;
}

export interface TopUpPaid {
  payment: DataTopUpPayment;
  /** The wallet entry or invoice charge that paid for it. */
  reference: string | null;
}

/**
 * NOT WIRED YET: until the wallet (server/modules/wallet) and billing's addCharge are in main, a
 * top-up is recorded as INVOICE without a charge. When they land, in this function only:
 *   prepaid package (Package.prepaid):
 *     const entry = await wallet.debit(scope, { customerId, amountMinor, kind: "DATA_TOP_UP",
 *       reference: `data-top-up:${topUpId}`, description });   // refuses (Invalid) when short
 *     return { payment: "WALLET", reference: entry.id };
 *   postpaid: const charge = await billing.addCharge(scope, { customerId, subscriptionId,
 *     kind: "DATA_TOP_UP", description, quantity: 1, unitPriceMinor: amountMinor, taxCategory });
 *     return { payment: "INVOICE", reference: charge.id };
 * Both run in the purchase's transaction, so a refused payment writes no top-up.
 */
export async function payForTopUp(_scope: Scope, _charge: TopUpCharge): Promise<TopUpPaid> {
  return { payment: "INVOICE", reference: null };
}
