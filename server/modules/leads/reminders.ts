import { createElement } from "react";
import { LeadFollowUpEmail } from "../../../emails/lead-follow-up";
import { withTenant } from "../../db/tenant";
import { sendMail } from "../../lib/mailer";
import { companyUrl } from "../../lib/urls";
import * as audit from "../audit/service";
import { systemActor, type Scope } from "../scope";
import { STAGE_LABELS } from "./schema";
import { followUpsDue } from "./service";

// The daily e-mail to each lead owner listing their follow-ups that are due. Idempotent per
// owner and UTC day: the audit entry "lead.follow_up_reminder" is keyed on `<ownerId>:<day>`
// (entityId, which is indexed), so a retried or repeated run the same day sends nothing.

export const REMINDER_ACTION = "lead.follow_up_reminder";

export async function sendFollowUpReminders(companyId: string, now = new Date()) {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: systemActor };
    const company = await tx.company.findUniqueOrThrow({
      where: { id: companyId },
      select: { name: true, slug: true, timeZone: true },
    });
    const due = (await followUpsDue(scope, now)).filter((l) => l.owner);
    const byOwner = new Map<string, typeof due>();
    for (const l of due) byOwner.set(l.ownerId!, [...(byOwner.get(l.ownerId!) ?? []), l]);
    const day = now.toISOString().slice(0, 10);
    const fmt = new Intl.DateTimeFormat("en-GB", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: company.timeZone,
    });
    let sent = 0;
    for (const [ownerId, leads] of byOwner) {
      const key = `${ownerId}:${day}`;
      if (
        await tx.auditEntry.findFirst({
          where: { action: REMINDER_ACTION, entityType: "LeadReminder", entityId: key },
          select: { id: true },
        })
      )
        continue;
      const owner = leads[0].owner!;
      await sendMail(scope, {
        to: owner.email,
        subject: `${leads.length === 1 ? "1 lead needs" : `${leads.length} leads need`} your follow-up`,
        body: createElement(LeadFollowUpEmail, {
          companyName: company.name,
          ownerName: owner.name,
          listUrl: companyUrl(company.slug, "/leads?due=1"),
          leads: leads.map((l) => ({
            name: l.name,
            stage: STAGE_LABELS[l.stage],
            due: fmt.format(l.followUpAt!),
            url: companyUrl(company.slug, `/leads/${l.id}`),
          })),
        }),
      });
      await audit.record(scope, {
        action: REMINDER_ACTION,
        entityType: "LeadReminder",
        entityId: key,
        after: { key, ownerId, leadIds: leads.map((l) => l.id) },
      });
      sent++;
    }
    return { owners: sent, leads: due.length };
  });
}
