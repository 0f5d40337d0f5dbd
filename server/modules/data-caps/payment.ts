import type { DataTopUpPayment, TaxCategory } from "../../db/generated/prisma/enums";
import { addCharge } from "../billing/charges";
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
 * Postpaid (today every package): a one-off DATA_TOP_UP charge on the customer's next invoice,
 * through billing's addCharge, in the purchase's transaction. A free top-up charges nothing.
 * NOT WIRED YET, prepaid: when the wallet (server/modules/wallet, Package.prepaid) is in main,
 * a prepaid package pays here with wallet.debit(scope, { customerId, amountMinor,
 * kind: "DATA_TOP_UP", reference: `data-top-up:${topUpId}`, description }) and returns
 * { payment: "WALLET", reference: entry.id }; debit refuses (Invalid) when the wallet is short,
 * which rolls the purchase back.
 */
export async function payForTopUp(scope: Scope, charge: TopUpCharge): Promise<TopUpPaid> {
  if (charge.amountMinor === 0) return { payment: "INVOICE", reference: null };
  const pending = await addCharge(scope, {
    customerId: charge.customerId,
    subscriptionId: charge.subscriptionId,
    kind: "DATA_TOP_UP",
    description: charge.description,
    quantity: 1,
    unitPriceMinor: charge.amountMinor,
    taxCategory: charge.taxCategory,
  });
  return { payment: "INVOICE", reference: pending.id };
}
