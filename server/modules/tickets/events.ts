import type { TicketPriority } from "../../db/generated/prisma/enums";
import { inngest } from "../../jobs/client";
import { usesInngest } from "../provisioning/dispatch";

// "support/ticket.created": sent once a ticket exists, for whoever reacts to new tickets (the
// escalation functions page on-call staff at once for a critical one). Like provisioning
// (server/modules/provisioning/dispatch.ts): with Inngest configured the event goes to Inngest;
// without it the registered inline handlers run on a microtask, after the caller's transaction
// had its chance to commit, so a laptop or the embedded database behaves the same.

export const TICKET_CREATED = "support/ticket.created";
export type TicketCreated = { companyId: string; ticketId: string; priority: TicketPriority };

type Handler = (data: TicketCreated) => Promise<unknown>;
const handlers: Handler[] = [];
const inline = new Set<Promise<unknown>>();

/**
 * Work to do inline for every new ticket when Inngest is not configured (the Inngest function
 * that consumes the event registers the same work here). Handlers must be idempotent and cope
 * with a ticket they cannot see yet (the creating transaction may not have committed).
 */
export function onTicketCreatedInline(handler: Handler): void {
  if (!handlers.includes(handler)) handlers.push(handler);
}

export async function ticketCreated(data: TicketCreated): Promise<void> {
  if (usesInngest()) {
    try {
      // The id makes a retried send one event in Inngest.
      await inngest.send({ id: `ticket-created-${data.ticketId}`, name: TICKET_CREATED, data });
      return;
    } catch (err) {
      // Opening the ticket must not fail because the queue is down: react inline instead.
      console.error("Inngest send failed; handling support/ticket.created inline", err);
    }
  }
  for (const handler of handlers) {
    const job = new Promise<void>((resolve) => queueMicrotask(resolve))
      .then(() => handler(data))
      .catch((err) => console.error(`Handling new ticket ${data.ticketId} failed`, err))
      .finally(() => inline.delete(job));
    inline.add(job);
  }
}

/** Waits for inline handlers started so far (tests; graceful shutdown). */
export async function settleInline(): Promise<void> {
  while (inline.size > 0) await Promise.allSettled([...inline]);
}
