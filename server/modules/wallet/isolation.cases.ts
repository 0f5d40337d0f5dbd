import { expect } from "vitest";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure } from "../../test/trpc";
import { customersFixture } from "../customers/isolation.cases";
import { vouchersFixture } from "../vouchers/isolation.cases";
import { topUp } from "./testing";

// Tenant isolation of wallets: B's ledger, and what A's staff and A's portal customer can reach.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export const walletFixture = fixture(async (w) => {
  const { cb, aCustomerPortal } = await customersFixture(w);
  const { vb } = await vouchersFixture(w);
  const bEntry = (await topUp(w.B.company.id, cb.customerId, 9_000, "bravo-payment-1")).entry;
  await topUp(w.A.company.id, cb.aCustomerId, 5_000);
  // A recharge card of each company, printed (B's PIN is what A must not be able to redeem).
  const bBatch = await w.bAdmin.wallet.recharge.generate({ quantity: 1, valueMinor: 4_000 });
  const bPin = (await w.bAdmin.wallet.recharge.cards({ batchId: bBatch.id })).cards[0]!.pin;
  const aBatch = await w.aAdmin.wallet.recharge.generate({ quantity: 2, valueMinor: 1_000 });
  const aPins = (await w.aAdmin.wallet.recharge.cards({ batchId: aBatch.id })).cards.map((c) => c.pin);
  return {
    wb: { customerId: cb.customerId, entryId: bEntry.id, aCustomerId: cb.aCustomerId },
    recharge: { bBatchId: bBatch.id, bPin, aBatchId: aBatch.id, aPins },
    vb,
    aCustomerPortal,
  };
});

export default isolationCases({
  setup: walletFixture,
  snapshotB: async (tx) => ({
    walletEntries: await tx.walletEntry.findMany({ orderBy: { id: "asc" } }),
    rechargeBatches: await tx.rechargeBatch.findMany({ orderBy: { id: "asc" } }),
    rechargeVouchers: await tx.rechargeVoucher.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.walletEntry.findMany()).flatMap((e) => [e.id, e.paymentId ?? e.id]),
    ...(await tx.rechargeBatch.findMany()).map((b) => b.id),
    ...(await tx.rechargeVoucher.findMany()).flatMap((v) => [v.id, v.pinIndex]),
  ],
  procedures: {
    "wallet.ledger": async (w, f) => {
      await expectFailure(w.aAdmin.wallet.ledger({ customerId: f.wb.customerId }), "NOT_FOUND");
      const mine = await w.aAdmin.wallet.ledger({ customerId: f.wb.aCustomerId });
      expect(mine.rows.length).toBeGreaterThan(0);
      await w.expectNoneOfB(mine);
    },
    "wallet.adjust": async (w, f) => {
      await expectFailure(
        w.aAdmin.wallet.adjust({ customerId: f.wb.customerId, amountMinor: 100, reason: "Not ours" }),
        "NOT_FOUND",
      );
    },
    "wallet.refundSale": async (w, f) => {
      await expectFailure(
        w.aAdmin.wallet.refundSale({ entryId: f.wb.entryId, amountMinor: 100, reason: "Not ours" }),
        "NOT_FOUND",
      );
    },
    "wallet.portal.summary": async (w, f) => {
      const mine = await f.aCustomerPortal.wallet.portal.summary();
      expect(mine.voucherPackages.map((p) => p.id)).toContain(f.vb.aPackageId);
      expect(mine.voucherPackages.map((p) => p.id)).not.toContain(f.vb.packageId);
      await w.expectNoneOfB(mine);
    },
    "wallet.recharge.batches": async (w, f) => {
      const page = await w.aAdmin.wallet.recharge.batches();
      expect(page.rows.map((b) => b.id)).toContain(f.recharge.aBatchId);
      await w.expectNoneOfB(page);
    },
    "wallet.recharge.generate": async (w) => {
      const made = await w.aAdmin.wallet.recharge.generate({ quantity: 1, valueMinor: 500 });
      expect(made.quantity).toBe(1);
      await w.expectNoneOfB(made);
    },
    "wallet.recharge.cards": async (w, f) => {
      await expectFailure(w.aAdmin.wallet.recharge.cards({ batchId: f.recharge.bBatchId }), "NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.wallet.recharge.cards({ batchId: f.recharge.aBatchId }));
    },
    "wallet.recharge.redeem": async (w, f) => {
      // B's card is no PIN at all at A; A's card cannot go into B's customer's wallet.
      const foreign = await expectFailure(
        w.aAdmin.wallet.recharge.redeem({ customerId: f.wb.aCustomerId, pin: f.recharge.bPin }),
        "UNPROCESSABLE_CONTENT",
      );
      expect(foreign.message).toMatch(/does not match any voucher/);
      await expectFailure(
        w.aAdmin.wallet.recharge.redeem({ customerId: f.wb.customerId, pin: f.recharge.aPins[0]! }),
        "NOT_FOUND",
      );
      await w.expectNoneOfB(
        await w.aAdmin.wallet.recharge.redeem({ customerId: f.wb.aCustomerId, pin: f.recharge.aPins[0]! }),
      );
    },
    "wallet.recharge.withdraw": async (w, f) => {
      const reason = "lost in transit";
      await expectFailure(w.aAdmin.wallet.recharge.withdraw({ batchId: f.recharge.bBatchId, reason }), "NOT_FOUND");
      const own = await w.aAdmin.wallet.recharge.generate({ quantity: 1, valueMinor: 500 });
      await w.expectNoneOfB(await w.aAdmin.wallet.recharge.withdraw({ batchId: own.id, reason }));
    },
    "wallet.portal.redeemVoucher": async (w, f) => {
      await expectFailure(f.aCustomerPortal.wallet.portal.redeemVoucher({ pin: f.recharge.bPin }), "UNPROCESSABLE_CONTENT"); // prettier-ignore
      await w.expectNoneOfB(await f.aCustomerPortal.wallet.portal.redeemVoucher({ pin: f.recharge.aPins[1]! }));
    },
    "wallet.portal.buyVoucher": async (w, f) => {
      await expectFailure(
        f.aCustomerPortal.wallet.portal.buyVoucher({ packageId: f.vb.packageId }),
        "UNPROCESSABLE_CONTENT",
      );
      await w.expectNoneOfB(await f.aCustomerPortal.wallet.portal.buyVoucher({ packageId: f.vb.aPackageId }));
    },
  },
});
