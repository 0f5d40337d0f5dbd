import { InngestTestEngine } from "@inngest/test";
import { expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { activate } from "../../modules/vouchers/redemption";
import { expireVouchers } from "./expire-vouchers";

it("marks time-expired vouchers EXPIRED per company, and a second run changes nothing", async () => {
  const { company } = await makeCompany("sweep-isp");
  const packageId = newId();
  await withTenant(company.id, (tx) =>
    tx.package.create({
      data: {
        id: packageId,
        companyId: company.id,
        name: "Hour",
        code: "HOUR",
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
  const admin = await callerAs(company, (await makeUser(company.id, "SUPER_ADMIN")).id);
  const batch = await admin.vouchers.generateBatch({ packageId, quantity: 2 });
  const [used] = await withTenant(company.id, (tx) => tx.voucher.findMany({ where: { batchId: batch.id } }));
  // An hour's voucher, logged in at the hotspot two hours ago.
  await withTenant(company.id, (tx) =>
    activate(
      { tx, companyId: company.id, actor: { type: "SYSTEM", label: "radius" } },
      used.code,
      new Date(Date.now() - 2 * 3_600_000),
    ),
  );

  expect((await new InngestTestEngine({ function: expireVouchers }).execute()).result).toEqual({ [company.id]: 1 });
  expect((await new InngestTestEngine({ function: expireVouchers }).execute()).result).toEqual({ [company.id]: 0 });
  const statuses = await withTenant(company.id, (tx) =>
    tx.voucher.findMany({ where: { batchId: batch.id }, select: { id: true, status: true } }),
  );
  expect(Object.fromEntries(statuses.map((v) => [v.id, v.status]))).toEqual(
    Object.fromEntries(statuses.map((v) => [v.id, v.id === used.id ? "EXPIRED" : "UNUSED"])),
  );
});
