import { inOrder } from "../../db/tenant";
import type { z } from "zod";
import type { Package, Prisma } from "../../db/generated/prisma/client";
import { Conflict, Invalid, NotFound, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import { reapplySpeeds } from "../bandwidth/reapply";
import { requestSync } from "../provisioning/dispatch";
import type { Scope } from "../scope";
import { createPackageSchema, listPackagesSchema, updatePackageSchema, type VolumeDiscount } from "./schema";

export type PackageRow = Omit<Package, "volumeDiscounts"> & { volumeDiscounts: VolumeDiscount[] };

/** The JSON column, typed (schema.ts validated it on the way in). */
const typed = (p: Package): PackageRow => ({
  ...p,
  volumeDiscounts: Array.isArray(p.volumeDiscounts) ? (p.volumeDiscounts as unknown as VolumeDiscount[]) : [],
});

// Internet packages the ISP sells. Validation per type lives in schema.ts (shared with the form);
// here: uniqueness of the code, what may be deleted, and the audit trail.

const CODE_TAKEN = () =>
  new Conflict("Another package already uses this code.", { code: "Already used by another package." });

export async function list(scope: Scope, input: z.input<typeof listPackagesSchema>) {
  const f = listPackagesSchema.parse(input);
  const where: Prisma.PackageWhereInput = {
    type: f.type,
    visibility: f.visibility,
    archivedAt: f.archived === "active" ? null : f.archived === "archived" ? { not: null } : undefined,
    OR: f.search
      ? [{ name: { contains: f.search, mode: "insensitive" } }, { code: { contains: f.search, mode: "insensitive" } }]
      : undefined,
  };
  return listPage(f, {
    count: () => scope.tx.package.count({ where }),
    rows: (window) =>
      scope.tx.package
        .findMany({ where, orderBy: [{ [f.sort]: f.direction }, { id: "asc" }], ...window })
        .then((r) => r.map(typed)),
  });
}

export async function get(scope: Scope, id: string): Promise<PackageRow> {
  const pkg = await scope.tx.package.findUnique({ where: { id } });
  if (!pkg) throw new NotFound("Package");
  return typed(pkg);
}

/** A package a new subscription (or voucher batch, or service request) may use: this company's and not archived. */
/**
 * A package that can be sold now. Customers (the portal) may only choose public packages: a
 * staff-only package is "not found" to them, so its id proves nothing.
 */
export async function getSellable(
  scope: Scope,
  id: string,
  { toCustomer = false }: { toCustomer?: boolean } = {},
): Promise<PackageRow> {
  const pkg = await get(scope, id);
  if (toCustomer && pkg.visibility !== "PUBLIC") throw new NotFound("Package");
  if (pkg.archivedAt)
    throw new Conflict(`The package ${pkg.name} is archived and can no longer be sold.`, {
      packageId: "This package is archived.",
    });
  return pkg;
}

/**
 * The bandwidth policy must be this company's (RLS hides any other), and a package that slows
 * down at its cap needs fair-use speeds, its own or its policy's. Left out, onCap follows the
 * speeds: slow down when there are fair-use speeds, else cut off.
 */
async function withNetworkRules(scope: Scope, data: z.output<typeof createPackageSchema>) {
  const policy = data.bandwidthPolicyId
    ? await scope.tx.bandwidthPolicy.findUnique({ where: { id: data.bandwidthPolicyId } })
    : null;
  if (data.bandwidthPolicyId && !policy)
    throw new Invalid("Choose one of your bandwidth policies.", {
      bandwidthPolicyId: "This bandwidth policy does not exist.",
    });
  const from = policy ?? data;
  const hasFairUse = from.fupDownloadKbps != null || from.fupUploadKbps != null;
  const onCap = data.onCap ?? (hasFairUse ? "THROTTLE" : "DISCONNECT");
  if (onCap === "THROTTLE" && data.dataCapMb && !hasFairUse)
    throw new Invalid("Enter the fair-use speeds to slow down to, or choose another action at the cap.", {
      onCap: policy ? "The bandwidth policy has no fair-use speeds." : "Enter fair-use speeds first.",
    });
  return { ...data, onCap };
}

export async function create(scope: Scope, input: z.input<typeof createPackageSchema>) {
  const data = await withNetworkRules(scope, createPackageSchema.parse(input));
  if (await scope.tx.package.findFirst({ where: { code: data.code }, select: { id: true } })) throw CODE_TAKEN();
  return onUnique(async () => {
    const pkg = await scope.tx.package.create({ data: { ...data, id: newId(), companyId: scope.companyId } });
    await audit.record(scope, { action: "package.create", entityType: "Package", entityId: pkg.id, after: pkg });
    return typed(pkg);
  }, CODE_TAKEN);
}

export async function update(scope: Scope, input: z.input<typeof updatePackageSchema>) {
  const parsed = updatePackageSchema.parse(input);
  const id = parsed.id;
  const before = await get(scope, id);
  const { bandwidthPolicyId, ...fields } = parsed.data;
  const data = await withNetworkRules(scope, {
    ...fields,
    bandwidthPolicyId: bandwidthPolicyId === undefined ? before.bandwidthPolicyId : bandwidthPolicyId,
  });
  // Checked first so the answer is a field error, not an aborted transaction.
  const clash = await scope.tx.package.findFirst({ where: { code: data.code, id: { not: id } }, select: { id: true } });
  if (clash) throw CODE_TAKEN();
  const after = await scope.tx.package.update({ where: { id }, data });
  await audit.record(scope, { action: "package.update", entityType: "Package", entityId: id, before, after });
  // Another policy or other speeds, session limits or cap: other RADIUS records for every
  // subscriber (their next login), and the new speeds by CoA for those online now.
  if (RADIUS_FIELDS.some((f) => before[f] !== after[f])) {
    const subs = await scope.tx.subscription.findMany({
      where: { packageId: id, status: { in: ["ACTIVE", "SUSPENDED"] } },
      select: { id: true },
    });
    for (const s of subs) await requestSync(scope, s.id);
    if (SPEED_FIELDS.some((f) => before[f] !== after[f])) await reapplySpeeds(scope, [id]);
  }
  return typed(after);
}

/** A package's own speeds and its policy: what a live session's speed attributes are made of. */
const SPEED_FIELDS = [
  "bandwidthPolicyId",
  "downloadKbps",
  "uploadKbps",
  "burstDownloadKbps",
  "burstUploadKbps",
  "burstThresholdBps",
  "burstTimeSeconds",
  "fupDownloadKbps",
  "fupUploadKbps",
] as const satisfies readonly (keyof Package)[];

/** Everything provisioning writes a subscriber's RADIUS records from (provisioning/attributes.ts). */
const RADIUS_FIELDS = [
  ...SPEED_FIELDS,
  "type",
  "hotspotMode",
  "dataCapMb",
  "validityMinutes",
  "sessionTimeoutMinutes",
  "onCap",
  "overagePerGbMinor",
] as const satisfies readonly (keyof Package)[];

export async function setArchived(scope: Scope, id: string, archived: boolean) {
  const before = await get(scope, id);
  if (!!before.archivedAt === archived) return before;
  const after = await scope.tx.package.update({ where: { id }, data: { archivedAt: archived ? new Date() : null } });
  await audit.record(scope, {
    action: archived ? "package.archive" : "package.unarchive",
    entityType: "Package",
    entityId: id,
    before: { archivedAt: before.archivedAt },
    after: { archivedAt: after.archivedAt },
  });
  return typed(after);
}

/** Only a package nothing refers to may be deleted; otherwise it is archived, keeping history intact. */
export async function remove(scope: Scope, id: string) {
  const before = await get(scope, id);
  const [subscriptions, batches, leads] = await inOrder([
    scope.tx.subscription.count({ where: { packageId: id } }),
    scope.tx.voucherBatch.count({ where: { packageId: id } }),
    scope.tx.lead.count({ where: { interestedPackageId: id } }),
  ]);
  const uses = [
    subscriptions && `${subscriptions} subscription${subscriptions === 1 ? "" : "s"}`,
    batches && `${batches} voucher batch${batches === 1 ? "" : "es"}`,
    leads && `${leads} lead${leads === 1 ? "" : "s"}`,
  ].filter(Boolean);
  if (uses.length)
    throw new Conflict(
      `${before.name} is used by ${uses.join(", ")}: archive it instead, so it can no longer be sold.`,
    );
  await scope.tx.package.delete({ where: { id } });
  await audit.record(scope, { action: "package.delete", entityType: "Package", entityId: id, before });
  return { id };
}
