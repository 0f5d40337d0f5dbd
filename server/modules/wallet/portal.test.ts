import { describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure, PERMISSION_DENIED, failure } from "../../test/trpc";
import { makeCustomer } from "../subscriptions/testing";
import { VOUCHER_CODE_PATTERN } from "../vouchers/schema";
import { balanceOf, hotspotPackage, topUp } from "./testing";
import { topUpFromPayment } from "./topups";

async function portalCustomer(slug: string) {
  const { company } = await makeCompany(slug);
  const { id: customerId } = await makeCustomer(company.id);
  const user = await makeUser(company.id, "CUSTOMER");
  await withTenant(company.id, (tx) => tx.customer.update({ where: { id: customerId }, data: { userId: user.id } }));
  return { company, customerId, portal: await callerAs(company, user.id) };
}

describe("the wallet in the portal", () => {
  it("sells a hotspot voucher from the wallet and shows its code", async () => {
    const { company, customerId, portal } = await portalCustomer("wallet-voucher");
    const pkg = await hotspotPackage(company.id, 150);
    await topUp(company.id, customerId, 400);

    const card = await portal.wallet.portal.summary();
    expect(card.balanceMinor).toBe(400);
    expect(card.voucherPackages).toEqual([
      {
        id: pkg.id,
        name: "Day pass",
        priceMinor: 150,
        price: "US$1.50",
        validity: expect.stringContaining("24 hours"),
      },
    ]);

    const bought = await portal.wallet.portal.buyVoucher({ packageId: pkg.id });
    expect(bought.code).toMatch(VOUCHER_CODE_PATTERN);
    expect(bought.balanceAfterMinor).toBe(250);
    const voucher = await withTenant(company.id, (tx) =>
      tx.voucher.findFirstOrThrow({ where: { code: bought.code }, include: { batch: true } }),
    );
    expect(voucher).toMatchObject({ status: "UNUSED", batch: { packageId: pkg.id, quantity: 1 } });

    const after = await portal.wallet.portal.summary();
    expect(after.rows[0]).toMatchObject({ kind: "VOUCHER_PURCHASE", amountMinor: -150, balanceAfterMinor: 250 });
    expect(after.rows[0]!.reference).toContain(bought.code);
    // The customer never sees who at the ISP made an entry.
    expect(after.rows[0]).not.toHaveProperty("actorLabel");
  });

  it("refuses a voucher the wallet cannot pay for, and makes none", async () => {
    const { company, customerId, portal } = await portalCustomer("wallet-voucher-short");
    const pkg = await hotspotPackage(company.id, 500);
    await topUp(company.id, customerId, 499);
    const refused = await expectFailure(
      portal.wallet.portal.buyVoucher({ packageId: pkg.id }),
      "UNPROCESSABLE_CONTENT",
    );
    expect(refused.message).toMatch(/^Insufficient wallet balance: US\$4\.99 available, US\$5\.00 needed/);
    expect(await withTenant(company.id, (tx) => tx.voucher.count())).toBe(0);
    expect(await balanceOf(company.id, customerId)).toBe(499);
  });

  it("shows a paid top-up as on its way until the wallet is credited with it", async () => {
    const { company, customerId, portal } = await portalCustomer("wallet-arriving");
    // Posted payments whose credit (the paymentPosted background work) has not run yet: one just
    // now, one long enough ago to be stuck rather than on its way.
    const paid = (id: string, amountMinor: number, postedAt: Date) =>
      withTenant(company.id, (tx) =>
        tx.payment.create({
          data: {
            id,
            companyId: company.id,
            customerId,
            method: "MPESA",
            status: "SUCCEEDED",
            purpose: "WALLET_TOPUP",
            amountMinor,
            currency: "USD",
            receivedAt: postedAt,
            postedAt,
          },
        }),
      );
    await paid("pay-arriving-now", 500, new Date());
    await paid("pay-arriving-stuck", 700, new Date(Date.now() - 10 * 60 * 1000));

    const before = await portal.wallet.portal.summary();
    expect(before).toMatchObject({ balanceMinor: 0, arrivingMinor: 500 });

    await topUpFromPayment(company.id, "pay-arriving-now");
    const after = await portal.wallet.portal.summary();
    expect(after).toMatchObject({ balanceMinor: 500, arrivingMinor: 0 });
  });

  it("is the customer's own: staff procedures are closed to a portal sign-in", async () => {
    const { customerId, portal } = await portalCustomer("wallet-portal-perm");
    expect((await failure(portal.wallet.ledger({ customerId }))).message).toBe(PERMISSION_DENIED);
    expect(
      (await failure(portal.wallet.adjust({ customerId, amountMinor: 1_000, reason: "Free money" }))).message,
    ).toBe(PERMISSION_DENIED);
  });
});
