import { Conflict, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import { speedRows, type RadiusPackage } from "../provisioning/attributes";
import * as provisioning from "../provisioning/dispatch";
import type { Scope } from "../scope";
import { reapplySpeeds } from "./reapply";
import { listPoliciesSchema, policyIdSchema, policySchema, updatePolicySchema } from "./schema";

// Named QoS policies (speeds, bursts, priority, fair-use speeds, a free night window) that
// packages refer to. RADIUS records are written from them by provisioning, so a changed policy
// re-provisions every live subscription of its packages, and changed speeds reach the sessions
// online now by CoA (reapply.ts); a policy in use cannot be deleted.

const NAME_TAKEN = () =>
  new Conflict("Another bandwidth policy already has this name.", { name: "Already used by another policy." });

export async function list(scope: Scope, input: unknown) {
  const f = listPoliciesSchema.parse(input ?? {});
  const where = f.search ? { name: { contains: f.search, mode: "insensitive" as const } } : {};
  return listPage(f, {
    count: () => scope.tx.bandwidthPolicy.count({ where }),
    rows: (window) =>
      scope.tx.bandwidthPolicy.findMany({
        where,
        include: { _count: { select: { packages: true } } },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        ...window,
      }),
  });
}

export async function get(scope: Scope, id: string) {
  const policy = await scope.tx.bandwidthPolicy.findUnique({ where: { id } });
  if (!policy) throw new NotFound("Bandwidth policy");
  return policy;
}

export async function create(scope: Scope, input: unknown) {
  const data = policySchema.parse(input);
  const policy = await onUnique(
    scope.tx.bandwidthPolicy.create({ data: { ...data, id: newId(), companyId: scope.companyId } }),
    NAME_TAKEN,
  );
  await audit.record(scope, {
    action: "bandwidth.policy_created",
    entityType: "BandwidthPolicy",
    entityId: policy.id,
    after: policy,
  });
  return policy;
}

export async function update(scope: Scope, input: unknown) {
  const { id, data } = updatePolicySchema.parse(input);
  const before = await get(scope, id);
  const clash = await scope.tx.bandwidthPolicy.findFirst({ where: { name: data.name, id: { not: id } } });
  if (clash) throw NAME_TAKEN();
  const after = await scope.tx.bandwidthPolicy.update({ where: { id }, data });
  await audit.record(scope, {
    action: "bandwidth.policy_updated",
    entityType: "BandwidthPolicy",
    entityId: id,
    before,
    after,
  });
  // The new speeds reach each subscriber's RADIUS records (and with them the next login).
  const subs = await scope.tx.subscription.findMany({
    where: { package: { bandwidthPolicyId: id }, status: { in: ["ACTIVE", "SUSPENDED"] } },
    select: { id: true },
  });
  for (const s of subs) await provisioning.requestSync(scope, s.id);
  // Subscribers online now get the new speeds by CoA, once this change has committed.
  if (SPEED_FIELDS.some((f) => before[f] !== after[f])) {
    const packages = await scope.tx.package.findMany({ where: { bandwidthPolicyId: id }, select: { id: true } });
    await reapplySpeeds(
      scope,
      packages.map((p) => p.id),
    );
  }
  return after;
}

/** What a live session's reply attributes are made of: a change to one of these is sent to the NAS. */
const SPEED_FIELDS = [
  "downloadKbps",
  "uploadKbps",
  "burstDownloadKbps",
  "burstUploadKbps",
  "burstThresholdBps",
  "burstTimeSeconds",
  "priority",
  "fupDownloadKbps",
  "fupUploadKbps",
  "addressList",
] as const;

export async function remove(scope: Scope, input: unknown) {
  const { id } = policyIdSchema.parse(input);
  const before = await get(scope, id);
  const used = await scope.tx.package.count({ where: { bandwidthPolicyId: id } });
  if (used > 0)
    throw new Conflict(
      `${before.name} is used by ${used} package${used === 1 ? "" : "s"}: choose another policy for ${used === 1 ? "it" : "them"} first.`,
    );
  await scope.tx.bandwidthPolicy.delete({ where: { id } });
  await audit.record(scope, {
    action: "bandwidth.policy_deleted",
    entityType: "BandwidthPolicy",
    entityId: id,
    before,
  });
  return { id };
}

/**
 * The speed replies of a package (its policy's when it has one), for a CoA to a live session
 * when a subscriber moves to it: the same rows provisioning writes for the next login.
 */
export async function speedRowsFor(scope: Scope, pkg: RadiusPackage & { bandwidthPolicyId: string | null }) {
  const policy = pkg.bandwidthPolicyId
    ? await scope.tx.bandwidthPolicy.findUnique({ where: { id: pkg.bandwidthPolicyId } })
    : null;
  return speedRows(pkg, policy);
}

/** For the package form: every policy, by name (a company has a handful). */
export async function choices(scope: Scope) {
  return scope.tx.bandwidthPolicy.findMany({
    select: { id: true, name: true, downloadKbps: true, uploadKbps: true, fupDownloadKbps: true, fupUploadKbps: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
