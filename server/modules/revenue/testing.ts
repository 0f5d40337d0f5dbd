import { withTenant } from "../../db/tenant";
import { makeCompany } from "../../test/fixtures";
import { run } from "../billing/run";
import { activeSubscriber, makePackage, setUpBilling } from "../billing/testing";
import type { Scope } from "../scope";
import * as subscriptions from "../subscriptions/service";
import { makeCustomer } from "../subscriptions/testing";

// Builders for revenue's tests: the small ISP whose invoices the report tests work out by hand,
// and a subscription's history on the dates a test needs. Status changes are made through the
// subscriptions service (so they are recorded as in production), then their times are moved to
// the dates the story says (only a test rewrites history).

export const scopeOf = (companyId: string, tx: Scope["tx"]): Scope => ({
  tx,
  companyId,
  actor: { type: "SYSTEM", label: "test" },
});

export async function as<T>(companyId: string, fn: (scope: Scope) => Promise<T>): Promise<T> {
  return withTenant(companyId, (tx) => fn(scopeOf(companyId, tx)));
}

/** Suspends, resumes or terminates the subscription and records it as done at `at` (an ISO instant). */
export async function changeStatusAt(
  companyId: string,
  subscriptionId: string,
  action: "suspend" | "resume" | "terminate",
  at: string,
) {
  await as(companyId, async (scope) => {
    const { status } = await subscriptions.transition(scope, action, {
      id: subscriptionId,
      reason: `${action} (test)`,
    });
    await scope.tx.$executeRaw`
      UPDATE "SubscriptionEvent" SET "createdAt" = ${new Date(at)}
      WHERE id = (SELECT id FROM "SubscriptionEvent" WHERE "subscriptionId" = ${subscriptionId} AND "toStatus"::text = ${status}
                  ORDER BY "createdAt" DESC LIMIT 1)`;
  });
}

/** Moves the subscription's creation and first activation to `at`, before the changes a test backdates. */
export async function startedAt(companyId: string, subscriptionId: string, at: string) {
  // Created a second before it was activated, so the two keep their order.
  await as(
    companyId,
    (scope) => scope.tx.$executeRaw`
    UPDATE "SubscriptionEvent"
    SET "createdAt" = ${new Date(at)}::timestamptz - CASE WHEN "toStatus" = 'PENDING' THEN interval '1 second' ELSE interval '0' END
    WHERE "subscriptionId" = ${subscriptionId} AND "toStatus" IN ('PENDING', 'ACTIVE')`,
  );
}

export async function changePackage(companyId: string, subscriptionId: string, packageId: string, effective: string) {
  await as(companyId, (scope) => subscriptions.changePackage(scope, subscriptionId, packageId, effective, "test"));
}

/**
 * The ISP of the hand-worked report tests (USD, America/New_York): payment terms of 0 days, so an
 * invoice is due the day it is issued; yearly subscriptions billed on their anniversary; VAT 16 %
 * and excise duty 15 %; and "Yearly 100", 100.00 a year, standard-rated (131.00 with both taxes).
 * `invoiceOn` gives a new customer (first name `name`, last name Otieno) a subscription from
 * `date` and runs billing that day: exactly one invoice, issued and due on `date`.
 */
export async function yearlyIsp(slug: string) {
  const companyId = (await makeCompany(slug)).company.id;
  await setUpBilling(companyId, { paymentTermsDays: 0, cycleAlignment: "ANNIVERSARY" }, [
    { name: "VAT", rateBps: 1_600 },
    { name: "Excise duty", rateBps: 1_500 },
  ]);
  const yearly = await makePackage(companyId, {
    code: "Y100",
    name: "Yearly 100",
    priceMinor: 10_000,
    billingCycle: "YEARLY",
  });
  const invoiceOn = async (date: string, name: string, opts: { packageId?: string; serviceAddress?: string } = {}) => {
    const customer = await makeCustomer(companyId, { firstName: name, serviceAddress: opts.serviceAddress });
    await activeSubscriber(companyId, opts.packageId ?? yearly.id, date, { customerId: customer.id });
    await run(companyId, { date, trigger: "MANUAL", actor: { type: "SYSTEM", label: "test" } });
    const invoice = await withTenant(companyId, (tx) =>
      tx.invoice.findFirstOrThrow({ where: { customerId: customer.id } }),
    );
    return { customerId: customer.id, accountNumber: customer.accountNumber, invoiceId: invoice.id };
  };
  return { companyId, yearly, invoiceOn };
}

/**
 * A tax report CSV row for a month of invoices alone (no wallet sales, wallet refunds or credit
 * notes: their columns are zero), where what is declared is what was invoiced.
 */
export function invoicedOnlyTaxRow(
  month: string,
  tax: string,
  rate: string,
  invoices: number,
  taxable: string,
  taxAmount: string,
  currency = "USD",
) {
  const none = ["0", "0.00", "0.00"];
  return [
    month,
    tax,
    rate,
    String(invoices),
    taxable,
    taxAmount,
    ...none,
    ...none,
    ...none,
    taxable,
    taxAmount,
    currency,
  ];
}
