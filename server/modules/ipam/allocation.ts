import type { z } from "zod";
import { Prisma } from "../../db/generated/prisma/client";
import { Conflict, Invalid } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { assertAddressPool, create as createAddress, get as getAddress, type CustomerSight } from "./addresses";
import { guarded } from "./constraints";
import * as history from "./history";
import { find as findPrefix } from "./prefixes";
import { allocateAddressSchema, allocatePrefixSchema } from "./schema";
import { lockPrefix, sameVrf } from "./sql";

// Next-free allocation from pools, in SQL over sets (never a loop over addresses here): the
// first free address is the pool's first host if unused, else the address after the first used
// one whose successor is not used. A child prefix is the first aligned slot of the wanted length
// that overlaps nothing.
//
// Concurrency: allocations from one pool take a transaction-scoped advisory lock on it, so two
// requests never compute the same answer; the exclusion constraints stay the last word for
// anything written around the lock (an address typed in by hand at the same moment).

/**
 * The first free host address of a prefix, or null when it is full. IPv4 prefixes shorter than
 * /31 skip the network and broadcast addresses; IPv6 prefixes shorter than /127 skip the first
 * (the subnet-router anycast address).
 *
 * `from` is the pool's low-water mark (Prefix.allUsedBelow: every host address below it is in
 * use, see allocateAddress); the walk starts there instead of at the pool's first host. Without
 * it a /16 with 60,000 used reads all 60,000 index entries below the first gap; with it, the
 * entries between the mark and the next gap (a handful in the usual case).
 *
 * One ordered walk of the (companyId, vrfId, address) index, pairing each used address with the
 * next (lead) and stopping at the first pair with a hole between them. Three details keep it an
 * index-only walk with no sort (docs/BENCHMARKS.md has the plans):
 *  - the window orders by companyId, vrfId, address, the index's own order: `vrfId IS NULL` (the
 *    global table) is no equality to PostgreSQL, so ordering by address alone made it sort every
 *    used address first;
 *  - the bounds are expressions of the parameters, not a CTE, so the planner knows them;
 *  - no probe per used address: a probe for `address + 1` went to the GiST exclusion index at
 *    ~0.6 ms each (36 s for a /16 with 60,000 used).
 */
export function nextFreeAddressSql(
  companyId: string,
  prefix: string,
  vrfId: string | null,
  from: string | null = null,
): Prisma.Sql {
  const p = Prisma.sql`${prefix}::inet`;
  const host0 = Prisma.sql`(host(network(${p}))::inet + CASE WHEN (family(${p}) = 4 AND masklen(${p}) < 31) OR (family(${p}) = 6 AND masklen(${p}) < 127) THEN 1 ELSE 0 END)`;
  // A mark from another family or outside the prefix (never written so; defensive) is ignored.
  const first =
    from === null
      ? host0
      : Prisma.sql`(CASE WHEN family(${from}::inet) = family(${p}) AND ${from}::inet > ${host0} THEN ${from}::inet ELSE ${host0} END)`;
  const last = Prisma.sql`(host(broadcast(${p}))::inet - CASE WHEN family(${p}) = 4 AND masklen(${p}) < 31 THEN 1 ELSE 0 END)`;
  const inVrf = (alias: Prisma.Sql) =>
    Prisma.sql`${alias}."companyId" = ${companyId} AND ${sameVrf(Prisma.sql`${alias}."vrfId"`, vrfId)}`;
  return Prisma.sql`
    SELECT host(c) AS address FROM (
      (SELECT ${first} AS c WHERE ${first} <= ${last}
          AND NOT EXISTS (SELECT 1 FROM "IpAddress" f WHERE ${inVrf(Prisma.sql`f`)} AND f.address = ${first}))
      UNION ALL
      (SELECT w.address + 1 FROM (
          SELECT a.address, lead(a.address) OVER (ORDER BY a."companyId", a."vrfId", a.address) AS next
            FROM "IpAddress" a
           WHERE ${inVrf(Prisma.sql`a`)} AND a.address >= ${first} AND a.address <= ${last}) w
        WHERE w.address < ${last} AND (w.next IS NULL OR w.next <> w.address + 1)
        LIMIT 1)
    ) gaps ORDER BY c LIMIT 1`;
}

/** Allocates the next free address of a pool prefix, audited and kept in the history. */
export async function allocateAddress(
  scope: Scope,
  input: z.input<typeof allocateAddressSchema>,
  sight: CustomerSight = { seesCustomers: false },
) {
  const d = allocateAddressSchema.parse(input);
  const pool = await findPrefix(scope, d.prefixId);
  assertAddressPool(pool);
  if (
    d.subscriptionId &&
    !(await scope.tx.subscription.findUnique({ where: { id: d.subscriptionId }, select: { id: true } }))
  )
    throw new Invalid("No such subscription.", { subscriptionId: "No such subscription." });
  await scope.tx.$executeRaw(lockPrefix(pool.id));
  // The mark is read after the lock: a release takes the same lock before lowering it.
  const [{ mark }] = await scope.tx.$queryRaw<{ mark: string | null }[]>`
    SELECT host("allUsedBelow") AS mark FROM "Prefix" WHERE id = ${pool.id}`;
  const [free] = await scope.tx.$queryRaw<{ address: string }[]>(
    nextFreeAddressSql(scope.companyId, pool.prefix, pool.vrfId, mark),
  );
  if (!free) throw new Conflict(`${pool.prefix} has no free address left.`, { prefixId: "This pool is full." });
  await raiseMark(scope, pool, mark, free.address);
  const row = await guarded(() =>
    scope.tx.ipAddress.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        address: free.address,
        vrfId: pool.vrfId,
        status: d.status,
        subscriptionId: d.subscriptionId,
        dnsName: d.dnsName,
        description: d.description,
      },
    }),
  );
  await audit.record(scope, { action: "ip_address.allocate", entityType: "IpAddress", entityId: row.id, after: row });
  await history.record(scope, {
    kind: d.status === "RESERVED" ? "RESERVED" : "ALLOCATED",
    value: free.address,
    vrfId: pool.vrfId,
    poolPrefixId: pool.id,
    subscriptionId: d.subscriptionId,
  });
  return getAddress(scope, row.id, sight);
}

/**
 * After taking `free`, every host of the pool up to it is in use (the walk found no gap between
 * the old mark and it), so the mark moves just past it. Only if the mark is still the one read:
 * the prefix or VRF edited meanwhile clears it, and a cleared mark must stay cleared. The last
 * address of the address space has no successor; the mark then stays on it (still a lower bound).
 */
async function raiseMark(scope: Scope, pool: { id: string; prefix: string }, mark: string | null, free: string) {
  await scope.tx.$executeRaw`
    UPDATE "Prefix"
       SET "allUsedBelow" = CASE WHEN ${free}::inet < host(broadcast(prefix))::inet THEN ${free}::inet + 1 ELSE ${free}::inet END
     WHERE id = ${pool.id} AND prefix = ${pool.prefix}::inet
       AND host("allUsedBelow") IS NOT DISTINCT FROM ${mark}::text`;
}

/**
 * A specific address from a pool, typed by a person (a customer who keeps their old address):
 * it must lie inside the pool, and takes the pool's VRF; the network and broadcast addresses and
 * one already in use are refused as for any address.
 */
export async function assignInPool(scope: Scope, input: { prefixId: string; address: string; subscriptionId: string }) {
  const pool = await findPrefix(scope, input.prefixId);
  assertAddressPool(pool);
  const [{ inside }] = await scope.tx.$queryRaw<{ inside: boolean }[]>`
    SELECT ${input.address}::inet << ${pool.prefix}::inet AS inside`;
  if (!inside)
    throw new Invalid(`${input.address} is outside the pool ${pool.prefix}.`, {
      address: `Outside ${pool.prefix}.`,
    });
  return createAddress(scope, { address: input.address, vrfId: pool.vrfId, subscriptionId: input.subscriptionId });
}

/**
 * The first free child prefix of `length` inside a pool, or null. Slots are enumerated from the
 * start of the pool, but only as many as could be taken: the first free slot comes at or before
 * (slots covered by existing children + 1), so a /32 pool with ten /56 delegations scans eleven
 * slots, not sixteen million.
 */
export function nextFreePrefixSql(
  companyId: string,
  pool: { id: string; prefix: string; vrfId: string | null },
  length: number,
) {
  const vrf = sameVrf(Prisma.sql`q."vrfId"`, pool.vrfId);
  return Prisma.sql`
    WITH p AS (
      SELECT ${pool.prefix}::inet AS net, masklen(${pool.prefix}::inet) AS len,
             CASE family(${pool.prefix}::inet) WHEN 4 THEN 32 ELSE 128 END AS maxlen
    ), taken AS (
      SELECT COALESCE(sum(CASE WHEN masklen(q.prefix) <= ${length} THEN power(2::numeric, ${length} - masklen(q.prefix)) ELSE 1 END), 0) AS n
        FROM "Prefix" q, p WHERE q."companyId" = ${companyId} AND ${vrf} AND q.prefix << p.net
    ), slots AS (
      SELECT i FROM p, taken, generate_series(0::numeric, LEAST(power(2::numeric, ${length} - p.len), taken.n + 1) - 1) AS i
    ), candidates AS (
      SELECT i, set_masklen(
               CASE WHEN p.maxlen = 128 AND ${length} <= 64
                    -- the slot number lands in the upper 64 bits, out of inet + bigint's reach: OR in its hex
                    THEN p.net | regexp_replace(lpad(to_hex((i * power(2::numeric, 64 - ${length}))::bigint), 16, '0'),
                                                '(.{4})(.{4})(.{4})(.{4})', '\\1:\\2:\\3:\\4::')::inet
                    ELSE host(p.net)::inet + (i * power(2::numeric, p.maxlen - ${length}))::bigint END,
               ${length}) AS slot
        FROM slots, p
    )
    SELECT network(c.slot)::text AS prefix FROM candidates c
     WHERE NOT EXISTS (SELECT 1 FROM "Prefix" q, p WHERE q."companyId" = ${companyId} AND ${vrf}
                        AND q.prefix << p.net AND q.prefix && c.slot)
       AND NOT EXISTS (SELECT 1 FROM "IpAddress" q WHERE q."companyId" = ${companyId} AND ${vrf} AND q.address <<= c.slot)
     ORDER BY c.i LIMIT 1`;
}

/** Delegates the next free child prefix of a pool (e.g. a customer's IPv6 /56 from a /48 pool). */
export async function allocatePrefix(scope: Scope, input: z.input<typeof allocatePrefixSchema>) {
  const d = allocatePrefixSchema.parse(input);
  const pool = await findPrefix(scope, d.prefixId);
  assertAddressPool(pool);
  const [{ len, maxlen }] = await scope.tx.$queryRaw<{ len: number; maxlen: number }[]>`
    SELECT masklen(${pool.prefix}::inet) AS len, CASE family(${pool.prefix}::inet) WHEN 4 THEN 32 ELSE 128 END AS maxlen`;
  if (d.length <= len || d.length > maxlen)
    throw new Invalid(
      `${pool.prefix} cannot delegate a /${d.length}: choose a length from /${len + 1} to /${maxlen}.`,
      {
        length: `From ${len + 1} to ${maxlen}.`,
      },
    );
  if (
    d.subscriptionId &&
    !(await scope.tx.subscription.findUnique({ where: { id: d.subscriptionId }, select: { id: true } }))
  )
    throw new Invalid("No such subscription.", { subscriptionId: "No such subscription." });
  await scope.tx.$executeRaw(lockPrefix(pool.id));
  const [free] = await scope.tx.$queryRaw<{ prefix: string }[]>(nextFreePrefixSql(scope.companyId, pool, d.length));
  if (!free)
    throw new Conflict(`${pool.prefix} has no free /${d.length} left.`, {
      prefixId: `No free /${d.length} in this pool.`,
    });
  const row = await guarded(() =>
    scope.tx.prefix.create({
      data: {
        id: newId(),
        companyId: scope.companyId,
        prefix: free.prefix,
        vrfId: pool.vrfId,
        siteId: pool.siteId,
        status: "ACTIVE",
        subscriptionId: d.subscriptionId,
        description: d.description,
      },
    }),
  );
  await audit.record(scope, { action: "prefix.allocate", entityType: "Prefix", entityId: row.id, after: row });
  await history.record(scope, {
    kind: "DELEGATED",
    value: free.prefix,
    vrfId: pool.vrfId,
    poolPrefixId: pool.id,
    subscriptionId: d.subscriptionId,
  });
  return row;
}
