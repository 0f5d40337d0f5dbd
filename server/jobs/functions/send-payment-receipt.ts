import { sendReceipt, type ReceiptResult } from "../../modules/payments/receipts";
import { consumer } from "../emit";
import { paymentPosted } from "../events";
import { inngest } from "../client";

/** Sends the receipt of a posted payment; a payment not committed yet throws NotFound (retried inline). */
export const receiptOnPayment = consumer(paymentPosted, ({ companyId, paymentId }): Promise<ReceiptResult> =>
  sendReceipt(companyId, paymentId),
);

/**
 * E-mails and texts the customer's receipt once their payment is posted. Once per payment: the
 * event id, Inngest's idempotency key and the receiptSentAt claim on the payment each stop a repeat.
 */
export const sendPaymentReceipt = inngest.createFunction(
  {
    id: "send-payment-receipt",
    name: "Send a payment receipt",
    retries: 4,
    idempotency: "event.data.paymentId",
    triggers: [paymentPosted],
  },
  async ({ event, step }) => step.run("send", () => receiptOnPayment.handle(event.data)),
);
