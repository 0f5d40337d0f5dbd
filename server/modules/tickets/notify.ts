import { createElement } from "react";
import type { Ticket } from "../../db/generated/prisma/client";
import { TicketReplyEmail } from "../../../emails/ticket-reply";
import { sendMail } from "../../lib/mailer";
import { customerDisplayName } from "../customers/schema";
import * as notifications from "../notifications/service";
import type { Scope } from "../scope";
import { formatTicketNumber } from "./schema";

// Who hears about what happens on a ticket. Staff get the bell (and an e-mail where it calls for
// action: an assignment, a customer waiting); a customer with a portal sign-in gets the bell and
// an e-mail; a customer known only by an e-mail address gets the e-mail through the outbox.

const label = (t: Pick<Ticket, "number">) => formatTicketNumber(t.number);
const clip = (text: string, max = 280) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);
export const staffLink = (t: Pick<Ticket, "id">) => `/tickets/${t.id}`;
export const portalLink = (t: Pick<Ticket, "id">) => `/portal/support/${t.id}`;

export async function people(
  scope: Scope,
  userIds: (string | null | undefined)[],
  n: { kind: string; title: string; body?: string; link?: string; email?: boolean },
) {
  const ids = [...new Set(userIds.filter((x): x is string => !!x))];
  if (ids.length) await notifications.notify(scope, { userIds: ids, ...n });
}

export async function assigned(scope: Scope, ticket: Ticket, assigneeId: string) {
  await people(scope, [assigneeId], {
    kind: "ticket.assigned",
    title: `Ticket ${label(ticket)} is yours: ${clip(ticket.subject, 120)}`,
    body: clip(ticket.description),
    link: staffLink(ticket),
    email: true,
  });
}

/** The ticket's watchers (and, on request, its assignee), minus the people in `except`. */
export async function watchers(
  scope: Scope,
  ticket: Ticket,
  n: { kind: string; title: string; body?: string; except?: (string | null | undefined)[]; includeAssignee?: boolean },
) {
  const rows = await scope.tx.ticketWatcher.findMany({ where: { ticketId: ticket.id }, select: { userId: true } });
  const skip = new Set(n.except?.filter(Boolean));
  const ids = [...rows.map((r) => r.userId), ...(n.includeAssignee ? [ticket.assigneeId] : [])].filter(
    (id): id is string => !!id && !skip.has(id),
  );
  await people(scope, ids, { kind: n.kind, title: n.title, body: n.body, link: staffLink(ticket) });
}

/** A customer wrote: the assignee by bell and e-mail (they are who the customer waits for), watchers by bell. */
export async function staffOfCustomerReply(scope: Scope, ticket: Ticket, body: string) {
  const title = `The customer replied on ticket ${label(ticket)}${ticket.status === "REOPENED" ? " (reopened)" : ""}`;
  if (ticket.assigneeId)
    await people(scope, [ticket.assigneeId], {
      kind: "ticket.customer_reply",
      title,
      body: clip(body),
      link: staffLink(ticket),
      email: true,
    });
  await watchers(scope, ticket, {
    kind: "ticket.customer_reply",
    title,
    body: clip(body),
    except: [ticket.assigneeId],
  });
}

/** The customer's contact for a ticket: their portal sign-in and/or e-mail address, and name. */
export async function customerContact(scope: Scope, ticket: Pick<Ticket, "customerId">) {
  if (!ticket.customerId) return null;
  const c = await scope.tx.customer.findUnique({
    where: { id: ticket.customerId },
    select: {
      type: true,
      firstName: true,
      lastName: true,
      businessName: true,
      email: true,
      userId: true,
      user: { select: { email: true, status: true } },
    },
  });
  if (!c) return null;
  const portalUserId = c.userId && c.user?.status === "ACTIVE" ? c.userId : null;
  return { name: customerDisplayName(c), email: c.email ?? c.user?.email ?? null, portalUserId };
}

/** A staff member's public reply reaches the customer. */
export async function customerOfReply(scope: Scope, ticket: Ticket, body: string) {
  const contact = await customerContact(scope, ticket);
  if (!contact) return;
  const author = scope.actor.id
    ? (await scope.tx.user.findUnique({ where: { id: scope.actor.id }, select: { name: true } }))?.name
    : null;
  const authorName = author ?? "Our support team";
  if (contact.portalUserId) {
    // notify() e-mails the sign-in's address with a link to the ticket in the portal.
    await people(scope, [contact.portalUserId], {
      kind: "ticket.reply",
      title: `${authorName} replied on your ticket ${label(ticket)}`,
      body: clip(body, 2000),
      link: portalLink(ticket),
      email: true,
    });
    return;
  }
  if (!contact.email) return;
  const company = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { name: true } });
  await sendMail(scope, {
    to: contact.email,
    subject: `Re: ticket ${label(ticket)} — ${ticket.subject}`,
    body: createElement(TicketReplyEmail, {
      companyName: company.name,
      customerName: contact.name,
      ticketLabel: label(ticket),
      subject: ticket.subject,
      authorName,
      body,
      url: null,
    }),
  });
}

/** Staff opened a ticket for the customer (a call, a visit): they hear it is logged, with its number. */
export async function customerOfStaffTicket(scope: Scope, ticket: Ticket) {
  const contact = await customerContact(scope, ticket);
  if (!contact) return;
  const intro = `We have logged your request as ticket ${label(ticket)} and will keep you posted:`;
  if (contact.portalUserId) {
    await people(scope, [contact.portalUserId], {
      kind: "ticket.opened",
      title: `We opened ticket ${label(ticket)} for you: ${clip(ticket.subject, 120)}`,
      body: clip(ticket.description, 2000),
      link: portalLink(ticket),
      email: true,
    });
    return;
  }
  if (!contact.email) return;
  const company = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { name: true } });
  await sendMail(scope, {
    to: contact.email,
    subject: `Ticket ${label(ticket)} — ${ticket.subject}`,
    body: createElement(TicketReplyEmail, {
      companyName: company.name,
      customerName: contact.name,
      ticketLabel: label(ticket),
      subject: ticket.subject,
      authorName: company.name,
      body: ticket.description,
      url: null,
      intro,
    }),
  });
}
