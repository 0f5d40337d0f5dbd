import { onTicketCreatedInline, type TicketCreated } from "../tickets/events";
import { notifyOnCall } from "./oncall";

// The on-call alert for new critical tickets, on the tickets module's "support/ticket.created"
// (server/modules/tickets/events.ts). With Inngest the event runs
// server/jobs/functions/sla-on-call.ts; without it (a laptop, the embedded database, tests) the
// tickets module runs the handlers registered here on a microtask after its transaction. This
// file is imported by sla/service.ts, which the tickets module uses, so the handler is always
// registered where tickets are created.

const VISIBLE_ATTEMPTS = 20;

/** Alerts once the new ticket is visible (its transaction may still be committing). */
export async function alertOnCallInline(data: TicketCreated) {
  if (data.priority !== "CRITICAL") return { skipped: "not_critical" as const };
  for (let i = 1; ; i++) {
    const result = await notifyOnCall(data.companyId, data.ticketId);
    if (!("skipped" in result) || result.skipped !== "no_ticket" || i >= VISIBLE_ATTEMPTS) return result;
    await new Promise((r) => setTimeout(r, 250));
  }
}

onTicketCreatedInline(alertOnCallInline);
