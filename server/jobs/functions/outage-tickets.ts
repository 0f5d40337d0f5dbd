import { linkTicket } from "../../modules/outages/service";
import { consumer } from "../emit";
import { ticketCreated } from "../events";
import { inngest } from "../client";

/**
 * Links a new ticket to the open outage its customer is affected by. A NotFound (the ticket's
 * transaction not committed yet) is retried.
 */
export const linkTicketToOutage = consumer(ticketCreated, ({ companyId, ticketId }) => linkTicket(companyId, ticketId));

/**
 * A ticket was opened: when its customer is behind an open outage, the ticket is linked to it, so
 * the outage's page lists it. Once per ticket (the link is keyed by the ticket).
 */
export const outageTickets = inngest.createFunction(
  {
    id: "outage-tickets",
    name: "Link tickets to the outage their customer is in",
    retries: 4,
    idempotency: "event.data.ticketId",
    triggers: [ticketCreated],
  },
  async ({ event, step }) => step.run("link-ticket", () => linkTicketToOutage.handle(event.data)),
);
