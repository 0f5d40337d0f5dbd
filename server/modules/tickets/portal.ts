import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import type { TicketChannel, TicketStatus } from "../../db/generated/prisma/enums";
import { inOrder } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { listPage } from "../../lib/schema";
import * as kb from "../kb/service";
import { ownCustomerId } from "../customers/own";
import type { Scope } from "../scope";
import * as storage from "../storage/service";
import * as csat from "./csat";
import {
  CUSTOMER_STATUS_LABELS,
  formatTicketNumber,
  OPEN_STATUSES,
  portalCreateTicketSchema,
  portalRateSchema,
  portalReplySchema,
} from "./schema";
import { create, customerReply, PUBLIC_EVENT_KINDS } from "./service";

// The customer's side of tickets (portal procedures and customers' REST tokens). Every function
// starts from the signed-in user and finds *their* customer record, and only ever returns the
// public part of a ticket: public replies, files on the ticket or on public replies, and the
// events a customer may see. Internal notes, assignment, routing and SLA stay with the staff.

async function ownTicket(scope: Scope, userId: string, ticketId: string) {
  const customerId = await ownCustomerId(scope, userId);
  const ticket = await scope.tx.ticket.findFirst({ where: { id: ticketId, customerId } });
  if (!ticket) throw new NotFound("Ticket");
  return ticket;
}

/** Categories a customer can pick, and their services (to say which line has the problem). */
export async function options(scope: Scope, userId: string) {
  const customerId = await ownCustomerId(scope, userId);
  const [categories, services] = await inOrder([
    scope.tx.ticketCategory.findMany({
      where: { archivedAt: null },
      orderBy: [{ group: "asc" }, { name: "asc" }],
      select: { id: true, group: true, name: true },
    }),
    scope.tx.subscription.findMany({
      where: { customerId, status: { not: "TERMINATED" } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        status: true,
        installationAddress: true,
        pppoeUsername: true,
        package: { select: { name: true } },
      },
    }),
  ]);
  const base = services.map((s) =>
    s.installationAddress ? `${s.package.name} — ${s.installationAddress}` : s.package.name,
  );
  // Two lines of the same package at the same address are told apart by their login.
  const label = (i: number) =>
    base.filter((b) => b === base[i]).length > 1 && services[i].pppoeUsername
      ? `${base[i]} (${services[i].pppoeUsername})`
      : base[i];
  return { categories, services: services.map((s, i) => ({ id: s.id, label: label(i), status: s.status })) };
}

export const PORTAL_STATES = ["open", "closed", "all"] as const;

export async function list(
  scope: Scope,
  userId: string,
  input: { state?: (typeof PORTAL_STATES)[number]; status?: TicketStatus; page?: number; pageSize?: number } = {},
) {
  const customerId = await ownCustomerId(scope, userId);
  const page = input.page ?? 1;
  const pageSize = Math.min(input.pageSize ?? 20, 100);
  const state = input.state ?? "all";
  // A single status (the REST API's filter) narrows the query itself, so total and pages count only it.
  const where: Prisma.TicketWhereInput = {
    customerId,
    ...(input.status
      ? { status: input.status }
      : state === "open"
        ? { status: { in: [...OPEN_STATUSES] } }
        : state === "closed"
          ? { status: { in: ["RESOLVED", "CLOSED"] } }
          : {}),
  };
  const { rows, ...paging } = await listPage(
    { page, pageSize },
    {
      count: () => scope.tx.ticket.count({ where }),
      rows: (window) =>
        scope.tx.ticket.findMany({
          where,
          orderBy: [{ updatedAt: "desc" }, { number: "desc" }],
          include: {
            category: { select: { name: true } },
            mergedInto: { select: { id: true, number: true } },
            csatRequests: { where: { usedAt: null, expiresAt: { gt: new Date() } }, select: { id: true }, take: 1 },
          },
          ...window,
        }),
    },
  );
  return {
    ...paging,
    rows: rows.map((t) => ({
      id: t.id,
      number: t.number,
      numberLabel: formatTicketNumber(t.number),
      subject: t.subject,
      status: t.status,
      statusLabel: CUSTOMER_STATUS_LABELS[t.status],
      category: t.category.name,
      mergedInto: t.mergedInto ? { id: t.mergedInto.id, numberLabel: formatTicketNumber(t.mergedInto.number) } : null,
      awaitingRating: t.csatRequests.length > 0,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    })),
  };
}

/** One of the customer's tickets: the public conversation and history only. */
export async function get(scope: Scope, userId: string, ticketId: string) {
  const own = await ownTicket(scope, userId, ticketId);
  const t = await scope.tx.ticket.findUniqueOrThrow({
    where: { id: own.id },
    include: {
      category: { select: { id: true, name: true, group: true } },
      subscription: { select: { id: true, package: { select: { name: true } } } },
      mergedInto: { select: { id: true, number: true, customerId: true } },
      comments: {
        where: { visibility: "PUBLIC" },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: { author: { select: { id: true, name: true } }, attachments: { orderBy: { createdAt: "asc" } } },
      },
      attachments: { where: { commentId: null }, orderBy: { createdAt: "asc" } },
      events: { where: { kind: { in: [...PUBLIC_EVENT_KINDS] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
    },
  });
  const company = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { name: true } });
  const rating = await csat.promptFor(scope, t);
  return {
    id: t.id,
    number: t.number,
    numberLabel: formatTicketNumber(t.number),
    subject: t.subject,
    description: t.description,
    status: t.status,
    statusLabel: CUSTOMER_STATUS_LABELS[t.status],
    channel: t.channel as TicketChannel,
    // Opened by the customer (portal or their API token), or noted by staff (phone, e-mail…).
    openedByCustomer: t.requesterUserId !== null,
    category: t.category,
    subscription: t.subscription ? { id: t.subscription.id, label: t.subscription.package.name } : null,
    // Only a ticket of this same customer is named: the merge target of a duplicate.
    mergedInto:
      t.mergedInto && t.mergedInto.customerId === t.customerId
        ? { id: t.mergedInto.id, numberLabel: formatTicketNumber(t.mergedInto.number) }
        : null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    resolvedAt: t.resolvedAt,
    attachments: t.attachments.map(storage.present),
    comments: t.comments.map((c) => ({
      id: c.id,
      authorType: c.authorType,
      visibility: c.visibility,
      // Staff are named by name; the customer's own replies as "You".
      author:
        c.authorType === "CUSTOMER"
          ? c.authorId === userId
            ? "You"
            : "Customer"
          : c.authorType === "STAFF"
            ? (c.author?.name ?? company.name)
            : company.name,
      mine: c.authorType === "CUSTOMER",
      body: c.body,
      createdAt: c.createdAt,
      attachments: c.attachments.map(storage.present),
    })),
    events: t.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      // Status events in the customer's words ("Being worked on"), merges by number only.
      fromValue:
        e.kind === "status" && e.fromValue
          ? (CUSTOMER_STATUS_LABELS[e.fromValue as keyof typeof CUSTOMER_STATUS_LABELS] ?? e.fromValue)
          : e.kind === "status"
            ? null
            : e.fromValue,
      toValue:
        e.kind === "status" && e.toValue
          ? (CUSTOMER_STATUS_LABELS[e.toValue as keyof typeof CUSTOMER_STATUS_LABELS] ?? e.toValue)
          : e.toValue,
      createdAt: e.createdAt,
    })),
    canReply: t.status !== "CLOSED" && !t.mergedIntoId,
    rating,
  };
}
export type PortalTicket = Awaited<ReturnType<typeof get>>;

/** The customer opens a ticket for themselves; routing picks who takes it. */
export async function open(
  scope: Scope,
  userId: string,
  input: z.input<typeof portalCreateTicketSchema>,
  channel: TicketChannel = "PORTAL",
) {
  const data = portalCreateTicketSchema.parse(input);
  const customerId = await ownCustomerId(scope, userId);
  const created = await create(
    scope,
    { ...data, customerId, priority: "MEDIUM" },
    { channel, requesterUserId: userId, allowAssignee: false },
  );
  return { id: created.id, number: created.number, numberLabel: created.numberLabel };
}

export async function reply(scope: Scope, userId: string, input: z.input<typeof portalReplySchema>) {
  const data = portalReplySchema.parse(input);
  const ticket = await ownTicket(scope, userId, data.ticketId);
  const result = await customerReply(scope, ticket.id, userId, data.body, data.attachmentIds);
  return {
    id: result.id,
    ticketId: ticket.id,
    status: result.status,
    statusLabel: CUSTOMER_STATUS_LABELS[result.status],
  };
}

export async function rate(scope: Scope, userId: string, input: z.input<typeof portalRateSchema>) {
  const data = portalRateSchema.parse(input);
  const ticket = await ownTicket(scope, userId, data.ticketId);
  return csat.rateInPortal(scope, ticket, data);
}

/** Published public help articles matching what the customer is typing (subject + description). */
export async function suggestArticles(scope: Scope, text: string) {
  const articles = await kb.suggest(scope, text, 3);
  return articles.map((a) => ({ id: a.id, title: a.title, slug: a.slug, snippet: a.snippet }));
}
