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
  return { wb: { customerId: cb.customerId, entryId: bEntry.id, aCustomerId: cb.aCustomerId }, vb, aCustomerPortal };
});

export default isolationCases({
  setup: walletFixture,
  snapshotB: async (tx) => ({ walletEntries: await tx.walletEntry.findMany({ orderBy: { id: "asc" } }) }),
  idsOfB: async (tx) => (await tx.walletEntry.findMany()).flatMap((e) => [e.id, e.paymentId ?? e.id]),
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
    "wallet.portal.buyVoucher": async (w, f) => {
      await expectFailure(
        f.aCustomerPortal.wallet.portal.buyVoucher({ packageId: f.vb.packageId }),
        "UNPROCESSABLE_CONTENT",
      );
      await w.expectNoneOfB(await f.aCustomerPortal.wallet.portal.buyVoucher({ packageId: f.vb.aPackageId }));
    },
  },
});
