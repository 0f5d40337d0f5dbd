import type { z } from "zod";
import type { OutageSource } from "../../db/generated/prisma/enums";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import * as counters from "../counters/service";
import { customersBehindSql } from "../devices/behind";
import { liveSubscriptionIds } from "../radius/live";
import type { Scope } from "../scope";
import { addToTimeline } from "./notify";
import { openOutageSchema, outageLabel } from "./schema";

// Opening an outage: a number, the customers it hits (computed once, from the topology as it is
// now, and kept), the first timeline entry, which tells those customers.

export const OUTAGE_COUNTER = "outage_number";
/** Everything behind the core router: no page limit when the list is stored. */
const ALL = { limit: 10_000_000, offset: 0 };

interface OpenSpec {
  source: OutageSource;
  title: string;
  description: string | null;
  deviceId: string | null;
  siteId: string | null;
  startedAt: Date;
}

type BehindRow = { subscriptionId: string; customerId: string };

/**
 * The subscriptions behind the device (or every device at the site), each marked online when it
 * has a live RADIUS session: a customer still online is up, so not affected.
 */
async function affectedBy(scope: Scope, spec: OpenSpec) {
  const devices = spec.deviceId
    ? [spec.deviceId]
    : (await scope.tx.device.findMany({ where: { siteId: spec.siteId! }, select: { id: true } })).map((d) => d.id);
  if (devices.length === 0) return [];
  const rows = await scope.tx.$queryRaw<BehindRow[]>(
    customersBehindSql(scope.companyId, { devices, interfaces: [] }, ALL),
  );
  const live = await liveSubscriptionIds(
    scope,
    rows.map((r) => r.subscriptionId),
  );
  return rows.map((r) => ({
    subscriptionId: r.subscriptionId,
    customerId: r.customerId,
    online: live.has(r.subscriptionId),
  }));
}

/** What the first timeline entry tells customers. */
function openingMessage(title: string, description: string | null) {
  return description
    ? `${title}. ${description}`
    : `${title}. We know about it and are working to restore your service.`;
}

/**
 * The open outage the poller opened for a device upstream of `deviceId` (following links from
 * their b-end to their a-end, towards the core), the top-most one: what a new outage of
 * `deviceId` is folded under. UNION keeps each device once, so a loop in the cabling ends the walk.
 */
async function openUpstreamOutage(scope: Scope, deviceId: string): Promise<string | null> {
  const [row] = await scope.tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE upstream(id) AS (
        SELECT ${deviceId}::text
      UNION
        SELECT l."aDeviceId" FROM "Link" l JOIN upstream u ON l."bDeviceId" = u.id
         WHERE l."companyId" = ${scope.companyId}
    )
    SELECT o.id FROM "Outage" o
     WHERE o."companyId" = ${scope.companyId} AND o.status = 'OPEN' AND o.source = 'AUTOMATIC'
       AND o."parentId" IS NULL AND o."deviceId" <> ${deviceId}
       AND o."deviceId" IN (SELECT id FROM upstream)
     ORDER BY o."startedAt", o.id
     LIMIT 1`;
  return row?.id ?? null;
}

/**
 * Folds the poller's open outages of devices downstream of `deviceId` (children, and theirs)
 * under the new outage `outageId`; returns their ids. Their customers were told when those opened.
 */
async function adoptDownstream(scope: Scope, outageId: string, deviceId: string): Promise<string[]> {
  const rows = await scope.tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE downstream(id) AS (
        SELECT ${deviceId}::text
      UNION
        SELECT l."bDeviceId" FROM "Link" l JOIN downstream d ON l."aDeviceId" = d.id
         WHERE l."companyId" = ${scope.companyId}
    )
    UPDATE "Outage" SET "parentId" = ${outageId}, "updatedAt" = now()
     WHERE "companyId" = ${scope.companyId} AND status = 'OPEN' AND source = 'AUTOMATIC'
       AND id <> ${outageId} AND "deviceId" <> ${deviceId}
       AND "deviceId" IN (SELECT id FROM downstream)
    RETURNING id`;
  return rows.map((r) => r.id).sort();
}

export async function create(scope: Scope, spec: OpenSpec) {
  const number = await counters.next(scope, OUTAGE_COUNTER);
  const id = newId();
  // The poller's outages fold by the topology: a device that stops answering behind one already
  // down is part of that incident (its parent tells the customers); one upstream of devices
  // already down becomes their parent. Staff's outages stand alone.
  const folds = spec.source === "AUTOMATIC" && spec.deviceId;
  const parentId = folds ? await openUpstreamOutage(scope, spec.deviceId!) : null;
  await scope.tx.outage.create({
    data: {
      id,
      companyId: scope.companyId,
      number,
      title: spec.title,
      description: spec.description,
      source: spec.source,
      deviceId: spec.deviceId,
      siteId: spec.siteId,
      startedAt: spec.startedAt,
      parentId,
      createdById: scope.actor.type === "SYSTEM" ? null : (scope.actor.id ?? null),
    },
  });
  const affected = await affectedBy(scope, spec);
  if (affected.length)
    await scope.tx.outageCustomer.createMany({
      data: affected.map((a) => ({ companyId: scope.companyId, outageId: id, ...a })),
    });
  const adopted = folds && !parentId ? await adoptDownstream(scope, id, spec.deviceId!) : [];
  await addToTimeline(scope, id, {
    kind: "OPENED",
    message: openingMessage(spec.title, spec.description),
    tellCustomers: true,
    // Those behind an adopted outage heard of it when it opened: not told twice.
    exceptOutageIds: adopted,
  });
  const down = affected.filter((a) => !a.online).length;
  await audit.record(scope, {
    action: "outage.open",
    entityType: "Outage",
    entityId: id,
    after: {
      number,
      source: spec.source,
      deviceId: spec.deviceId,
      siteId: spec.siteId,
      startedAt: spec.startedAt,
      affected: down,
      online: affected.length - down,
      parentId,
      adopted,
    },
  });
  return { id, number, label: outageLabel(number), affected: down, online: affected.length - down };
}

/** Staff open an outage on a device or a whole site (planned work, a fibre cut they were told of). */
export async function openManually(scope: Scope, input: z.input<typeof openOutageSchema>, now = new Date()) {
  const data = openOutageSchema.parse(input);
  if (data.deviceId) {
    const device = await scope.tx.device.findUnique({ where: { id: data.deviceId }, select: { id: true } });
    if (!device) throw new Invalid("That device does not exist.", { deviceId: "Choose a device from the list." });
    const open = await scope.tx.outage.findFirst({
      where: { deviceId: data.deviceId, status: "OPEN" },
      select: { number: true },
    });
    if (open)
      throw new Conflict(`${outageLabel(open.number)} is already open for this device: post an update on it instead.`, {
        deviceId: "Already in an open outage.",
      });
  }
  if (data.siteId) {
    const site = await scope.tx.site.findUnique({ where: { id: data.siteId }, select: { id: true } });
    if (!site) throw new Invalid("That site does not exist.", { siteId: "Choose a site from the list." });
  }
  return create(scope, { source: "MANUAL", ...data, startedAt: now });
}

export async function findOutage(scope: Scope, id: string) {
  const outage = await scope.tx.outage.findUnique({ where: { id } });
  if (!outage) throw new NotFound("Outage");
  return outage;
}
