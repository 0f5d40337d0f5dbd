// Two accounts of the demo's billing history (prisma/seed-history.ts) that show the engine's
// usage and corporate rules on real invoices, written through the same services as the rest:
// - a metered PPPoE package (a 100 GB cap, then KES 50 per GB) and a heavy user on it, so that
//   each month's invoice carries an OVERAGE line for the month before (engine rule 7);
// - a corporate customer with six branch links on Business 100, whose tiers give 5 % off from
//   five links (engine rule 5), so every invoice line shows the volume discount.
// Created before the first billing day, once (seed-history does nothing once a run exists).
import * as customers from "../server/modules/customers/service";
import * as packages from "../server/modules/packages/service";
import type { Scope } from "../server/modules/scope";
import * as subscriptions from "../server/modules/subscriptions/service";
import { monthsBack } from "./seed-lifecycle";
import { BUSINESS_POOL, demoPoolId } from "./seed-ipam";

export const METERED_CUSTOMER = "daniel.kiptoo@example.com";
export const CORPORATE_CUSTOMER = "accounts@rift-valley-hotels.example";
/** GB a day Daniel uses: about 130 GB a month against the 100 GB cap. */
export const METERED_DAILY_GB = 4.3;

export async function seedShowcaseAccounts(scope: Scope, today: string): Promise<void> {
  if (await scope.tx.customer.findFirst({ where: { email: METERED_CUSTOMER }, select: { id: true } })) return;
  const metered = await packages.create(scope, {
    name: "PPPoE Metered 10",
    code: "PPP-10M",
    type: "PPPOE",
    billingCycle: "MONTHLY",
    downloadKbps: 10000,
    uploadKbps: 5000,
    priceMinor: 150000,
    dataCapMb: 100 * 1024,
    overagePerGbMinor: 5000,
  });
  const daniel = await customers.create(scope, {
    firstName: "Daniel",
    lastName: "Kiptoo",
    phone: "0724 118 560",
    email: METERED_CUSTOMER,
    serviceAddress: "14 Kenyatta Avenue, Nakuru",
    tags: ["residential"],
  });
  const line = await subscriptions.create(scope, {
    customerId: daniel.id,
    packageId: metered.id,
    startDate: monthsBack(today, 4, 1),
    installationAddress: "14 Kenyatta Avenue, Nakuru",
    cpeSerial: "ZTE100777",
  });
  await subscriptions.transition(scope, "activate", { id: line.subscription.id });

  const business = await scope.tx.package.findFirst({ where: { code: "BIZ-100" }, select: { id: true } });
  if (!business) return;
  const hotels = await customers.create(scope, {
    type: "BUSINESS",
    businessName: "Rift Valley Hotels Ltd",
    taxId: "P051987654R",
    firstName: "Joseph",
    lastName: "Lagat",
    phone: "0202 111 222",
    email: CORPORATE_CUSTOMER,
    serviceAddress: "Moi Avenue, Nakuru",
    tags: ["business"],
  });
  const poolId = await demoPoolId(scope, BUSINESS_POOL);
  const branches = await subscriptions.create(scope, {
    customerId: hotels.id,
    packageId: business.id,
    quantity: 6,
    startDate: monthsBack(today, 3, 1),
    ...(poolId ? { staticIpPoolId: poolId } : { staticIp: "203.0.113.21" }),
    installationAddress: "Moi Avenue, Nakuru (six hotel branches)",
  });
  await subscriptions.transition(scope, "activate", { id: branches.subscription.id });
}
