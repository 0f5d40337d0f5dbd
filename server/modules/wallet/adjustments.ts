import type { z } from "zod";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { renewHeld } from "./prepaid";
import { adjustSchema } from "./schema";
import * as wallet from "./service";

/**
 * A staff correction of the wallet, with the reason on the statement and in the audit log. A
 * negative one cannot take the wallet below zero. Money added renews what a short wallet held.
 */
export async function adjust(scope: Scope, input: z.input<typeof adjustSchema>) {
  const data = adjustSchema.parse(input);
  const common = {
    customerId: data.customerId,
    kind: "ADJUSTMENT" as const,
    reference: "Adjustment by staff",
    description: data.reason,
  };
  const entry =
    data.amountMinor > 0
      ? (await wallet.credit(scope, { ...common, amountMinor: data.amountMinor })).entry
      : await wallet.debit(scope, { ...common, amountMinor: -data.amountMinor });
  await audit.record(scope, {
    action: "wallet.adjust",
    entityType: "WalletEntry",
    entityId: entry.id,
    after: { customerId: data.customerId, amountMinor: data.amountMinor, reason: data.reason },
  });
  const renewals = data.amountMinor > 0 ? await renewHeld(scope, data.customerId) : [];
  return { entry, renewals };
}
