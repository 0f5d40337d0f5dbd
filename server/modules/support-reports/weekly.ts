import { withTenant } from "../../db/tenant";
import * as audit from "../audit/service";
import * as notifications from "../notifications/service";
import { systemActor, type Scope } from "../scope";
import { localDate } from "../sla/clock";
import { formatDuration } from "../sla/view";
import { addDays } from "./schema";
import { overview } from "./service";

// The end-of-week review in the managers' inbox: on Monday from 07:00 in the company's zone, last
// week's (Monday–Sunday) SLA compliance, speed, reopen rate and satisfaction go to the super admins
// and customer service managers, in the bell and by e-mail, linking to the full report. Checked
// hourly; once per company and week (the audit entry "support.weekly_summary" keyed by the week's
// Monday), so a repeated or retried run sends nothing.

export const WEEKLY_SUMMARY_ACTION = "support.weekly_summary";
const SEND_FROM_HOUR = 7;

function localHour(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(at));
}

export type WeeklySummaryResult =
  | { sent: number; week: string }
  | { skipped: "not_monday" | "too_early" | "already_sent" | "nobody_to_tell"; week?: string };

export async function sendWeeklySummary(companyId: string, now = new Date()): Promise<WeeklySummaryResult> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { ...systemActor, label: "weekly summary" } };
    const { timeZone } = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } });
    const today = localDate(now, timeZone);
    if (new Date(`${today}T00:00:00Z`).getUTCDay() !== 1) return { skipped: "not_monday" };
    if (localHour(now, timeZone) < SEND_FROM_HOUR) return { skipped: "too_early" };
    const from = addDays(today, -7);
    const to = addDays(today, -1);
    if (
      await tx.auditEntry.findFirst({
        where: { action: WEEKLY_SUMMARY_ACTION, entityType: "SupportWeek", entityId: from },
        select: { id: true },
      })
    )
      return { skipped: "already_sent", week: from };

    const recipients = await tx.user.findMany({
      where: { role: { in: ["SUPER_ADMIN", "CUSTOMER_SERVICE_MANAGER"] }, status: "ACTIVE" },
      select: { id: true },
    });
    const report = await overview(scope, { from, to }, now);
    const pct = (v: number | null) => (v === null ? "n/a" : `${v}%`);
    const dur = (v: number | null) => (v === null ? "n/a" : formatDuration(v));
    const { compliance: c, performance: p, csat } = report;
    const top = report.technicians
      .filter((t) => t.resolved > 0)
      .slice(0, 3)
      .map((t) => `${t.name} (${t.resolved})`);
    const body = [
      `Tickets created: ${p.tickets}. Resolved: ${report.perDay.reduce((s, d) => s + d.resolved, 0)}.`,
      `SLA met: response ${pct(c.overall.responsePct)}, resolution ${pct(c.overall.resolutionPct)}.`,
      `First response (median): ${dur(p.firstResponse.medianSec)}. Resolution (median): ${dur(p.resolution.medianSec)}.`,
      `Reopen rate: ${pct(p.reopen.ratePct)}. Satisfaction: ${csat.average === null ? "no ratings" : `${csat.average.toFixed(1)} / 5 from ${csat.rated}`}.`,
      top.length > 0 ? `Most resolved: ${top.join(", ")}.` : null,
    ]
      .filter(Boolean)
      .join("\n");

    if (recipients.length > 0) {
      await notifications.notify(scope, {
        userIds: recipients.map((u) => u.id),
        kind: WEEKLY_SUMMARY_ACTION,
        title: `Support last week (${from} to ${to}): response SLA ${pct(c.overall.responsePct)}`,
        body,
        link: `/reports/support?from=${from}&to=${to}`,
        email: true,
      });
    }
    await audit.record(scope, {
      action: WEEKLY_SUMMARY_ACTION,
      entityType: "SupportWeek",
      entityId: from,
      after: { from, to, recipients: recipients.length, tickets: p.tickets },
    });
    return recipients.length > 0 ? { sent: recipients.length, week: from } : { skipped: "nobody_to_tell", week: from };
  });
}
