import { Prisma } from "../../db/generated/prisma/client";

// SQL fragments the IPAM queries share.

/** Rows of one VRF (NULL: the global table), in a form the (companyId, vrfId, …) indexes serve. */
export function sameVrf(column: Prisma.Sql, vrfId: string | null): Prisma.Sql {
  return vrfId === null ? Prisma.sql`${column} IS NULL` : Prisma.sql`${column} = ${vrfId}`;
}

/** Number of addresses in a prefix, as numeric (an IPv6 /48 does not fit a bigint). */
export const sizeOf = (p: Prisma.Sql) =>
  Prisma.sql`power(2::numeric, (CASE family(${p}) WHEN 4 THEN 32 ELSE 128 END) - masklen(${p}))`;

/** A transaction-scoped lock on one prefix: allocations from a pool run one after another. */
export const lockPrefix = (prefixId: string) =>
  Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${"ipam:prefix:" + prefixId}, 0))`;
