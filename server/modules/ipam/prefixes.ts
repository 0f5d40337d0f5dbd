import { z } from "zod";
import { Prisma } from "../../db/generated/prisma/client";
import { Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { guarded } from "./constraints";
import { createPrefixSchema, listPrefixesSchema, poolOptionsSchema, updatePrefixSchema } from "./schema";
import { sameVrf, sizeOf } from "./sql";

// Prefixes in a hierarchy. The hierarchy is not stored: a prefix's parent is the smallest prefix
// of its VRF that contains it, so depth and children always follow from the addresses. Overlap
// rules are the database's (see prisma/models/ipam.prisma); this file checks host bits and
// references first so that the answer can say what was meant.

export interface PrefixRow {
  id: string;
  prefix: string;
  vrfId: string | null;
  vrfName: string | null;
  siteId: string | null;
  siteName: string | null;
  vlanId: string | null;
  status: "CONTAINER" | "ACTIVE" | "RESERVED" | "DEPRECATED";
  isPool: boolean;
  subscriptionId: string | null;
  description: string | null;
  /** How many prefixes of its VRF contain it: 0 at the top of the tree. */
  depth: number;
  /** Addresses in the prefix (numeric text: an IPv6 prefix is larger than any JS number). */
  size: string;
  /** Addresses taken by child prefixes and addresses directly inside, as a share from 0 to 1. */
  utilization: number;
}

/** The network of a CIDR as PostgreSQL sees it; refuses host bits with the network it meant. */
export async function normalise(scope: Scope, cidr: string): Promise<string> {
  const [row] = await scope.tx.$queryRaw<{ network: string; given: string }[]>`
    SELECT network(${cidr}::inet)::text AS network, ${cidr}::inet::text AS given`;
  if (row!.network !== row!.given)
    throw new Invalid(`${cidr} has host bits set; the network is ${row!.network}.`, {
      prefix: `Host bits set: did you mean ${row!.network}?`,
    });
  return row!.network;
}

async function assertReferences(
  scope: Scope,
  d: { vrfId?: string | null; siteId?: string | null; vlanId?: string | null },
) {
  const fields: Record<string, string> = {};
  if (d.vrfId && !(await scope.tx.vrf.findUnique({ where: { id: d.vrfId }, select: { id: true } })))
    fields.vrfId = "No such VRF.";
  if (d.siteId && !(await scope.tx.site.findUnique({ where: { id: d.siteId }, select: { id: true } })))
    fields.siteId = "No such site.";
  if (d.vlanId && !(await scope.tx.vlan.findUnique({ where: { id: d.vlanId }, select: { id: true } })))
    fields.vlanId = "No such VLAN.";
  if (Object.keys(fields).length) throw new Invalid(Object.values(fields)[0]!, fields);
}

export async function create(scope: Scope, input: z.input<typeof createPrefixSchema>) {
  const d = createPrefixSchema.parse(input);
  await assertReferences(scope, d);
  const prefix = await normalise(scope, d.prefix);
  const row = await guarded(() =>
    scope.tx.prefix.create({ data: { id: newId(), companyId: scope.companyId, ...d, prefix } }),
  );
  await audit.record(scope, { action: "prefix.create", entityType: "Prefix", entityId: row.id, after: row });
  return row;
}

export async function update(scope: Scope, input: z.input<typeof updatePrefixSchema>) {
  const { id, ...d } = updatePrefixSchema.parse(input);
  const before = await find(scope, id);
  await assertReferences(scope, d);
  const row = await guarded(() => scope.tx.prefix.update({ where: { id }, data: d }));
  await audit.record(scope, { action: "prefix.update", entityType: "Prefix", entityId: id, before, after: row });
  return row;
}

/** Deletes a prefix; its addresses and child prefixes stay (they now belong to the parent). */
export async function remove(scope: Scope, id: string) {
  const before = await find(scope, id);
  await scope.tx.prefix.delete({ where: { id } });
  await audit.record(scope, { action: "prefix.delete", entityType: "Prefix", entityId: id, before });
}

export async function find(scope: Scope, id: string) {
  const row = await scope.tx.prefix.findUnique({ where: { id } });
  if (!row) throw new NotFound("Prefix");
  return row;
}

/**
 * Prefixes with their depth and utilization, in address order (a depth-first walk of the tree),
 * one page at a time. Utilization counts the space of the prefix's top-level children plus the
 * addresses not inside any child, as NetBox does.
 */
export async function list(scope: Scope, input: z.input<typeof listPrefixesSchema>) {
  const f = listPrefixesSchema.parse(input);
  const conds: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.vrfId) conds.push(f.vrfId === "global" ? Prisma.sql`p."vrfId" IS NULL` : Prisma.sql`p."vrfId" = ${f.vrfId}`);
  if (f.siteId) conds.push(Prisma.sql`p."siteId" = ${f.siteId}`);
  if (f.status) conds.push(Prisma.sql`p.status = ${f.status}::"PrefixStatus"`);
  if (f.pool) conds.push(f.pool === "only" ? Prisma.sql`p."isPool"` : Prisma.sql`NOT p."isPool"`);
  if (f.withinId) {
    const within = await find(scope, f.withinId);
    conds.push(Prisma.sql`p.prefix << ${within.prefix}::inet AND ${sameVrf(Prisma.sql`p."vrfId"`, within.vrfId)}`);
  }
  if (f.search) {
    const term = f.search;
    const asInet = isInetText(term);
    conds.push(
      asInet
        ? Prisma.sql`(p.prefix >>= ${term}::inet OR p.prefix <<= ${term}::inet)`
        : Prisma.sql`(p.description ILIKE ${"%" + term + "%"} OR p.prefix::text LIKE ${term + "%"})`,
    );
  }
  const where = Prisma.join(conds, " AND ");
  return listPage(f, {
    count: async () =>
      (await scope.tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Prefix" p WHERE ${where}`)[0]!
        .total,
    rows: ({ skip, take }) =>
      withUsage(
        scope,
        Prisma.sql`SELECT p.id FROM "Prefix" p WHERE ${where}
          ORDER BY COALESCE(p."vrfId", ''), p.prefix, p.id LIMIT ${take} OFFSET ${skip}`,
      ),
  });
}

/**
 * The pools that hand out to subscribers in one IP family (what "Allocate next free" and
 * "Delegate" offer): marked as pools and neither reserved nor deprecated, by VRF then prefix.
 */
export async function poolOptions(scope: Scope, input: z.input<typeof poolOptionsSchema>) {
  const { family } = poolOptionsSchema.parse(input);
  return scope.tx.$queryRaw<
    { id: string; prefix: string; vrfId: string | null; vrfName: string | null; description: string | null }[]
  >`
    SELECT p.id, p.prefix::text AS prefix, p."vrfId", v.name AS "vrfName", p.description
      FROM "Prefix" p LEFT JOIN "Vrf" v ON v.id = p."vrfId"
     WHERE p."isPool" AND p.status IN ('ACTIVE', 'CONTAINER') AND family(p.prefix) = ${family}
     ORDER BY COALESCE(v.name, ''), p.prefix
     LIMIT 200`;
}

/** True when a search term is an address or a prefix (searched by containment, not as text). */
export function isInetText(text: string) {
  return [z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()].some((s) => s.safeParse(text).success);
}

/** The prefixes whose ids `ids` selects, with depth and utilization, in the order it gives. */
export async function withUsage(scope: Scope, ids: Prisma.Sql): Promise<PrefixRow[]> {
  const rows = await scope.tx.$queryRaw<(Omit<PrefixRow, "utilization" | "size"> & { size: string; used: string })[]>`
    WITH picked AS (SELECT id, row_number() OVER () AS n FROM (${ids}) s)
    SELECT p.id, p.prefix::text AS prefix, p."vrfId", v.name AS "vrfName", p."siteId", s.name AS "siteName", p."vlanId",
           p.status::text AS status, p."isPool", p."subscriptionId", p.description,
           (SELECT count(*)::int FROM "Prefix" q
             WHERE COALESCE(q."vrfId", '') = COALESCE(p."vrfId", '') AND q.prefix >> p.prefix) AS depth,
           ${sizeOf(Prisma.sql`p.prefix`)}::text AS size,
           (COALESCE((SELECT sum(${sizeOf(Prisma.sql`c.prefix`)}) FROM "Prefix" c
                       WHERE COALESCE(c."vrfId", '') = COALESCE(p."vrfId", '') AND c.prefix << p.prefix
                         AND NOT EXISTS (SELECT 1 FROM "Prefix" m
                                          WHERE COALESCE(m."vrfId", '') = COALESCE(p."vrfId", '')
                                            AND m.prefix << p.prefix AND c.prefix << m.prefix)), 0)
            + (SELECT count(*) FROM "IpAddress" a
                WHERE COALESCE(a."vrfId", '') = COALESCE(p."vrfId", '') AND a.address <<= p.prefix
                  AND NOT EXISTS (SELECT 1 FROM "Prefix" m
                                   WHERE COALESCE(m."vrfId", '') = COALESCE(p."vrfId", '')
                                     AND m.prefix << p.prefix AND a.address <<= m.prefix)))::text AS used
      FROM picked JOIN "Prefix" p ON p.id = picked.id
      LEFT JOIN "Vrf" v ON v.id = p."vrfId"
      LEFT JOIN "Site" s ON s.id = p."siteId"
     ORDER BY picked.n`;
  return rows.map(({ used, ...r }) => ({ ...r, utilization: Math.min(1, Number(used) / Number(r.size)) }));
}

/** One prefix with its parent, direct child prefixes and the addresses directly inside it. */
export async function get(scope: Scope, id: string) {
  const p = await find(scope, id);
  const [row] = await withUsage(scope, Prisma.sql`SELECT ${id}::text AS id`);
  const vrf = sameVrf(Prisma.sql`q."vrfId"`, p.vrfId);
  const parent = await withUsage(
    scope,
    Prisma.sql`SELECT q.id FROM "Prefix" q WHERE ${vrf} AND q.prefix >> ${p.prefix}::inet ORDER BY masklen(q.prefix) DESC LIMIT 1`,
  );
  const children = await withUsage(
    scope,
    Prisma.sql`SELECT q.id FROM "Prefix" q WHERE ${vrf} AND q.prefix << ${p.prefix}::inet
       AND NOT EXISTS (SELECT 1 FROM "Prefix" m WHERE COALESCE(m."vrfId", '') = COALESCE(q."vrfId", '')
                        AND m.prefix << ${p.prefix}::inet AND q.prefix << m.prefix)
     ORDER BY q.prefix LIMIT 500`,
  );
  return { ...row!, parent: parent[0] ?? null, children };
}
