import { ROLE_LABELS } from "../../auth/permissions";
import type { Role } from "../../db/generated/prisma/enums";
import { customerDisplayName } from "../customers/schema";
import { toCsv } from "../../lib/csv";
import type { Scope } from "../scope";
import { localDate, zonedWallToInstant } from "../sla/clock";
import { addDays, reportRangeSchema, type ReportRangeInput } from "./schema";

// Support performance over a date range, computed in SQL over the company's tickets inside the
// tenant transaction (RLS applies; the companyId condition is there for the indexes).
//
// Which tickets count: SLA compliance, first-response and resolution times and the reopen rate
// are about tickets *created* in the range (merged duplicates left out); "resolved" per
// technician counts resolutions *in* the range; CSAT counts ratings given in the range. A clock
// that has neither been met nor breached yet (still running) is left out of compliance.

const OPEN = `('NEW','ASSIGNED','IN_PROGRESS','WAITING_ON_CUSTOMER','REOPENED')`;
const DONE = `('RESOLVED','CLOSED')`;

interface Range {
  from: string;
  to: string;
  start: Date;
  end: Date;
  timeZone: string;
}

async function rangeOf(scope: Scope, input: ReportRangeInput, now: Date): Promise<Range> {
  const r = reportRangeSchema.parse(input ?? {});
  const { timeZone } = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { timeZone: true },
  });
  const to = r.to ?? localDate(now, timeZone);
  const from = r.from ?? addDays(to, -29);
  const midnight = (d: string) => new Date(zonedWallToInstant(Date.parse(`${d}T00:00:00Z`), timeZone));
  return { from, to, start: midnight(from), end: midnight(addDays(to, 1)), timeZone };
}

interface ComplianceRow {
  key: string;
  label: string;
  tickets: number;
  responseMet: number;
  responseBreached: number;
  resolutionMet: number;
  resolutionBreached: number;
}

const pct = (met: number, breached: number) =>
  met + breached === 0 ? null : Math.round((met / (met + breached)) * 1000) / 10;
const withPct = (r: ComplianceRow) => ({
  ...r,
  responsePct: pct(r.responseMet, r.responseBreached),
  resolutionPct: pct(r.resolutionMet, r.resolutionBreached),
});

export async function overview(scope: Scope, input: ReportRangeInput, now = new Date()) {
  const range = await rangeOf(scope, input, now);
  const { tx, companyId } = scope;
  const { start, end, timeZone } = range;

  // Each ticket's two clocks as met / breached / pending.
  const states = `
    SELECT t.priority::text AS priority, t."categoryId",
      CASE
        WHEN t."responseBreached"
          OR (t."firstRespondedAt" IS NOT NULL AND t."responseDueAt" IS NOT NULL AND t."firstRespondedAt" > t."responseDueAt")
          OR (t."firstRespondedAt" IS NULL AND t.status IN ${OPEN} AND t."responseDueAt" < $4) THEN 'breached'
        WHEN t."firstRespondedAt" IS NOT NULL OR t.status IN ${DONE} THEN 'met'
        ELSE 'pending' END AS response,
      CASE
        WHEN t."resolutionBreached"
          OR (t.status IN ${OPEN} AND t."slaPausedAt" IS NULL AND t."resolutionDueAt" < $4) THEN 'breached'
        WHEN t.status IN ${DONE} THEN 'met'
        ELSE 'pending' END AS resolution
    FROM "Ticket" t
    WHERE t."companyId" = $1 AND t."createdAt" >= $2 AND t."createdAt" < $3 AND t."mergedIntoId" IS NULL`;
  const counts = `
      count(*)::int AS tickets,
      count(*) FILTER (WHERE response = 'met')::int AS "responseMet",
      count(*) FILTER (WHERE response = 'breached')::int AS "responseBreached",
      count(*) FILTER (WHERE resolution = 'met')::int AS "resolutionMet",
      count(*) FILTER (WHERE resolution = 'breached')::int AS "resolutionBreached"`;

  const byPriority = await tx.$queryRawUnsafe<ComplianceRow[]>(
    `WITH s AS (${states}) SELECT priority AS key, priority AS label, ${counts} FROM s GROUP BY priority`,
    companyId,
    start,
    end,
    now,
  );
  const byCategory = await tx.$queryRawUnsafe<ComplianceRow[]>(
    `WITH s AS (${states}) SELECT c.id AS key, c.name AS label, ${counts} FROM s JOIN "TicketCategory" c ON c.id = s."categoryId" GROUP BY c.id, c.name ORDER BY count(*) DESC, c.name`,
    companyId,
    start,
    end,
    now,
  );
  const [total] = await tx.$queryRawUnsafe<ComplianceRow[]>(
    `WITH s AS (${states}) SELECT 'all' AS key, 'All' AS label, ${counts} FROM s`,
    companyId,
    start,
    end,
    now,
  );

  const [perf] = await tx.$queryRawUnsafe<
    {
      firstResponseMedianSec: number | null;
      firstResponseAvgSec: number | null;
      responded: number;
      resolutionMedianSec: number | null;
      resolutionAvgSec: number | null;
      resolved: number;
      everResolved: number;
      reopened: number;
    }[]
  >(
    `SELECT
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t."firstRespondedAt" - t."createdAt")::float8) FILTER (WHERE t."firstRespondedAt" IS NOT NULL) AS "firstResponseMedianSec",
      (avg(extract(epoch FROM t."firstRespondedAt" - t."createdAt")) FILTER (WHERE t."firstRespondedAt" IS NOT NULL))::float8 AS "firstResponseAvgSec",
      count(t."firstRespondedAt")::int AS responded,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t."resolvedAt" - t."createdAt")::float8) FILTER (WHERE t."resolvedAt" IS NOT NULL AND t.status IN ${DONE}) AS "resolutionMedianSec",
      (avg(extract(epoch FROM t."resolvedAt" - t."createdAt")) FILTER (WHERE t."resolvedAt" IS NOT NULL AND t.status IN ${DONE}))::float8 AS "resolutionAvgSec",
      count(*) FILTER (WHERE t."resolvedAt" IS NOT NULL AND t.status IN ${DONE})::int AS resolved,
      count(*) FILTER (WHERE t."resolvedAt" IS NOT NULL OR t."reopenCount" > 0)::int AS "everResolved",
      count(*) FILTER (WHERE t."reopenCount" > 0)::int AS reopened
    FROM "Ticket" t
    WHERE t."companyId" = $1 AND t."createdAt" >= $2 AND t."createdAt" < $3 AND t."mergedIntoId" IS NULL`,
    companyId,
    start,
    end,
  );

  const technicians = await technicianRows(scope, range);

  const csatCounts = await tx.$queryRawUnsafe<{ rating: number; n: number }[]>(
    `SELECT t."csatRating" AS rating, count(*)::int AS n FROM "Ticket" t
     WHERE t."companyId" = $1 AND t."csatAt" >= $2 AND t."csatAt" < $3 AND t."csatRating" BETWEEN 1 AND 5 GROUP BY 1`,
    companyId,
    start,
    end,
  );
  const distribution = [1, 2, 3, 4, 5].map((rating) => ({
    rating,
    count: csatCounts.find((c) => c.rating === rating)?.n ?? 0,
  }));
  const rated = distribution.reduce((s, d) => s + d.count, 0);
  const comments = await tx.ticket.findMany({
    where: {
      csatAt: { gte: start, lt: end },
      csatRating: { not: null },
      AND: [{ csatComment: { not: null } }, { csatComment: { not: "" } }],
    },
    orderBy: { csatAt: "desc" },
    take: 10,
    select: {
      id: true,
      number: true,
      subject: true,
      csatRating: true,
      csatComment: true,
      csatAt: true,
      customer: { select: { type: true, firstName: true, lastName: true, businessName: true } },
      assignee: { select: { name: true } },
    },
  });

  // Tickets created and resolved per local day, every day of the range present.
  const perDay = await tx.$queryRawUnsafe<{ day: string; created: number; resolved: number }[]>(
    `WITH c AS (
       SELECT to_char(t."createdAt" AT TIME ZONE $4, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM "Ticket" t
       WHERE t."companyId" = $1 AND t."createdAt" >= $2 AND t."createdAt" < $3 AND t."mergedIntoId" IS NULL GROUP BY 1),
     r AS (
       SELECT to_char(t."resolvedAt" AT TIME ZONE $4, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM "Ticket" t
       WHERE t."companyId" = $1 AND t."resolvedAt" >= $2 AND t."resolvedAt" < $3 AND t."mergedIntoId" IS NULL GROUP BY 1)
     SELECT coalesce(c.day, r.day) AS day, coalesce(c.n, 0) AS created, coalesce(r.n, 0) AS resolved FROM c FULL JOIN r ON r.day = c.day`,
    companyId,
    start,
    end,
    timeZone,
  );
  const days: { day: string; created: number; resolved: number }[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1))
    days.push(perDay.find((p) => p.day === d) ?? { day: d, created: 0, resolved: 0 });

  return {
    range: { from: range.from, to: range.to, timeZone },
    compliance: {
      overall: withPct(
        total ?? {
          key: "all",
          label: "All",
          tickets: 0,
          responseMet: 0,
          responseBreached: 0,
          resolutionMet: 0,
          resolutionBreached: 0,
        },
      ),
      byPriority: (["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const).map((p) =>
        withPct(
          byPriority.find((r) => r.key === p) ?? {
            key: p,
            label: p,
            tickets: 0,
            responseMet: 0,
            responseBreached: 0,
            resolutionMet: 0,
            resolutionBreached: 0,
          },
        ),
      ),
      byCategory: byCategory.map(withPct),
    },
    performance: {
      tickets: total?.tickets ?? 0,
      firstResponse: {
        medianSec: round(perf.firstResponseMedianSec),
        avgSec: round(perf.firstResponseAvgSec),
        count: perf.responded,
      },
      resolution: {
        medianSec: round(perf.resolutionMedianSec),
        avgSec: round(perf.resolutionAvgSec),
        count: perf.resolved,
      },
      reopen: {
        reopened: perf.reopened,
        resolved: perf.everResolved,
        ratePct: perf.everResolved === 0 ? null : Math.round((perf.reopened / perf.everResolved) * 1000) / 10,
      },
    },
    perDay: days,
    technicians,
    csat: {
      average:
        rated === 0 ? null : Math.round((distribution.reduce((s, d) => s + d.rating * d.count, 0) / rated) * 100) / 100,
      rated,
      distribution,
      comments: comments.map((c) => ({
        ticketId: c.id,
        number: c.number,
        subject: c.subject,
        rating: c.csatRating!,
        comment: c.csatComment!,
        at: c.csatAt!,
        customer: c.customer ? customerDisplayName(c.customer) : null,
        technician: c.assignee?.name ?? null,
      })),
    },
  };
}
export type SupportOverview = Awaited<ReturnType<typeof overview>>;

const round = (v: number | null) => (v === null ? null : Math.round(v));

/** Per assignee: open now, resolved in the range (with times, SLA met and CSAT of those). */
async function technicianRows(scope: Scope, range: Range) {
  const rows = await scope.tx.$queryRawUnsafe<
    {
      userId: string;
      name: string;
      role: Role;
      open: number;
      resolved: number;
      resolutionMedianSec: number | null;
      resolutionAvgSec: number | null;
      resolvedInTarget: number;
      csatAverage: number | null;
      rated: number;
    }[]
  >(
    `WITH o AS (
       SELECT t."assigneeId" AS id, count(*)::int AS n FROM "Ticket" t
       WHERE t."companyId" = $1 AND t.status IN ${OPEN} AND t."assigneeId" IS NOT NULL AND t."mergedIntoId" IS NULL GROUP BY 1),
     r AS (
       SELECT t."assigneeId" AS id, count(*)::int AS n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM t."resolvedAt" - t."createdAt")::float8) AS med,
         avg(extract(epoch FROM t."resolvedAt" - t."createdAt"))::float8 AS avg,
         count(*) FILTER (WHERE NOT t."resolutionBreached")::int AS met,
         avg(t."csatRating")::float8 AS csat,
         count(t."csatRating")::int AS rated
       FROM "Ticket" t
       WHERE t."companyId" = $1 AND t."resolvedAt" >= $2 AND t."resolvedAt" < $3 AND t."assigneeId" IS NOT NULL AND t."mergedIntoId" IS NULL GROUP BY 1)
     SELECT u.id AS "userId", u.name, u.role::text AS role, coalesce(o.n, 0) AS open, coalesce(r.n, 0) AS resolved,
       r.med AS "resolutionMedianSec", r.avg AS "resolutionAvgSec", coalesce(r.met, 0) AS "resolvedInTarget", r.csat AS "csatAverage", coalesce(r.rated, 0) AS rated
     FROM "User" u LEFT JOIN o ON o.id = u.id LEFT JOIN r ON r.id = u.id
     WHERE u."companyId" = $1 AND (o.n IS NOT NULL OR r.n IS NOT NULL)
     ORDER BY coalesce(r.n, 0) DESC, coalesce(o.n, 0) DESC, u.name`,
    scope.companyId,
    range.start,
    range.end,
  );
  return rows.map((r) => ({
    ...r,
    roleLabel: ROLE_LABELS[r.role] ?? r.role,
    resolutionMedianSec: round(r.resolutionMedianSec),
    resolutionAvgSec: round(r.resolutionAvgSec),
    inTargetPct: r.resolved === 0 ? null : Math.round((r.resolvedInTarget / r.resolved) * 1000) / 10,
    csatAverage: r.csatAverage === null ? null : Math.round(r.csatAverage * 100) / 100,
  }));
}

const hours = (sec: number | null) => (sec === null ? "" : (sec / 3600).toFixed(1));

/** The per-technician table as CSV (cells that look like formulas are escaped). */
export async function technicianCsv(scope: Scope, input: ReportRangeInput, now = new Date()) {
  const range = await rangeOf(scope, input, now);
  const rows = await technicianRows(scope, range);
  const fields = [
    "Technician",
    "Role",
    "Open now",
    `Resolved ${range.from} to ${range.to}`,
    "Resolved within target (%)",
    "Median resolution (hours)",
    "Average resolution (hours)",
    "CSAT average",
    "CSAT ratings",
  ];
  const data = rows.map((r) => [
    r.name,
    r.roleLabel,
    r.open,
    r.resolved,
    r.inTargetPct ?? "",
    hours(r.resolutionMedianSec),
    hours(r.resolutionAvgSec),
    r.csatAverage ?? "",
    r.rated,
  ]);
  const csv = toCsv(fields, data);
  return { filename: `technicians-${range.from}-to-${range.to}.csv`, csv, rows: rows.length };
}
