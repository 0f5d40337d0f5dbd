import { topUpFromPayment, type TopUpResult } from "../../modules/wallet/topups";
import { consumer } from "../emit";
import { paymentPosted } from "../events";
import { inngest } from "../client";

/** Credits the wallet with a posted top-up payment; a payment or posting not committed yet throws NotFound (retried). */
export const topUpOnPayment = consumer(paymentPosted, ({ companyId, paymentId }): Promise<TopUpResult> =>
  topUpFromPayment(companyId, paymentId),
);

/**
 * Puts a WALLET_TOPUP payment's money in the customer's wallet once it is posted, and renews the
 * prepaid subscriptions a short wallet had suspended. Once per payment: the wallet entry's unique
 * payment id stops a repeated event, whatever Inngest's own idempotency lets through.
 */
export const creditWalletTopUp = inngest.createFunction(
  {
    id: "credit-wallet-top-up",
    name: "Credit a wallet top-up",
    retries: 4,
    idempotency: "event.data.paymentId",
    triggers: [paymentPosted],
  },
  async ({ event, step }) => step.run("credit", () => topUpOnPayment.handle(event.data)),
);
