import { createElement } from "react";
import { OutageUpdateEmail } from "../../../emails/outage-update";
import type { OutageUpdateKind } from "../../db/generated/prisma/enums";
import type { Prisma } from "../../db/generated/prisma/client";
import { withTenant } from "../../db/tenant";
import { emit } from "../../jobs/emit";
import { outageUpdatePosted } from "../../jobs/events";
import { DomainError, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { sendMail } from "../../lib/mailer";
import { customerDisplayName } from "../customers/schema";
import * as sms from "../sms/service";
import { systemActor, type Scope } from "../scope";
import { outageLabel } from "./schema";

// One entry on an outage's timeline, and, for what customers should hear, the same words to each
// affected customer: an e-mail through the outbox and, when the company has SMS on, a text.
// The entry is written in the caller's transaction (a poll's, staff's); the customers are told by
// the job notify-outage-customers once it has committed (server/jobs/emit.ts: Inngest, or in this
// process after the commit), so a poll never renders thousands of e-mails while it holds its locks,
// and an entry that rolls back tells nobody. The job marks the entry notified in the transaction
// that writes the messages, so each customer hears an entry once (a customer with two lines
// behind the device gets one message). Customers shown as up (a live RADIUS session) are not told.
//
// Folded outages (a device down behind an upstream device that is down too, open.ts): the parent
// speaks to everyone behind it, so an outage whose parent is open tells nobody, and the parent
// leaves out those its children already told (when it opens) or who are still down (when it
// resolves before them).

export interface TimelineEntry {
  kind: OutageUpdateKind;
  message: string;
  /** Send it to the affected customers too (status updates, opening, resolution). */
  tellCustomers: boolean;
  /** Leave out the affected customers of these outages (children already told, or still down). */
  exceptOutageIds?: string[];
}

export async function addToTimeline(scope: Scope, outageId: string, entry: TimelineEntry) {
  const id = newId();
  const outage = await scope.tx.outage.findUniqueOrThrow({
    where: { id: outageId },
    select: { parent: { select: { status: true } } },
  });
  const notify = entry.tellCustomers && outage.parent?.status !== "OPEN";
  const update = await scope.tx.outageUpdate.create({
    data: {
      id,
      companyId: scope.companyId,
      outageId,
      kind: entry.kind,
      message: entry.message,
      authorLabel: scope.actor.label ?? null,
      notifyCustomers: notify,
      exceptOutageIds: entry.exceptOutageIds ?? [],
    },
  });
  const customers = notify ? await scope.tx.customer.count({ where: audience(outageId, update.exceptOutageIds) }) : 0;
  if (notify && customers > 0)
    await emit(outageUpdatePosted, { companyId: scope.companyId, updateId: id }, { id: `outage-update:${id}` });
  return { ...update, customers };
}

/** The customers an entry of the outage goes to: affected and not online, less those of the excepted outages. */
function audience(outageId: string, except: readonly string[]): Prisma.CustomerWhereInput {
  return {
    outages: { some: { outageId, online: false } },
    ...(except.length ? { NOT: { outages: { some: { outageId: { in: [...except] }, online: false } } } } : {}),
  };
}

export type Delivery = { emailed: number; texted: number } | { skipped: "already_done" | "nobody" };

/** The job's work: tells the customers of one timeline entry, once. */
export async function deliverUpdate(companyId: string, updateId: string): Promise<Delivery> {
  return withTenant(companyId, async (tx) => {
    // The lock makes two runs of the job for one entry (a retry racing the first) tell customers once.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "OutageUpdate" WHERE id = ${updateId} FOR UPDATE`;
    if (!locked) throw new NotFound("Outage update");
    const update = await tx.outageUpdate.findUniqueOrThrow({ where: { id: updateId } });
    if (!update.notifyCustomers) return { skipped: "nobody" as const };
    if (update.notifiedAt) return { skipped: "already_done" as const };
    const scope: Scope = { tx, companyId, actor: { ...systemActor, label: "outage notices" } };
    const counts = await tellCustomers(scope, update);
    await tx.outageUpdate.update({ where: { id: updateId }, data: { ...counts, notifiedAt: new Date() } });
    return counts;
  });
}

async function tellCustomers(
  scope: Scope,
  update: { id: string; outageId: string; kind: OutageUpdateKind; message: string; exceptOutageIds: string[] },
) {
  const { id: updateId, outageId } = update;
  const outage = await scope.tx.outage.findUniqueOrThrow({
    where: { id: outageId },
    select: { number: true, title: true },
  });
  const customers = await scope.tx.customer.findMany({
    where: audience(outageId, update.exceptOutageIds),
    select: { id: true, type: true, firstName: true, lastName: true, businessName: true, email: true, phone: true },
    orderBy: { accountNumber: "asc" },
  });
  if (customers.length === 0) return { emailed: 0, texted: 0 };
  const company = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId }, select: { name: true } });
  const texting = await sms.isEnabled(scope);
  const label = outageLabel(outage.number);
  const resolved = update.kind === "RESOLVED";
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
          message: update.message,
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
          body: `${company.name} ${label}: ${update.message}`,
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
