// Demo wallets: the portal customer (Brian) has money in his wallet to buy hotspot vouchers,
// and a prepaid PPPoE customer (Grace) who started two months ago: she tops up before each term
// and the renewal job (runDue, on each term's first day) paid her terms from the wallet, so the
// console shows a prepaid service "paid until" a date and the job has something to renew next.
// Her package has a data cap and she signs in to the portal (prisma/seed.ts makes the sign-in),
// with a term's worth of change left in her wallet: enough to buy any demo data top-up there
// with "Pay from wallet".
// Idempotent: does nothing once the company has a wallet entry.
import { withTenant } from "../server/db/tenant";
import * as customers from "../server/modules/customers/service";
import * as packages from "../server/modules/packages/service";
import type { Scope } from "../server/modules/scope";
import { addMonths, parseDate, toDateString, todayIn } from "../server/modules/subscriptions/dates";
import * as subscriptions from "../server/modules/subscriptions/service";
import { runDue } from "../server/modules/wallet/prepaid";
import * as wallet from "../server/modules/wallet/service";
import { monthsBack } from "./seed-lifecycle";

/** Grace's portal sign-in (prisma/seed.ts creates it with the other demo people). */
export const PREPAID_PORTAL_CUSTOMER = { email: "grace.wanjiru@example.com", name: "Grace Wanjiru" } as const;

export async function seedWallet(companyId: string, now: Date = new Date()): Promise<void> {
  const company = await withTenant(companyId, (tx) =>
    tx.company.findUniqueOrThrow({ where: { id: companyId }, select: { timeZone: true } }),
  );
  const today = todayIn(company.timeZone, now);
  const start = monthsBack(today, 2, 14);
  const seeded = await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    if ((await tx.walletEntry.count()) > 0) return false;
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
      // A hard cap: data top-ups (prisma/seed-data-caps.ts) are what she buys when it runs out.
      dataCapMb: 100 * 1024,
    });
    const grace = await customers.create(scope, {
      firstName: "Grace",
      lastName: "Wanjiru",
      phone: "0733 410 220",
      email: PREPAID_PORTAL_CUSTOMER.email,
      serviceAddress: "14 Kirichwa Road, Kilimani, Nairobi",
      tags: ["residential", "prepaid"],
    });
    const sub = await subscriptions.create(scope, {
      customerId: grace.id,
      packageId: pkg.id,
      startDate: start,
      installationAddress: "14 Kirichwa Road, Kilimani, Nairobi",
    });
    const user = await tx.user.findUnique({
      where: { companyId_email: { companyId, email: PREPAID_PORTAL_CUSTOMER.email } },
      select: { id: true, role: true },
    });
    if (user?.role === "CUSTOMER") await customers.linkPortalUser(scope, grace.id, user.id);
    await subscriptions.transition(scope, "activate", { id: sub.subscription.id });
    // Her first term and a term's worth more: KES 1,000 left after the renewals.
    await wallet.credit(scope, {
      customerId: grace.id,
      amountMinor: 200_000,
      kind: "TOP_UP",
      reference: "Cash at the counter",
    });
    return true;
  });
  if (!seeded) return;
  // Her terms, bought from her wallet the way the daily job does it, on each term's first day
  // (its morning in Nairobi); before the second and later ones she tops up by M-Pesa.
  for (let term = 0; ; term++) {
    const day = toDateString(addMonths(parseDate(start), term));
    if (day > today) break;
    if (term > 0)
      await withTenant(companyId, async (tx) => {
        const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
        const grace = await tx.customer.findFirstOrThrow({ where: { email: PREPAID_PORTAL_CUSTOMER.email } });
        await wallet.credit(scope, {
          customerId: grace.id,
          amountMinor: 100_000,
          kind: "TOP_UP",
          reference: `M-Pesa ${["SKL2T8QW3E", "SLM4R7XP2D", "SMN6V3KC8F"][(term - 1) % 3]}`,
        });
      });
    await runDue(companyId, new Date(`${day}T05:00:00Z`));
  }
}
