import { describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure } from "../../test/trpc";
import { activeSubscriber, setUpBilling } from "../billing/testing";
import { todayIn } from "../subscriptions/dates";
import { runDue } from "./prepaid";
import { balanceOf, hotspotPackage, prepaidPackage, topUp } from "./testing";

// Sales paid from the prepaid wallet are taxed like an invoice line (billing's tax rules): the
// price mode, the package's tax category and the customer's exemptions; the wallet entry keeps
// net and tax, and the tax report counts them in the month of the sale.

const renewals = (companyId: string) =>
  withTenant(companyId, (tx) => tx.walletEntry.findMany({ where: { kind: "RENEWAL" }, orderBy: { createdAt: "asc" } }));

async function prepaidSubscriber(slug: string, mode: "EXCLUSIVE" | "INCLUSIVE") {
  const { company } = await makeCompany(slug);
  const [vat] = await setUpBilling(company.id, { taxMode: mode });
  const pkg = await prepaidPackage(company.id, 2_500);
  const today = todayIn(company.timeZone);
  const sub = await activeSubscriber(company.id, pkg.id, today);
  return { company, vatId: vat!.id, ...sub };
}

describe("prepaid renewals from the wallet", () => {
  it("add the tax on top when prices exclude it, and refuse a wallet that covers the price but not the tax", async () => {
    const { company, customerId, subscriptionId } = await prepaidSubscriber("wallet-tax-excl", "EXCLUSIVE");
    await topUp(company.id, customerId, 2_600);
    expect(await runDue(company.id)).toMatchObject({ renewed: 0, suspended: 1 });
    const [reason] = await withTenant(company.id, (tx) =>
      tx.subscriptionEvent.findMany({ where: { subscriptionId, toStatus: "SUSPENDED" } }),
    );
    // 25.00 + 16 % VAT = 29.00: the 26.00 in the wallet is not enough.
    expect(reason!.reason).toContain("Prepaid 20 costs US$29.00");
    expect(await balanceOf(company.id, customerId)).toBe(2_600);

    await topUp(company.id, customerId, 400);
    expect(await runDue(company.id)).toMatchObject({ renewed: 1 });
    expect(await balanceOf(company.id, customerId)).toBe(100);
    expect(await renewals(company.id)).toMatchObject([{ amountMinor: -2_900, netMinor: 2_500, taxMinor: 400 }]);
    const [entry] = await renewals(company.id);
    expect(entry!.taxes).toMatchObject([{ name: "VAT", rateBps: 1_600, taxableMinor: 2_500, taxMinor: 400 }]);

    // The customer's statement shows net and tax of the renewal.
    const admin = await callerAs(company, (await makeUser(company.id, "BILLING_ADMIN")).id);
    const statement = await admin.wallet.ledger({ customerId });
    expect(statement.rows.find((r) => r.kind === "RENEWAL")).toMatchObject({
      amountMinor: -2_900,
      netMinor: 2_500,
      taxMinor: 400,
    });

    // The tax report of the month counts the sale.
    const month = todayIn(company.timeZone).slice(0, 7);
    const report = await admin.revenue.taxReport({ from: month, to: month });
    expect(report.rows).toMatchObject([
      { month, name: "VAT", walletSales: 1, walletTaxableMinor: 2_500, walletTaxMinor: 400, taxMinor: 400 },
    ]);
  });

  it("refunded give their tax back in proportion, exactly what was charged over several refunds, shown in the tax report", async () => {
    const { company, customerId } = await prepaidSubscriber("wallet-tax-refund", "EXCLUSIVE");
    await topUp(company.id, customerId, 2_900);
    expect(await runDue(company.id)).toMatchObject({ renewed: 1 });
    const [sale] = await renewals(company.id);
    expect(sale).toMatchObject({ amountMinor: -2_900, netMinor: 2_500, taxMinor: 400 });
    const admin = await callerAs(company, (await makeUser(company.id, "BILLING_ADMIN")).id);
    const csm = await callerAs(company, (await makeUser(company.id, "CUSTOMER_SERVICE_MANAGER")).id);
    await expectFailure(
      csm.wallet.refundSale({ entryId: sale!.id, amountMinor: 1_000, reason: "Outage" }),
      "FORBIDDEN",
    );

    // 10.00 of 29.00: 400 × 1000 / 2900 = 137.9 → 1.38 of tax back (half up), 8.62 net.
    const first = await admin.wallet.refundSale({ entryId: sale!.id, amountMinor: 1_000, reason: "Four days' outage" });
    expect(first).toMatchObject({ kind: "REFUND", amountMinor: 1_000, netMinor: -862, taxMinor: -138, refundOfId: sale!.id }); // prettier-ignore
    expect(await balanceOf(company.id, customerId)).toBe(1_000);
    // The statement staff refund from says what is left of each sale (the console's Refund default);
    // top-ups and refunds are nothing to refund.
    const refundable = async () =>
      Object.fromEntries((await admin.wallet.ledger({ customerId })).rows.map((r) => [r.kind, r.refundableMinor]));
    expect(await refundable()).toEqual({ TOP_UP: null, RENEWAL: 1_900, REFUND: null });
    const tooMuch = await expectFailure(admin.wallet.refundSale({ entryId: sale!.id, amountMinor: 1_901, reason: "Too much" }), "UNPROCESSABLE_CONTENT"); // prettier-ignore
    expect(tooMuch.message).toMatch(/At most US\$19\.00/);
    // The rest gives back exactly the tax left: 4.00 in all, never a cent more or less.
    const rest = await admin.wallet.refundSale({ entryId: sale!.id, amountMinor: 1_900, reason: "Closed the account" });
    expect(rest).toMatchObject({ netMinor: -1_638, taxMinor: -262 });
    await expectFailure(admin.wallet.refundSale({ entryId: sale!.id, amountMinor: 1, reason: "Again" }), "UNPROCESSABLE_CONTENT"); // prettier-ignore
    expect((await refundable()).RENEWAL).toBe(0);
    // A top-up is no sale.
    const topUpEntry = await withTenant(company.id, (tx) =>
      tx.walletEntry.findFirstOrThrow({ where: { kind: "TOP_UP" } }),
    );
    await expectFailure(admin.wallet.refundSale({ entryId: topUpEntry.id, amountMinor: 1, reason: "Not a sale" }), "NOT_FOUND"); // prettier-ignore

    const month = todayIn(company.timeZone).slice(0, 7);
    const report = await admin.revenue.taxReport({ from: month, to: month });
    expect(report.rows).toMatchObject([
      {
        month,
        name: "VAT",
        walletSales: 1,
        walletTaxMinor: 400,
        walletRefunds: 2,
        walletRefundedTaxableMinor: 2_500,
        walletRefundedTaxMinor: 400,
        taxableMinor: 0,
        taxMinor: 0,
      },
    ]);
    const audit = await withTenant(company.id, (tx) =>
      tx.auditEntry.count({ where: { action: "wallet.refund_sale" } }),
    );
    expect(audit).toBe(2);
  });

  it("take the tax out of the price when prices include it, and none from an exempt customer", async () => {
    const { company, customerId, vatId } = await prepaidSubscriber("wallet-tax-incl", "INCLUSIVE");
    await topUp(company.id, customerId, 2_500);
    expect(await runDue(company.id)).toMatchObject({ renewed: 1 });
    // 25.00 ÷ 1.16 = 21.55 net, 3.45 VAT.
    expect(await renewals(company.id)).toMatchObject([{ amountMinor: -2_500, netMinor: 2_155, taxMinor: 345 }]);
    expect(await balanceOf(company.id, customerId)).toBe(0);

    const admin = await callerAs(company, (await makeUser(company.id, "BILLING_ADMIN")).id);
    const exempt = await activeSubscriber(
      company.id,
      (await prepaidPackage(company.id, 1_000, { code: "PRE-10" })).id,
      todayIn(company.timeZone),
    );
    await admin.billing.exemptions.add({
      customerId: exempt.customerId,
      taxRateId: vatId,
      certificateRef: "EXEMPT-001",
    });
    await topUp(company.id, exempt.customerId, 1_000);
    await runDue(company.id);
    const exemptEntry = await withTenant(company.id, (tx) =>
      tx.walletEntry.findFirstOrThrow({ where: { customerId: exempt.customerId, kind: "RENEWAL" } }),
    );
    expect(exemptEntry).toMatchObject({ amountMinor: -1_000, netMinor: 1_000, taxMinor: 0, taxes: [] });
  });
});

describe("hotspot vouchers from the wallet", () => {
  it("are offered and sold at the price with tax, net and tax on the entry", async () => {
    const { company } = await makeCompany("wallet-tax-voucher");
    await setUpBilling(company.id);
    const pkg = await hotspotPackage(company.id, 150);
    const { customerId } = await activeSubscriber(
      company.id,
      (await prepaidPackage(company.id, 2_500)).id,
      todayIn(company.timeZone),
    );
    const user = await makeUser(company.id, "CUSTOMER");
    await withTenant(company.id, (tx) => tx.customer.update({ where: { id: customerId }, data: { userId: user.id } }));
    const portal = await callerAs(company, user.id);
    await topUp(company.id, customerId, 170);

    const card = await portal.wallet.portal.summary();
    // 1.50 + 16 % = 1.74.
    expect(card.voucherPackages).toMatchObject([{ id: pkg.id, priceMinor: 174, price: "US$1.74" }]);
    const short = await expectFailure(portal.wallet.portal.buyVoucher({ packageId: pkg.id }), "UNPROCESSABLE_CONTENT");
    expect(short.message).toBe(
      "Insufficient wallet balance: US$1.70 available, US$1.74 needed with tax. Top up the wallet first.",
    );
    expect(await withTenant(company.id, (tx) => tx.voucher.count())).toBe(0);

    await topUp(company.id, customerId, 4);
    const bought = await portal.wallet.portal.buyVoucher({ packageId: pkg.id });
    expect(bought).toMatchObject({ amountMinor: 174, netMinor: 150, taxMinor: 24, balanceAfterMinor: 0 });
  });
});
