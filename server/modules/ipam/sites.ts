import type { z } from "zod";
import type { Prisma, Site } from "../../db/generated/prisma/client";
import { Conflict, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { createSiteSchema, listSitesSchema, updateSiteSchema } from "./sites.schema";

// Sites (POPs): where prefixes, VLANs and equipment live. Slug and code are unique per company;
// the database enforces both, this file turns a clash into an answer naming the field.

/** A site as every entry point returns it: coordinates as numbers (Decimal does not travel). */
export function present(s: Site) {
  return {
    ...s,
    latitude: s.latitude === null ? null : Number(s.latitude),
    longitude: s.longitude === null ? null : Number(s.longitude),
  };
}
export type SiteView = ReturnType<typeof present>;

const clash = () =>
  new Conflict("Another site already uses this slug or code.", {
    slug: "Slug or code already used by another site.",
  });

async function assertFree(scope: Scope, d: { slug: string; code: string | null }, exceptId?: string) {
  const others = await scope.tx.site.findMany({
    where: {
      id: exceptId ? { not: exceptId } : undefined,
      OR: [{ slug: d.slug }, ...(d.code ? [{ code: d.code }] : [])],
    },
    select: { slug: true, code: true },
  });
  const fields: Record<string, string> = {};
  if (others.some((o) => o.slug === d.slug)) fields.slug = "Another site already uses this slug.";
  if (d.code && others.some((o) => o.code === d.code)) fields.code = "Another site already uses this code.";
  if (Object.keys(fields).length) throw new Conflict(fields.slug ?? fields.code, fields);
}

export async function create(scope: Scope, input: z.input<typeof createSiteSchema>) {
  const data = createSiteSchema.parse(input);
  await assertFree(scope, data);
  const site = await onUnique(
    scope.tx.site.create({ data: { id: newId(), companyId: scope.companyId, ...data } }),
    clash,
  );
  await audit.record(scope, { action: "site.create", entityType: "Site", entityId: site.id, after: present(site) });
  return present(site);
}

export async function update(scope: Scope, input: z.input<typeof updateSiteSchema>) {
  const { id, ...data } = updateSiteSchema.parse(input);
  const before = await find(scope, id);
  await assertFree(scope, data, id);
  const site = await onUnique(scope.tx.site.update({ where: { id }, data }), clash);
  await audit.record(scope, {
    action: "site.update",
    entityType: "Site",
    entityId: id,
    before: present(before),
    after: present(site),
  });
  return present(site);
}

async function find(scope: Scope, id: string) {
  const site = await scope.tx.site.findUnique({ where: { id } });
  if (!site) throw new NotFound("Site");
  return site;
}

export async function get(scope: Scope, id: string) {
  return present(await find(scope, id));
}

export async function list(scope: Scope, input: z.input<typeof listSitesSchema>) {
  const f = listSitesSchema.parse(input);
  const term = f.search;
  const where: Prisma.SiteWhereInput = {
    status: f.status,
    OR: term
      ? (["name", "slug", "code", "address"] as const).map((k) => ({ [k]: { contains: term, mode: "insensitive" } }))
      : undefined,
  };
  const { rows, ...paging } = await listPage(f, {
    count: () => scope.tx.site.count({ where }),
    rows: (window) =>
      scope.tx.site.findMany({
        where,
        orderBy: [{ name: "asc" }, { id: "asc" }],
        ...window,
      }),
  });
  return { ...paging, rows: rows.map(present) };
}

/** Every site as a choice for a form's select (id, name, code), by name. */
export async function options(scope: Scope) {
  return scope.tx.site.findMany({ select: { id: true, name: true, code: true }, orderBy: { name: "asc" } });
}
