import type { z } from "zod";
import type { EscalationRule, Prisma, Ticket } from "../../db/generated/prisma/client";
import type { SlaClock, TicketChannel, TicketPriority, TicketStatus } from "../../db/generated/prisma/enums";
import { inOrder } from "../../db/tenant";
import { emit } from "../../jobs/emit";
import { ticketCreated } from "../../jobs/events";
import { DomainError, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as counters from "../counters/service";
import { customerDisplayName, formatAccountNumber } from "../customers/schema";
import * as customers from "../customers/service";
import * as routing from "../routing/service";
import type { Scope } from "../scope";
import * as sla from "../sla/service";
import { clockView, type ClockView } from "../sla/view";
import * as storage from "../storage/service";
import { assertCan, canReadAll, staffVisible, type Staff } from "./access";
import * as csat from "./csat";
import * as tell from "./notify";
import {
  assignSchema,
  createTicketSchema,
  formatTicketNumber,
  isOpen,
  listTicketsSchema,
  mergeSchema,
  noteSchema,
  OPEN_STATUSES,
  replySchema,
  setPrioritySchema,
  setStatusSchema,
  STATUS_LABELS,
  ticketChangesSchema,
  transitionProblem,
  updateTicketSchema,
  PRIORITY_LABELS,
} from "./schema";

// Support tickets: opened by staff on a customer's behalf, by the customer in the portal or over
// the REST API; numbered per company; routed to a technician; worked through the status
// workflow with public replies and internal notes; merged when they duplicate each other; rated
// by the customer when resolved. Every change is a TicketEvent (who, when, from → to) and an
// audit entry, in the caller's transaction. The SLA module computes the clocks, the routing
// module picks the assignee, the notifications module tells people.

export const TICKET_COUNTER = "ticket_number";

/** What a ticket's history records: one kind per sort of change (TicketEvent.kind). */
export const TICKET_EVENT_KINDS = [
  "created",
  "routed",
  "assigned",
  "status",
  "priority",
  "updated",
  "merged_into",
  "merged_from",
  "first_response",
  "watcher_added",
  "watcher_removed",
  "csat",
  "escalated",
  "oncall_notified",
] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/** Event kinds a customer may see (their own ticket's story); everything else is staff-only. */
export const PUBLIC_EVENT_KINDS = ["created", "status", "merged_into"] as const satisfies readonly TicketEventKind[];

// ── small helpers ────────────────────────────────────────────────────────────────────────────

const names = new WeakMap<Scope, Promise<string>>();

/** The acting person's name for the ticket's history ("Aisha Njeri"), once per scope. */
export function actorName(scope: Scope): Promise<string> {
  let name = names.get(scope);
  if (!name) {
    const { actor } = scope;
    name =
      actor.type === "SYSTEM" || !actor.id
        ? Promise.resolve(actor.label ?? "System")
        : scope.tx.user
            .findUnique({ where: { id: actor.id }, select: { name: true } })
            .then((u) => u?.name ?? actor.label ?? "Someone");
    names.set(scope, name);
  }
  return name;
}

/** The label of changes the system makes on its own (routing), instead of the person who set it off. */
export const ROUTING_ACTOR = "Automatic routing";

/**
 * Adds a line to the ticket's history. `by` names a system actor (routing, an escalation)
 * instead of the person in the scope; `label` shows the scope's person under another name (a
 * customer's rating as "Customer"); `at` dates it at the moment the change was decided.
 */
export async function recordEvent(
  scope: Scope,
  ticketId: string,
  kind: TicketEventKind,
  e: { from?: string | null; to?: string | null; note?: string | null; by?: string; label?: string; at?: Date } = {},
) {
  await scope.tx.ticketEvent.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      ticketId,
      kind,
      fromValue: e.from ?? null,
      toValue: e.to ?? null,
      note: e.note ?? null,
      actorId: e.by ? null : (scope.actor.id ?? null),
      actorLabel: e.by ?? e.label ?? (await actorName(scope)),
      ...(e.at ? { createdAt: e.at } : {}),
    },
  });
}

/** Whether the ticket's history already has an event of this kind (once-only reactions). */
export async function hasEvent(scope: Scope, ticketId: string, kind: TicketEventKind): Promise<boolean> {
  return !!(await scope.tx.ticketEvent.findFirst({ where: { ticketId, kind }, select: { id: true } }));
}

/** Takes the ticket's row lock, so two people changing one ticket at once are serialised. */
async function lock(scope: Scope, id: string): Promise<void> {
  await scope.tx.$queryRaw`SELECT id FROM "Ticket" WHERE id = ${id} FOR UPDATE`;
}

/** A ticket the staff member may see, locked for a change. Another company's is simply not found. */
async function loadForChange(scope: Scope, staff: Staff, id: string): Promise<Ticket> {
  const visible = await scope.tx.ticket.findFirst({
    where: { AND: [{ id }, staffVisible(staff)] },
    select: { id: true },
  });
  if (!visible) throw new NotFound("Ticket");
  await lock(scope, id);
  return scope.tx.ticket.findUniqueOrThrow({ where: { id } });
}

const label = (t: Pick<Ticket, "number">) => formatTicketNumber(t.number);

/**
 * Refuses a person who cannot work tickets of this company. Another company's user is invisible
 * under row-level security, so it answers NOT_FOUND like any unknown id.
 */
export async function assertStaff(scope: Scope, userId: string, field = "assigneeId") {
  const user = await scope.tx.user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, role: true, status: true },
  });
  if (!user)
    throw new DomainError(
      "NOT_FOUND",
      "That person is not on your company's staff. Choose someone from your own team.",
      { [field]: "Not a staff member of your company." },
    );
  if (user.role === "CUSTOMER")
    throw new Invalid("Tickets are worked by staff: a customer's account cannot be chosen.", {
      [field]: "Choose a staff member, not a customer.",
    });
  if (user.status !== "ACTIVE")
    throw new Invalid(`${user.name}'s account is disabled; choose someone else.`, {
      [field]: "This account is disabled.",
    });
  return user;
}

/**
 * The device a ticket names is one of the company's (another company's id is hidden by RLS and
 * reads as unknown). A plain read rather than the devices module's check: devices lists a
 * device's open tickets, so depending on it from here would make the two modules a cycle.
 */
async function assertDevice(scope: Scope, deviceId: string) {
  const found = await scope.tx.device.findUnique({ where: { id: deviceId }, select: { id: true } });
  if (!found) throw new Invalid("Choose one of your devices.", { deviceId: "Unknown device." });
}

async function assertCategory(scope: Scope, categoryId: string, allowArchived?: string) {
  const category = await scope.tx.ticketCategory.findUnique({ where: { id: categoryId } });
  if (!category || (category.archivedAt && category.id !== allowArchived))
    throw new Invalid("Choose one of the ticket categories.", { categoryId: "No such category." });
  return category;
}

/**
 * The customer and subscription a ticket is about, checked to belong together (and, through
 * row-level security, to this company). A subscription alone brings its customer along.
 */
async function resolveLinks(scope: Scope, customerId: string | null, subscriptionId: string | null) {
  let customer = customerId
    ? await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true, serviceAddress: true } })
    : null;
  if (customerId && !customer)
    throw new DomainError("NOT_FOUND", "Customer not found.", { customerId: "No such customer." });
  let installationAddress: string | null = null;
  if (subscriptionId) {
    const sub = await scope.tx.subscription.findUnique({
      where: { id: subscriptionId },
      select: { id: true, customerId: true, installationAddress: true },
    });
    if (!sub)
      throw new DomainError("NOT_FOUND", "Subscription not found.", { subscriptionId: "No such subscription." });
    if (customer && sub.customerId !== customer.id)
      throw new Invalid("That subscription belongs to another customer.", {
        subscriptionId: "Choose one of this customer's subscriptions.",
      });
    customer ??= await scope.tx.customer.findUnique({
      where: { id: sub.customerId },
      select: { id: true, serviceAddress: true },
    });
    installationAddress = sub.installationAddress;
  }
  return {
    customerId: customer?.id ?? null,
    subscriptionId,
    address: installationAddress ?? customer?.serviceAddress ?? null,
  };
}

// ── creating ─────────────────────────────────────────────────────────────────────────────────

export interface Origin {
  channel: TicketChannel;
  /** The customer's portal sign-in when they opened it themselves. */
  requesterUserId?: string | null;
  /** Staff may pick the assignee; customers never do (routing decides). */
  allowAssignee: boolean;
}

/**
 * Opens a ticket: next number, SLA clocks, area from the service address, the assignee from
 * routing (or the one staff chose), the uploaded files, and the "support/ticket.created" event.
 */
export async function create(
  scope: Scope,
  input: z.input<typeof createTicketSchema>,
  origin: Origin,
  now = new Date(),
) {
  const data = createTicketSchema.parse(input);
  const category = await assertCategory(scope, data.categoryId);
  const links = await resolveLinks(scope, data.customerId, data.subscriptionId);
  if (data.assigneeId && origin.allowAssignee) await assertStaff(scope, data.assigneeId);
  if (data.deviceId) await assertDevice(scope, data.deviceId);
  const area = await routing.areaFor(scope, links.address);
  const clock = await sla.startClock(scope, {
    priority: data.priority,
    customerId: links.customerId,
    subscriptionId: links.subscriptionId,
    from: now,
  });
  const number = await counters.next(scope, TICKET_COUNTER);
  const id = newId();
  let ticket = await scope.tx.ticket.create({
    data: {
      id,
      companyId: scope.companyId,
      number,
      subject: data.subject,
      description: data.description,
      categoryId: category.id,
      priority: data.priority,
      status: "NEW",
      channel: origin.channel,
      customerId: links.customerId,
      subscriptionId: links.subscriptionId,
      deviceId: data.deviceId,
      deviceRef: data.deviceRef,
      outageRef: data.outageRef,
      area,
      requesterUserId: origin.requesterUserId ?? null,
      createdById: scope.actor.id ?? null,
      ...clock,
      createdAt: now,
    },
  });
  await recordEvent(scope, id, "created", {
    to: origin.channel,
    note: `Opened through ${origin.channel.toLowerCase()}`,
  });
  await storage.link(scope, data.attachmentIds, { ticketId: id }, scope.actor.id ?? null);

  if (data.assigneeId && origin.allowAssignee) {
    ticket = await setAssignee(scope, ticket, data.assigneeId, now, "Chosen when the ticket was opened");
  } else {
    ticket = await applyRouting(scope, ticket, now);
  }
  await audit.record(scope, {
    action: "ticket.create",
    entityType: "Ticket",
    entityId: id,
    after: {
      number,
      subject: ticket.subject,
      priority: ticket.priority,
      categoryId: ticket.categoryId,
      customerId: ticket.customerId,
      channel: ticket.channel,
      assigneeId: ticket.assigneeId,
    },
  });
  // A ticket staff open on a customer's behalf would otherwise be news to them at the first reply.
  if (origin.allowAssignee && ticket.customerId) await tell.customerOfStaffTicket(scope, ticket);
  await emit(
    ticketCreated,
    { companyId: scope.companyId, ticketId: id, priority: ticket.priority },
    { id: `ticket-created-${id}` },
  );
  return { id, number, numberLabel: label(ticket), status: ticket.status, assigneeId: ticket.assigneeId };
}

/** Asks routing who should take the ticket, keeps the explanation, assigns when someone fits. */
async function applyRouting(scope: Scope, ticket: Ticket, now: Date): Promise<Ticket> {
  const decision = await routing.route(
    scope,
    { categoryId: ticket.categoryId, area: ticket.area, priority: ticket.priority },
    now,
  );
  const explanation = {
    ...decision.explanation,
    chosenId: decision.assigneeId,
    at: now.toISOString(),
  } as unknown as Prisma.InputJsonValue;
  let updated = await scope.tx.ticket.update({ where: { id: ticket.id }, data: { routing: explanation } });
  await recordEvent(scope, ticket.id, "routed", { note: decision.explanation.summary, by: ROUTING_ACTOR });
  if (decision.assigneeId && decision.assigneeId !== ticket.assigneeId)
    updated = await setAssignee(scope, updated, decision.assigneeId, now, "Routed automatically", ROUTING_ACTOR);
  return updated;
}

/**
 * Gives the ticket to someone (or nobody). A new or reopened ticket becomes ASSIGNED; an
 * ASSIGNED one left without anybody goes back to NEW. The new assignee is told.
 */
async function setAssignee(
  scope: Scope,
  ticket: Ticket,
  assigneeId: string | null,
  now: Date,
  note?: string,
  by?: string,
  { tell: tellAssignee = true } = {},
): Promise<Ticket> {
  if (ticket.assigneeId === assigneeId) return ticket;
  const [before, after] = await inOrder([
    ticket.assigneeId ? scope.tx.user.findUnique({ where: { id: ticket.assigneeId }, select: { name: true } }) : null,
    assigneeId ? scope.tx.user.findUnique({ where: { id: assigneeId }, select: { name: true } }) : null,
  ]);
  let status: TicketStatus = ticket.status;
  if (assigneeId && (ticket.status === "NEW" || ticket.status === "REOPENED")) status = "ASSIGNED";
  if (!assigneeId && ticket.status === "ASSIGNED") status = "NEW";
  const slaUpdate = status !== ticket.status ? await sla.onStatusChange(scope, ticket, status, now) : {};
  const updated = await scope.tx.ticket.update({
    where: { id: ticket.id },
    data: { assigneeId, status, ...slaUpdate },
  });
  await recordEvent(scope, ticket.id, "assigned", { from: before?.name ?? null, to: after?.name ?? null, note, by });
  if (status !== ticket.status) await recordEvent(scope, ticket.id, "status", { from: ticket.status, to: status, by });
  if (tellAssignee && assigneeId && assigneeId !== scope.actor.id) await tell.assigned(scope, updated, assigneeId);
  return updated;
}

// ── reading ──────────────────────────────────────────────────────────────────────────────────

const LIST_INCLUDE = {
  category: { select: { id: true, name: true, group: true } },
  customer: {
    select: { id: true, type: true, firstName: true, lastName: true, businessName: true, accountNumber: true },
  },
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.TicketInclude;

type ListRow = Prisma.TicketGetPayload<{ include: typeof LIST_INCLUDE }>;

/** The clocks of tickets as of `now`, each on its own calendar. */
async function clocksOf(scope: Scope, rows: Ticket[], now: Date): Promise<Map<string, ClockView>> {
  const calendars = await sla.loadCalendars(
    scope,
    rows.map((r) => r.calendarId),
  );
  return new Map(
    rows.map((r) => [
      r.id,
      clockView({ ...r, calendar: r.calendarId ? (calendars.get(r.calendarId) ?? null) : null }, now),
    ]),
  );
}

function summary(r: ListRow, clock: ClockView | undefined) {
  return {
    id: r.id,
    number: r.number,
    numberLabel: label(r),
    subject: r.subject,
    status: r.status,
    priority: r.priority,
    channel: r.channel,
    category: r.category,
    customer: r.customer
      ? {
          id: r.customer.id,
          displayName: customerDisplayName(r.customer),
          accountNo: formatAccountNumber(r.customer.accountNumber),
        }
      : null,
    assignee: r.assignee,
    area: r.area,
    mergedIntoId: r.mergedIntoId,
    responseDueAt: r.responseDueAt,
    resolutionDueAt: r.resolutionDueAt,
    firstRespondedAt: r.firstRespondedAt,
    resolvedAt: r.resolvedAt,
    csatRating: r.csatRating,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    clock: clock ?? null,
  };
}
export type TicketSummary = ReturnType<typeof summary>;

/** Open tickets whose running clock has used NEAR_BREACH_PCT of its target (in business time). */
async function nearBreachIds(scope: Scope, base: Prisma.TicketWhereInput, now: Date): Promise<string[]> {
  const candidates = await scope.tx.ticket.findMany({
    where: { AND: [base, { status: { in: [...OPEN_STATUSES] }, responseBreached: false, resolutionBreached: false }] },
    take: 5000,
    orderBy: { resolutionDueAt: "asc" },
  });
  const clocks = await clocksOf(scope, candidates, now);
  return candidates.filter((t) => clocks.get(t.id)?.nearBreach).map((t) => t.id);
}

async function whereOf(
  scope: Scope,
  staff: Staff,
  f: z.output<typeof listTicketsSchema>,
  now: Date,
): Promise<Prisma.TicketWhereInput> {
  const and: Prisma.TicketWhereInput[] = [staffVisible(staff)];
  if (f.status === "open") and.push({ status: { in: [...OPEN_STATUSES] } });
  else if (f.status) and.push({ status: f.status });
  if (f.priority) and.push({ priority: f.priority });
  if (f.categoryId) and.push({ categoryId: f.categoryId });
  if (f.customerId) and.push({ customerId: f.customerId });
  if (f.assignee === "mine") and.push({ assigneeId: staff.userId });
  else if (f.assignee === "unassigned") and.push({ assigneeId: null });
  else if (f.assignee) and.push({ assigneeId: f.assignee });
  if (f.search) {
    const term = f.search.trim();
    const number = /^#?\d{1,9}$/.test(term) ? Number(term.replace("#", "")) : null;
    and.push({
      OR: [
        ...(number !== null ? [{ number }] : []),
        { subject: { contains: term, mode: "insensitive" as const } },
        { customerId: { in: await customers.idsMatching(scope, term) } },
      ],
    });
  }
  if (f.sla === "breached") {
    and.push({
      OR: [
        { responseBreached: true },
        { resolutionBreached: true },
        { status: { in: [...OPEN_STATUSES] }, slaPausedAt: null, resolutionDueAt: { lt: now } },
        { status: { in: [...OPEN_STATUSES] }, firstRespondedAt: null, responseDueAt: { lt: now } },
      ],
    });
  } else if (f.sla === "near_breach") {
    const notYetBreached: Prisma.TicketWhereInput = {
      NOT: {
        OR: [
          { resolutionDueAt: { lt: now }, slaPausedAt: null },
          { firstRespondedAt: null, responseDueAt: { lt: now } },
        ],
      },
    };
    and.push({ id: { in: await nearBreachIds(scope, { AND: [...and, notYetBreached] }, now) } });
  }
  return { AND: and };
}

function orderOf(f: z.output<typeof listTicketsSchema>): Prisma.TicketOrderByWithRelationInput[] {
  const tie = { number: f.direction } as const;
  if (f.sort === "resolutionDueAt") return [{ resolutionDueAt: { sort: f.direction, nulls: "last" } }, tie];
  if (f.sort === "number") return [tie];
  return [{ [f.sort]: f.direction }, tie];
}

/** The queue: a page of the tickets this person may see, filtered, searched and sorted on the server. */
export async function list(scope: Scope, staff: Staff, input: z.input<typeof listTicketsSchema>, now = new Date()) {
  const f = listTicketsSchema.parse(input);
  const where = await whereOf(scope, staff, f, now);
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.ticket.count({ where }),
    rows: (window) =>
      scope.tx.ticket.findMany({
        where,
        include: LIST_INCLUDE,
        orderBy: orderOf(f),
        ...window,
      }),
  });
  const clocks = await clocksOf(scope, rows, now);
  return {
    ...paging,
    rows: rows.map((r) => summary(r, clocks.get(r.id))),
  };
}

const DETAIL_INCLUDE = {
  ...LIST_INCLUDE,
  device: { select: { id: true, name: true } },
  customer: {
    select: {
      id: true,
      type: true,
      firstName: true,
      lastName: true,
      businessName: true,
      accountNumber: true,
      email: true,
      phone: true,
      serviceAddress: true,
      status: true,
      userId: true,
    },
  },
  subscription: {
    select: {
      id: true,
      status: true,
      installationAddress: true,
      pppoeUsername: true,
      package: { select: { id: true, name: true } },
    },
  },
  assignee: { select: { id: true, name: true, email: true } },
  requester: { select: { id: true, name: true } },
  mergedInto: { select: { id: true, number: true, subject: true } },
  merged: { select: { id: true, number: true, subject: true }, orderBy: { number: "asc" } },
  comments: {
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { author: { select: { id: true, name: true } }, attachments: { orderBy: { createdAt: "asc" } } },
  },
  attachments: { where: { commentId: null }, orderBy: { createdAt: "asc" } },
  events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  watchers: { include: { user: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.TicketInclude;

/** Everything staff see on the ticket page: conversation with internal notes, history, routing, clocks. */
export async function get(scope: Scope, staff: Staff, id: string, now = new Date()) {
  const t = await scope.tx.ticket.findFirst({ where: { AND: [{ id }, staffVisible(staff)] }, include: DETAIL_INCLUDE });
  if (!t) throw new NotFound("Ticket");
  const clock = (await clocksOf(scope, [t], now)).get(t.id)!;
  const c = t.customer;
  return {
    ...summary(t, clock),
    description: t.description,
    device: t.device,
    deviceRef: t.deviceRef,
    outageRef: t.outageRef,
    customer: c
      ? {
          id: c.id,
          displayName: customerDisplayName(c),
          accountNo: formatAccountNumber(c.accountNumber),
          email: c.email,
          phone: c.phone,
          serviceAddress: c.serviceAddress,
          status: c.status,
          hasPortal: !!c.userId,
        }
      : null,
    subscription: t.subscription,
    assignee: t.assignee,
    requester: t.requester,
    mergedInto: t.mergedInto ? { ...t.mergedInto, numberLabel: label(t.mergedInto) } : null,
    merged: t.merged.map((m) => ({ ...m, numberLabel: label(m) })),
    routing: t.routing as RoutingExplanation | null,
    calendarId: t.calendarId,
    slaSource: t.slaSource,
    responseTargetMin: t.responseTargetMin,
    resolutionTargetMin: t.resolutionTargetMin,
    slaPausedAt: t.slaPausedAt,
    responseBreached: t.responseBreached,
    resolutionBreached: t.resolutionBreached,
    slaCycle: t.slaCycle,
    closedAt: t.closedAt,
    reopenCount: t.reopenCount,
    csat: t.csatRating ? { rating: t.csatRating, comment: t.csatComment, at: t.csatAt } : null,
    attachments: t.attachments.map(storage.present),
    comments: t.comments.map((m) => ({
      id: m.id,
      authorType: m.authorType,
      author: m.author,
      visibility: m.visibility,
      body: m.body,
      createdAt: m.createdAt,
      attachments: m.attachments.map(storage.present),
    })),
    events: t.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      fromValue: e.fromValue,
      toValue: e.toValue,
      note: e.note,
      actorLabel: e.actorLabel,
      createdAt: e.createdAt,
    })),
    watchers: t.watchers.map((w) => w.user),
    watching: t.watchers.some((w) => w.userId === staff.userId),
  };
}
export type TicketDetail = Awaited<ReturnType<typeof get>>;

/** What routing stored: its explanation, whom it chose, and when. */
export interface RoutingExplanation {
  summary: string;
  chosenId: string | null;
  at: string;
  candidates: { userId: string; name: string; score: number; reasons: string[]; excluded?: string }[];
}

// ── the workflow ─────────────────────────────────────────────────────────────────────────────

/**
 * Moves a ticket to another status and records it. `system` moves (a customer's reply, a
 * merge) skip the table of allowed moves; a person's moves are checked against it.
 */
export async function moveTo(
  scope: Scope,
  ticket: Ticket,
  to: TicketStatus,
  opts: { now: Date; note?: string; system?: boolean },
): Promise<Ticket> {
  if (ticket.status === to) return ticket;
  if (!opts.system) {
    const problem = transitionProblem(ticket.status, to);
    if (problem) throw new Invalid(problem, { status: problem });
  }
  if (to === "ASSIGNED" && !ticket.assigneeId)
    throw new Invalid("Assign the ticket to someone first.", { status: "Nobody is assigned." });
  const slaUpdate = await sla.onStatusChange(scope, ticket, to, opts.now);
  const data: Prisma.TicketUpdateInput = { status: to, ...slaUpdate };
  if (to === "RESOLVED") data.resolvedAt = opts.now;
  if (to === "CLOSED") data.closedAt = opts.now;
  if (to === "REOPENED" || (!isOpen(ticket.status) && isOpen(to))) {
    data.reopenCount = { increment: 1 };
    data.resolvedAt = null;
    data.closedAt = null;
  }
  const updated = await scope.tx.ticket.update({ where: { id: ticket.id }, data });
  await recordEvent(scope, ticket.id, "status", { from: ticket.status, to, note: opts.note });
  await audit.record(scope, {
    action: "ticket.status_change",
    entityType: "Ticket",
    entityId: ticket.id,
    before: { status: ticket.status },
    after: { status: to, note: opts.note },
  });
  if (to === "RESOLVED") await csat.requestRating(scope, updated, opts.now);
  if (to === "REOPENED") await csat.withdraw(scope, ticket.id, opts.now);
  return updated;
}

export async function setStatus(scope: Scope, staff: Staff, input: z.input<typeof setStatusSchema>, now = new Date()) {
  const data = setStatusSchema.parse(input);
  const ticket = await loadForChange(scope, staff, data.id);
  if (ticket.mergedIntoId && data.status === "REOPENED")
    throw new Invalid("This ticket was merged into another one; work on that ticket instead.");
  const updated = await moveTo(scope, ticket, data.status, { now, note: data.note });
  if (data.status === "RESOLVED")
    await tell.watchers(scope, updated, {
      kind: "ticket.resolved",
      title: `Ticket ${label(updated)} was resolved by ${await actorName(scope)}`,
      body: updated.subject,
      except: [staff.userId],
    });
  return { id: updated.id, status: updated.status };
}

export async function setPriority(
  scope: Scope,
  staff: Staff,
  input: z.input<typeof setPrioritySchema>,
  now = new Date(),
) {
  const data = setPrioritySchema.parse(input);
  const ticket = await loadForChange(scope, staff, data.id);
  if (ticket.priority === data.priority) return { id: ticket.id, priority: ticket.priority };
  const updated = await changePriority(scope, ticket, data.priority, now);
  await audit.record(scope, {
    action: "ticket.priority_change",
    entityType: "Ticket",
    entityId: ticket.id,
    before: { priority: ticket.priority },
    after: { priority: data.priority },
  });
  return { id: updated.id, priority: updated.priority };
}

/** The new priority with the SLA targets it brings, and its line in the history. */
async function changePriority(
  scope: Scope,
  ticket: Ticket,
  priority: TicketPriority,
  now: Date,
  by?: string,
): Promise<Ticket> {
  const slaUpdate = await sla.onPriorityChange(scope, ticket, priority, now);
  const updated = await scope.tx.ticket.update({ where: { id: ticket.id }, data: { priority, ...slaUpdate } });
  await recordEvent(scope, ticket.id, "priority", { from: ticket.priority, to: priority, by });
  return updated;
}

/** What a fired escalation rule does to a ticket: decided by tickets/escalation.ts, applied by escalate(). */
export interface Escalation {
  rule: Pick<EscalationRule, "id" | "name">;
  /** The rule's actions as recorded on the escalation ("notify", "raise_priority", …). */
  actions: string[];
  raiseTo: TicketPriority | null;
  /** The team lead who takes the ticket over, or null to leave the assignee. */
  assigneeId: string | null;
  /** The clock whose target has been used up, flagged as breached; null below 100 %. */
  breached: SlaClock | null;
  /** The history line: what reached which threshold and what was done. */
  note: string;
}

/** Who escalations act as, in the ticket's history. */
export const ESCALATION_ACTOR = "SLA escalation";

/**
 * Applies a fired escalation rule to a (locked) ticket: the raised priority with its new
 * targets, the hand-over to the team lead, the breach flag. Each change leaves the same history
 * line a person's change does, then the escalation itself is recorded with one audit entry.
 * The lead is not sent the usual "assigned to you" notice: the escalation's own notice says it.
 */
export async function escalate(scope: Scope, ticket: Ticket, e: Escalation, now: Date): Promise<Ticket> {
  let after = ticket;
  if (e.raiseTo) after = await changePriority(scope, after, e.raiseTo, now, ESCALATION_ACTOR);
  if (e.assigneeId)
    after = await setAssignee(scope, after, e.assigneeId, now, undefined, ESCALATION_ACTOR, { tell: false });
  if (e.breached) {
    after = await scope.tx.ticket.update({
      where: { id: ticket.id },
      data: e.breached === "RESPONSE" ? { responseBreached: true } : { resolutionBreached: true },
    });
  }
  await recordEvent(scope, ticket.id, "escalated", { to: e.rule.name, note: e.note, by: ESCALATION_ACTOR, at: now });
  await audit.record(scope, {
    action: "ticket.escalate",
    entityType: "Ticket",
    entityId: ticket.id,
    before: { priority: ticket.priority, assigneeId: ticket.assigneeId },
    after: {
      rule: e.rule.name,
      ruleId: e.rule.id,
      slaCycle: ticket.slaCycle,
      actions: e.actions,
      priority: after.priority,
      assigneeId: after.assigneeId,
    },
  });
  return after;
}

/** Manual assignment, or an override of routing's choice; null unassigns. */
export async function assign(scope: Scope, staff: Staff, input: z.input<typeof assignSchema>, now = new Date()) {
  const data = assignSchema.parse(input);
  const ticket = await loadForChange(scope, staff, data.id);
  if (data.assigneeId) await assertStaff(scope, data.assigneeId);
  if (!isOpen(ticket.status) && data.assigneeId !== ticket.assigneeId)
    throw new Invalid(`A ${STATUS_LABELS[ticket.status].toLowerCase()} ticket keeps its assignee; reopen it first.`);
  const routed = (ticket.routing as RoutingExplanation | null)?.chosenId ?? null;
  const note =
    data.assigneeId && routed && routed !== data.assigneeId ? "Manual override of routing" : "Assigned by hand";
  const updated = await setAssignee(scope, ticket, data.assigneeId, now, note);
  await audit.record(scope, {
    action: "ticket.assign",
    entityType: "Ticket",
    entityId: ticket.id,
    before: { assigneeId: ticket.assigneeId },
    after: { assigneeId: updated.assigneeId },
  });
  return { id: updated.id, status: updated.status, assigneeId: updated.assigneeId };
}

/** Runs routing again (after a shift change, a new technician, a different area) and applies its choice. */
export async function reroute(scope: Scope, staff: Staff, id: string, now = new Date()) {
  const ticket = await loadForChange(scope, staff, id);
  if (!isOpen(ticket.status))
    throw new Invalid(`A ${STATUS_LABELS[ticket.status].toLowerCase()} ticket is not routed again; reopen it first.`);
  const updated = await applyRouting(scope, ticket, now);
  await audit.record(scope, {
    action: "ticket.reroute",
    entityType: "Ticket",
    entityId: id,
    before: { assigneeId: ticket.assigneeId },
    after: { assigneeId: updated.assigneeId },
  });
  const explanation = updated.routing as unknown as RoutingExplanation;
  return { id, assigneeId: updated.assigneeId, status: updated.status, summary: explanation.summary };
}

/** Subject, category and what the ticket is about (customer, subscription, device, outage, area). */
export async function update(scope: Scope, staff: Staff, input: z.input<typeof updateTicketSchema>) {
  const data = updateTicketSchema.parse(input);
  const ticket = await loadForChange(scope, staff, data.id);
  await assertCategory(scope, data.categoryId, ticket.categoryId);
  const links = await resolveLinks(scope, data.customerId, data.subscriptionId);
  if (data.deviceId && data.deviceId !== ticket.deviceId) await assertDevice(scope, data.deviceId);
  const next = {
    subject: data.subject,
    categoryId: data.categoryId,
    customerId: links.customerId,
    subscriptionId: links.subscriptionId,
    deviceId: data.deviceId,
    deviceRef: data.deviceRef,
    outageRef: data.outageRef,
    area: data.area,
  };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const old = ticket[key as keyof typeof next];
    if (old !== value) {
      before[key] = old;
      after[key] = value;
    }
  }
  if (Object.keys(after).length === 0) return { id: ticket.id };
  await scope.tx.ticket.update({ where: { id: ticket.id }, data: next });
  await recordEvent(scope, ticket.id, "updated", { note: `Changed ${Object.keys(after).join(", ")}` });
  await audit.record(scope, { action: "ticket.update", entityType: "Ticket", entityId: ticket.id, before, after });
  return { id: ticket.id };
}

/**
 * Several changes to one ticket in the caller's transaction, each as its own call would make it
 * (history, audit, SLA clocks): details, then the assignee, the priority and the status, so a
 * ticket can be assigned and started in one request. Every permission is checked before the
 * first change. Answers the ticket as it is afterwards.
 */
export async function patch(
  scope: Scope,
  staff: Staff,
  id: string,
  input: z.input<typeof ticketChangesSchema>,
  now = new Date(),
) {
  const { status, statusNote, priority, assigneeId, ...details } = ticketChangesSchema.parse(input);
  const changesDetails = Object.values(details).some((v) => v !== undefined);
  if (changesDetails) assertCan(staff, "tickets:manage", "Changing the subject, category or links");
  if (assigneeId !== undefined) assertCan(staff, "tickets:manage", "Assigning a ticket");
  if (priority) assertCan(staff, "tickets:manage", "Changing the priority");
  if (status) assertCan(staff, "tickets:reply", "Changing the status");
  if (changesDetails) {
    const current = await loadForChange(scope, staff, id);
    // null is a value here (unlink, clear); only a field left out keeps what the ticket has.
    const keep = (given: string | null | undefined, old: string | null) => (given !== undefined ? given : old);
    await update(scope, staff, {
      id,
      subject: details.subject ?? current.subject,
      categoryId: details.categoryId ?? current.categoryId,
      customerId: keep(details.customerId, current.customerId),
      subscriptionId: keep(details.subscriptionId, current.subscriptionId),
      deviceId: keep(details.deviceId, current.deviceId),
      deviceRef: keep(details.deviceRef, current.deviceRef),
      outageRef: keep(details.outageRef, current.outageRef),
      area: current.area,
    });
  }
  if (assigneeId !== undefined) await assign(scope, staff, { id, assigneeId }, now);
  if (priority) await setPriority(scope, staff, { id, priority }, now);
  if (status) await setStatus(scope, staff, { id, status, note: statusNote }, now);
  return get(scope, staff, id, now);
}

/**
 * Folds a duplicate into the ticket that carries on: the duplicate is closed and points at the
 * other (its conversation stays readable there), its watchers move over, and both histories
 * say so. Tickets of two different customers are never merged.
 */
export async function merge(scope: Scope, staff: Staff, input: z.input<typeof mergeSchema>, now = new Date()) {
  const data = mergeSchema.parse(input);
  // Lock in id order so two opposite merges cannot deadlock.
  const [firstId, secondId] = [data.sourceId, data.targetId].sort();
  const first = await loadForChange(scope, staff, firstId);
  const second = await loadForChange(scope, staff, secondId);
  const source = first.id === data.sourceId ? first : second;
  const target = first.id === data.targetId ? first : second;
  if (source.mergedIntoId) throw new Invalid(`Ticket ${label(source)} is already merged into another ticket.`);
  if (target.mergedIntoId)
    throw new Invalid(`Ticket ${label(target)} was itself merged into another ticket; merge into that one.`, {
      targetId: "Choose the ticket it was merged into.",
    });
  if (target.status === "CLOSED")
    throw new Invalid(`Ticket ${label(target)} is closed; merge into a ticket that is still open.`, {
      targetId: "Choose an open ticket.",
    });
  if (source.customerId && target.customerId && source.customerId !== target.customerId) {
    throw new Invalid("These tickets belong to different customers, so they are not duplicates.", {
      targetId: "Choose a ticket of the same customer.",
    });
  }
  const closing = source.status === "CLOSED" ? {} : await sla.onStatusChange(scope, source, "CLOSED", now);
  await scope.tx.ticket.update({
    where: { id: source.id },
    data: { mergedIntoId: target.id, status: "CLOSED", closedAt: now, ...closing },
  });
  if (!target.customerId && source.customerId)
    await scope.tx.ticket.update({
      where: { id: target.id },
      data: { customerId: source.customerId, subscriptionId: target.subscriptionId ?? source.subscriptionId },
    });
  const watchers = await scope.tx.ticketWatcher.findMany({ where: { ticketId: source.id }, select: { userId: true } });
  if (watchers.length) {
    await scope.tx.ticketWatcher.createMany({
      data: watchers.map((w) => ({ companyId: scope.companyId, ticketId: target.id, userId: w.userId })),
      skipDuplicates: true,
    });
  }
  await recordEvent(scope, source.id, "status", {
    from: source.status,
    to: "CLOSED",
    note: `Merged into ${label(target)}`,
  });
  await recordEvent(scope, source.id, "merged_into", { to: label(target), note: target.id });
  await recordEvent(scope, target.id, "merged_from", { from: label(source), note: source.id });
  await scope.tx.ticketComment.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      ticketId: target.id,
      authorType: "SYSTEM",
      visibility: "INTERNAL",
      body: `Ticket ${label(source)} ("${source.subject}") was merged into this ticket by ${await actorName(scope)}. Its conversation stays readable on ${label(source)}.`,
    },
  });
  await audit.record(scope, {
    action: "ticket.merge",
    entityType: "Ticket",
    entityId: source.id,
    before: { status: source.status },
    after: { mergedIntoId: target.id, status: "CLOSED" },
  });
  return { sourceId: source.id, targetId: target.id, targetNumber: target.number };
}

// ── replies and notes ────────────────────────────────────────────────────────────────────────

function closedProblem(ticket: Ticket, mergedInto: { number: number } | null, forCustomer: boolean): string | null {
  if (ticket.mergedIntoId && mergedInto)
    return `This ticket was merged into ${formatTicketNumber(mergedInto.number)}; reply there instead.`;
  if (ticket.status !== "CLOSED") return null;
  return forCustomer
    ? "This ticket is closed, so it cannot take replies. Open a new ticket and mention this one."
    : "This ticket is closed: reopen it before replying.";
}

async function mergedTarget(scope: Scope, ticket: Ticket) {
  return ticket.mergedIntoId
    ? scope.tx.ticket.findUnique({ where: { id: ticket.mergedIntoId }, select: { number: true } })
    : null;
}

/**
 * A staff member's public reply. The first one stops the response clock; replying to a new,
 * assigned or reopened ticket means work has started (IN_PROGRESS); `status` moves it on in the
 * same step. The customer hears about it (portal and e-mail), watchers in the app.
 */
export async function reply(scope: Scope, staff: Staff, input: z.input<typeof replySchema>, now = new Date()) {
  const data = replySchema.parse(input);
  let ticket = await loadForChange(scope, staff, data.ticketId);
  const refused = closedProblem(ticket, await mergedTarget(scope, ticket), false);
  if (refused) throw new Invalid(refused);
  const comment = await scope.tx.ticketComment.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      ticketId: ticket.id,
      authorId: staff.userId,
      authorType: "STAFF",
      visibility: "PUBLIC",
      body: data.body,
      createdAt: now,
    },
  });
  await storage.link(scope, data.attachmentIds, { ticketId: ticket.id, commentId: comment.id }, scope.actor.id ?? null);
  if (!ticket.firstRespondedAt) {
    const first = sla.onFirstResponse(ticket, now);
    ticket = await scope.tx.ticket.update({ where: { id: ticket.id }, data: first });
    await recordEvent(scope, ticket.id, "first_response", {
      note: ticket.responseBreached ? "After the response target" : "Within the response target",
    });
  } else {
    await scope.tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now } });
  }
  const next =
    data.status ??
    (ticket.status === "NEW" || ticket.status === "ASSIGNED" || ticket.status === "REOPENED" ? "IN_PROGRESS" : null);
  if (next && next !== ticket.status) ticket = await moveTo(scope, ticket, next, { now });
  await audit.record(scope, {
    action: "ticket.reply",
    entityType: "Ticket",
    entityId: ticket.id,
    after: { commentId: comment.id, visibility: "PUBLIC", attachments: data.attachmentIds.length },
  });
  await tell.customerOfReply(scope, ticket, data.body);
  await tell.watchers(scope, ticket, {
    kind: "ticket.reply",
    title: `${await actorName(scope)} replied on ticket ${label(ticket)}`,
    body: excerpt(data.body),
    except: [staff.userId],
  });
  return { id: comment.id, ticketId: ticket.id, status: ticket.status };
}

/** An internal note: staff only, never shown to the customer, allowed on closed tickets too. */
export async function addNote(scope: Scope, staff: Staff, input: z.input<typeof noteSchema>, now = new Date()) {
  const data = noteSchema.parse(input);
  const ticket = await loadForChange(scope, staff, data.ticketId);
  const comment = await scope.tx.ticketComment.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      ticketId: ticket.id,
      authorId: staff.userId,
      authorType: "STAFF",
      visibility: "INTERNAL",
      body: data.body,
      createdAt: now,
    },
  });
  await storage.link(scope, data.attachmentIds, { ticketId: ticket.id, commentId: comment.id }, scope.actor.id ?? null);
  await scope.tx.ticket.update({ where: { id: ticket.id }, data: { updatedAt: now } });
  await audit.record(scope, {
    action: "ticket.note",
    entityType: "Ticket",
    entityId: ticket.id,
    after: { commentId: comment.id, visibility: "INTERNAL", attachments: data.attachmentIds.length },
  });
  await tell.watchers(scope, ticket, {
    kind: "ticket.note",
    title: `${await actorName(scope)} added a note on ticket ${label(ticket)}`,
    body: excerpt(data.body),
    except: [staff.userId],
    includeAssignee: true,
  });
  return { id: comment.id, ticketId: ticket.id };
}

/**
 * The customer's reply (portal or API), on a ticket already checked to be theirs. While we wait
 * for them it goes back to IN_PROGRESS; a resolved ticket reopens; a closed one takes no replies.
 */
export async function customerReply(
  scope: Scope,
  ticketId: string,
  authorUserId: string | null,
  body: string,
  attachmentIds: string[],
  now = new Date(),
) {
  await lock(scope, ticketId);
  let ticket = await scope.tx.ticket.findUniqueOrThrow({ where: { id: ticketId } });
  const refused = closedProblem(ticket, await mergedTarget(scope, ticket), true);
  if (refused) throw new Invalid(refused);
  const comment = await scope.tx.ticketComment.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      ticketId,
      authorId: authorUserId,
      authorType: "CUSTOMER",
      visibility: "PUBLIC",
      body,
      createdAt: now,
    },
  });
  await storage.link(scope, attachmentIds, { ticketId, commentId: comment.id }, scope.actor.id ?? null);
  await scope.tx.ticket.update({ where: { id: ticketId }, data: { updatedAt: now } });
  if (ticket.status === "WAITING_ON_CUSTOMER")
    ticket = await moveTo(scope, ticket, "IN_PROGRESS", { now, system: true, note: "The customer replied" });
  else if (ticket.status === "RESOLVED")
    ticket = await moveTo(scope, ticket, "REOPENED", {
      now,
      system: true,
      note: "The customer replied after resolution",
    });
  await audit.record(scope, {
    action: "ticket.customer_reply",
    entityType: "Ticket",
    entityId: ticketId,
    after: { commentId: comment.id, attachments: attachmentIds.length },
  });
  await tell.staffOfCustomerReply(scope, ticket, body);
  return { id: comment.id, ticketId, status: ticket.status };
}

export const excerpt = (text: string, max = 280) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

// ── watchers ─────────────────────────────────────────────────────────────────────────────────

export async function addWatcher(scope: Scope, staff: Staff, ticketId: string, userId: string) {
  const ticket = await loadForChange(scope, staff, ticketId);
  const user = await assertStaff(scope, userId, "userId");
  const existing = await scope.tx.ticketWatcher.findUnique({ where: { ticketId_userId: { ticketId, userId } } });
  if (existing) return { ticketId, userId, watching: true };
  await scope.tx.ticketWatcher.create({ data: { companyId: scope.companyId, ticketId, userId } });
  await recordEvent(scope, ticketId, "watcher_added", { to: user.name });
  await audit.record(scope, { action: "ticket.watch", entityType: "Ticket", entityId: ticketId, after: { userId } });
  if (userId !== staff.userId) {
    await tell.people(scope, [userId], {
      kind: "ticket.watch",
      title: `${await actorName(scope)} added you to ticket ${label(ticket)}`,
      body: ticket.subject,
      link: `/tickets/${ticketId}`,
    });
  }
  return { ticketId, userId, watching: true };
}

export async function removeWatcher(scope: Scope, staff: Staff, ticketId: string, userId: string) {
  await loadForChange(scope, staff, ticketId);
  const existing = await scope.tx.ticketWatcher.findUnique({
    where: { ticketId_userId: { ticketId, userId } },
    include: { user: { select: { name: true } } },
  });
  if (!existing) return { ticketId, userId, watching: false };
  await scope.tx.ticketWatcher.delete({ where: { ticketId_userId: { ticketId, userId } } });
  await recordEvent(scope, ticketId, "watcher_removed", { from: existing.user.name });
  await audit.record(scope, { action: "ticket.unwatch", entityType: "Ticket", entityId: ticketId, before: { userId } });
  return { ticketId, userId, watching: false };
}

// ── options for forms and filters ────────────────────────────────────────────────────────────

/** Categories, the staff one may assign to, and whether this person sees the whole queue. */
export async function options(scope: Scope, staff: Staff) {
  const [categories, people] = await inOrder([
    scope.tx.ticketCategory.findMany({
      where: { archivedAt: null },
      orderBy: [{ group: "asc" }, { name: "asc" }],
      select: { id: true, group: true, name: true, fieldWork: true },
    }),
    scope.tx.user.findMany({
      where: { role: { not: "CUSTOMER" }, status: "ACTIVE" },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { id: true, name: true, role: true },
    }),
  ]);
  return { categories, staff: people, me: staff.userId, readAll: canReadAll(staff), priorities: PRIORITY_LABELS };
}

/** A customer's tickets, newest first (the customer page's Tickets tab). */
export async function forCustomer(scope: Scope, staff: Staff, customerId: string) {
  const customer = await scope.tx.customer.findUnique({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new NotFound("Customer");
  return list(scope, staff, { customerId, sort: "createdAt", direction: "desc", pageSize: 50 });
}

export type { Staff } from "./access";
