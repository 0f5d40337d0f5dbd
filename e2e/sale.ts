// The sale the set-up scripts (e2e/new-subscriber.ts, e2e/live-subscriber.ts) start from: a new
// customer with a PENDING PPPoE subscription on the company's first plain PPPoE or fibre
// package, made through the app's own services inside the caller's tenant transaction.
import * as companies from "../server/modules/companies/service";
import * as customers from "../server/modules/customers/service";
import type { Scope } from "../server/modules/scope";
import { todayIn } from "../server/modules/subscriptions/dates";
import * as subscriptions from "../server/modules/subscriptions/service";

export const setUpActor = { type: "SYSTEM" as const, label: "e2e set-up" };

export async function companyOf(slug: string) {
  const company = await companies.findBySlug(slug);
  if (!company) throw new Error(`No company ${slug}`);
  return company;
}

export async function sellSubscription(scope: Scope, who: { firstName: string; lastName: string; address: string }) {
  const { timeZone } = await scope.tx.company.findUniqueOrThrow({ where: { id: scope.companyId } });
  const pkg = await scope.tx.package.findFirstOrThrow({
    where: { type: { in: ["FIBER", "PPPOE"] }, archivedAt: null, requiresStaticIp: false },
    orderBy: { name: "asc" },
  });
  const customer = await customers.create(scope, {
    firstName: who.firstName,
    lastName: who.lastName,
    phone: "0722 000 111",
    email: `${who.firstName}.${who.lastName}`.toLowerCase().replace(/[^a-z0-9.]+/g, ".") + "@example.com",
    serviceAddress: who.address,
  });
  const { subscription } = await subscriptions.create(scope, {
    customerId: customer.id,
    packageId: pkg.id,
    startDate: todayIn(timeZone),
    installationAddress: who.address,
  });
  return { customer, subscription, pkg };
}
