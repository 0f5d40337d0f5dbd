import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import type { Role } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import * as apiTokens from "../auth/api-tokens";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { assetSchedule, bookValues, summary } from "./rest";

// The depreciation endpoints for the finance side's integrations, on 10 July 2026: three ONTs
// bought on 15 January for 1,200.00 each under "straight-line over 12 months, no salvage" have
// been charged 100.00 a month for six months (book value 600.00 each); a router without a rule
// is carried at cost.

const host = hostOf("rest-depr");
let companyId: string;
let token: string;
let techToken: string;
let admin: Awaited<ReturnType<typeof callerAs>>;
let warehouseId: string;
const ids: Record<string, string> = {};

async function tokenFor(role: Role) {
  const user = await makeUser(companyId, role);
  return (await apiTokens.issue(companyId, user, { ip: "203.0.113.9", userAgent: "vitest" })).accessToken;
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-07-10T12:00:00Z"));
  const co = await makeCompany("rest-depr");
  companyId = co.company.id;
  admin = await callerAs(co.company, (await makeUser(companyId, "NETWORK_ADMIN")).id);
  token = await tokenFor("BILLING_ADMIN");
  techToken = await tokenFor("FIELD_TECHNICIAN");
  const supplierId = (await admin.inventory.suppliers.create({ name: "Depr Supplies" })).id;
  warehouseId = (await admin.inventory.locations.create({ name: "Store", kind: "WAREHOUSE" })).id;
  const item = (sku: string, name: string, category: string) =>
    admin.inventory.items.create({ sku, name, category, tracking: "SERIAL" }).then((i) => i.id);
  const ontId = await item("ONT-1", "ONT", "ONT");
  const routerId = await item("RTR-1", "Core router", "Router");
  const po = await admin.inventory.purchaseOrders.create({
    supplierId,
    lines: [
      { itemId: ontId, quantity: 3, unitCostMinor: 1200_00 },
      { itemId: routerId, quantity: 1, unitCostMinor: 800_00 },
    ],
  });
  await admin.inventory.purchaseOrders.receive({
    purchaseOrderId: po.id,
    locationId: warehouseId,
    lines: [
      {
        lineId: po.lines.find((l) => l.item.id === ontId)!.id,
        quantity: 3,
        units: ["ONT-A", "ONT-B", "ONT-C"].map((serial) => ({ serial })),
      },
      { lineId: po.lines.find((l) => l.item.id === routerId)!.id, quantity: 1, units: [{ serial: "RTR-A" }] },
    ],
  });
  await withTenant(companyId, async (tx) => {
    await tx.asset.updateMany({ data: { purchasedOn: new Date("2026-01-15T00:00:00Z") } });
    for (const a of await tx.asset.findMany()) ids[a.serial] = a.id;
  });
  await admin.depreciation.rules.save({ category: "ONT", method: "STRAIGHT_LINE", usefulLifeMonths: 12 });
});

afterAll(() => {
  vi.useRealTimers();
});

describe("/api/inventory/depreciation", () => {
  it("answers each unit's book value, a unit's schedule, and the charge per category and month", async () => {
    const page = await call(bookValues, { host, token, query: { pageSize: "10" } });
    expect(page.status, page.text).toBe(200);
    expect(page.body).toMatchObject({ asOf: "2026-07-10", total: 4 });
    expect(
      page.body.rows.map((r: { serial: string; rule: string | null; bookValueMinor: number }) => [
        r.serial,
        r.rule,
        r.bookValueMinor,
      ]),
    ).toEqual([
      ["ONT-A", "Straight-line over 12 months, salvage 0% of cost", 600_00],
      ["ONT-B", "Straight-line over 12 months, salvage 0% of cost", 600_00],
      ["ONT-C", "Straight-line over 12 months, salvage 0% of cost", 600_00],
      ["RTR-A", null, 800_00],
    ]);

    const one = await call(assetSchedule, { host, token, params: { id: ids["ONT-A"]! } });
    expect(one.status, one.text).toBe(200);
    expect(one.body).toMatchObject({
      monthsElapsed: 6,
      accumulatedMinor: 600_00,
      bookValueMinor: 600_00,
      rule: { source: "category", method: "STRAIGHT_LINE", usefulLifeMonths: 12, salvageMinor: 0 },
      disposal: null,
    });
    expect(one.body.rows).toHaveLength(12);
    expect(one.body.rows[5]).toEqual({
      month: "2026-06",
      postedOn: "2026-06-30",
      chargeMinor: 100_00,
      accumulatedMinor: 600_00,
      bookValueMinor: 600_00,
      posted: true,
      disposed: false,
    });
    expect(one.body.rows[6]).toMatchObject({ month: "2026-07", posted: false });

    const sum = await call(summary, { host, token, query: { from: "2026-05", to: "2026-08" } });
    expect(sum.status, sum.text).toBe(200);
    expect(sum.body.months).toEqual(["2026-05", "2026-06", "2026-07", "2026-08"]);
    expect(sum.body.categories).toEqual([
      expect.objectContaining({
        category: "ONT",
        units: 3,
        bookValueMinor: 1800_00,
        charges: [300_00, 300_00, 300_00, 300_00],
      }),
      expect.objectContaining({ category: "Router", rule: null, units: 1, bookValueMinor: 800_00, totalMinor: 0 }),
    ]);
    expect(sum.body.totals).toMatchObject({
      units: 4,
      costMinor: 4400_00,
      bookValueMinor: 2600_00,
      totalMinor: 1200_00,
    });
  });

  it("refuses a bad period or unit with a clear 4xx, and a field technician (no costs) with 403", async () => {
    const backwards = await call(summary, { host, token, query: { from: "2026-08", to: "2026-05" } });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.fields).toEqual({ to: "The last month comes before the first." });
    const badMonth = await call(summary, { host, token, query: { from: "2026-13", to: "2026-14" } });
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.error.fields.from).toBe("Enter the first month as YYYY-MM.");
    expect((await call(assetSchedule, { host, token, params: { id: "no-such-unit" } })).status).toBe(404);
    expect((await call(bookValues, { host, token: techToken })).status).toBe(403);
  });

  it("carries a unit replaced under warranty once: the old one leaves the books, the new one takes over", async () => {
    const rma = await admin.inventory.rmas.send({ serial: "ONT-C", rmaNumber: "W-1", fault: "No light" });
    await admin.inventory.rmas.close({
      rmaId: rma.id,
      outcome: "REPLACED",
      toLocationId: warehouseId,
      replacementSerial: "ONT-C2",
    });
    const page = await call(bookValues, { host, token, query: { search: "ONT-C" } });
    expect(
      page.body.rows.map((r: { serial: string; bookValueMinor: number; disposedOn: string | null }) => [
        r.serial,
        r.bookValueMinor,
        r.disposedOn,
      ]),
    ).toEqual([
      ["ONT-C", 0, "2026-07-10"],
      ["ONT-C2", 600_00, null],
    ]);
    const old = await call(assetSchedule, { host, token, params: { id: ids["ONT-C"]! } });
    expect(old.body).toMatchObject({
      bookValueMinor: 0,
      replacedOn: "2026-07-10",
      explanation: expect.stringContaining("carried on by ONT-C2"),
    });
    expect(
      await admin.depreciation
        .dispose({ assetId: ids["ONT-C"]!, kind: "SCRAPPED", disposedOn: "2026-07-10" })
        .catch((e: Error) => e.message),
    ).toContain("its value is carried on by the replacement");
    // The same three ONTs' worth as before the exchange, month by month.
    const sum = await call(summary, { host, token, query: { from: "2026-05", to: "2026-08" } });
    expect(sum.body.categories[0]).toMatchObject({
      category: "ONT",
      units: 3,
      costMinor: 3600_00,
      bookValueMinor: 1800_00,
      charges: [300_00, 300_00, 300_00, 300_00],
    });
  });
});
