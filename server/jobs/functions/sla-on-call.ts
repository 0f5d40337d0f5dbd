import { TICKET_CREATED, type TicketCreated } from "../../modules/tickets/events";
import { notifyOnCall } from "../../modules/tickets/oncall";
import { inngest } from "../client";

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
    triggers: [{ event: TICKET_CREATED }],
  },
  async ({ event, step }) => {
    const { companyId, ticketId, priority } = event.data as TicketCreated;
    if (priority !== "CRITICAL") return { skipped: "not_critical" as const };
    return step.run("notify-on-call", () => notifyOnCall(companyId, ticketId));
  },
);
