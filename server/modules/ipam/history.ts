import type { z } from "zod";
import { Prisma, type IpamEventKind } from "../../db/generated/prisma/client";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import type { Scope, Tenant } from "../scope";
import { historySchema } from "./schema";
import { sameVrf } from "./sql";

// The allocation history: every allocation, reservation, delegation and release, kept after the
// address or prefix itself is gone (the audit log has the full rows; this is the readable list).

/**
 * The smallest pool of the VRF that holds an address or a prefix (strictly: a pool is not its own
 * pool), so that a typed-in address, a release or a delegation given back is listed in that
 * pool's history like the allocations the pool handed out itself.
 */
export async function poolOf(scope: Scope, value: string, vrfId: string | null): Promise<string | null> {
  const [row] = await scope.tx.$queryRaw<{ id: string }[]>`
    SELECT q.id FROM "Prefix" q
     WHERE ${sameVrf(Prisma.sql`q."vrfId"`, vrfId)} AND q."isPool" AND q.prefix >> ${value}::inet
     ORDER BY masklen(q.prefix) DESC LIMIT 1`;
  return row?.id ?? null;
}

/** Who the history names for a change: the actor's label, or its kind (system, API token…). */
export const actorLabelOf = (scope: Tenant) => scope.actor.label ?? scope.actor.type;

/** Appends to the history; without a pool given, the pool holding the value (if any) is recorded. */
export async function record(
  scope: Scope,
  e: {
    kind: IpamEventKind;
    value: string;
    vrfId?: string | null;
    poolPrefixId?: string | null;
    subscriptionId?: string | null;
  },
) {
  await scope.tx.ipamEvent.create({
    data: {
      id: newId(),
      companyId: scope.companyId,
      kind: e.kind,
      value: e.value,
      vrfId: e.vrfId ?? null,
      poolPrefixId: e.poolPrefixId === undefined ? await poolOf(scope, e.value, e.vrfId ?? null) : e.poolPrefixId,
      subscriptionId: e.subscriptionId ?? null,
      actorLabel: actorLabelOf(scope),
    },
  });
}

export async function list(scope: Scope, input: z.input<typeof historySchema>) {
  const f = historySchema.parse(input);
  const where: Prisma.IpamEventWhereInput = { poolPrefixId: f.prefixId, subscriptionId: f.subscriptionId };
  return listPage(f, {
    count: () => scope.tx.ipamEvent.count({ where }),
    rows: (window) =>
      scope.tx.ipamEvent.findMany({
        where,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        ...window,
      }),
  });
}
