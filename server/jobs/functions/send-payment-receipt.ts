import { sendReceipt, type ReceiptResult } from "../../modules/payments/receipts";
import { consumer } from "../emit";
import { paymentPosted } from "../events";

/**
 * Sends the receipt of a posted payment (e-mail and SMS); a payment not committed yet throws
 * NotFound (retried). Once per payment: the receiptSentAt claim on the payment stops a repeat.
 * Run by the "payment-posted" function (payment-posted.ts).
 */
export const receiptOnPayment = consumer(paymentPosted, ({ companyId, paymentId }): Promise<ReceiptResult> =>
  sendReceipt(companyId, paymentId),
);
