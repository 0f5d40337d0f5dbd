import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { DEFAULT_DUNNING, dunningSettingsSchema, dunningStepSchema, type DunningStep } from "./schema";

// The company's dunning schedule: one row, made with the default schedule the first time it is read.

export interface DunningSchedule {
  enabled: boolean;
  graceDays: number;
  /** Sorted by offset, earliest first. */
  steps: DunningStep[];
}

const sorted = (steps: DunningStep[]) => [...steps].sort((a, b) => a.offsetDays - b.offsetDays);

export async function get(scope: Scope): Promise<DunningSchedule> {
  let row = await scope.tx.dunningSettings.findUnique({ where: { companyId: scope.companyId } });
  if (!row) {
    // ON CONFLICT DO NOTHING: two first reads at once (two job runs) both find the one row.
    await scope.tx.dunningSettings.createMany({
      data: {
        companyId: scope.companyId,
        enabled: DEFAULT_DUNNING.enabled,
        graceDays: DEFAULT_DUNNING.graceDays,
        steps: DEFAULT_DUNNING.steps as Prisma.InputJsonValue,
      },
      skipDuplicates: true,
    });
    row = await scope.tx.dunningSettings.findUniqueOrThrow({ where: { companyId: scope.companyId } });
  }
  return {
    enabled: row.enabled,
    graceDays: row.graceDays,
    steps: sorted(dunningStepSchema.array().parse(row.steps)),
  };
}

export async function update(scope: Scope, input: z.input<typeof dunningSettingsSchema>) {
  const data = dunningSettingsSchema.parse(input);
  const before = await get(scope);
  const steps = sorted(data.steps);
  await scope.tx.dunningSettings.update({
    where: { companyId: scope.companyId },
    data: { enabled: data.enabled, graceDays: data.graceDays, steps: steps as Prisma.InputJsonValue },
  });
  const after = { ...data, steps };
  await audit.record(scope, {
    action: "dunning.settings_update",
    entityType: "DunningSettings",
    entityId: scope.companyId,
    before,
    after,
  });
  return after;
}
