import { createElement } from "react";
import type { z } from "zod";
import { CsatRequestEmail } from "../../../emails/csat-request";
import type { CsatRequest, Ticket } from "../../db/generated/prisma/client";
import { withTenant } from "../../db/tenant";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { randomToken, sha256 } from "../../lib/crypto";
import { sendMail } from "../../lib/mailer";
import { companyUrl } from "../../lib/urls";
import * as audit from "../audit/service";
import type { CompanyRef } from "../companies/service";
import type { Scope } from "../scope";
import { customerContact, people, portalLink } from "./notify";
import { recordEvent } from "./service";
import { csatSubmitSchema, formatTicketNumber, portalRateSchema } from "./schema";

// Customer satisfaction. When a ticket is resolved the customer is asked, once for that
// resolution: by e-mail (a single-use link, only its hash stored, valid CSAT_TTL_DAYS) and in
// the portal. Reopening withdraws the open request; the next resolution asks again.

export const CSAT_TTL_DAYS = 14;

const label = (t: Pick<Ticket, "number">) => formatTicketNumber(t.number);

/** On resolution: a new request (older unused ones lapse), the e-mail, and the bell in the portal. */
export async function requestRating(scope: Scope, ticket: Ticket, now: Date) {
  if (!ticket.customerId) return;
  const contact = await customerContact(scope, ticket);
  if (!contact) return;
  await withdraw(scope, ticket.id, now);
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + CSAT_TTL_DAYS * 86_400_000);
  await scope.tx.csatRequest.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      ticketId: ticket.id,
      tokenHash: sha256(token),
      expiresAt,
      createdAt: now,
    },
  });
  if (contact.email) {
    const company = await scope.tx.company.findUniqueOrThrow({
      where: { id: scope.companyId },
      select: { name: true, slug: true, timeZone: true },
    });
    const expiresOn = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: company.timeZone }).format(
      expiresAt,
    );
    await sendMail(scope, {
      to: contact.email,
      subject: `Ticket ${label(ticket)} is resolved: how did we do?`,
      body: createElement(CsatRequestEmail, {
        companyName: company.name,
        customerName: contact.name,
        ticketLabel: label(ticket),
        subject: ticket.subject,
        url: companyUrl(company.slug, `/csat/${token}`),
        expiresOn,
      }),
      secrets: [token],
    });
  }
  if (contact.portalUserId) {
    await people(scope, [contact.portalUserId], {
      kind: "ticket.resolved",
      title: `Your ticket ${label(ticket)} is resolved`,
      body: "How did we do? Rate the help you got.",
      link: portalLink(ticket),
    });
  }
}

/** Requests not answered yet stop working (the ticket was reopened, or resolved again). */
export async function withdraw(scope: Scope, ticketId: string, now: Date) {
  await scope.tx.csatRequest.updateMany({
    where: { ticketId, usedAt: null, expiresAt: { gt: now } },
    data: { expiresAt: now },
  });
}

function problemOf(request: CsatRequest, ticket: Pick<Ticket, "status">, now: Date): Conflict | Invalid | null {
  if (request.usedAt) return new Conflict("You have already rated this ticket. Thank you!");
  if (request.expiresAt.getTime() <= now.getTime()) {
    return ticket.status === "RESOLVED" || ticket.status === "CLOSED"
      ? new Invalid("This rating link has expired.")
      : new Invalid(
          "This ticket was reopened, so there is nothing to rate yet. We will ask again when it is resolved.",
        );
  }
  return null;
}

async function apply(scope: Scope, request: CsatRequest, rating: number, comment: string | undefined, now: Date) {
  // Taken with the row lock, so a double click or two tabs rate once.
  const { count } = await scope.tx.csatRequest.updateMany({
    where: { id: request.id, usedAt: null },
    data: { usedAt: now },
  });
  if (count === 0) throw new Conflict("You have already rated this ticket. Thank you!");
  const ticket = await scope.tx.ticket.update({
    where: { id: request.ticketId },
    data: { csatRating: rating, csatComment: comment || null, csatAt: now },
  });
  await recordEvent(scope, ticket.id, "csat", { to: String(rating), note: comment || null, label: "Customer" });
  await audit.record(scope, {
    action: "ticket.csat",
    entityType: "Ticket",
    entityId: ticket.id,
    after: { rating, comment: comment || undefined },
  });
  if (ticket.assigneeId) {
    await people(scope, [ticket.assigneeId], {
      kind: "ticket.csat",
      title: `${"★".repeat(rating)}${"☆".repeat(5 - rating)} for ticket ${label(ticket)}`,
      body: comment || undefined,
      link: `/tickets/${ticket.id}`,
    });
  }
  return { ticketId: ticket.id, rating, comment: comment || null };
}

// ── the e-mailed link (no sign-in) ───────────────────────────────────────────────────────────

async function byToken(scope: Scope, token: string) {
  const request = await scope.tx.csatRequest.findUnique({
    where: { tokenHash: sha256(token) },
    include: { ticket: { select: { id: true, number: true, subject: true, status: true, csatRating: true } } },
  });
  return request;
}

/** What the survey page shows for a link: the ticket, and whether it can still be rated. */
export async function peek(company: CompanyRef, token: string, now = new Date()) {
  return withTenant(company.id, async (tx) => {
    const request = await byToken({ tx, companyId: company.id, actor: { type: "SYSTEM", label: "csat link" } }, token);
    if (!request) return { state: "unknown" as const, companyName: company.name };
    const problem = problemOf(request, request.ticket, now);
    const state = !problem ? ("open" as const) : request.usedAt ? ("rated" as const) : ("expired" as const);
    return {
      state,
      companyName: company.name,
      message: problem?.message ?? null,
      ticket: { numberLabel: label(request.ticket), subject: request.ticket.subject },
      rating: state === "rated" ? request.ticket.csatRating : null,
    };
  });
}

export async function submitByToken(
  company: CompanyRef,
  input: z.input<typeof csatSubmitSchema>,
  meta: { ip: string | null; userAgent: string | null },
  now = new Date(),
) {
  const data = csatSubmitSchema.parse(input);
  return withTenant(company.id, async (tx) => {
    const scope: Scope = {
      tx,
      companyId: company.id,
      actor: { type: "SYSTEM", label: "customer (rating link)", ip: meta.ip, userAgent: meta.userAgent },
    };
    const request = await byToken(scope, data.token);
    if (!request) throw new NotFound("Rating link");
    const problem = problemOf(request, request.ticket, now);
    if (problem) throw problem;
    const result = await apply(scope, request, data.rating, data.comment, now);
    return { rating: result.rating, numberLabel: label(request.ticket) };
  });
}

// ── the portal ───────────────────────────────────────────────────────────────────────────────

/** Whether the customer can rate the ticket now (its newest request is open), for the portal's prompt. */
export async function promptFor(
  scope: Scope,
  ticket: Pick<Ticket, "id" | "status" | "csatRating" | "csatComment" | "csatAt">,
  now = new Date(),
) {
  const latest = await scope.tx.csatRequest.findFirst({
    where: { ticketId: ticket.id },
    orderBy: { createdAt: "desc" },
  });
  const canRate = !!latest && !problemOf(latest, ticket, now);
  const rated = !!latest?.usedAt;
  return { canRate, rating: rated ? ticket.csatRating : null, comment: rated ? ticket.csatComment : null };
}

/** The signed-in customer rates their own ticket (already checked to be theirs). */
export async function rateInPortal(
  scope: Scope,
  ticket: Pick<Ticket, "id" | "status">,
  input: z.input<typeof portalRateSchema>,
  now = new Date(),
) {
  const data = portalRateSchema.parse(input);
  const latest = await scope.tx.csatRequest.findFirst({
    where: { ticketId: ticket.id },
    orderBy: { createdAt: "desc" },
  });
  if (!latest) throw new Invalid("This ticket has not been resolved yet, so there is nothing to rate.");
  const problem = problemOf(latest, ticket, now);
  if (problem) throw problem;
  return apply(scope, latest, data.rating, data.comment, now);
}
