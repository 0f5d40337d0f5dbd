import type { z } from "zod";
import { Prisma } from "../../db/generated/prisma/client";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import { customerDisplayName } from "../customers/schema";
import type { Scope } from "../scope";
import { guarded } from "./constraints";
import * as history from "./history";
import { find as findPrefix, isInetText } from "./prefixes";
import { createAddressSchema, listAddressesSchema, updateAddressSchema } from "./schema";
import { sameVrf } from "./sql";

// IP addresses: one host each, unique per VRF (the database refuses a second). An address's
// prefix is the smallest prefix of its VRF containing it; inside an IPv4 prefix shorter than /31
// the network and broadcast addresses are never handed to a host.

/** Address rows as the console shows them, read from `rows` (the table, or an INSERT's RETURNING *). */
export const addressRowsFrom = (
  rows: Prisma.Sql,
) => Prisma.sql`SELECT a.id, host(a.address) AS address, a."vrfId", v.name AS "vrfName", a.status::text AS status,
    a.role::text AS role, a."dnsName", a.description, a."subscriptionId", a."createdAt",
    (SELECT q.id FROM "Prefix" q WHERE COALESCE(q."vrfId", '') = COALESCE(a."vrfId", '') AND q.prefix >>= a.address
      ORDER BY masklen(q.prefix) DESC LIMIT 1) AS "prefixId",
    (SELECT q.prefix::text FROM "Prefix" q WHERE COALESCE(q."vrfId", '') = COALESCE(a."vrfId", '') AND q.prefix >>= a.address
      ORDER BY masklen(q.prefix) DESC LIMIT 1) AS "prefix",
    c.id AS "customerId", c.type::text AS "customerType", c."firstName", c."lastName", c."businessName",
    dv.id AS "deviceId", dv.name AS "deviceName"
  FROM ${rows} a LEFT JOIN "Vrf" v ON v.id = a."vrfId"
  LEFT JOIN "Subscription" s ON s.id = a."subscriptionId"
  LEFT JOIN "Customer" c ON c.id = s."customerId"
  LEFT JOIN LATERAL (SELECT d.id, d.name FROM "Device" d WHERE d."managementIpAddressId" = a.id
    ORDER BY d.name LIMIT 1) dv ON true`;
const SELECT = addressRowsFrom(Prisma.sql`"IpAddress"`);

export type RawAddressRow = Omit<AddressRow, "customerName"> & {
  customerType: "INDIVIDUAL" | "BUSINESS" | null;
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
};

/**
 * What the reader may see of the customer behind an address: network:read alone shows that an
 * address is a subscriber's (subscriptionId), but who the customer is takes customers:read.
 */
export interface CustomerSight {
  seesCustomers: boolean;
}

/** The customer an address is assigned to, by the name staff know them by (null when hidden from the reader). */
export function withCustomer(sight: CustomerSight) {
  return ({ customerType, firstName, lastName, businessName, customerId, ...r }: RawAddressRow): AddressRow => ({
    ...r,
    customerId: sight.seesCustomers ? customerId : null,
    customerName:
      sight.seesCustomers && customerType
        ? customerDisplayName({ type: customerType, firstName, lastName, businessName })
        : null,
  });
}

const HIDDEN: CustomerSight = { seesCustomers: false };

export interface AddressRow {
  id: string;
  address: string;
  vrfId: string | null;
  vrfName: string | null;
  status: string;
  role: string | null;
  dnsName: string | null;
  description: string | null;
  subscriptionId: string | null;
  createdAt: Date;
  prefixId: string | null;
  prefix: string | null;
  /** The customer whose subscription holds the address. */
  customerId: string | null;
  customerName: string | null;
  /** The device managed at this address. */
  deviceId: string | null;
  deviceName: string | null;
}

/**
 * Refuses an address that a host may not use: the network or broadcast address of the smallest
 * IPv4 prefix (shorter than /31) that contains it, in its VRF.
 */
async function assertHostAddress(scope: Scope, address: string, vrfId: string | null) {
  const [hit] = await scope.tx.$queryRaw<{ prefix: string; which: string }[]>`
    SELECT q.prefix::text AS prefix,
           CASE WHEN host(q.prefix)::inet = ${address}::inet THEN 'network' ELSE 'broadcast' END AS which
      FROM "Prefix" q
     WHERE ${sameVrf(Prisma.sql`q."vrfId"`, vrfId)} AND q.prefix >>= ${address}::inet
       AND family(q.prefix) = 4 AND masklen(q.prefix) < 31
       AND (host(q.prefix)::inet = ${address}::inet OR host(broadcast(q.prefix))::inet = ${address}::inet)
     ORDER BY masklen(q.prefix) DESC LIMIT 1`;
  if (hit)
    throw new Invalid(`${address} is the ${hit.which} address of ${hit.prefix}; a host cannot use it.`, {
      address: `The ${hit.which} address of ${hit.prefix}.`,
    });
}

async function assertSubscription(scope: Scope, subscriptionId: string | null | undefined) {
  if (
    subscriptionId &&
    !(await scope.tx.subscription.findUnique({ where: { id: subscriptionId }, select: { id: true } }))
  )
    throw new Invalid("No such subscription.", { subscriptionId: "No such subscription." });
}

async function assertVrf(scope: Scope, vrfId: string | null) {
  if (vrfId && !(await scope.tx.vrf.findUnique({ where: { id: vrfId }, select: { id: true } })))
    throw new Invalid("No such VRF.", { vrfId: "No such VRF." });
}

/** A specific address, entered by hand (or assigned to a subscription by its form). */
export async function create(scope: Scope, input: z.input<typeof createAddressSchema>, sight = HIDDEN) {
  const d = createAddressSchema.parse(input);
  await assertVrf(scope, d.vrfId);
  await assertSubscription(scope, d.subscriptionId);
  await assertHostAddress(scope, d.address, d.vrfId);
  const row = await guarded(() =>
    scope.tx.ipAddress.create({ data: { id: newId(), companyId: scope.companyId, ...d } }),
  );
  await audit.record(scope, { action: "ip_address.create", entityType: "IpAddress", entityId: row.id, after: row });
  await history.record(scope, {
    kind: d.status === "RESERVED" ? "RESERVED" : "ALLOCATED",
    value: d.address,
    vrfId: d.vrfId,
    subscriptionId: d.subscriptionId,
  });
  return get(scope, row.id, sight);
}

export async function update(scope: Scope, input: z.input<typeof updateAddressSchema>, sight = HIDDEN) {
  const { id, ...d } = updateAddressSchema.parse(input);
  const before = await scope.tx.ipAddress.findUnique({ where: { id } });
  if (!before) throw new NotFound("IP address");
  await assertSubscription(scope, d.subscriptionId);
  const row = await scope.tx.ipAddress.update({ where: { id }, data: d });
  await audit.record(scope, { action: "ip_address.update", entityType: "IpAddress", entityId: id, before, after: row });
  return get(scope, id, sight);
}

/** Releases an address: the row goes, the history keeps what it was and who had it. */
export async function release(scope: Scope, id: string) {
  const before = await scope.tx.ipAddress.findUnique({ where: { id } });
  if (!before) throw new NotFound("IP address");
  await scope.tx.ipAddress.delete({ where: { id } });
  await audit.record(scope, { action: "ip_address.release", entityType: "IpAddress", entityId: id, before });
  await history.record(scope, {
    kind: "RELEASED",
    value: before.address.replace(/\/(32|128)$/, ""),
    vrfId: before.vrfId,
    subscriptionId: before.subscriptionId,
  });
}

/** Releases the subscription's addresses (not its delegated prefixes), each audited and in the history. */
export async function releaseAddressesOf(scope: Scope, subscriptionId: string) {
  const addresses = await scope.tx.ipAddress.findMany({ where: { subscriptionId }, select: { id: true } });
  for (const a of addresses) await release(scope, a.id);
}

/**
 * Gives back everything a subscription holds (its addresses and delegated prefixes) when it ends,
 * so the next subscriber can have them; each release is audited and kept in the history.
 */
export async function releaseForSubscription(scope: Scope, subscriptionId: string) {
  await releaseAddressesOf(scope, subscriptionId);
  await releasePrefixesOf(scope, subscriptionId);
}

/** Gives back the prefixes delegated to a subscription, each audited and kept in the history. */
export async function releasePrefixesOf(scope: Scope, subscriptionId: string) {
  const delegated = await scope.tx.prefix.findMany({ where: { subscriptionId } });
  for (const before of delegated) {
    await scope.tx.prefix.delete({ where: { id: before.id } });
    await audit.record(scope, { action: "prefix.release", entityType: "Prefix", entityId: before.id, before });
    await history.record(scope, { kind: "RELEASED", value: before.prefix, vrfId: before.vrfId, subscriptionId });
  }
}

export async function get(scope: Scope, id: string, sight: CustomerSight): Promise<AddressRow> {
  const [row] = await scope.tx.$queryRaw<RawAddressRow[]>`${SELECT} WHERE a.id = ${id}`;
  if (!row) throw new NotFound("IP address");
  return withCustomer(sight)(row);
}

export async function list(scope: Scope, input: z.input<typeof listAddressesSchema>, sight: CustomerSight) {
  const f = listAddressesSchema.parse(input);
  const conds: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (f.vrfId) conds.push(f.vrfId === "global" ? Prisma.sql`a."vrfId" IS NULL` : Prisma.sql`a."vrfId" = ${f.vrfId}`);
  if (f.status) conds.push(Prisma.sql`a.status = ${f.status}::"IpAddressStatus"`);
  if (f.subscriptionId) conds.push(Prisma.sql`a."subscriptionId" = ${f.subscriptionId}`);
  if (f.prefixId) {
    const p = await findPrefix(scope, f.prefixId);
    conds.push(Prisma.sql`a.address <<= ${p.prefix}::inet AND ${sameVrf(Prisma.sql`a."vrfId"`, p.vrfId)}`);
  }
  if (f.search) {
    conds.push(
      isInetText(f.search)
        ? Prisma.sql`a.address <<= ${f.search}::inet`
        : Prisma.sql`(host(a.address) LIKE ${f.search + "%"} OR a."dnsName" ILIKE ${"%" + f.search + "%"})`,
    );
  }
  const where = Prisma.join(conds, " AND ");
  return listPage(f, {
    count: async () =>
      (
        await scope.tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "IpAddress" a WHERE ${where}`
      )[0]!.total,
    rows: async ({ skip, take }) => {
      const rows = await scope.tx.$queryRaw<RawAddressRow[]>`
        ${SELECT} WHERE ${where} ORDER BY COALESCE(a."vrfId", ''), a.address LIMIT ${take} OFFSET ${skip}`;
      return rows.map(withCustomer(sight));
    },
  });
}

/** The IPv4 address a subscription's RADIUS reply carries (Framed-IP-Address), if IPAM has one. */
export async function framedAddressOf(scope: Scope, subscriptionId: string): Promise<string | null> {
  const [row] = await scope.tx.$queryRaw<{ address: string }[]>`
    SELECT host(address) AS address FROM "IpAddress"
     WHERE "subscriptionId" = ${subscriptionId} AND family(address) = 4 AND status IN ('ACTIVE', 'DHCP')
     ORDER BY "createdAt", address LIMIT 1`;
  return row?.address ?? null;
}

/** The IPv6 prefix delegated to a subscription (Delegated-IPv6-Prefix), if any. */
export async function delegatedPrefixOf(scope: Scope, subscriptionId: string): Promise<string | null> {
  const [row] = await scope.tx.$queryRaw<{ prefix: string }[]>`
    SELECT prefix::text AS prefix FROM "Prefix"
     WHERE "subscriptionId" = ${subscriptionId} AND family(prefix) = 6 AND status = 'ACTIVE'
     ORDER BY "createdAt" LIMIT 1`;
  return row?.prefix ?? null;
}

/** Refuses a pool that cannot hand out addresses. */
export function assertAddressPool(p: { isPool: boolean; status: string; prefix: string }) {
  if (!p.isPool) throw new Conflict(`${p.prefix} is not a pool; mark it as a pool to allocate from it.`);
  if (p.status === "DEPRECATED" || p.status === "RESERVED")
    throw new Conflict(`${p.prefix} is ${p.status.toLowerCase()}; nothing is allocated from it.`);
}
