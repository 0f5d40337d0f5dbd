import { withTenant } from "../../db/tenant";
import * as audit from "../audit/service";
import { notify } from "../notifications/service";
import { systemActor, type Scope } from "../scope";
import { addDays, wallClock } from "../shifts/zone";
import { daysUntil } from "./schema";

// Certificate expiry reminders: the holder and their team lead hear 30 days and again 7 days
// before a certificate expires (a lapsed certificate takes the person out of routing for its
// skill). Run daily by an Inngest cron; safe to run any number of times.
//
// Idempotence: reminderSentAt is claimed with one conditional UPDATE per certificate and stage.
// A stage's reminder counts as sent when reminderSentAt falls on or after the first day of that
// stage's window (expiry − 30 or expiry − 7 days, in the company's local dates). A re-run, a
// retried step or a second worker finds the row already claimed and sends nothing; claim and
// notifications share one transaction, so a failed send leaves the reminder unclaimed for the
// next run. Changing the expiry date resets reminderSentAt (staff service), so a renewed
// certificate is reminded about again.

export const REMINDER_DAYS = [30, 7] as const;

export async function sendCertificationReminders(companyId: string, now: Date = new Date()) {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: systemActor };
    const { timeZone } = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } });
    const today = wallClock(now, timeZone).date;
    const due = await tx.certification.findMany({
      where: {
        expiresOn: {
          gte: new Date(`${today}T00:00:00Z`),
          lte: new Date(`${addDays(today, REMINDER_DAYS[0])}T00:00:00Z`),
        },
        user: { status: "ACTIVE", role: { not: "CUSTOMER" } },
      },
      select: {
        id: true,
        name: true,
        expiresOn: true,
        userId: true,
        user: { select: { name: true, staffProfile: { select: { teamLeadId: true } } } },
      },
      orderBy: [{ expiresOn: "asc" }, { id: "asc" }],
    });
    const dateLabel = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });
    let reminders = 0;
    let notifications = 0;
    for (const cert of due) {
      const expiresOn = cert.expiresOn!.toISOString().slice(0, 10);
      const daysLeft = daysUntil(expiresOn, today);
      const stage = daysLeft <= REMINDER_DAYS[1] ? REMINDER_DAYS[1] : REMINDER_DAYS[0];
      const windowStart = addDays(expiresOn, -stage);
      const claimed = await tx.$executeRaw`
        UPDATE "Certification" SET "reminderSentAt" = ${now}
        WHERE id = ${cert.id}
          AND ("reminderSentAt" IS NULL OR ("reminderSentAt" AT TIME ZONE ${timeZone})::date < ${windowStart}::date)`;
      if (claimed === 0) continue;

      const when = daysLeft === 0 ? "today" : daysLeft === 1 ? "tomorrow" : `in ${daysLeft} days`;
      const on = dateLabel.format(cert.expiresOn!);
      const body = `It expires on ${on}. Once it lapses, routing stops sending this person tickets that need the skill it covers. Renew it and update the expiry date on the profile.`;
      const link = `/team/${cert.userId}`;
      await notify(scope, {
        userIds: [cert.userId],
        kind: "certification_expiry",
        title: `Your ${cert.name} certificate expires ${when}`,
        body,
        link,
        email: true,
      });
      notifications++;
      const leadId = cert.user.staffProfile?.teamLeadId;
      if (leadId && leadId !== cert.userId) {
        await notify(scope, {
          userIds: [leadId],
          kind: "certification_expiry",
          title: `${cert.user.name}'s ${cert.name} certificate expires ${when}`,
          body,
          link,
          email: true,
        });
        notifications++;
      }
      await audit.record(scope, {
        action: "staff.certification_reminder",
        entityType: "Certification",
        entityId: cert.id,
        after: { stage, expiresOn, userId: cert.userId, teamLeadId: leadId ?? null },
      });
      reminders++;
    }
    return { reminders, notifications };
  });
}
