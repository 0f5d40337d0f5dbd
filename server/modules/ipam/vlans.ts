import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { Conflict, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { guarded } from "./constraints";
import { listVlansSchema, updateVrfSchema, vlanFields, vlanGroupFields, vrfFields } from "./schema";

// VRFs, VLAN groups and VLANs: the small catalogues prefixes refer to.

export async function listVrfs(scope: Scope) {
  return scope.tx.vrf.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { prefixes: true, addresses: true } } },
  });
}

export async function createVrf(scope: Scope, input: z.input<typeof vrfFields>) {
  const d = vrfFields.parse(input);
  const row = await onUnique(
    scope.tx.vrf.create({ data: { id: newId(), companyId: scope.companyId, ...d } }),
    () => new Conflict("Another VRF already has this name or route distinguisher.", { name: "Already used." }),
  );
  await audit.record(scope, { action: "vrf.create", entityType: "Vrf", entityId: row.id, after: row });
  return row;
}

export async function updateVrf(scope: Scope, input: z.input<typeof updateVrfSchema>) {
  const { id, ...d } = updateVrfSchema.parse(input);
  const before = await scope.tx.vrf.findUnique({ where: { id } });
  if (!before) throw new NotFound("VRF");
  const row = await onUnique(
    scope.tx.vrf.update({ where: { id }, data: d }),
    () => new Conflict("Another VRF already has this name or route distinguisher.", { name: "Already used." }),
  );
  await audit.record(scope, { action: "vrf.update", entityType: "Vrf", entityId: id, before, after: row });
  return row;
}

export async function listGroups(scope: Scope) {
  return scope.tx.vlanGroup.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { vlans: true } } } });
}

export async function createGroup(scope: Scope, input: z.input<typeof vlanGroupFields>) {
  const d = vlanGroupFields.parse(input);
  if (d.minVid > d.maxVid)
    throw new Conflict("The lowest VLAN id is above the highest.", { minVid: "Above the highest." });
  if (d.siteId && !(await scope.tx.site.findUnique({ where: { id: d.siteId }, select: { id: true } })))
    throw new NotFound("Site");
  const row = await onUnique(
    scope.tx.vlanGroup.create({ data: { id: newId(), companyId: scope.companyId, ...d } }),
    () => new Conflict("Another VLAN group already uses this slug.", { slug: "Already used." }),
  );
  await audit.record(scope, { action: "vlan_group.create", entityType: "VlanGroup", entityId: row.id, after: row });
  return row;
}

export async function listVlans(scope: Scope, input: z.input<typeof listVlansSchema>) {
  const f = listVlansSchema.parse(input);
  const asNumber = f.search && /^\d+$/.test(f.search) ? Number(f.search) : undefined;
  const where: Prisma.VlanWhereInput = {
    groupId: f.groupId,
    siteId: f.siteId,
    OR: f.search
      ? [{ name: { contains: f.search, mode: "insensitive" } }, ...(asNumber ? [{ vid: asNumber }] : [])]
      : undefined,
  };
  return listPage(f, {
    count: () => scope.tx.vlan.count({ where }),
    rows: (window) =>
      scope.tx.vlan.findMany({
        where,
        orderBy: [{ vid: "asc" }, { id: "asc" }],
        include: { group: { select: { id: true, name: true } }, site: { select: { id: true, name: true } } },
        ...window,
      }),
  });
}

export async function createVlan(scope: Scope, input: z.input<typeof vlanFields>) {
  const d = vlanFields.parse(input);
  if (d.groupId) {
    const g = await scope.tx.vlanGroup.findUnique({ where: { id: d.groupId } });
    if (!g) throw new NotFound("VLAN group");
    if (d.vid < g.minVid || d.vid > g.maxVid)
      throw new Conflict(`${g.name} takes VLAN ids ${g.minVid}–${g.maxVid}.`, {
        vid: `From ${g.minVid} to ${g.maxVid}.`,
      });
  }
  if (d.siteId && !(await scope.tx.site.findUnique({ where: { id: d.siteId }, select: { id: true } })))
    throw new NotFound("Site");
  const row = await guarded(() => scope.tx.vlan.create({ data: { id: newId(), companyId: scope.companyId, ...d } }));
  await audit.record(scope, { action: "vlan.create", entityType: "Vlan", entityId: row.id, after: row });
  return row;
}
