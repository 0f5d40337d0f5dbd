import { inngest } from "../client";
import { consumer } from "../emit";
import { paymentPosted } from "../events";
import { reassessOnPayment } from "./dunning";
import { receiptOnPayment } from "./send-payment-receipt";

// Everything a posted payment starts, in one function (one function per event): the receipt, and
// dunning's reassessment (restore service at once when nothing is overdue past grace any more).
// Each part is idempotent on its own, so a retry that repeats one repeats nothing the customer sees.

export const onPaymentPosted = consumer(paymentPosted, async (data) => ({
  receipt: await receiptOnPayment.handle(data),
  dunning: await reassessOnPayment.handle(data),
}));

export const paymentPostedFunction = inngest.createFunction(
  {
    id: "payment-posted",
    name: "Send the receipt and restore service after a payment",
    retries: 4,
    idempotency: "event.data.paymentId",
    // One customer at a time: two payments at once reassess one after the other.
    concurrency: { key: "event.data.customerId", limit: 1 },
    triggers: [paymentPosted],
  },
  async ({ event, step }) => ({
    receipt: await step.run("send-receipt", () => receiptOnPayment.handle(event.data)),
    dunning: await step.run("dunning-reassess", () => reassessOnPayment.handle(event.data)),
  }),
);
