import { withTenant } from "../../db/tenant";
import { makePackage } from "../billing/testing";
import type { CreatePackageInput } from "../packages/schema";
import type { Scope } from "../scope";
import { packageInput } from "../subscriptions/testing";
import * as packages from "../packages/service";
import * as wallet from "./service";

// Builders for the wallet's integration tests (and other modules' that need money in a wallet).

export const staff = (companyId: string, tx: Scope["tx"]): Scope => ({
  tx,
  companyId,
  actor: { type: "SYSTEM", label: "test" },
});

/** A monthly prepaid PPPoE package at `priceMinor`. */
export function prepaidPackage(companyId: string, priceMinor = 2_500, over: Partial<CreatePackageInput> = {}) {
  return makePackage(companyId, { code: "PRE-20", name: "Prepaid 20", priceMinor, prepaid: true, ...over });
}

/** A public time-based hotspot package, for vouchers. */
export function hotspotPackage(companyId: string, priceMinor = 100) {
  return withTenant(companyId, (tx) =>
    packages.create(staff(companyId, tx), packageInput("HOTSPOT", { priceMinor, code: `DAY-${priceMinor}` })),
  );
}

export function topUp(companyId: string, customerId: string, amountMinor: number, paymentId?: string) {
  return withTenant(companyId, (tx) =>
    wallet.credit(staff(companyId, tx), { customerId, amountMinor, kind: "TOP_UP", reference: "Cash", paymentId }),
  );
}

export function balanceOf(companyId: string, customerId: string) {
  return withTenant(companyId, (tx) => wallet.balance(staff(companyId, tx), customerId));
}
