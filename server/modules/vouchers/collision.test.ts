import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";

// A fresh code that happens to exist already (≈ never at 50 bits, but it must not fail the
// batch or abort the transaction): it is skipped and replaced by another code.

const forced: string[][] = [];
vi.mock("./codes", async (importOriginal) => {
  const real = await importOriginal<typeof import("./codes")>();
  return {
    ...real,
    freshCodes: (count: number, taken: Set<string>) => forced.shift() ?? real.freshCodes(count, taken),
  };
});

let companyId: string;
let caller: Awaited<ReturnType<typeof callerAs>>;
let packageId: string;

beforeAll(async () => {
  const co = await makeCompany("collide-isp");
  companyId = co.company.id;
  caller = await callerAs(co.company, (await makeUser(companyId, "SUPER_ADMIN")).id);
  packageId = newId();
  await withTenant(companyId, (tx) =>
    tx.package.create({
      data: {
        id: packageId,
        companyId,
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
});

describe("code collisions", () => {
  it("replaces a code that already exists and still makes the full batch", async () => {
    forced.push(["AAAAA-AAAAA"]);
    const first = await caller.vouchers.generateBatch({ packageId, quantity: 1 });
    forced.push(["AAAAA-AAAAA", "BBBBB-BBBBB", "CCCCC-CCCCC"], ["DDDDD-DDDDD"]);
    const second = await caller.vouchers.generateBatch({ packageId, quantity: 3 });
    const codes = (batchId: string) =>
      withTenant(companyId, (tx) => tx.voucher.findMany({ where: { batchId }, orderBy: { code: "asc" } }));
    expect((await codes(first.id)).map((v) => v.code)).toEqual(["AAAAA-AAAAA"]);
    expect((await codes(second.id)).map((v) => v.code)).toEqual(["BBBBB-BBBBB", "CCCCC-CCCCC", "DDDDD-DDDDD"]);
  });
});
