import { InngestTestEngine } from "@inngest/test";
import { describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { creditWalletTopUp } from "../../jobs/functions/wallet-top-up";
import { makeCompany } from "../../test/fixtures";
import { activeSubscriber } from "../billing/testing";
import * as payments from "../payments/service";
import { makeCustomer } from "../subscriptions/testing";
import { runDue } from "./prepaid";
import { balanceOf, prepaidPackage, staff, topUp } from "./testing";
import { topUpFromPayment } from "./topups";

/** A customer's M-Pesa wallet top-up, started and then confirmed: posting emits paymentPosted. */
async function paidTopUp(
  companyId: string,
  customerId: string,
  amountMinor: number,
  purpose = "WALLET_TOPUP" as const,
) {
  return withTenant(companyId, async (tx) => {
    const scope = staff(companyId, tx);
    const pending = await payments.createPending(scope, {
      customerId,
      method: "MPESA",
      provider: "MPESA",
      amountMinor,
      purpose,
    });
    return (await payments.markSucceeded(scope, pending.id, { reference: "QKX81HT2ZP" })).payment;
  });
}

describe("wallet top-ups from payments", () => {
  it("credit the wallet once when a top-up payment is posted, however often the event comes", async () => {
    const { company } = await makeCompany("topup-once");
    const { id: customerId } = await makeCustomer(company.id);
    const payment = await paidTopUp(company.id, customerId, 2_000);
    await settleInline();
    expect(await balanceOf(company.id, customerId)).toBe(2_000);

    expect(await topUpFromPayment(company.id, payment.id)).toEqual({ credited: false, reason: "already-credited" });
    const engine = new InngestTestEngine({ function: creditWalletTopUp });
    const again = await engine.execute({
      events: [{ name: "billing/payment.posted", data: { companyId: company.id, paymentId: payment.id, customerId } }],
    });
    expect(again.error).toBeUndefined();
    expect(await balanceOf(company.id, customerId)).toBe(2_000);
    const [entry] = await withTenant(company.id, (tx) => tx.walletEntry.findMany());
    expect(entry).toMatchObject({
      kind: "TOP_UP",
      amountMinor: 2_000,
      paymentId: payment.id,
      reference: "M-Pesa QKX81HT2ZP",
    });
  });

  it("leave invoice payments out of the wallet", async () => {
    const { company } = await makeCompany("topup-invoices");
    const { id: customerId } = await makeCustomer(company.id);
    const payment = await withTenant(company.id, (tx) =>
      payments.record(staff(company.id, tx), { customerId, method: "CASH", amountMinor: 1_500 }),
    );
    await settleInline();
    expect(await topUpFromPayment(company.id, payment.id)).toEqual({ credited: false, reason: "not-a-top-up" });
    expect(await balanceOf(company.id, customerId)).toBe(0);
  });

  it("resume and renew a prepaid subscription suspended for want of money, the moment the top-up posts", async () => {
    const { company } = await makeCompany("topup-resume");
    const pkg = await prepaidPackage(company.id, 2_500);
    const { customerId, subscriptionId } = await activeSubscriber(company.id, pkg.id, "2026-03-10");
    await topUp(company.id, customerId, 500);
    await runDue(company.id, new Date("2026-03-10T17:00:00Z"));
    const status = () =>
      withTenant(
        company.id,
        async (tx) => (await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).status,
      );
    expect(await status()).toBe("SUSPENDED");

    await paidTopUp(company.id, customerId, 2_000);
    await settleInline();
    expect(await status()).toBe("ACTIVE");
    expect(await balanceOf(company.id, customerId)).toBe(0);
    const terms = await withTenant(company.id, (tx) => tx.prepaidTerm.findMany());
    expect(terms).toHaveLength(1);
    const events = await withTenant(company.id, (tx) =>
      tx.subscriptionEvent.findMany({ where: { subscriptionId }, orderBy: { createdAt: "asc" } }),
    );
    expect(events.map((e) => e.toStatus).slice(-2)).toEqual(["SUSPENDED", "ACTIVE"]);
    expect(events.at(-1)!.reason).toMatch(/^Prepaid renewal paid from the wallet for \d{4}-\d{2}-\d{2} to /);
  });
});
