import { deliver, type DeliveryResult } from "../../modules/sms/service";
import { consumer } from "../emit";
import { smsSendRequested } from "../events";
import { inngest } from "../client";

/** Sends one queued SMS; a message not committed yet throws NotFound (retried inline). */
export const deliverSms = consumer(smsSendRequested, ({ companyId, messageId }): Promise<DeliveryResult> =>
  deliver(companyId, messageId),
);

/**
 * Sends an SMS after the transaction that queued it committed. Once per message: the event id
 * and the idempotency key stop most repeats, and the claim on the message stops the rest, so a
 * customer never gets the same SMS twice. A provider's refusal is recorded on the message
 * (FAILED, with the reason) and not retried; only our own failures (the database) are.
 */
export const sendSms = inngest.createFunction(
  {
    id: "send-sms",
    name: "Send an SMS",
    retries: 4,
    idempotency: "event.data.messageId",
    triggers: [smsSendRequested],
  },
  async ({ event, step }) => step.run("send", () => deliverSms.handle(event.data)),
);
