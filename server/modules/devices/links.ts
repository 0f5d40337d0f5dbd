import type { z } from "zod";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import * as subscriptionEquipment from "../subscriptions/equipment";
import { attachSubscriptionSchema, createLinkSchema, type LINK_KINDS } from "./schema";

type LinkKindValue = (typeof LINK_KINDS)[number];
import { visibleTo, type DeviceViewer } from "./service";

// Links between interfaces (cables, fibre, radio paths) and where customers attach.
// The database is the guard (unique ends, the link_ends_free trigger); the checks here only
// give a person a clear answer before it would refuse.

/** The database's own refusals of a link, as the errors a person reads. */
function linkRefusal(err: unknown): Error | null {
  const text = `${(err as Error)?.message ?? ""} ${JSON.stringify((err as { meta?: unknown })?.meta ?? {})}`;
  if (/Link_interface_cabled|Link_[ab]InterfaceId_key/.test(text) || (err as { code?: string })?.code === "P2002")
    return new Conflict("This interface is already cabled. Remove its link first.");
  if (/Link_not_to_itself/.test(text)) return new Invalid("A link must join two different devices.");
  if (/Link_interface_company/.test(text)) return new Invalid("Choose interfaces of your own devices.");
  return null;
}

export async function createLink(scope: Scope, input: z.input<typeof createLinkSchema>) {
  const data = createLinkSchema.parse(input);
  const ends = await scope.tx.interface.findMany({
    where: { id: { in: [data.aInterfaceId, data.bInterfaceId] } },
    select: {
      id: true,
      name: true,
      deviceId: true,
      device: { select: { name: true } },
      aLinks: { select: { id: true } },
      bLinks: { select: { id: true } },
    },
  });
  const a = ends.find((e) => e.id === data.aInterfaceId);
  const b = ends.find((e) => e.id === data.bInterfaceId);
  if (!a) throw new Invalid("Choose the upstream interface.", { aInterfaceId: "Unknown interface." });
  if (!b) throw new Invalid("Choose the downstream interface.", { bInterfaceId: "Unknown interface." });
  if (a.deviceId === b.deviceId)
    throw new Invalid("A link must join two different devices.", { bInterfaceId: "Choose a port on another device." });
  for (const [end, field] of [
    [a, "aInterfaceId"],
    [b, "bInterfaceId"],
  ] as const)
    if (end.aLinks.length || end.bLinks.length)
      throw new Conflict(`${end.device.name} ${end.name} is already cabled. Remove its link first.`, {
        [field]: "Already cabled.",
      });
  const id = newId();
  try {
    await scope.tx.link.create({
      data: {
        id,
        companyId: scope.companyId,
        kind: data.kind,
        aInterfaceId: a.id,
        aDeviceId: a.deviceId,
        bInterfaceId: b.id,
        bDeviceId: b.deviceId,
        label: data.label,
      },
    });
  } catch (err) {
    throw linkRefusal(err) ?? err;
  }
  await audit.record(scope, {
    action: "link.create",
    entityType: "Link",
    entityId: id,
    after: { ...data, a: `${a.device.name} ${a.name}`, b: `${b.device.name} ${b.name}` },
  });
  return { id };
}

export async function deleteLink(scope: Scope, id: string) {
  const link = await scope.tx.link.findUnique({
    where: { id },
    select: { kind: true, aInterfaceId: true, bInterfaceId: true, label: true },
  });
  if (!link) throw new NotFound("Link");
  await scope.tx.link.delete({ where: { id } });
  await audit.record(scope, { action: "link.delete", entityType: "Link", entityId: id, before: link });
  return { id };
}

/** Sets a subscription's CPE device and/or access interface (null clears it). */
export async function attachSubscription(scope: Scope, input: z.input<typeof attachSubscriptionSchema>) {
  const data = attachSubscriptionSchema.parse(input);
  if (data.cpeDeviceId) {
    const d = await scope.tx.device.findUnique({ where: { id: data.cpeDeviceId }, select: { id: true } });
    if (!d) throw new Invalid("Choose one of your devices as the CPE.", { cpeDeviceId: "Unknown device." });
  }
  if (data.accessInterfaceId) {
    const i = await scope.tx.interface.findUnique({ where: { id: data.accessInterfaceId }, select: { id: true } });
    if (!i)
      throw new Invalid("Choose an interface of one of your devices.", { accessInterfaceId: "Unknown interface." });
  }
  return subscriptionEquipment.setEquipment(scope, data.subscriptionId, {
    cpeDeviceId: data.cpeDeviceId,
    accessInterfaceId: data.accessInterfaceId,
  });
}

/** Largest map drawn at once; beyond it the map asks for a search (a browser draws ~2,000 nodes well). */
export const MAP_LIMIT = 2000;

/**
 * The map: devices as nodes (with their status, role and how many customers attach to them
 * directly), links as edges from a-end to b-end.
 * Link utilization colouring: edges carry `utilization: null` today; the SNMP poller (a later
 * issue) fills it with the busier direction's load (0–1) and the map colours edges by it.
 */
export async function topology(scope: Scope, viewer: DeviceViewer) {
  const where = { AND: [visibleTo(viewer), { status: { not: "DECOMMISSIONED" as const } }] };
  const [total, devices] = await Promise.all([
    scope.tx.device.count({ where }),
    scope.tx.device.findMany({
      where,
      select: {
        id: true,
        name: true,
        status: true,
        deviceType: { select: { role: true, model: true } },
        _count: { select: { subscriptions: true } },
      },
      orderBy: { name: "asc" },
      take: MAP_LIMIT,
    }),
  ]);
  const ids = devices.map((d) => d.id);
  const links = await scope.tx.link.findMany({
    where: { aDeviceId: { in: ids }, bDeviceId: { in: ids } },
    select: { id: true, kind: true, aDeviceId: true, bDeviceId: true, label: true },
  });
  // A CPE or ONT hangs off its access port (an ONT on a PON port, a CPE on an AP's radio)
  // without a link of its own: drawn as an attachment edge.
  const attachments = await scope.tx.$queryRaw<{ source: string; target: string }[]>`
    SELECT DISTINCT i."deviceId" AS source, s."cpeDeviceId" AS target
      FROM "Subscription" s JOIN "Interface" i ON i.id = s."accessInterfaceId"
     WHERE s."companyId" = ${scope.companyId} AND s.status <> 'TERMINATED'
       AND s."cpeDeviceId" = ANY(${ids}::text[]) AND i."deviceId" = ANY(${ids}::text[])
       AND i."deviceId" <> s."cpeDeviceId"`;
  return {
    truncated: total > devices.length,
    total,
    nodes: devices.map((d) => ({
      id: d.id,
      name: d.name,
      status: d.status,
      role: d.deviceType.role,
      model: d.deviceType.model,
      customers: d._count.subscriptions,
    })),
    edges: [
      ...links.map((l) => ({
        id: l.id,
        source: l.aDeviceId,
        target: l.bDeviceId,
        kind: l.kind as LinkKindValue | "ATTACHMENT",
        label: l.label,
        utilization: null as number | null,
      })),
      ...attachments.map((a) => ({
        id: `att:${a.source}:${a.target}`,
        source: a.source,
        target: a.target,
        kind: "ATTACHMENT" as const,
        label: null,
        utilization: null as number | null,
      })),
    ],
  };
}
