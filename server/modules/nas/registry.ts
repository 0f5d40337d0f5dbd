import type { z } from "zod";
import type { Nas, Prisma } from "../../db/generated/prisma/client";
import { inOrder } from "../../db/tenant";
import { seal } from "../../lib/crypto";
import { Conflict, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { forgetAfterCommit } from "./known";
import { createNasSchema, listNasSchema, removeNasSchema, rotateSecretSchema, updateNasSchema } from "./schema";

// The NAS registry: the routers, BNGs and hotspot gateways sessions run on, with the RADIUS
// shared secret each one checks our CoA requests with. The secret is sealed at rest
// (server/lib/crypto.ts, like PPPoE passwords) and never leaves the server once typed: editing a
// NAS leaves it alone, rotating replaces it. Sessions find their NAS by the NAS-IP-Address they
// were accounted with, so the address is unique per company.

/** What every entry point returns: everything but the secret. */
const PUBLIC_FIELDS = {
  id: true,
  name: true,
  ipAddress: true,
  type: true,
  vendor: true,
  coaPort: true,
  deviceId: true,
  siteId: true,
  notes: true,
  secretRotatedAt: true,
  createdAt: true,
  updatedAt: true,
  device: { select: { id: true, name: true } },
  site: { select: { id: true, name: true } },
} as const satisfies Prisma.NasSelect;

const clash = () =>
  new Conflict("Another NAS already has this name or IP address.", {
    ipAddress: "Name or IP address already used by another NAS.",
  });

async function assertFree(scope: Scope, d: { name: string; ipAddress: string }, exceptId?: string) {
  const others = await scope.tx.nas.findMany({
    where: {
      id: exceptId ? { not: exceptId } : undefined,
      OR: [{ ipAddress: d.ipAddress }, { name: { equals: d.name, mode: "insensitive" } }],
    },
    select: { name: true, ipAddress: true },
  });
  const fields: Record<string, string> = {};
  if (others.some((o) => o.ipAddress === d.ipAddress)) fields.ipAddress = "Another NAS already has this IP address.";
  if (others.some((o) => o.name.toLowerCase() === d.name.toLowerCase()))
    fields.name = "Another NAS already has this name.";
  if (Object.keys(fields).length) throw new Conflict(fields.ipAddress ?? fields.name!, fields);
}

/** The device and site, if given, must be this company's (RLS hides others: they read as missing). */
async function assertLinks(scope: Scope, d: { deviceId: string | null; siteId: string | null }) {
  const [device, site] = await inOrder([
    d.deviceId ? scope.tx.device.findUnique({ where: { id: d.deviceId }, select: { id: true } }) : null,
    d.siteId ? scope.tx.site.findUnique({ where: { id: d.siteId }, select: { id: true } }) : null,
  ]);
  if (d.deviceId && !device)
    throw new Invalid("That device does not exist.", { deviceId: "Choose a device from the list." });
  if (d.siteId && !site) throw new Invalid("That site does not exist.", { siteId: "Choose a site from the list." });
}

/** The audit view of a NAS: never the secret, sealed or not. */
const audited = (n: Pick<Nas, "name" | "ipAddress" | "type" | "vendor" | "coaPort" | "deviceId" | "siteId">) => ({
  name: n.name,
  ipAddress: n.ipAddress,
  type: n.type,
  vendor: n.vendor,
  coaPort: n.coaPort,
  deviceId: n.deviceId,
  siteId: n.siteId,
});

export async function create(scope: Scope, input: z.input<typeof createNasSchema>) {
  const { secret, ...data } = createNasSchema.parse(input);
  await assertFree(scope, data);
  await assertLinks(scope, data);
  const nas = await onUnique(
    scope.tx.nas.create({
      data: { id: newId(), companyId: scope.companyId, ...data, secret: seal(secret) },
      select: PUBLIC_FIELDS,
    }),
    clash,
  );
  await audit.record(scope, { action: "nas.create", entityType: "Nas", entityId: nas.id, after: audited(nas) });
  forgetAfterCommit(scope);
  return nas;
}

export async function update(scope: Scope, input: z.input<typeof updateNasSchema>) {
  const { id, ...data } = updateNasSchema.parse(input);
  const before = await find(scope, id);
  await assertFree(scope, data, id);
  await assertLinks(scope, data);
  const nas = await onUnique(scope.tx.nas.update({ where: { id }, data, select: PUBLIC_FIELDS }), clash);
  forgetAfterCommit(scope);
  await audit.record(scope, {
    action: "nas.update",
    entityType: "Nas",
    entityId: id,
    before: audited(before),
    after: audited(nas),
  });
  return nas;
}

/** A new shared secret (the old one stops working for our CoA requests at once). */
export async function rotateSecret(scope: Scope, input: z.input<typeof rotateSecretSchema>) {
  const { id, secret } = rotateSecretSchema.parse(input);
  await find(scope, id);
  const nas = await scope.tx.nas.update({
    where: { id },
    data: { secret: seal(secret), secretRotatedAt: new Date() },
    select: PUBLIC_FIELDS,
  });
  await audit.record(scope, {
    action: "nas.rotate_secret",
    entityType: "Nas",
    entityId: id,
    after: { secretRotatedAt: nas.secretRotatedAt },
  });
  return nas;
}

/**
 * Removes a NAS from the registry; its past CoA requests stay, without the link. Refused while
 * sessions are online on it: a suspension could no longer cut them (no secret to sign with), and
 * once other NAS are registered its accounting would be refused (known.ts) and the sessions left
 * open. Staff disconnect them first (Online sessions), or wait until they end.
 */
export async function remove(scope: Scope, input: z.input<typeof removeNasSchema>) {
  const { id } = removeNasSchema.parse(input);
  const before = await find(scope, id);
  const online = await scope.tx.radiusSession.count({ where: { nasIp: before.ipAddress, stoppedAt: null } });
  if (online > 0)
    throw new Conflict(
      `${online} session${online === 1 ? " is" : "s are"} online on ${before.name}: disconnect ${online === 1 ? "it" : "them"} under Network → Online sessions, or wait until ${online === 1 ? "it ends" : "they end"}, then remove the NAS.`,
    );
  await scope.tx.nas.delete({ where: { id } });
  forgetAfterCommit(scope);
  await audit.record(scope, { action: "nas.delete", entityType: "Nas", entityId: id, before: audited(before) });
  return { id };
}

async function find(scope: Scope, id: string): Promise<Nas> {
  const nas = await scope.tx.nas.findUnique({ where: { id } });
  if (!nas) throw new NotFound("NAS");
  return nas;
}

export async function get(scope: Scope, id: string) {
  const nas = await scope.tx.nas.findUnique({ where: { id }, select: PUBLIC_FIELDS });
  if (!nas) throw new NotFound("NAS");
  return nas;
}

export async function list(scope: Scope, input: z.input<typeof listNasSchema>) {
  const f = listNasSchema.parse(input);
  const where: Prisma.NasWhereInput = {
    AND: [
      f.siteId ? { siteId: f.siteId } : {},
      f.search
        ? {
            OR: [
              { name: { contains: f.search, mode: "insensitive" } },
              { ipAddress: { startsWith: f.search.toLowerCase() } },
            ],
          }
        : {},
    ],
  };
  return listPage(f, {
    count: () => scope.tx.nas.count({ where }),
    rows: (window) =>
      scope.tx.nas.findMany({ where, select: PUBLIC_FIELDS, orderBy: [{ name: "asc" }, { id: "asc" }], ...window }),
  });
}

/** Every NAS by name, for the online sessions' filter. */
export function options(scope: Scope) {
  return scope.tx.nas.findMany({
    select: { id: true, name: true, ipAddress: true, siteId: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
