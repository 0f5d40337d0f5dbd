import { ERASED, mentions, redactText } from "../../lib/redact";
import type { Scope } from "../scope";
import * as storage from "../storage/service";

// Erasure of a customer (the privacy module orchestrates; this module anonymises its own rows).
// What the customer wrote goes whole: their replies, the description of tickets they opened in
// the portal, their satisfaction comment and the files they uploaded. What staff wrote stays, with
// the customer's name, e-mail and phone taken out. Numbers, dates, SLA figures and links stay.

export interface TicketErasure {
  customerId: string;
  /** The customer's portal sign-in, when they have one. */
  userId: string | null;
  /** Personal values to take out of staff-written text (longest first, see lib/redact). */
  values: readonly string[];
}

export async function eraseCustomerContent(scope: Scope, e: TicketErasure): Promise<{ tickets: number }> {
  const tickets = await scope.tx.ticket.findMany({
    where: { customerId: e.customerId },
    select: { id: true, subject: true, description: true, channel: true, requesterUserId: true, csatComment: true },
  });
  const ticketIds = tickets.map((t) => t.id);
  for (const t of tickets) {
    const byCustomer = t.channel === "PORTAL" || (e.userId !== null && t.requesterUserId === e.userId);
    await scope.tx.ticket.update({
      where: { id: t.id },
      data: {
        subject: redactText(t.subject, e.values),
        description: byCustomer ? ERASED : redactText(t.description, e.values),
        csatComment: t.csatComment === null ? null : ERASED,
      },
    });
  }

  const comments = await scope.tx.ticketComment.findMany({
    where: { ticketId: { in: ticketIds } },
    select: { id: true, body: true, authorType: true, authorId: true },
  });
  for (const c of comments) {
    const byCustomer = c.authorType === "CUSTOMER" || (e.userId !== null && c.authorId === e.userId);
    const body = byCustomer ? ERASED : redactText(c.body, e.values);
    if (body !== c.body) await scope.tx.ticketComment.update({ where: { id: c.id }, data: { body } });
  }

  const events = await scope.tx.ticketEvent.findMany({
    where: { ticketId: { in: ticketIds } },
    select: { id: true, note: true, fromValue: true, toValue: true, actorLabel: true },
  });
  for (const ev of events) {
    if (![ev.note, ev.fromValue, ev.toValue, ev.actorLabel].some((t) => mentions(t, e.values))) continue;
    await scope.tx.ticketEvent.update({
      where: { id: ev.id },
      data: {
        note: redactText(ev.note, e.values),
        fromValue: redactText(ev.fromValue, e.values),
        toValue: redactText(ev.toValue, e.values),
        actorLabel: redactText(ev.actorLabel, e.values),
      },
    });
  }

  // Files the customer uploaded (on their tickets or their replies): the bytes and the row go.
  const customerCommentIds = comments
    .filter((c) => c.authorType === "CUSTOMER" || (e.userId !== null && c.authorId === e.userId))
    .map((c) => c.id);
  const files = await scope.tx.attachment.findMany({
    where: {
      OR: [
        ...(e.userId ? [{ uploadedById: e.userId }] : []),
        ...(customerCommentIds.length ? [{ commentId: { in: customerCommentIds } }] : []),
      ],
    },
    select: { id: true, storageKey: true },
  });
  for (const f of files) await storage.deleteLinked(scope, f);
  return { tickets: tickets.length };
}
