import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { makeUser } from "../../test/fixtures";
import { run } from "../billing/run";
import { activeSubscriber, makePackage, setUpBilling } from "../billing/testing";
import * as payments from "../payments/service";
import { toDateString, todayIn } from "../subscriptions/dates";
import type { Scope } from "../scope";

// Builders for dunning's tests: a customer with an invoice issued `issuedDaysAgo` days before the
// company's today (billing's own run, 14-day terms, so due 14 days after issue).

const staff = { type: "SYSTEM" as const, label: "test" };
export const DAY = 86_400_000;

export function daysFromToday(timeZone: string, days: number) {
  return toDateString(new Date(new Date(`${todayIn(timeZone)}T00:00:00Z`).getTime() + days * DAY));
}

export async function owingCustomer(
  company: { id: string; timeZone: string },
  issuedDaysAgo: number,
  opts: { email?: string; phone?: string; portal?: boolean; subscriptions?: number } = {},
) {
  if ((await withTenant(company.id, (tx) => tx.taxRate.count())) === 0) await setUpBilling(company.id);
  const pkg = await makePackage(company.id, { code: `DUN-${Math.random().toString(36).slice(2, 8)}` });
  const date = daysFromToday(company.timeZone, -issuedDaysAgo);
  const first = await activeSubscriber(company.id, pkg.id, date);
  const subscriptionIds = [first.subscriptionId];
  for (let i = 1; i < (opts.subscriptions ?? 1); i++)
    subscriptionIds.push(
      (await activeSubscriber(company.id, pkg.id, date, { customerId: first.customerId })).subscriptionId,
    );
  const userId = opts.portal ? (await makeUser(company.id, "CUSTOMER")).id : null;
  await withTenant(company.id, (tx) =>
    tx.customer.update({
      where: { id: first.customerId },
      data: { email: opts.email ?? null, userId, phone: opts.phone ?? null },
    }),
  );
  await run(company.id, { date, trigger: "MANUAL", actor: staff });
  const invoice = await withTenant(company.id, (tx) =>
    tx.invoice.findFirstOrThrow({ where: { customerId: first.customerId }, orderBy: { issueDate: "asc" } }),
  );
  return { customerId: first.customerId, subscriptionIds, invoice, userId };
}

export const systemScope = (companyId: string, tx: Scope["tx"]): Scope => ({
  tx,
  companyId,
  actor: { type: "SYSTEM", label: "test" },
});

/**
 * The customer pays `amountMinor` (default: everything the invoice still owes) in cash at the
 * counter, through the payments module: the payment is posted, "paymentPosted" is handled inline.
 */
export async function pay(companyId: string, customerId: string, invoiceId: string, amountMinor?: number) {
  await withTenant(companyId, async (tx) => {
    const i = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    const owed = i.totalMinor - i.amountPaidMinor - i.creditedMinor;
    await payments.record(
      { tx, companyId, actor: { type: "USER", id: null, label: "cashier" } },
      {
        customerId,
        method: "CASH",
        amountMinor: amountMinor ?? owed,
        allocations: [{ invoiceId, amountMinor: amountMinor ?? owed }],
      },
    );
  });
  await settleInline();
}
