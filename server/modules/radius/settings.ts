import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { DEFAULT_STALE_MINUTES, radiusSettingsSchema, type RadiusSettingsInput } from "./schema";

// The company's RADIUS accounting settings (Settings → RADIUS servers): for now, how long a
// session may stay silent before it is closed (stale.ts). One row per company, written on the
// first save; until then the defaults hold.

export const DEFAULT_RADIUS_SETTINGS = { staleSessionMinutes: DEFAULT_STALE_MINUTES as number | null };

export async function get(scope: Scope) {
  const row = await scope.tx.radiusSettings.findUnique({ where: { companyId: scope.companyId } });
  return { staleSessionMinutes: row ? row.staleSessionMinutes : DEFAULT_RADIUS_SETTINGS.staleSessionMinutes };
}

export async function save(scope: Scope, input: RadiusSettingsInput) {
  const data = radiusSettingsSchema.parse(input);
  const before = await get(scope);
  await scope.tx.radiusSettings.upsert({
    where: { companyId: scope.companyId },
    create: { companyId: scope.companyId, ...data },
    update: data,
  });
  await audit.record(scope, {
    action: "radius.settings_saved",
    entityType: "Company",
    entityId: scope.companyId,
    before,
    after: data,
  });
  return get(scope);
}
