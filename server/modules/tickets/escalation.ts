import type { EscalationRule, Ticket, TicketPriority } from "../../db/generated/prisma/client";
import { withTenant, type Tx } from "../../db/tenant";
import { newId } from "../../lib/ids";
import * as notifications from "../notifications/service";
import type { Scope } from "../scope";
import { businessSecondsBetween, type Calendar } from "../sla/clock";
import * as sla from "../sla/service";
import { isOpen, OPEN_STATUSES, PRIORITY_LABELS } from "./schema";
import { escalate, ESCALATION_ACTOR } from "./service";

// Escalation: every few minutes (server/jobs/functions/sla-escalations.ts) each company's open
// tickets are measured against the SLA module's active rules. A rule fires once per ticket and
// SLA cycle: the TicketEscalation row is inserted with ON CONFLICT DO NOTHING on (ticketId,
// ruleId, slaCycle), and only the run whose insert succeeded acts, so overlapping or repeated
// runs are harmless. Each ticket is handled in its own transaction with the ticket row locked, so
// a failure on one ticket does not hold back the others and a concurrent edit of the ticket
// waits for it. The SLA module says what the targets and rules are; acting on the ticket is this
// module's, through escalate() in service.ts, so an escalation leaves the history any change does.

const PRIORITY_ABOVE: Record<TicketPriority, TicketPriority | null> = {
  LOW: "MEDIUM",
  MEDIUM: "HIGH",
  HIGH: "CRITICAL",
  CRITICAL: null,
};

/** Share of a target used (percent, fractional) when the clock is due at `dueAt`. */
function usedPct(targetMin: number, dueAt: Date, now: Date, cal: Calendar): number {
  if (targetMin <= 0) return 100;
  const left = businessSecondsBetween(now, dueAt, cal);
  return ((targetMin * 60 - left) / (targetMin * 60)) * 100;
}

type ClockTicket = Pick<
  Ticket,
  | "priority"
  | "status"
  | "firstRespondedAt"
  | "responseDueAt"
  | "responseTargetMin"
  | "resolutionDueAt"
  | "resolutionTargetMin"
  | "slaPausedAt"
  | "mergedIntoId"
>;

/** The rules (ascending threshold) a ticket has reached now. Paused and closed tickets reach none. */
function rulesReached(ticket: ClockTicket, rules: EscalationRule[], cal: Calendar, now: Date): EscalationRule[] {
  if (!isOpen(ticket.status) || ticket.slaPausedAt || ticket.mergedIntoId) return [];
  const pct = {
    RESPONSE:
      !ticket.firstRespondedAt && ticket.responseDueAt
        ? usedPct(ticket.responseTargetMin, ticket.responseDueAt, now, cal)
        : null,
    RESOLUTION: ticket.resolutionDueAt ? usedPct(ticket.resolutionTargetMin, ticket.resolutionDueAt, now, cal) : null,
  };
  return rules
    .filter((r) => r.active && (r.priorities.length === 0 || r.priorities.includes(ticket.priority)))
    .filter((r) => pct[r.clock] !== null && pct[r.clock]! >= r.thresholdPct)
    .sort((a, b) => a.thresholdPct - b.thresholdPct || a.createdAt.getTime() - b.createdAt.getTime());
}

export interface EscalationRun {
  checked: number;
  fired: number;
  breachesMarked: number;
}

/** One company's sweep. Safe to run at any time, any number of times. */
export async function runEscalations(companyId: string, now = new Date()): Promise<EscalationRun> {
  const scan = await withTenant(companyId, async (tx) => {
    const breachesMarked = await markOverdue(tx, now);
    const scope: Scope = { tx, companyId, actor: SYSTEM };
    const rules = await sla.activeEscalationRules(scope);
    if (rules.length === 0) return { checked: 0, breachesMarked, due: [] as string[] };
    const tickets = await tx.ticket.findMany({
      where: {
        status: { in: [...OPEN_STATUSES] },
        mergedIntoId: null,
        slaPausedAt: null,
        OR: [{ firstRespondedAt: null, responseDueAt: { not: null } }, { resolutionDueAt: { not: null } }],
      },
      select: {
        id: true,
        calendarId: true,
        slaCycle: true,
        priority: true,
        status: true,
        firstRespondedAt: true,
        responseDueAt: true,
        responseTargetMin: true,
        resolutionDueAt: true,
        resolutionTargetMin: true,
        slaPausedAt: true,
        mergedIntoId: true,
      },
    });
    const calendars = await sla.loadCalendars(
      scope,
      tickets.map((t) => t.calendarId),
    );
    const fired = new Set(
      (
        await tx.ticketEscalation.findMany({
          where: { ticketId: { in: tickets.map((t) => t.id) } },
          select: { ticketId: true, ruleId: true, slaCycle: true },
        })
      ).map((e) => `${e.ticketId}:${e.ruleId}:${e.slaCycle}`),
    );
    const due = tickets
      .filter((t) =>
        rulesReached(t, rules, t.calendarId ? (calendars.get(t.calendarId) ?? null) : null, now).some(
          (r) => !fired.has(`${t.id}:${r.id}:${t.slaCycle}`),
        ),
      )
      .map((t) => t.id);
    return { checked: tickets.length, breachesMarked, due };
  });

  let fired = 0;
  for (const ticketId of scan.due) {
    fired += await withTenant(companyId, (tx) => escalateTicket({ tx, companyId, actor: SYSTEM }, ticketId, now));
  }
  return { checked: scan.checked, fired, breachesMarked: scan.breachesMarked };
}

const SYSTEM = { type: "SYSTEM" as const, label: ESCALATION_ACTOR };

/** Breach flags of every open ticket whose running clock is past due (also between rule runs). */
async function markOverdue(tx: Tx, now: Date): Promise<number> {
  const open = { status: { in: [...OPEN_STATUSES] } };
  const response = await tx.ticket.updateMany({
    where: { ...open, responseBreached: false, firstRespondedAt: null, responseDueAt: { lt: now } },
    data: { responseBreached: true },
  });
  const resolution = await tx.ticket.updateMany({
    where: { ...open, resolutionBreached: false, slaPausedAt: null, resolutionDueAt: { lt: now } },
    data: { resolutionBreached: true },
  });
  return response.count + resolution.count;
}

/** Fires the rules one ticket has reached; returns how many fired (0 when another run got there first). */
export async function escalateTicket(scope: Scope, ticketId: string, now: Date): Promise<number> {
  const { tx, companyId } = scope;
  // The row lock orders this with concurrent edits of the ticket and with an overlapping run.
  await tx.$queryRaw`SELECT id FROM "Ticket" WHERE id = ${ticketId} FOR UPDATE`;
  let ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
  if (!ticket) return 0;
  const rules = await sla.activeEscalationRules(scope);
  const reached = rulesReached(ticket, rules, await sla.loadCalendar(scope, ticket.calendarId), now);
  if (reached.length === 0) return 0;
  const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } });

  let fired = 0;
  for (const rule of reached) {
    const plan = await planActions(tx, ticket, rule);
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "TicketEscalation" (id, "companyId", "ticketId", "ruleId", "slaCycle", actions, "firedAt")
      VALUES (${newId()}, ${companyId}, ${ticket.id}, ${rule.id}, ${ticket.slaCycle}, ${plan.actions}::text[], ${now})
      ON CONFLICT ("ticketId", "ruleId", "slaCycle") DO NOTHING
      RETURNING id`;
    if (inserted.length === 0) continue;
    fired++;
    ticket = await act(scope, ticket, rule, plan, now, company.timeZone);
  }
  return fired;
}

interface Plan {
  actions: string[];
  recipients: string[];
  raiseTo: TicketPriority | null;
  leadId: string | null;
  leadName: string | null;
}

/** What the rule will do to this ticket, decided before the escalation is recorded. */
async function planActions(tx: Tx, ticket: Ticket, rule: EscalationRule): Promise<Plan> {
  const profile = ticket.assigneeId
    ? await tx.staffProfile.findUnique({
        where: { userId: ticket.assigneeId },
        select: { teamLead: { select: { id: true, name: true, status: true } } },
      })
    : null;
  const lead =
    profile?.teamLead && profile.teamLead.status === "ACTIVE" && profile.teamLead.id !== ticket.assigneeId
      ? profile.teamLead
      : null;
  const watchers = (await tx.ticketWatcher.findMany({ where: { ticketId: ticket.id }, select: { userId: true } })).map(
    (w) => w.userId,
  );
  // Nobody assigned: the desk's managers hear about it, so a breach is never silent.
  const managers = ticket.assigneeId
    ? []
    : (
        await tx.user.findMany({ where: { role: "CUSTOMER_SERVICE_MANAGER", status: "ACTIVE" }, select: { id: true } })
      ).map((u) => u.id);
  const recipients = rule.notify
    ? [...new Set([ticket.assigneeId, lead?.id, ...watchers, ...managers].filter((id): id is string => !!id))]
    : [];
  const raiseTo = rule.raisePriority ? PRIORITY_ABOVE[ticket.priority] : null;
  const leadId = rule.reassignToLead && lead ? lead.id : null;
  const actions = [
    recipients.length > 0 && "notify",
    raiseTo && "raise_priority",
    leadId && "reassign",
    rule.thresholdPct >= 100 && "mark_breached",
  ].filter((a): a is string => !!a);
  return { actions, recipients, raiseTo, leadId, leadName: leadId ? lead!.name : null };
}

async function act(
  scope: Scope,
  ticket: Ticket,
  rule: EscalationRule,
  plan: Plan,
  now: Date,
  timeZone: string,
): Promise<Ticket> {
  const clock = rule.clock === "RESPONSE" ? "response" : "resolution";
  const dueBefore = rule.clock === "RESPONSE" ? ticket.responseDueAt : ticket.resolutionDueAt;

  const done = [
    plan.recipients.length > 0 &&
      `notified ${plan.recipients.length === 1 ? "1 person" : `${plan.recipients.length} people`}`,
    plan.raiseTo && `priority ${PRIORITY_LABELS[ticket.priority]} → ${PRIORITY_LABELS[plan.raiseTo]}`,
    plan.leadId && `reassigned to ${plan.leadName}`,
  ].filter(Boolean);
  const note = `${rule.thresholdPct}% of the ${clock} target${done.length > 0 ? `: ${done.join("; ")}` : ""}.`;
  const after = await escalate(
    scope,
    ticket,
    {
      rule,
      actions: plan.actions,
      raiseTo: plan.raiseTo,
      assigneeId: plan.leadId,
      breached: rule.thresholdPct >= 100 ? rule.clock : null,
      note,
    },
    now,
  );

  if (plan.recipients.length > 0) {
    const breached = rule.thresholdPct >= 100;
    const dueText = dueBefore
      ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(dueBefore)
      : null;
    await notifications.notify(scope, {
      userIds: plan.recipients,
      kind: breached ? "sla.breached" : "sla.near_breach",
      title: breached
        ? `Ticket #${ticket.number} breached its ${clock} target`
        : `Ticket #${ticket.number} is at ${rule.thresholdPct}% of its ${clock} target`,
      body: [
        ticket.subject,
        dueText && `${breached ? "Was due" : "Due"} ${dueText}.`,
        done.length > 1 ? `Escalation: ${done.slice(1).join("; ")}.` : null,
      ]
        .filter(Boolean)
        .join("\n"),
      link: `/tickets/${ticket.id}`,
      // Breaches also go by e-mail; near-breach warnings stay in the bell.
      email: breached,
    });
  }
  return after;
}
