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

export async function payForTopUp(_scope: Scope, _charge: TopUpCharge): Promise<TopUpPaid> {
  // Until the wallet (server/modules/wallet) and billing's addCharge are in main: recorded for the
  // next invoice, without a charge yet. Wire both here when they land.
  return { payment: "INVOICE", reference: null };
}
