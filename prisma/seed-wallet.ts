// Demo wallets: the portal customer (Brian) has money in his wallet to buy hotspot vouchers,
// and a prepaid PPPoE customer (Grace) whose first term was paid from hers, so the console shows
// a prepaid service "paid until" a date and the renewal job has something to renew.
// Idempotent: does nothing once the company has a wallet entry.
import { withTenant } from "../server/db/tenant";
import * as customers from "../server/modules/customers/service";
import * as packages from "../server/modules/packages/service";
import type { Scope } from "../server/modules/scope";
import { todayIn } from "../server/modules/subscriptions/dates";
import * as subscriptions from "../server/modules/subscriptions/service";
import { runDue } from "../server/modules/wallet/prepaid";
import * as wallet from "../server/modules/wallet/service";

export async function seedWallet(companyId: string): Promise<void> {
  const seeded = await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    if ((await tx.walletEntry.count()) > 0) return false;
    const company = await tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } });
    const brian = await tx.customer.findFirst({ where: { email: "brian.ouma@example.com" }, select: { id: true } });
    if (brian)
      await wallet.credit(scope, {
        customerId: brian.id,
        amountMinor: 50_000,
        kind: "TOP_UP",
        reference: "M-Pesa RKT4Q2M8XA",
      });
    const pkg = await packages.create(scope, {
      name: "Prepaid Home 5",
      code: "PRE-5",
      type: "PPPOE",
      billingCycle: "MONTHLY",
      downloadKbps: 5_000,
      uploadKbps: 2_000,
      priceMinor: 100_000,
      prepaid: true,
    });
    const grace = await customers.create(scope, {
      firstName: "Grace",
      lastName: "Wanjiru",
      phone: "0733 410 220",
      email: "grace.wanjiru@example.com",
      serviceAddress: "14 Kirichwa Road, Kilimani, Nairobi",
      tags: ["residential", "prepaid"],
    });
    const sub = await subscriptions.create(scope, {
      customerId: grace.id,
      packageId: pkg.id,
      startDate: todayIn(company.timeZone),
      installationAddress: "14 Kirichwa Road, Kilimani, Nairobi",
    });
    await subscriptions.transition(scope, "activate", { id: sub.subscription.id });
    await wallet.credit(scope, {
      customerId: grace.id,
      amountMinor: 150_000,
      kind: "TOP_UP",
      reference: "Cash at the counter",
    });
    return true;
  });
  // Grace's first term, bought from her wallet the way the hourly job does it.
  if (seeded) await runDue(companyId);
}
