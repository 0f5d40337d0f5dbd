import { describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import * as payments from "../payments/service";
import { inTenant, openInvoice } from "../payments/testing";
import { makeCustomer } from "../subscriptions/testing";

// Payment history and receipts in the portal: a customer sees their own payments, never a neighbour's.

async function portalOf(companyId: string, company: Parameters<typeof callerAs>[0], email: string) {
  const customer = await makeCustomer(companyId);
  const user = await makeUser(companyId, "CUSTOMER", { email });
  await withTenant(companyId, (tx) => tx.customer.update({ where: { id: customer.id }, data: { userId: user.id } }));
  return { customer, portal: await callerAs(company, user.id) };
}

describe("portal payment history", () => {
  it("lists only the customer's own payments and shows their receipt", async () => {
    const { company } = await makeCompany("portal-pay-history");
    const me = await portalOf(company.id, company, "me@history.test");
    const neighbour = await portalOf(company.id, company, "neighbour@history.test");
    const invoice = await openInvoice(company.id, me.customer.id, { totalMinor: 5_000, dueDate: "2026-11-30" });
    const mine = await inTenant(company.id, (s) =>
      payments.record(s, { customerId: me.customer.id, method: "CASH", amountMinor: 5_000 }),
    );
    const theirs = await inTenant(company.id, (s) =>
      payments.record(s, { customerId: neighbour.customer.id, method: "CASH", amountMinor: 7_000 }),
    );

    // Even asking for the neighbour's customer id, the list stays the customer's own.
    const list = await me.portal.portal.billing.payments({ customerId: neighbour.customer.id });
    expect(list.rows.map((r) => r.id)).toEqual([mine.id]);
    expect(list.rows[0]).toMatchObject({ amountMinor: 5_000, status: "SUCCEEDED", method: "CASH" });

    const receipt = await me.portal.portal.billing.payment({ id: mine.id });
    expect(receipt.receipt).toMatch(/^RCT-/);
    expect(receipt.allocations).toEqual([
      { number: `INV-${String(invoice.number).padStart(5, "0")}`, amountMinor: 5_000 },
    ]);

    const refused = await failure(me.portal.portal.billing.payment({ id: theirs.id }));
    expect(refused.code).toBe("NOT_FOUND");
    expect(JSON.stringify(refused)).not.toContain("7000");
  });

  it("says so when the customer has not paid anything yet", async () => {
    const { company } = await makeCompany("portal-pay-empty");
    const me = await portalOf(company.id, company, "new@history.test");
    expect((await me.portal.portal.billing.payments({})).rows).toEqual([]);
  });

  it("shows a pending M-Pesa payment as waiting, then why it failed", async () => {
    const { company } = await makeCompany("portal-pay-status");
    const me = await portalOf(company.id, company, "waiting@history.test");
    const pending = await inTenant(company.id, (s) =>
      payments.createPending(s, {
        customerId: me.customer.id,
        method: "MPESA",
        provider: "MPESA",
        amountMinor: 2_000,
        purpose: "INVOICES",
      }),
    );
    expect(await me.portal.portal.billing.payment({ id: pending.id })).toMatchObject({
      status: "PENDING",
      receipt: null,
    });
    await inTenant(company.id, (s) => payments.markFailed(s, pending.id, "The customer cancelled the prompt."));
    expect(await me.portal.portal.billing.payment({ id: pending.id })).toMatchObject({
      status: "FAILED",
      failureReason: "The customer cancelled the prompt.",
    });
  });

  it("with no online method switched on, answers the bank details to pay into and the customer's phone", async () => {
    const { company } = await makeCompany("portal-pay-methods");
    const me = await portalOf(company.id, company, "bank@history.test");
    await withTenant(company.id, (tx) =>
      tx.billingSettings.upsert({
        where: { companyId: company.id },
        create: { companyId: company.id, bankDetails: "Equity Bank, Westlands, acc 0123456789" },
        update: { bankDetails: "Equity Bank, Westlands, acc 0123456789" },
      }),
    );
    await withTenant(company.id, (tx) =>
      tx.customer.update({ where: { id: me.customer.id }, data: { phone: "0712 345 678" } }),
    );
    expect(await me.portal.portal.paymentMethods()).toMatchObject({
      methods: [],
      bankDetails: "Equity Bank, Westlands, acc 0123456789",
      phone: "0712 345 678",
    });
  });
});
