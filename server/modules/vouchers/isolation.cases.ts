import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";

// Tenant isolation of hotspot vouchers.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

const hotspotPackage = (companyId: string, name: string) =>
  withTenant(companyId, (tx) =>
    tx.package.create({
      data: {
        id: newId(),
        companyId,
        name,
        code: newId().slice(0, 8),
        type: "HOTSPOT",
        hotspotMode: "TIME",
        validityMinutes: 60,
        billingCycle: "VALIDITY",
        priceMinor: 1000,
        downloadKbps: 2048,
        uploadKbps: 512,
      },
    }),
  );

/** A batch of B's (with its hotspot package), and a hotspot package and batch of A's own. */
export const vouchersFixture = fixture(async (w) => {
  const packageId = (await hotspotPackage(w.B.company.id, "Bravo hour")).id;
  const batchId = (await w.bAdmin.vouchers.generateBatch({ packageId, quantity: 3 })).id;
  const voucherId = (await withTenant(w.B.company.id, (tx) => tx.voucher.findFirstOrThrow({ where: { batchId } }))).id;
  const aPackageId = (await hotspotPackage(w.A.company.id, "Alpha hour")).id;
  await w.aAdmin.vouchers.generateBatch({ packageId: aPackageId, quantity: 2 });
  return { vb: { packageId, batchId, voucherId, aPackageId } };
});

export default isolationCases({
  setup: vouchersFixture,
  snapshotB: async (tx) => ({
    voucherBatches: await tx.voucherBatch.findMany({ orderBy: { id: "asc" }, select: { id: true, quantity: true } }),
    vouchers: await tx.voucher.findMany({
      orderBy: { id: "asc" },
      select: { id: true, status: true, firstUsedAt: true, usedMb: true },
    }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.voucherBatch.findMany()).map((x) => x.id),
    ...(await tx.voucher.findMany()).flatMap((v) => [v.id, v.code]),
  ],
  procedures: {
    "vouchers.listBatches": async (w, f) => {
      const page = await w.aAdmin.vouchers.listBatches({ pageSize: 100 });
      expect(page.rows.length).toBeGreaterThan(0);
      expect(page.rows.map((r) => r.id)).not.toContain(f.vb.batchId);
      await w.expectNoneOfB(page);
    },
    "vouchers.getBatch": async (w, f) => {
      expect((await failure(w.aAdmin.vouchers.getBatch({ id: f.vb.batchId }))).code).toBe("NOT_FOUND");
    },
    "vouchers.hotspotPackages": async (w, f) => {
      const list = await w.aAdmin.vouchers.hotspotPackages();
      expect(list.map((p) => p.id)).toContain(f.vb.aPackageId);
      expect(list.map((p) => p.id)).not.toContain(f.vb.packageId);
      await w.expectNoneOfB(list);
    },
    "vouchers.generateBatch": async (w, f) => {
      const failed = await failure(w.aAdmin.vouchers.generateBatch({ packageId: f.vb.packageId, quantity: 5 }));
      expect(failed.code).toBe("UNPROCESSABLE_CONTENT");
      expect(
        await withTenant(w.A.company.id, (tx) => tx.voucherBatch.count({ where: { packageId: f.vb.packageId } })),
      ).toBe(0);
    },
    "vouchers.disableVoucher": async (w, f) => {
      expect((await failure(w.aAdmin.vouchers.disableVoucher({ id: f.vb.voucherId }))).code).toBe("NOT_FOUND");
    },
  },
});
