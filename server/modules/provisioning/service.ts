import { unseal } from "../../lib/crypto";
import type { ProvisioningState, SubscriptionStatus } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import * as audit from "../audit/service";
import { systemActor, type Scope } from "../scope";
import { radiusAttributesFor, type RadiusRow } from "./attributes";
import * as addresses from "../ipam/addresses";

// The one module that turns subscriptions into RADIUS records (RadiusAttribute rows, read by
// FreeRADIUS as radcheck/radreply). It always applies the desired state of the subscription's
// CURRENT status, replacing whatever rows were there, so running it twice, late, or out of order
// ends in the same place: that is what makes the background job idempotent.

const STATE_AFTER: Record<SubscriptionStatus, ProvisioningState> = {
  PENDING: "NOT_PROVISIONED",
  ACTIVE: "PROVISIONED",
  SUSPENDED: "DEPROVISIONED",
  TERMINATED: "DEPROVISIONED",
};

export interface SyncResult {
  subscriptionId: string;
  status: SubscriptionStatus;
  provisioning: ProvisioningState;
  attributes: number;
}

/** Writes the subscription's RADIUS rows for its current status and records the outcome. */
export async function sync(scope: Scope, subscriptionId: string): Promise<SyncResult> {
  // Row lock: when called right after a change, this waits until that change has committed and
  // then reads it; two runs for one subscription never interleave.
  const locked = await scope.tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "Subscription" WHERE id = ${subscriptionId} FOR UPDATE`;
  if (locked.length === 0) throw new NotFound("Subscription");
  const sub = await scope.tx.subscription.findUniqueOrThrow({
    where: { id: subscriptionId },
    include: { package: { include: { bandwidthPolicy: true } } },
  });
  // FreeRADIUS gets the password from the sealed value at authorize; one that cannot be opened
  // (e.g. the encryption key changed) would refuse every login, so the run fails here, visibly.
  if (sub.pppoePassword) unseal(sub.pppoePassword);
  const rows = radiusAttributesFor(
    {
      status: sub.status,
      username: sub.pppoeUsername,
      hasPassword: sub.pppoePassword !== null,
      // The address plan is IPAM's: the subscription's assigned IPv4 address and delegated IPv6 prefix.
      staticIp: await addresses.framedAddressOf(scope, subscriptionId),
      delegatedPrefix: await addresses.delegatedPrefixOf(scope, subscriptionId),
    },
    sub.package,
    sub.package.bandwidthPolicy,
  );
  await scope.tx.radiusAttribute.deleteMany({ where: { subscriptionId } });
  if (rows.length > 0) {
    await scope.tx.radiusAttribute.createMany({
      data: rows.map((r) => ({
        ...r,
        id: newId(),
        companyId: scope.companyId,
        username: sub.pppoeUsername!,
        subscriptionId,
      })),
    });
  }
  const provisioning = STATE_AFTER[sub.status];
  await scope.tx.subscription.update({
    where: { id: subscriptionId },
    data: {
      provisioning,
      provisioningError: null,
      provisionedAt: provisioning === "PROVISIONED" ? new Date() : sub.provisionedAt,
    },
  });
  await audit.record(scope, {
    action: provisioning === "PROVISIONED" ? "subscription.provisioned" : "subscription.deprovisioned",
    entityType: "Subscription",
    entityId: subscriptionId,
    before: { provisioning: sub.provisioning },
    after: { status: sub.status, provisioning, radiusAttributes: rows.length },
  });
  return { subscriptionId, status: sub.status, provisioning, attributes: rows.length };
}

/** The RADIUS rows last written for a subscription (check and reply items, radcheck/radreply style). */
export async function provisionedRows(scope: Scope, subscriptionId: string): Promise<RadiusRow[]> {
  const rows = await scope.tx.radiusAttribute.findMany({
    where: { subscriptionId },
    select: { kind: true, attribute: true, op: true, value: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(radiusRowOf);
}

/** A stored RadiusAttribute as a RadiusRow (also for RADIUS authorize, which reads them in its own statement). */
export function radiusRowOf(r: { kind: string; attribute: string; op: string; value: string }): RadiusRow {
  return {
    kind: r.kind === "check" ? "check" : "reply",
    attribute: r.attribute,
    op: r.op as RadiusRow["op"],
    value: r.value,
  };
}

/** Records a failed attempt (in its own transaction: the attempt's own was rolled back). */
export async function markFailed(companyId: string, subscriptionId: string, error: unknown): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  await withTenant(companyId, async (tx) => {
    const sub = await tx.subscription.findUnique({ where: { id: subscriptionId }, select: { provisioning: true } });
    if (!sub) return;
    await tx.subscription.update({
      where: { id: subscriptionId },
      data: { provisioning: "FAILED", provisioningError: message },
    });
    await audit.record(
      { tx, companyId, actor: systemActor },
      {
        action: "subscription.provisioning_failed",
        entityType: "Subscription",
        entityId: subscriptionId,
        before: { provisioning: sub.provisioning },
        after: { provisioning: "FAILED", error: message },
      },
    );
  });
}

/** One attempt as the system actor, in its own transaction; throws when it failed (after recording it). */
export async function run(companyId: string, subscriptionId: string): Promise<SyncResult> {
  try {
    return await withTenant(companyId, (tx) => sync({ tx, companyId, actor: systemActor }, subscriptionId));
  } catch (err) {
    if (err instanceof NotFound) throw err;
    await markFailed(companyId, subscriptionId, err);
    throw err;
  }
}
