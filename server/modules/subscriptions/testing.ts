import { searchTextOf } from "../customers/service";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { newId } from "../../lib/ids";
import * as counters from "../counters/service";
import type { CreatePackageInput } from "../packages/schema";
import { systemActor, type Scope } from "../scope";

// Builders for the lifecycle modules' integration tests.

export const PACKAGE_DEFAULTS = {
  PPPOE: {
    name: "Home 20",
    code: "HOME-20",
    type: "PPPOE",
    downloadKbps: 20_000,
    uploadKbps: 5_000,
    billingCycle: "MONTHLY",
    priceMinor: 2_500,
  },
  FIBER: {
    name: "Fibre 100",
    code: "FIB-100",
    type: "FIBER",
    downloadKbps: 100_000,
    uploadKbps: 50_000,
    billingCycle: "MONTHLY",
    priceMinor: 6_000,
    contractMonths: 12,
  },
  CORPORATE: {
    name: "Corporate 50",
    code: "CORP-50",
    type: "CORPORATE",
    downloadKbps: 50_000,
    uploadKbps: 50_000,
    billingCycle: "MONTHLY",
    priceMinor: 30_000,
    requiresStaticIp: true,
    slaUptimeBps: 9_990,
  },
  HOTSPOT: {
    name: "Day pass",
    code: "DAY-1",
    type: "HOTSPOT",
    hotspotMode: "TIME",
    validityMinutes: 1_440,
    downloadKbps: 5_000,
    uploadKbps: 2_000,
    billingCycle: "VALIDITY",
    priceMinor: 100,
  },
} satisfies Record<string, CreatePackageInput>;

export function packageInput(
  type: keyof typeof PACKAGE_DEFAULTS,
  overrides: Partial<CreatePackageInput> = {},
): CreatePackageInput {
  return { ...PACKAGE_DEFAULTS[type], ...overrides } as CreatePackageInput;
}

/** A customer row (the customers module owns the real creation flow). */
export async function makeCustomer(
  companyId: string,
  data: { firstName?: string; status?: "PROSPECT" | "PENDING" | "ACTIVE"; serviceAddress?: string } = {},
) {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: systemActor };
    const accountNumber = await counters.next(scope, "customer_account");
    const person = {
      type: "INDIVIDUAL" as const,
      firstName: data.firstName ?? "Amina",
      lastName: "Otieno",
      businessName: null,
      email: null,
      phone: null,
      altPhone: null,
      serviceAddress: data.serviceAddress ?? "12 Mango Lane",
      billingAddress: null,
    };
    return tx.customer.create({
      // The search text as the customers module builds it, so searches behave as in the product.
      data: {
        id: newId(),
        companyId,
        accountNumber,
        status: data.status ?? "PROSPECT",
        ...person,
        searchText: searchTextOf({ ...person, accountNumber } as Parameters<typeof searchTextOf>[0]),
      },
    });
  });
}

/** A subscriber on `packageId` created and activated by `staff` (a caller), provisioned inline. */
export async function activatedBy(
  staff: {
    subscriptions: {
      create: (input: { customerId: string; packageId: string; startDate: string }) => Promise<{
        subscription: { id: string; pppoeUsername: string | null };
        pppoePassword?: string | null;
      }>;
      activate: (input: { id: string }) => Promise<unknown>;
    };
  },
  companyId: string,
  packageId: string,
  startDate = "2026-01-01",
) {
  const customer = await makeCustomer(companyId);
  const { subscription } = await staff.subscriptions.create({ customerId: customer.id, packageId, startDate });
  await staff.subscriptions.activate({ id: subscription.id });
  await settleInline();
  return subscription;
}
