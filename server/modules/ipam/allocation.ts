import type { z } from "zod";
import { Prisma } from "../../db/generated/prisma/client";
import { sqlOf, type SqlTx, type SqlValue } from "../../db/sql";
import { Conflict, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import type { Scope, Tenant } from "../scope";
import {
  addressRowsFrom,
  assertAddressPool,
  create as createAddress,
  withCustomer,
  type CustomerSight,
  type RawAddressRow,
} from "./addresses";
import { guarded } from "./constraints";
import * as history from "./history";
import { find as findPrefix } from "./prefixes";
import { allocateAddressSchema, allocatePrefixSchema } from "./schema";
import { lockPrefix, sameVrf } from "./sql";

// Next-free allocation from pools, in SQL over sets (never a loop over addresses here): the
// first free address is the pool's first host if unused, else the address after the first used
// one whose successor is not used (found from the pool's low-water mark). A child prefix is the
// first aligned slot of the wanted length that overlaps nothing.
//
// Concurrency: allocations from one pool take a transaction-scoped advisory lock on it, so two
// requests never compute the same answer; the exclusion constraints stay the last word for
// anything written around the lock (an address typed in by hand at the same moment).

/**
 * The first free host address of a prefix (column `address`, no row when it is full). IPv4
 * prefixes shorter than /31 skip the network and broadcast addresses; IPv6 prefixes shorter than
 * /127 skip the first (the subnet-router anycast address).
 *
 * `from` is the pool's low-water mark (Prefix.allUsedBelow: every host address below it is in
 * use); the walk starts there instead of at the pool's first host. Without it a /16 with 60,000
 * used reads all 60,000 index entries below the first gap; with it, the entries between the mark
 * and the next gap (a handful in the usual case).
 *
 * The search is the database function lastmile_ipam_first_free (migration
 * 20261203213000_ipam_mark_follows_inserts), because the triggers that keep the mark after an
 * import or a pool edit need the same search: one ordered walk of the (companyId, vrfId,
 * address) index, with no sort and no probe per used address.
 */
export function nextFreeAddressSql(
  companyId: string,
  prefix: string,
  vrfId: string | null,
  from: string | null = null,
): Prisma.Sql {
  return Prisma.sql`
    SELECT host(f.address) AS address
      FROM (SELECT lastmile_ipam_first_free(${companyId}, ${vrfId}::text, ${prefix}::inet, ${from}::inet) AS address) f
     WHERE f.address IS NOT NULL`;
}

/**
 * Allocates the next free address of a pool prefix, audited and kept in the history.
 *
 * Two round trips (docs/BENCHMARKS.md, issue 11): at 60,000 used addresses the search itself is
 * under a millisecond from the mark, and an allocation of ten statements, each a round trip, was
 * mostly waiting. First the pool's lock and, after it, the pool with its mark and the
 * subscription check (sent together: each statement of a batch sees what committed before it
 * started, so the mark is read after the lock is held); then one statement that finds the gap,
 * inserts the address, raises the mark, writes the audit entry and the history row, and reads the
 * address back as the console shows it.
 */
export async function allocateAddress(
  scope: Scope,
  input: z.input<typeof allocateAddressSchema>,
  sight: CustomerSight = { seesCustomers: false },
) {
  return allocateAddressWith(sqlOf(scope.tx), scope, input, sight);
}

/** allocateAddress on any transaction that takes SQL (bench/ipam.ts times it on plain pg too). */
export async function allocateAddressWith(
  sql: SqlTx,
  scope: Tenant,
  input: z.input<typeof allocateAddressSchema>,
  sight: CustomerSight = { seesCustomers: false },
) {
  const d = allocateAddressSchema.parse(input);
  // Only a pool of this company is locked (RLS hides the others): the lock is taken per row found.
  sql.later(`SELECT pg_advisory_xact_lock(hashtextextended('ipam:prefix:' || id, 0)) FROM "Prefix" WHERE id = $1`, [
    d.prefixId,
  ]);
  const [pool] = await sql.query<{
    id: string;
    prefix: string;
    vrfId: string | null;
    isPool: boolean;
    status: string;
    mark: string | null;
    subscriptionFound: boolean;
  }>(
    `SELECT id, prefix::text AS prefix, "vrfId", "isPool", status::text AS status, host("allUsedBelow") AS mark,
            ($2::text IS NULL OR EXISTS (SELECT 1 FROM "Subscription" WHERE id = $2::text)) AS "subscriptionFound"
       FROM "Prefix" WHERE id = $1`,
    [d.prefixId, d.subscriptionId ?? null],
  );
  if (!pool) throw new NotFound("Prefix");
  assertAddressPool(pool);
  if (!pool.subscriptionFound) throw new Invalid("No such subscription.", { subscriptionId: "No such subscription." });
  const id = newId();
  const statement = Prisma.sql`
    WITH free AS (${nextFreeAddressSql(scope.companyId, pool.prefix, pool.vrfId, pool.mark)}),
    ins AS (
      INSERT INTO "IpAddress" (id, "companyId", address, "vrfId", status, "subscriptionId", "dnsName", description, "updatedAt")
      SELECT ${id}, ${scope.companyId}, free.address::inet, ${pool.vrfId}, ${d.status}::"IpAddressStatus",
             ${d.subscriptionId ?? null}, ${d.dnsName ?? null}, ${d.description ?? null}, now()
        FROM free
      RETURNING *
    ), raised AS (${raiseMarkSql(pool, pool.mark)}),
    audited AS (${audit.recordSql(
      scope,
      { action: "ip_address.allocate", entityType: "IpAddress", entityId: id },
      Prisma.sql`ins`,
      // The row as audit.record() snapshots it: its columns, times as JSON.stringify writes a
      // Date (no column of an address is one snapshot() redacts).
      Prisma.sql`to_jsonb(ins) || jsonb_build_object('createdAt', ${isoUtc(Prisma.sql`ins."createdAt"`)},
                                                     'updatedAt', ${isoUtc(Prisma.sql`ins."updatedAt"`)})`,
    )}),
    recorded AS (
      INSERT INTO "IpamEvent" (id, "companyId", kind, value, "vrfId", "poolPrefixId", "subscriptionId", "actorLabel")
      SELECT ${newId()}, ${scope.companyId}, ${d.status === "RESERVED" ? "RESERVED" : "ALLOCATED"}::"IpamEventKind",
             host(ins.address), ins."vrfId", ${pool.id}, ins."subscriptionId", ${history.actorLabelOf(scope)}
        FROM ins
    )
    ${addressRowsFrom(Prisma.sql`ins`)}`;
  const [row] = await guarded(() => sql.query<RawAddressRow>(statement.text, statement.values as SqlValue[]));
  if (!row) throw new Conflict(`${pool.prefix} has no free address left.`, { prefixId: "This pool is full." });
  return withCustomer(sight)(row);
}

/** A timestamp as JSON.stringify writes a Date: ISO 8601 in UTC, milliseconds, Z. */
const isoUtc = (t: Prisma.Sql) => Prisma.sql`to_char(${t} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * After taking the address in `ins`, every host of the pool up to it is in use (the walk found no
 * gap between the old mark and it), so the mark moves just past it. Only if the mark is still the
 * one read (under the lock only a pool edit can change it, and the edit found its own). The last
 * address of the address space has no successor; the mark then stays on it (still a lower bound).
 */
function raiseMarkSql(pool: { id: string; prefix: string }, mark: string | null) {
  return Prisma.sql`
    UPDATE "Prefix"
       SET "allUsedBelow" = CASE WHEN ins.address < host(broadcast(prefix))::inet THEN host(ins.address)::inet + 1 ELSE host(ins.address)::inet END
      FROM ins
     WHERE "Prefix".id = ${pool.id} AND "Prefix".prefix = ${pool.prefix}::inet
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
 * The first free child prefix of `length` inside a pool, or null: one walk over what the pool
 * already holds, in address order, stopping at the first hole. Each child prefix and each address
 * inside the pool stands for the aligned block of slots it touches (a /60 or an address: its /56;
 * a /48: itself); the first free slot is the pool's first if no block starts there, else the one
 * right after the first block that the next block does not touch, else the one after the last.
 *
 * It replaced an enumeration of candidate slots each checked against every child (NOT EXISTS,
 * planned as a nested loop): 5,000 /56s delegated from a /32 took 287 s per search. This sorts
 * the children once (docs/BENCHMARKS.md). No inet - inet (a bigint: IPv6 distances overflow it);
 * only comparisons and + 1, after checking the address is not the last one.
 */
export function nextFreePrefixSql(
  companyId: string,
  pool: { id: string; prefix: string; vrfId: string | null },
  length: number,
) {
  const vrf = sameVrf(Prisma.sql`q."vrfId"`, pool.vrfId);
  return Prisma.sql`
    WITH p AS (
      SELECT host(network(${pool.prefix}::inet))::inet AS first, host(broadcast(${pool.prefix}::inet))::inet AS last
    ), blocks AS (
      SELECT host(network(b))::inet AS s, host(broadcast(b))::inet AS e FROM (
        SELECT set_masklen(q.prefix, LEAST(masklen(q.prefix), ${length})) AS b
          FROM "Prefix" q WHERE q."companyId" = ${companyId} AND ${vrf} AND q.prefix << ${pool.prefix}::inet
        UNION ALL
        SELECT set_masklen(q.address, LEAST(masklen(q.address), ${length}))
          FROM "IpAddress" q WHERE q."companyId" = ${companyId} AND ${vrf} AND q.address <<= ${pool.prefix}::inet
      ) x
    ), walk AS (
      SELECT s, max(e) OVER (ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached FROM blocks
    ), free AS (
      -- the first hole between blocks (before the first block: the pool's first slot)
      (SELECT CASE WHEN w.reached IS NULL THEN p.first ELSE w.reached + 1 END AS slot
         FROM walk w, p
        WHERE CASE WHEN w.reached IS NULL THEN w.s > p.first
                   WHEN w.s > w.reached THEN w.s <> w.reached + 1
                   ELSE false END
        ORDER BY w.s LIMIT 1)
      UNION ALL
      -- after the last block (or an empty pool: its first slot)
      SELECT CASE WHEN m.e IS NULL THEN p.first ELSE m.e + 1 END
        FROM (SELECT max(e) AS e FROM blocks) m, p
       WHERE m.e IS NULL OR m.e < p.last
    )
    SELECT network(set_masklen(min(slot), ${length}))::text AS prefix FROM free HAVING min(slot) IS NOT NULL`;
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
