import type { z } from "zod";
import type { BillingSettings } from "../../db/generated/prisma/client";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { billingSettingsSchema } from "./schema";

// The company's billing settings: one row, made with the defaults the first time it is read.

export async function get(scope: Scope): Promise<BillingSettings & { currency: string }> {
  const existing = await scope.tx.billingSettings.findUnique({ where: { companyId: scope.companyId } });
  const settings =
    existing ??
    (await scope.tx.billingSettings.upsert({
      where: { companyId: scope.companyId },
      create: { companyId: scope.companyId },
      update: {},
    }));
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { currency: true },
  });
  return { ...settings, currency: company.currency };
}

export async function update(scope: Scope, input: z.input<typeof billingSettingsSchema>) {
  const data = billingSettingsSchema.parse(input);
  const { currency, ...before } = await get(scope);
  const after = await scope.tx.billingSettings.update({ where: { companyId: scope.companyId }, data });
  await audit.record(scope, {
    action: "billing.settings_update",
    entityType: "BillingSettings",
    entityId: scope.companyId,
    before,
    after,
  });
  return { ...after, currency };
}
