import type { z } from "zod";
import type { IpamEventKind, Prisma } from "../../db/generated/prisma/client";
import { inOrder } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { pageOf } from "../../lib/schema";
import type { Scope } from "../scope";
import { historySchema } from "./schema";

// The allocation history: every allocation, reservation, delegation and release, kept after the
// address or prefix itself is gone (the audit log has the full rows; this is the readable list).

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
      poolPrefixId: e.poolPrefixId ?? null,
      subscriptionId: e.subscriptionId ?? null,
      actorLabel: scope.actor.label ?? scope.actor.type,
    },
  });
}

export async function list(scope: Scope, input: z.input<typeof historySchema>) {
  const f = historySchema.parse(input);
  const where: Prisma.IpamEventWhereInput = { poolPrefixId: f.prefixId, subscriptionId: f.subscriptionId };
  const [total, rows] = await inOrder([
    scope.tx.ipamEvent.count({ where }),
    scope.tx.ipamEvent.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
    }),
  ]);
  return { ...pageOf(total, f.page, f.pageSize), rows };
}
