import type { RadiusRow } from "../provisioning/attributes";
import { fairUseRows, speedRows } from "../provisioning/attributes";
import { changeManyLiveSessions } from "../nas/coa";
import { inOrder } from "../../db/tenant";
import type { Scope } from "../scope";

// New speeds for subscribers already online: when a bandwidth policy or a package's own speeds
// change, provisioning rewrites the RADIUS records (the next login), and this sends a CoA-Request
// to every live session of the packages' active subscriptions so the router applies them now,
// without dropping anyone. A subscriber slowed down for fair use this cycle gets the new fair-use
// speed, not the full one (the fair-use job restores full speed at the top-up or the next cycle).
// Subscriptions that get the same attributes are sent together (nas/coa.ts changeManyLiveSessions).

const key = (rows: readonly RadiusRow[]) => JSON.stringify(rows.map((r) => [r.attribute, r.value]));

/** Returns how many subscriptions online were asked to change. */
export async function reapplySpeeds(scope: Scope, packageIds: readonly string[]): Promise<number> {
  if (packageIds.length === 0) return 0;
  // The active subscriptions of these packages with a session open now (RLS: this company's).
  const subs = await scope.tx.$queryRaw<{ id: string; packageId: string }[]>`
    SELECT DISTINCT s.id, s."packageId" FROM "Subscription" s
      JOIN "RadiusSession" r ON r."companyId" = s."companyId" AND r."subscriptionId" = s.id AND r."stoppedAt" IS NULL
     WHERE s."packageId" = ANY(${[...packageIds]}::text[]) AND s.status = 'ACTIVE'
     ORDER BY s.id`;
  if (subs.length === 0) return 0;
  const [packages, throttled] = await inOrder([
    scope.tx.package.findMany({ where: { id: { in: [...packageIds] } }, include: { bandwidthPolicy: true } }),
    scope.tx.fairUseState.findMany({
      where: { subscriptionId: { in: subs.map((s) => s.id) }, overCap: true, action: "THROTTLE" },
      select: { subscriptionId: true },
    }),
  ]);
  const slowed = new Set(throttled.map((t) => t.subscriptionId));
  const byPackage = new Map(packages.map((p) => [p.id, p]));
  const groups = new Map<string, { rows: RadiusRow[]; ids: string[] }>();
  for (const s of subs) {
    const pkg = byPackage.get(s.packageId);
    if (!pkg) continue;
    const rows =
      (slowed.has(s.id) ? fairUseRows(pkg, pkg.bandwidthPolicy) : null) ?? speedRows(pkg, pkg.bandwidthPolicy);
    const k = key(rows);
    const group = groups.get(k) ?? { rows, ids: [] };
    group.ids.push(s.id);
    groups.set(k, group);
  }
  for (const g of groups.values())
    await changeManyLiveSessions(scope, {
      subscriptionIds: g.ids,
      action: "coa",
      reason: "SPEED_CHANGE",
      attributes: g.rows.map((r) => ({ name: r.attribute, value: r.value })),
    });
  return subs.length;
}
