import { createElement } from "react";
import { OutageUpdateEmail } from "../../../emails/outage-update";
import type { OutageUpdateKind } from "../../db/generated/prisma/enums";
import { DomainError } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { sendMail } from "../../lib/mailer";
import { customerDisplayName } from "../customers/schema";
import * as sms from "../sms/service";
import type { Scope } from "../scope";
import { outageLabel } from "./schema";

// One entry on an outage's timeline, and, for what customers should hear, the same words to each
// affected customer: an e-mail through the outbox and, when the company has SMS on, a text.
// Everything happens in the caller's transaction, keyed by the update's id, so an update reaches
// each customer once (a customer with two lines behind the device gets one message), and an update
// that rolls back tells nobody. Customers shown as up (a live RADIUS session) are not told.

export interface TimelineEntry {
  kind: OutageUpdateKind;
  message: string;
  /** Send it to the affected customers too (status updates, opening, resolution). */
  tellCustomers: boolean;
}

export async function addToTimeline(scope: Scope, outageId: string, entry: TimelineEntry) {
  const id = newId();
  const counts = entry.tellCustomers ? await tellCustomers(scope, outageId, id, entry) : { emailed: 0, texted: 0 };
  return scope.tx.outageUpdate.create({
    data: {
      id,
      companyId: scope.companyId,
      outageId,
      kind: entry.kind,
      message: entry.message,
      authorLabel: scope.actor.label ?? null,
      ...counts,
    },
  });
}

async function tellCustomers(scope: Scope, outageId: string, updateId: string, entry: TimelineEntry) {
  const outage = await scope.tx.outage.findUniqueOrThrow({
    where: { id: outageId },
    select: { number: true, title: true },
  });
  const customers = await scope.tx.customer.findMany({
    where: { outages: { some: { outageId, online: false } } },
    select: { id: true, type: true, firstName: true, lastName: true, businessName: true, email: true, phone: true },
    orderBy: { accountNumber: "asc" },
  });
  if (customers.length === 0) return { emailed: 0, texted: 0 };
  const company = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { name: true } });
  const texting = await sms.isEnabled(scope);
  const label = outageLabel(outage.number);
  const resolved = entry.kind === "RESOLVED";
  let emailed = 0;
  let texted = 0;
  for (const c of customers) {
    if (c.email) {
      await sendMail(scope, {
        to: c.email,
        subject: `${resolved ? "Service restored" : "Service interruption"}: ${outage.title} (${label})`,
        body: createElement(OutageUpdateEmail, {
          companyName: company.name,
          customerName: customerDisplayName(c),
          outageLabel: label,
          title: outage.title,
          message: entry.message,
          resolved,
        }),
      });
      emailed++;
    }
    if (texting && c.phone) {
      try {
        await sms.send(scope, {
          to: c.phone,
          key: `outage-update:${updateId}:${c.id}`,
          body: `${company.name} ${label}: ${entry.message}`,
        });
        texted++;
      } catch (err) {
        // A number an SMS cannot go to is refused before anything is written: skip that customer,
        // the e-mail and the portal banner still reach them.
        if (!(err instanceof DomainError)) throw err;
      }
    }
  }
  return { emailed, texted };
}
