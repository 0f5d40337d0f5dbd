import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { withTenant } from "../../db/tenant";
import { Conflict, NotFound } from "../../lib/errors";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import { customerDisplayName } from "../customers/schema";
import type { Scope } from "../scope";
import { systemActor } from "../scope";
import { addToTimeline } from "./notify";
import { findOutage } from "./open";
import { boardSchema, listOutagesSchema, outageLabel, postUpdateSchema } from "./schema";

// Reading outages (list, page, the device board), posting status updates, and linking the
// tickets affected customers open while an outage is on.

const numberOf = (q: string) => {
  const m = /^(?:out-?)?(\d{1,9})$/i.exec(q.trim());
  return m ? Number(m[1]) : null;
};

export async function list(scope: Scope, input: z.input<typeof listOutagesSchema>) {
  const f = listOutagesSchema.parse(input);
  const n = f.q ? numberOf(f.q) : null;
  const where: Prisma.OutageWhereInput = {
    ...(f.status ? { status: f.status } : {}),
    ...(f.q
      ? {
          OR: [
            { title: { contains: f.q, mode: "insensitive" } },
            { device: { name: { contains: f.q, mode: "insensitive" } } },
            { site: { name: { contains: f.q, mode: "insensitive" } } },
            ...(n ? [{ number: n }] : []),
          ],
        }
      : {}),
  };
  return listPage(f, {
    count: () => scope.tx.outage.count({ where }),
    rows: (window) =>
      scope.tx.outage
        .findMany({
          where,
          orderBy: [{ startedAt: "desc" }, { id: "asc" }],
          ...window,
          select: {
            id: true,
            number: true,
            title: true,
            status: true,
            source: true,
            startedAt: true,
            resolvedAt: true,
            device: { select: { id: true, name: true } },
            site: { select: { id: true, name: true } },
            _count: { select: { customers: { where: { online: false } }, tickets: true } },
          },
        })
        .then((rows) =>
          rows.map((o) => ({
            id: o.id,
            number: o.number,
            label: outageLabel(o.number),
            title: o.title,
            status: o.status,
            source: o.source,
            startedAt: o.startedAt,
            resolvedAt: o.resolvedAt,
            device: o.device,
            site: o.site,
            affected: o._count.customers,
            tickets: o._count.tickets,
          })),
        ),
  });
}

export async function get(scope: Scope, id: string) {
  const o = await findOutage(scope, id);
  const [device, site, updates, customers, tickets, parent, children] = await Promise.all([
    o.deviceId ? scope.tx.device.findUnique({ where: { id: o.deviceId }, select: { id: true, name: true } }) : null,
    o.siteId ? scope.tx.site.findUnique({ where: { id: o.siteId }, select: { id: true, name: true } }) : null,
    scope.tx.outageUpdate.findMany({ where: { outageId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    scope.tx.outageCustomer.findMany({
      where: { outageId: id },
      select: {
        subscriptionId: true,
        online: true,
        compensationDays: true,
        compensationMinor: true,
        subscription: { select: { pppoeUsername: true, package: { select: { name: true } } } },
        customer: {
          select: { id: true, accountNumber: true, type: true, firstName: true, lastName: true, businessName: true },
        },
      },
      orderBy: [{ online: "asc" }, { customer: { accountNumber: "asc" } }],
    }),
    scope.tx.outageTicket.findMany({
      where: { outageId: id },
      select: {
        linkedAt: true,
        ticket: { select: { id: true, number: true, subject: true, status: true, customerId: true } },
      },
      orderBy: { linkedAt: "asc" },
    }),
    o.parentId ? scope.tx.outage.findUnique({ where: { id: o.parentId }, select: { id: true, number: true } }) : null,
    scope.tx.outage.findMany({
      where: { parentId: id },
      select: { id: true, number: true, status: true, title: true },
      orderBy: { number: "asc" },
    }),
  ]);
  return {
    /** The upstream device's outage this one is folded under (it speaks to the customers). */
    parent: parent ? { id: parent.id, label: outageLabel(parent.number) } : null,
    /** Outages of devices behind this one's device, folded under it. */
    children: children.map((c) => ({ id: c.id, label: outageLabel(c.number), status: c.status, title: c.title })),
    id: o.id,
    number: o.number,
    label: outageLabel(o.number),
    title: o.title,
    description: o.description,
    status: o.status,
    source: o.source,
    startedAt: o.startedAt,
    resolvedAt: o.resolvedAt,
    rootCause: o.rootCause,
    device,
    site,
    affected: customers.filter((c) => !c.online).length,
    online: customers.filter((c) => c.online).length,
    timeline: updates.map((u) => ({
      id: u.id,
      kind: u.kind,
      message: u.message,
      authorLabel: u.authorLabel,
      emailed: u.emailed,
      texted: u.texted,
      /** "told" once the customers were sent it; "sending" until then; "not_sent" for staff-only entries and folded outages. */
      delivery: u.notifiedAt ? ("told" as const) : u.notifyCustomers ? ("sending" as const) : ("not_sent" as const),
      createdAt: u.createdAt,
    })),
    customers: customers.map((c) => ({
      subscriptionId: c.subscriptionId,
      customerId: c.customer.id,
      accountNumber: c.customer.accountNumber,
      customerName: customerDisplayName(c.customer),
      packageName: c.subscription.package.name,
      pppoeUsername: c.subscription.pppoeUsername,
      online: c.online,
      compensationDays: c.compensationDays,
      compensationMinor: c.compensationMinor,
    })),
    tickets: tickets.map((t) => ({ ...t.ticket, linkedAt: t.linkedAt })),
  };
}

/** Staff post a status update: on the timeline, and (once it commits) to every affected customer. */
export async function postUpdate(scope: Scope, input: z.input<typeof postUpdateSchema>) {
  const data = postUpdateSchema.parse(input);
  const outage = await findOutage(scope, data.outageId);
  if (outage.status !== "OPEN") throw new Conflict("This outage is resolved: customers were told service is back.");
  const update = await addToTimeline(scope, outage.id, { kind: "UPDATE", message: data.message, tellCustomers: true });
  await audit.record(scope, {
    action: "outage.update",
    entityType: "Outage",
    entityId: outage.id,
    after: { updateId: update.id, message: data.message, customers: update.customers },
  });
  // The messages leave once this commits (notify.ts); the timeline shows how many went out.
  return { id: update.id, customers: update.customers };
}

/** Every device with what the poller last saw, and the open outage it is in, if any. */
export async function board(scope: Scope, input: z.input<typeof boardSchema>) {
  const f = boardSchema.parse(input);
  const where: Prisma.DeviceWhereInput = {
    status: { not: "DECOMMISSIONED" },
    ...(f.q ? { name: { contains: f.q, mode: "insensitive" } } : {}),
    ...(f.status === "UNKNOWN"
      ? { OR: [{ outageState: null }, { outageState: { status: "UNKNOWN" } }] }
      : f.status
        ? { outageState: { status: f.status } }
        : {}),
  };
  return listPage(f, {
    count: () => scope.tx.device.count({ where }),
    rows: (window) =>
      scope.tx.device
        .findMany({
          where,
          orderBy: [{ name: "asc" }],
          ...window,
          select: {
            id: true,
            name: true,
            site: { select: { name: true } },
            deviceType: { select: { role: true } },
            outageState: { select: { status: true, lastSeenAt: true, consecutiveMisses: true, latencyMs: true } },
            outages: { where: { status: "OPEN" }, select: { id: true, number: true }, take: 1 },
          },
        })
        .then((rows) =>
          rows.map((d) => ({
            id: d.id,
            name: d.name,
            role: d.deviceType.role,
            siteName: d.site?.name ?? null,
            status: d.outageState?.status ?? "UNKNOWN",
            lastSeenAt: d.outageState?.lastSeenAt ?? null,
            misses: d.outageState?.consecutiveMisses ?? 0,
            latencyMs: d.outageState?.latencyMs ?? null,
            outage: d.outages[0] ? { id: d.outages[0].id, label: outageLabel(d.outages[0].number) } : null,
          })),
        ),
  });
}

/** The open outages a customer is affected by (newest first), with the latest word on each. */
export async function openFor(scope: Scope, customerId: string) {
  const outages = await scope.tx.outage.findMany({
    where: { status: "OPEN", customers: { some: { customerId, online: false } } },
    orderBy: { startedAt: "desc" },
    select: {
      id: true,
      number: true,
      title: true,
      startedAt: true,
      updates: {
        where: { kind: { in: ["OPENED", "UPDATE"] } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1,
        select: { message: true, createdAt: true },
      },
    },
  });
  return outages.map((o) => ({
    id: o.id,
    label: outageLabel(o.number),
    title: o.title,
    startedAt: o.startedAt,
    latest: o.updates[0] ?? null,
  }));
}

/**
 * Links a new ticket to the open outage its customer is affected by (the newest, when several).
 * Runs on "support/ticket.created"; idempotent: a ticket is linked once. Returns the outage id.
 */
export async function linkTicket(companyId: string, ticketId: string): Promise<string | null> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: systemActor };
    const ticket = await tx.ticket.findUnique({
      where: { id: ticketId },
      select: { customerId: true, createdAt: true },
    });
    // Not committed yet (handled inline right after the ticket's transaction): retried.
    if (!ticket) throw new NotFound("Ticket");
    if (!ticket.customerId) return null;
    const outage = await tx.outage.findFirst({
      where: {
        startedAt: { lte: ticket.createdAt },
        OR: [{ status: "OPEN" }, { resolvedAt: { gte: ticket.createdAt } }],
        customers: { some: { customerId: ticket.customerId, online: false } },
      },
      orderBy: { startedAt: "desc" },
      select: { id: true },
    });
    if (!outage) return null;
    const linked = await tx.outageTicket.createMany({
      data: [{ ticketId, companyId, outageId: outage.id, linkedAt: ticket.createdAt }],
      skipDuplicates: true,
    });
    if (linked.count)
      await audit.record(scope, {
        action: "outage.link_ticket",
        entityType: "Outage",
        entityId: outage.id,
        after: { ticketId },
      });
    return outage.id;
  });
}

/** The signed-in customer's open outages (portal banner, new-ticket form); none without a customer record. */
export async function openForUser(scope: Scope, userId: string) {
  const customer = await scope.tx.customer.findUnique({ where: { userId }, select: { id: true } });
  return customer ? openFor(scope, customer.id) : [];
}
