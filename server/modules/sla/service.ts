import type { EscalationRule, Ticket, TicketPriority, TicketStatus } from "../../db/generated/prisma/client";
import { inOrder } from "../../db/tenant";
import type { Scope } from "../scope";
import { addBusinessMs, businessSecondsBetween, type Calendar, type CalendarSpec, type DayHours } from "./clock";
import { DEFAULT_TARGETS } from "./defaults";
import { isStopped } from "./view";

// SLA clocks of tickets. Due times are stored on the ticket (queues, escalation and reports
// query them); this module is the one place that computes them: at creation (startClock), on a
// status change (pause, resume, reopen, resolve), on a priority change, and when a breach is
// noticed. Each function returns the Ticket fields to write; the tickets module writes them in
// the same transaction as the change itself.

export interface SlaFields {
  calendarId: string | null;
  slaSource: "priority" | "package";
  responseTargetMin: number;
  resolutionTargetMin: number;
  responseDueAt: Date;
  resolutionDueAt: Date;
  slaPausedAt: null;
  resolutionLeftSec: null;
}

/** The ticket columns the SLA clock keeps: what these functions write. */
type SlaColumn =
  | "calendarId"
  | "slaSource"
  | "responseTargetMin"
  | "resolutionTargetMin"
  | "responseDueAt"
  | "resolutionDueAt"
  | "slaPausedAt"
  | "resolutionLeftSec"
  | "firstRespondedAt"
  | "responseBreached"
  | "resolutionBreached"
  | "slaCycle";

/** The stored SLA state of a ticket: what these functions read. A Ticket row fits. */
export type SlaTicket = Pick<
  Ticket,
  SlaColumn | "status" | "priority" | "createdAt" | "customerId" | "subscriptionId"
> &
  Partial<Pick<Ticket, "resolvedAt" | "closedAt">>;

export type SlaUpdate = Partial<Pick<Ticket, SlaColumn>>;

// ─── Calendars ──────────────────────────────────────────────────────────────────────────────

const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

/** A stored calendar as the clock maths wants it; null (24×7) for no id or a deleted calendar. */
/** The escalation rules in force, for the tickets module's sweep. */
export function activeEscalationRules(scope: Scope): Promise<EscalationRule[]> {
  return scope.tx.escalationRule.findMany({ where: { active: true } });
}

export async function loadCalendar(scope: Scope, calendarId: string | null): Promise<Calendar> {
  if (!calendarId) return null;
  const row = await scope.tx.businessCalendar.findUnique({
    where: { id: calendarId },
    include: { holidays: { select: { date: true } } },
  });
  if (!row) return null;
  return {
    timeZone: row.timeZone,
    hours: row.hours as Record<string, DayHours>,
    holidays: row.holidays.map((h) => dateOnly(h.date)),
  } satisfies CalendarSpec;
}

/** Calendars of many tickets at once (the queue, the escalation sweep): id → spec. */
export async function loadCalendars(scope: Scope, ids: (string | null)[]): Promise<Map<string, CalendarSpec>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const rows = await scope.tx.businessCalendar.findMany({
    where: { id: { in: wanted } },
    include: { holidays: { select: { date: true } } },
  });
  return new Map(
    rows.map((r) => [
      r.id,
      {
        timeZone: r.timeZone,
        hours: r.hours as Record<string, DayHours>,
        holidays: r.holidays.map((h) => dateOnly(h.date)),
      },
    ]),
  );
}

// ─── Targets ────────────────────────────────────────────────────────────────────────────────

interface Targets {
  calendarId: string | null;
  slaSource: "priority" | "package";
  responseTargetMin: number;
  resolutionTargetMin: number;
}

/**
 * The package whose SLA applies: the subscription's, or, with only a customer, the customer's
 * active subscription with the strictest SLA (a customer with a business line gets its promise).
 */
async function packageSla(
  scope: Scope,
  customerId: string | null | undefined,
  subscriptionId: string | null | undefined,
) {
  const select = { package: { select: { slaResponseMinutes: true, slaResolutionMinutes: true } } } as const;
  if (subscriptionId) {
    const sub = await scope.tx.subscription.findUnique({ where: { id: subscriptionId }, select });
    return sub?.package ?? null;
  }
  if (!customerId) return null;
  const subs = await scope.tx.subscription.findMany({
    where: { customerId, status: "ACTIVE" },
    select,
    orderBy: { createdAt: "asc" },
  });
  const withSla = subs
    .map((s) => s.package)
    .filter((p) => p.slaResponseMinutes !== null || p.slaResolutionMinutes !== null);
  withSla.sort(
    (a, b) =>
      (a.slaResponseMinutes ?? Infinity) - (b.slaResponseMinutes ?? Infinity) ||
      (a.slaResolutionMinutes ?? Infinity) - (b.slaResolutionMinutes ?? Infinity),
  );
  return withSla[0] ?? null;
}

/**
 * Targets for a priority: the company's SLA target (built-in defaults if it has none), each one
 * replaced by the package's SLA where the package defines it. Business-hours targets run on the
 * company's default calendar (24×7 when it has none).
 */
export async function targetsFor(
  scope: Scope,
  priority: TicketPriority,
  customerId?: string | null,
  subscriptionId?: string | null,
): Promise<Targets> {
  const [target, calendar, pkg] = await inOrder([
    scope.tx.slaTarget.findUnique({ where: { companyId_priority: { companyId: scope.companyId, priority } } }),
    scope.tx.businessCalendar.findFirst({
      where: { isDefault: true },
      select: { id: true },
      orderBy: { createdAt: "asc" },
    }),
    () => packageSla(scope, customerId, subscriptionId),
  ]);
  const base = target ?? { ...DEFAULT_TARGETS[priority], priority };
  const response = pkg?.slaResponseMinutes ?? null;
  const resolution = pkg?.slaResolutionMinutes ?? null;
  return {
    calendarId: base.businessHours ? (calendar?.id ?? null) : null,
    slaSource: response !== null || resolution !== null ? "package" : "priority",
    responseTargetMin: response ?? base.responseMin,
    resolutionTargetMin: resolution ?? base.resolutionMin,
  };
}

// ─── Clock operations ───────────────────────────────────────────────────────────────────────

const MIN = 60_000;

/** The SLA fields of a new ticket, both clocks starting at `from`. */
export async function startClock(
  scope: Scope,
  input: { priority: TicketPriority; customerId?: string | null; subscriptionId?: string | null; from: Date },
): Promise<SlaFields> {
  const targets = await targetsFor(scope, input.priority, input.customerId, input.subscriptionId);
  const cal = await loadCalendar(scope, targets.calendarId);
  return {
    ...targets,
    responseDueAt: addBusinessMs(input.from, targets.responseTargetMin * MIN, cal),
    resolutionDueAt: addBusinessMs(input.from, targets.resolutionTargetMin * MIN, cal),
    slaPausedAt: null,
    resolutionLeftSec: null,
  };
}

/**
 * Breach flags that have become true by `now` (never cleared here): the response is late when
 * it came, or has not come, after its due time; a running resolution clock is late after its
 * due time. Returns only what changes.
 */
export function markBreaches(ticket: SlaTicket, now: Date): SlaUpdate {
  const update: SlaUpdate = {};
  const stopped = isStopped(ticket.status);
  if (!ticket.responseBreached && ticket.responseDueAt) {
    const answeredAt = ticket.firstRespondedAt ?? (stopped ? null : now);
    if (answeredAt && answeredAt.getTime() > ticket.responseDueAt.getTime()) update.responseBreached = true;
  }
  if (
    !ticket.resolutionBreached &&
    ticket.resolutionDueAt &&
    !ticket.slaPausedAt &&
    !stopped &&
    now.getTime() > ticket.resolutionDueAt.getTime()
  ) {
    update.resolutionBreached = true;
  }
  return update;
}

/** The first staff response: stops the response clock (late if after its due time). */
export function onFirstResponse(ticket: SlaTicket, now: Date): SlaUpdate {
  if (ticket.firstRespondedAt) return {};
  const late = !!ticket.responseDueAt && now.getTime() > ticket.responseDueAt.getTime();
  return { firstRespondedAt: now, ...(late && !ticket.responseBreached ? { responseBreached: true } : {}) };
}

/** Business seconds of the resolution target still left at `now` (negative when overdue). */
async function resolutionLeft(scope: Scope, ticket: SlaTicket, now: Date, cal?: Calendar): Promise<number | null> {
  if (ticket.slaPausedAt && ticket.resolutionLeftSec !== null) return ticket.resolutionLeftSec;
  if (!ticket.resolutionDueAt) return null;
  return businessSecondsBetween(
    now,
    ticket.resolutionDueAt,
    cal === undefined ? await loadCalendar(scope, ticket.calendarId) : cal,
  );
}

/**
 * The SLA side of a status change, as Ticket field updates:
 * - into WAITING_ON_CUSTOMER the resolution clock stops: what is left is kept, the due time cleared;
 * - out of it (to any open status, or straight to resolved) the clock resumes with what was left;
 * - REOPENED starts a new resolution clock (full target, next slaCycle, so rules can fire again);
 * - RESOLVED/CLOSED from an open status stop the clocks and record a late resolution.
 */
export async function onStatusChange(
  scope: Scope,
  ticket: SlaTicket,
  toStatus: TicketStatus,
  now: Date,
): Promise<SlaUpdate> {
  const from = ticket.status;
  if (from === toStatus) return {};
  const cal = await loadCalendar(scope, ticket.calendarId);

  // Back to work after resolution (REOPENED, or any open status): a fresh resolution clock.
  if (toStatus === "REOPENED" || (isStopped(from) && !isStopped(toStatus))) {
    return {
      slaCycle: ticket.slaCycle + 1,
      resolutionDueAt: addBusinessMs(now, ticket.resolutionTargetMin * MIN, cal),
      resolutionBreached: false,
      slaPausedAt: null,
      resolutionLeftSec: null,
    };
  }

  const update: SlaUpdate = {};
  let view: SlaTicket = ticket;
  if (ticket.slaPausedAt && toStatus !== "WAITING_ON_CUSTOMER") {
    // Resume: the due time is what was left, counted from now.
    const left = Math.max(0, ticket.resolutionLeftSec ?? 0);
    Object.assign(update, {
      resolutionDueAt: addBusinessMs(now, left * 1000, cal),
      slaPausedAt: null,
      resolutionLeftSec: null,
    });
    view = { ...ticket, ...update };
  }

  if (toStatus === "WAITING_ON_CUSTOMER" && !ticket.slaPausedAt && !isStopped(from) && ticket.resolutionDueAt) {
    const left = (await resolutionLeft(scope, ticket, now, cal))!;
    return {
      ...markBreaches(ticket, now),
      slaPausedAt: now,
      resolutionLeftSec: Math.max(0, left),
      resolutionDueAt: null,
      ...(left < 0 && !ticket.resolutionBreached ? { resolutionBreached: true } : {}),
    };
  }

  if (isStopped(toStatus) && !isStopped(from)) {
    // Judge the clocks at the moment they stop (markBreaches on the still-open state).
    return { ...update, ...markBreaches({ ...view, status: from }, now) };
  }
  return { ...update, ...markBreaches({ ...view, status: toStatus }, now) };
}

/**
 * New targets for a new priority. The response clock is measured from the ticket's creation;
 * the resolution clock keeps the business time already used (pauses excluded) and counts it
 * against the new target. Breach flags are recomputed for the new targets.
 */
export async function onPriorityChange(
  scope: Scope,
  ticket: SlaTicket,
  priority: TicketPriority,
  now: Date,
): Promise<SlaUpdate> {
  const oldCal = await loadCalendar(scope, ticket.calendarId);
  const targets = await targetsFor(scope, priority, ticket.customerId, ticket.subscriptionId);
  const cal = targets.calendarId === ticket.calendarId ? oldCal : await loadCalendar(scope, targets.calendarId);
  const responseDueAt = addBusinessMs(ticket.createdAt, targets.responseTargetMin * MIN, cal);
  const answeredAt = ticket.firstRespondedAt ?? (isStopped(ticket.status) ? null : now);
  const update: SlaUpdate = {
    ...targets,
    responseDueAt,
    responseBreached: answeredAt ? answeredAt.getTime() > responseDueAt.getTime() : ticket.responseBreached,
  };
  if (isStopped(ticket.status)) return update;

  const left = await resolutionLeft(scope, ticket, now, oldCal);
  const usedSec = left === null ? 0 : ticket.resolutionTargetMin * 60 - left;
  const newLeft = targets.resolutionTargetMin * 60 - usedSec;
  if (ticket.slaPausedAt) {
    update.resolutionLeftSec = Math.max(0, newLeft);
    update.resolutionBreached = newLeft <= 0 ? true : false;
  } else {
    // Overdue under the new target: the due time lies in the past by the business time overrun.
    update.resolutionDueAt =
      newLeft >= 0 ? addBusinessMs(now, newLeft * 1000, cal) : new Date(now.getTime() + newLeft * 1000);
    update.resolutionBreached = newLeft < 0;
  }
  return update;
}
