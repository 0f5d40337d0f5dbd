import { notifyOnCall, type OnCallResult } from "../../modules/tickets/oncall";
import { consumer } from "../emit";
import { ticketCreated } from "../events";
import { inngest } from "../client";

/** Pages on-call staff for a critical ticket; "no_ticket" while the creating transaction has not committed. */
export const alertOnCall = consumer(
  ticketCreated,
  async ({ companyId, ticketId, priority }): Promise<OnCallResult> =>
    priority === "CRITICAL" ? notifyOnCall(companyId, ticketId) : { skipped: "not_critical" },
  (result) => "skipped" in result && result.skipped === "no_ticket",
);

/**
 * A critical ticket was created: tell the on-call staff at once (or the managers when nobody is
 * on call). Once per ticket: a duplicate event finds the ticket already marked as notified.
 */
export const slaOnCall = inngest.createFunction(
  {
    id: "sla-on-call",
    name: "Alert on-call staff about critical tickets",
    retries: 4,
    idempotency: "event.data.ticketId",
    triggers: [ticketCreated],
  },
  async ({ event, step }) => step.run("notify-on-call", () => alertOnCall.handle(event.data)),
);
