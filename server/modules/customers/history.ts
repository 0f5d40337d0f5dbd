import { inOrder } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import type { Scope } from "../scope";

// What happened to a customer (timeline) and how much they used (usage): read-only views that
// gather rows of the audit, subscription and service-request tables for one customer.

export interface TimelineItem {
  id: string;
  at: Date;
  source: "audit" | "subscription" | "service_request" | "ticket";
  action: string;
  actor: string | null;
  /** Extra facts: before/after of an audit entry, from/to status of a subscription event, … */
  details: Record<string, unknown>;
}

const TIMELINE_LIMIT = 200;

// The audit actions the service-requests module records when an approved change takes effect or
// fails (service-requests/apply.ts). Named here rather than imported: service requests depend on
// customers (through subscriptions), so customers must not import them back.
const APPLIED = "service_request.apply";
const APPLICATION_ACTIONS = [APPLIED, "service_request.apply_failed"];

async function assertCustomer(scope: Scope, id: string) {
  const found = await scope.tx.customer.findUnique({ where: { id }, select: { id: true } });
  if (!found) throw new NotFound("Customer");
}

/** Audit entries of the customer, its subscriptions' events and its service requests, newest first. */
export async function timeline(scope: Scope, customerId: string): Promise<TimelineItem[]> {
  await assertCustomer(scope, customerId);
  const [entries, events, requests, tickets] = await inOrder([
    scope.tx.auditEntry.findMany({
      where: { entityType: "Customer", entityId: customerId },
      orderBy: { createdAt: "desc" },
      take: TIMELINE_LIMIT,
    }),
    scope.tx.subscriptionEvent.findMany({
      where: { subscription: { customerId } },
      include: { subscription: { select: { package: { select: { name: true } } } } },
      orderBy: { createdAt: "desc" },
      take: TIMELINE_LIMIT,
    }),
    scope.tx.serviceRequest.findMany({ where: { customerId }, orderBy: { createdAt: "desc" }, take: TIMELINE_LIMIT }),
    scope.tx.ticket.findMany({
      where: { customerId },
      orderBy: { createdAt: "desc" },
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        number: true,
        subject: true,
        status: true,
        createdAt: true,
        resolvedAt: true,
        csatRating: true,
      },
    }),
  ]);
  // When an approved change took effect (at approval or on its date, by the job) or could not.
  const applications = await scope.tx.auditEntry.findMany({
    where: {
      entityType: "ServiceRequest",
      entityId: { in: requests.map((r) => r.id) },
      action: { in: APPLICATION_ACTIONS },
    },
    orderBy: { createdAt: "desc" },
    take: TIMELINE_LIMIT,
  });
  const requestById = new Map(requests.map((r) => [r.id, r]));
  const items: TimelineItem[] = [
    ...entries.map((e) => ({
      id: e.id,
      at: e.createdAt,
      source: "audit" as const,
      action: e.action,
      actor: e.actorLabel,
      details: { before: e.before, after: e.after },
    })),
    ...events.map((e) => ({
      id: e.id,
      at: e.createdAt,
      source: "subscription" as const,
      action: "subscription.status_change",
      actor: e.actorLabel,
      details: {
        subscriptionId: e.subscriptionId,
        package: e.subscription.package.name,
        from: e.fromStatus,
        to: e.toStatus,
        reason: e.reason,
      },
    })),
    ...requests.flatMap((r) => {
      const opened = {
        id: `${r.id}:opened`,
        at: r.createdAt,
        source: "service_request" as const,
        action: "service_request.opened",
        actor: null,
        details: { kind: r.kind, status: r.status, note: r.note },
      };
      if (!r.decidedAt) return [opened];
      const decided = {
        id: `${r.id}:decided`,
        at: r.decidedAt,
        source: "service_request" as const,
        action: "service_request.decided",
        actor: null,
        details: { kind: r.kind, status: r.status, note: r.decisionNote },
      };
      return [decided, opened];
    }),
    ...applications.map((e) => {
      const r = requestById.get(e.entityId!)!;
      const after = (e.after ?? {}) as { error?: string };
      return {
        id: e.id,
        at: e.createdAt,
        source: "service_request" as const,
        action: e.action === APPLIED ? "service_request.applied" : "service_request.apply_failed",
        actor: e.actorLabel,
        details: {
          kind: r.kind,
          effectiveDate: r.effectiveDate?.toISOString().slice(0, 10) ?? null,
          error: after.error ?? null,
        },
      };
    }),
    // Support tickets: when each was opened and, if so, resolved.
    ...tickets.flatMap((t) => {
      const details = { ticketId: t.id, number: t.number, subject: t.subject, status: t.status };
      const opened = {
        id: `${t.id}:opened`,
        at: t.createdAt,
        source: "ticket" as const,
        action: "ticket.opened",
        actor: null,
        details,
      };
      if (!t.resolvedAt) return [opened];
      const resolved = {
        id: `${t.id}:resolved`,
        at: t.resolvedAt,
        source: "ticket" as const,
        action: "ticket.resolved",
        actor: null,
        details: { ...details, csatRating: t.csatRating },
      };
      return [resolved, opened];
    }),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime() || b.id.localeCompare(a.id)).slice(0, TIMELINE_LIMIT);
}

export interface UsageRange {
  from?: Date;
  to?: Date;
}

/** Daily totals over the customer's subscriptions, and per calendar month (the billing cycle). */
export async function usage(scope: Scope, customerId: string, range: UsageRange = {}) {
  await assertCustomer(scope, customerId);
  const to = range.to ?? new Date();
  const from = range.from ?? new Date(to.getTime() - 90 * 86_400_000);
  const daily = await scope.tx.$queryRaw<{ day: Date; download: bigint; upload: bigint }[]>`
    SELECT u.day, sum(u."downloadBytes")::bigint AS download, sum(u."uploadBytes")::bigint AS upload
    FROM "UsageDaily" u JOIN "Subscription" s ON s.id = u."subscriptionId"
    WHERE s."customerId" = ${customerId} AND u.day >= ${from}::date AND u.day <= ${to}::date
    GROUP BY u.day ORDER BY u.day`;
  const days = daily.map((d) => ({
    day: d.day.toISOString().slice(0, 10),
    downloadBytes: Number(d.download),
    uploadBytes: Number(d.upload),
  }));
  const months = new Map<string, { cycle: string; downloadBytes: number; uploadBytes: number }>();
  for (const d of days) {
    const cycle = d.day.slice(0, 7);
    const m = months.get(cycle) ?? { cycle, downloadBytes: 0, uploadBytes: 0 };
    m.downloadBytes += d.downloadBytes;
    m.uploadBytes += d.uploadBytes;
    months.set(cycle, m);
  }
  return {
    from: from.toISOString().slice(0, 10),
    to: to.toISOString().slice(0, 10),
    daily: days,
    cycles: [...months.values()],
  };
}
