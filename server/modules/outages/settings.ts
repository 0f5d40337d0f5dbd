import type { z } from "zod";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { settingsSchema } from "./schema";

// The company's outage policy: how many missed polls make an outage (hold-down, so one lost
// packet is not an outage) and what affected customers get back. No row means the defaults.

export const DEFAULT_SETTINGS = { holdDownPolls: 2, compensationMode: "NONE", compensationMinMinutes: 240 } as const;

export type OutageSettingsView = z.output<typeof settingsSchema>;

export async function getSettings(scope: Scope): Promise<OutageSettingsView> {
  const row = await scope.tx.outageSettings.findUnique({ where: { companyId: scope.companyId } });
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    holdDownPolls: row.holdDownPolls,
    compensationMode: row.compensationMode,
    compensationMinMinutes: row.compensationMinMinutes,
  };
}

export async function saveSettings(scope: Scope, input: z.input<typeof settingsSchema>) {
  const data = settingsSchema.parse(input);
  const before = await getSettings(scope);
  await scope.tx.outageSettings.upsert({
    where: { companyId: scope.companyId },
    create: { companyId: scope.companyId, ...data },
    update: data,
  });
  await audit.record(scope, {
    action: "outages.settings",
    entityType: "Company",
    entityId: scope.companyId,
    before,
    after: data,
  });
  return data;
}
