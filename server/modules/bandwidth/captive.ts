import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { captiveSettingsSchema } from "./schema";

// The company's walled garden: whether suspended subscribers are refused (the default) or let
// into the captive address list / pool, which the NAS's firewall lets reach only the portal.
// Packages may override the choice (Package.suspendedAccess). RADIUS authorize reads this row
// in its own statement (radius/access.ts), so nothing here is cached.

export const DEFAULT_CAPTIVE = {
  suspended: "REJECT" as const,
  addressList: "lastmile-captive",
  framedPool: null as string | null,
  portalUrl: null as string | null,
};

export async function get(scope: Scope) {
  const row = await scope.tx.captiveSettings.findUnique({ where: { companyId: scope.companyId } });
  return row ?? { ...DEFAULT_CAPTIVE, companyId: scope.companyId, updatedAt: null };
}

export async function save(scope: Scope, input: unknown) {
  const data = captiveSettingsSchema.parse(input);
  const before = await scope.tx.captiveSettings.findUnique({ where: { companyId: scope.companyId } });
  const after = await scope.tx.captiveSettings.upsert({
    where: { companyId: scope.companyId },
    create: { ...data, companyId: scope.companyId },
    update: data,
  });
  await audit.record(scope, {
    action: "bandwidth.captive_saved",
    entityType: "CaptiveSettings",
    entityId: scope.companyId,
    before,
    after,
  });
  return after;
}
