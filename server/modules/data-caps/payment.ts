import type { DataTopUpPayment, TaxCategory } from "../../db/generated/prisma/enums";
import { addCharge } from "../billing/charges";
import type { Scope } from "../scope";
import * as wallet from "../wallet/service";

// How a data top-up is paid: the one place that talks to the money side. Customers on a prepaid
// package pay from their wallet at once (refused when the wallet cannot cover it); postpaid
// customers find it on their next invoice as a one-off charge.

export interface TopUpCharge {
  customerId: string;
  subscriptionId: string;
  /** The purchase's id: the wallet entry's or charge's reference, so it is paid once. */
  topUpId: string;
  description: string;
  amountMinor: number;
  taxCategory: TaxCategory;
  /** The subscription's package is prepaid: the customer pays from the wallet, now. */
  prepaid: boolean;
}

export interface TopUpPaid {
  payment: DataTopUpPayment;
  /** The wallet entry or invoice charge that paid for it. */
  reference: string | null;
}

/**
 * Prepaid: a DATA_TOP_UP debit of the wallet, in the purchase's transaction; the wallet refuses
 * (Invalid, saying what is available) when it is short, which rolls the purchase back.
 * Postpaid: a one-off DATA_TOP_UP charge on the customer's next invoice, through billing's
 * addCharge. A free top-up charges nothing either way.
 */
export async function payForTopUp(scope: Scope, charge: TopUpCharge): Promise<TopUpPaid> {
  if (charge.prepaid) {
    if (charge.amountMinor === 0) return { payment: "WALLET", reference: null };
    const entry = await wallet.debit(scope, {
      customerId: charge.customerId,
      amountMinor: charge.amountMinor,
      kind: "DATA_TOP_UP",
      reference: `data-top-up:${charge.topUpId}`,
      description: charge.description,
      taxCategory: charge.taxCategory,
    });
    return { payment: "WALLET", reference: entry.id };
  }
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
