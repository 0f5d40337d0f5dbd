import { beforeAll, describe, expect, it } from "vitest";
import { settleInline } from "../../jobs/emit";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { systemActor } from "../scope";
import { monthlyCharges } from "./schedule";
import { assetSchedule, exportCsv, recordCountLosses, report } from "./service";

// Depreciation against tables worked out by hand (in the comments), on real PostgreSQL: the
// schedules of both methods to the minor unit, a unit's book value traced to its rule, the
// report's totals per category and month, the accounting CSV, and a disposal's gain or loss with
// what it refuses (writing nothing).

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let admin: Caller;
let billing: Caller;
let tech: Caller;
let warehouseId: string;
let routerId: string;
let ontId: string;
const units: Record<string, string> = {};

const scope = <T>(
  fn: (s: {
    tx: Parameters<Parameters<typeof withTenant>[1]>[0];
    companyId: string;
    actor: typeof systemActor;
  }) => Promise<T>,
) => withTenant(co.company.id, (tx) => fn({ tx, companyId: co.company.id, actor: systemActor }));

/** Receives units of an item at `costMinor` each and dates their purchase. */
async function receive(itemId: string, costMinor: number, serials: string[], purchasedOn: string) {
  const supplierId = (await admin.inventory.suppliers.list({})).rows[0]!.id;
  const po = await admin.inventory.purchaseOrders.create({
    supplierId,
    lines: [{ itemId, quantity: serials.length, unitCostMinor: costMinor }],
  });
  await admin.inventory.purchaseOrders.receive({
    purchaseOrderId: po.id,
    locationId: warehouseId,
    lines: [{ lineId: po.lines[0]!.id, quantity: serials.length, units: serials.map((serial) => ({ serial })) }],
  });
  await withTenant(co.company.id, async (tx) => {
    for (const serial of serials) {
      const a = await tx.asset.update({
        where: { companyId_serial: { companyId: co.company.id, serial } },
        data: { purchasedOn: new Date(`${purchasedOn}T00:00:00Z`) },
      });
      units[serial] = a.id;
    }
  });
}

beforeAll(async () => {
  co = await makeCompany("depr-isp", "Depreciation ISP");
  admin = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN")).id);
  billing = await callerAs(co.company, (await makeUser(co.company.id, "BILLING_ADMIN")).id);
  tech = await callerAs(co.company, (await makeUser(co.company.id, "FIELD_TECHNICIAN")).id);
  await admin.inventory.suppliers.create({ name: "Depr Supplies" });
  warehouseId = (await admin.inventory.locations.create({ name: "Depr store", kind: "WAREHOUSE" })).id;
  routerId = (
    await admin.inventory.items.create({ sku: "RTR-1", name: "Core router", category: "Router", tracking: "SERIAL" })
  ).id;
  ontId = (await admin.inventory.items.create({ sku: "ONT-1", name: "ONT", category: "ONT", tracking: "SERIAL" })).id;
  await receive(ontId, 1200_00, ["ONT-A", "ONT-B", "ONT-C"], "2026-01-15");
  await receive(routerId, 100_00, ["RTR-A"], "2026-02-03");
});

describe("schedules to the minor unit", () => {
  it("straight-line spreads the odd cents evenly and sums to cost − salvage", () => {
    // 1,000.00 over 3 months, no salvage: accumulated ⌊100000·k/3⌋ = 33333, 66666, 100000.
    expect(monthlyCharges(100000, { method: "STRAIGHT_LINE", usefulLifeMonths: 3, salvageBp: 0 })).toEqual([
      33333, 33333, 33334,
    ]);
    // 1,000.00, salvage 10% = 100.00, 7 months: ⌊90000·k/7⌋ = 12857, 25714, 38571, 51428, 64285, 77142, 90000.
    expect(monthlyCharges(100000, { method: "STRAIGHT_LINE", usefulLifeMonths: 7, salvageBp: 1000 })).toEqual([
      12857, 12857, 12857, 12857, 12857, 12857, 12858,
    ]);
  });

  it("declining balance charges 2/life of the book value, switches to straight-line and stops at salvage", () => {
    // 100.00, salvage 10.00, 5 months (rate 40%): books 10000 → 6000 → 3600 → 2160 → 1296 → 1000;
    // month 5's 40% (518) would go below salvage, so it takes the 296 left.
    expect(monthlyCharges(10000, { method: "DECLINING_BALANCE", usefulLifeMonths: 5, salvageBp: 1000 })).toEqual([
      4000, 2400, 1440, 864, 296,
    ]);
    // 100.00, no salvage, 5 months: month 4's 40% of 2160 (864) is less than 2160 / 2 months left
    // (1080), so straight-line takes over: 1080 and 1080.
    expect(monthlyCharges(10000, { method: "DECLINING_BALANCE", usefulLifeMonths: 5, salvageBp: 0 })).toEqual([
      4000, 2400, 1440, 1080, 1080,
    ]);
  });
});

describe("rules", () => {
  it("refuses a life of zero, a negative salvage or a rule for both a category and an item, saving nothing", async () => {
    const zero = await failure(
      admin.depreciation.rules.save({ category: "ONT", method: "STRAIGHT_LINE", usefulLifeMonths: 0 }),
    );
    expect(zero).toMatchObject({ code: "BAD_REQUEST" });
    expect(JSON.stringify(zero)).toContain("The useful life must be at least one month.");
    const negative = await failure(
      admin.depreciation.rules.save({ category: "ONT", method: "STRAIGHT_LINE", usefulLifeMonths: 36, salvageBp: -1 }),
    );
    expect(JSON.stringify(negative)).toContain("The salvage value cannot be negative.");
    const both = await failure(
      admin.depreciation.rules.save({ category: "ONT", itemId: ontId, method: "STRAIGHT_LINE", usefulLifeMonths: 36 }),
    );
    expect(JSON.stringify(both)).toContain("either a category or one item");
    expect((await admin.depreciation.rules.list()).rules).toEqual([]);
  });

  it("a unit's book value is traced to its category's rule, and an item's own rule wins", async () => {
    // ONT: 1,200.00, straight-line 36 months, salvage 10% = 120.00: 3,000 cents a month.
    await admin.depreciation.rules.save({
      category: "ONT",
      method: "STRAIGHT_LINE",
      usefulLifeMonths: 36,
      salvageBp: 1000,
    });
    await admin.depreciation.rules.save({ category: "Router", method: "STRAIGHT_LINE", usefulLifeMonths: 60 });
    // The router model lasts less than its category says: declining balance over 5 months, 10% salvage.
    await admin.depreciation.rules.save({
      itemId: routerId,
      method: "DECLINING_BALANCE",
      usefulLifeMonths: 5,
      salvageBp: 1000,
    });
    const ont = await scope((s) => assetSchedule(s, { assetId: units["ONT-A"]! }, "2026-12-04"));
    expect(ont.rule).toMatchObject({
      source: "category",
      method: "STRAIGHT_LINE",
      usefulLifeMonths: 36,
      salvageMinor: 120_00,
    });
    // Bought 15 January; on 4 December January–November have ended: 11 months × 30.00.
    expect(ont).toMatchObject({ monthsElapsed: 11, accumulatedMinor: 330_00, bookValueMinor: 870_00 });
    expect(ont.explanation).toBe("Straight-line over 36 months, salvage 10% of cost, 11 of 36 months elapsed");
    expect(ont.rows).toHaveLength(36);
    expect(ont.rows[0]).toMatchObject({ month: "2026-01", postedOn: "2026-01-31", chargeMinor: 30_00, posted: true });
    expect(ont.rows[11]).toMatchObject({ month: "2026-12", posted: false, bookValueMinor: 840_00 });
    expect(ont.rows.at(-1)).toMatchObject({ month: "2028-12", bookValueMinor: 120_00 });

    const router = await scope((s) => assetSchedule(s, { assetId: units["RTR-A"]! }, "2026-05-01"));
    expect(router.rule).toMatchObject({ source: "item", method: "DECLINING_BALANCE" });
    // February to April ended: 4000 + 2400 + 1440 charged, book 21.60.
    expect(router.rows.map((r) => r.chargeMinor)).toEqual([4000, 2400, 1440, 864, 296]);
    expect(router).toMatchObject({ monthsElapsed: 3, accumulatedMinor: 7840, bookValueMinor: 2160 });
  });

  it("the billing administrator reads the numbers but cannot change a rule; a technician sees none of it", async () => {
    expect((await billing.depreciation.asset({ assetId: units["ONT-B"]! })).asset.serial).toBe("ONT-B");
    expect(
      await failure(billing.depreciation.rules.save({ category: "ONT", method: "STRAIGHT_LINE", usefulLifeMonths: 1 })),
    ).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await failure(tech.depreciation.asset({ assetId: units["ONT-B"]! }))).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the report and the accounting export", () => {
  it("totals each category per month and today", async () => {
    const r = await scope((s) => report(s, { from: "2026-01", to: "2026-03" }, "2026-03-10"));
    expect(r.months).toEqual(["2026-01", "2026-02", "2026-03"]);
    const ont = r.categories.find((c) => c.category === "ONT")!;
    // Three ONTs at 30.00 a month each.
    expect(ont.charges).toEqual([90_00, 90_00, 90_00]);
    // On 10 March two months (January, February) are charged: 3 × 60.00.
    expect(ont).toMatchObject({ units: 3, costMinor: 3600_00, accumulatedMinor: 180_00, bookValueMinor: 3420_00 });
    const router = r.categories.find((c) => c.category === "Router")!;
    // Bought in February: nothing in January, then 40.00, 24.00.
    expect(router.charges).toEqual([0, 4000, 2400]);
    expect(r.totals.charges).toEqual([90_00, 130_00, 114_00]);
    expect(r.totals.bookValueMinor).toBe(3420_00 + 6000);
  });

  it("writes one line per unit and month, in decimal units, for the accounting package", async () => {
    const { csv, filename } = await scope((s) => exportCsv(s, { from: "2026-02", to: "2026-02" }));
    expect(filename).toBe("depreciation-2026-02-to-2026-02.csv");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toContain("Posting date,Period,Entry,Serial");
    expect(lines).toHaveLength(1 + 4);
    expect(lines).toContain(
      "2026-02-28,2026-02,Depreciation,ONT-A,ONT-1,ONT,ONT,Straight-line,36,1200.00,30.00,60.00,1140.00,,,USD",
    );
    expect(lines.find((l) => l.includes("RTR-A"))).toContain("Declining balance (200%),5,100.00,40.00,40.00,60.00");
  });

  it("refuses a period backwards or longer than 36 months", async () => {
    expect(JSON.stringify(await failure(billing.depreciation.report({ from: "2026-05", to: "2026-01" })))).toContain(
      "The last month comes before the first.",
    );
  });
});

describe("disposal", () => {
  it("sells a unit: book value on the day, gain against the proceeds, out of stock; twice is refused", async () => {
    const stockBefore = await admin.inventory.stock({ locationId: warehouseId });
    // 10 October: January–September charged, 9 × 30.00 = 270.00; book 930.00; sold for 1,000.00.
    const sold = await admin.depreciation.dispose({
      assetId: units["ONT-C"]!,
      kind: "SOLD",
      disposedOn: "2026-10-10",
      proceedsMinor: 1000_00,
      reason: "Sold to a reseller",
    });
    expect(sold).toMatchObject({
      monthsElapsed: 9,
      accumulatedMinor: 270_00,
      bookValueMinor: 930_00,
      gainMinor: 70_00,
    });
    const unit = await admin.inventory.assets.lookup({ serial: "ONT-C" });
    expect(unit.status).toBe("RETIRED");
    expect(unit.history[0]).toMatchObject({ kind: "WRITE_OFF", reason: "Sold: Sold to a reseller" });
    const stockAfter = await admin.inventory.stock({ locationId: warehouseId });
    const onts = (p: typeof stockAfter) => p.rows.find((r) => r.itemId === ontId)!.quantity;
    expect(onts(stockAfter)).toBe(onts(stockBefore) - 1);
    const schedule = await billing.depreciation.asset({ assetId: units["ONT-C"]! });
    expect(schedule).toMatchObject({
      bookValueMinor: 0,
      disposal: { kind: "SOLD", gainMinor: 70_00, disposedOn: "2026-10-10" },
    });
    // No charges after the disposal month in the report.
    const r = await scope((s) => report(s, { from: "2026-09", to: "2026-11" }, "2026-12-04"));
    expect(r.categories.find((c) => c.category === "ONT")!.charges).toEqual([90_00, 60_00, 60_00]);

    expect(
      await failure(
        admin.depreciation.dispose({ assetId: units["ONT-C"]!, kind: "SCRAPPED", disposedOn: "2026-10-11" }),
      ),
    ).toMatchObject({ code: "CONFLICT" });
  });

  it("a scrapped unit is a loss of its book value; a date in the future or before purchase is refused, writing nothing", async () => {
    const before = await withTenant(co.company.id, async (tx) => ({
      disposals: await tx.assetDisposal.count(),
      movements: await tx.stockMovement.count(),
    }));
    expect(
      JSON.stringify(
        await failure(
          admin.depreciation.dispose({ assetId: units["ONT-B"]!, kind: "SCRAPPED", disposedOn: "2099-01-01" }),
        ),
      ),
    ).toContain("cannot be in the future");
    expect(
      JSON.stringify(
        await failure(
          admin.depreciation.dispose({ assetId: units["ONT-B"]!, kind: "SCRAPPED", disposedOn: "2025-12-31" }),
        ),
      ),
    ).toContain("bought on 2026-01-15");
    expect(
      JSON.stringify(
        await failure(
          admin.depreciation.dispose({
            assetId: units["ONT-B"]!,
            kind: "SOLD",
            disposedOn: "2026-06-01",
            proceedsMinor: -5,
          }),
        ),
      ),
    ).toContain("The proceeds cannot be negative.");
    expect(
      await withTenant(co.company.id, async (tx) => ({
        disposals: await tx.assetDisposal.count(),
        movements: await tx.stockMovement.count(),
      })),
    ).toEqual(before);
    // 1 June: five months (January–May) charged, book 1,050.00, scrapped for nothing.
    const scrapped = await admin.depreciation.dispose({
      assetId: units["ONT-B"]!,
      kind: "SCRAPPED",
      disposedOn: "2026-06-01",
    });
    expect(scrapped).toMatchObject({ bookValueMinor: 1050_00, gainMinor: -1050_00 });
  });
});

describe("a unit a stock count did not find", () => {
  it("is lost at its book value on the day the count is posted, in the report and the CSV, once", async () => {
    await receive(ontId, 1200_00, ["ONT-LOST"], "2026-01-15");
    const lostId = units["ONT-LOST"]!;
    // What finance saw the moment before the count: the rule's book value today.
    const standing = await billing.depreciation.asset({ assetId: lostId });
    expect(standing.bookValueMinor).toBeGreaterThan(0);
    expect(standing.bookValueMinor).toBeLessThan(1200_00);

    const count = await admin.inventory.counts.start({ locationId: warehouseId });
    const onts = count.lines.find((l) => l.item.id === ontId)!;
    expect(onts.expectedSerials).toContain("ONT-LOST");
    await admin.inventory.counts.enter({
      countId: count.id,
      lines: count.lines.map((l) => ({
        itemId: l.item.id,
        countedSerials: l.expectedSerials.filter((s) => s !== "ONT-LOST"),
      })),
    });
    const posted = await admin.inventory.counts.post({ countId: count.id, reason: "Year-end count" });
    await settleInline();

    expect((await admin.inventory.assets.lookup({ serial: "ONT-LOST" })).status).toBe("RETIRED");
    const month = standing.asOf.slice(0, 7);
    const r = await billing.depreciation.report({ from: month, to: month });
    expect(r.disposals.filter((d) => d.asset.serial === "ONT-LOST")).toEqual([
      expect.objectContaining({
        kind: "LOST",
        kindLabel: "Lost",
        disposedOn: standing.asOf,
        costMinor: 1200_00,
        bookValueMinor: standing.bookValueMinor,
        proceedsMinor: 0,
        gainMinor: -standing.bookValueMinor,
        reason: `${posted.numberLabel}: Year-end count (not found)`,
      }),
    ]);
    // The unit's own page says the same, and it is no longer carried in the category's book value.
    expect(await billing.depreciation.asset({ assetId: lostId })).toMatchObject({
      bookValueMinor: 0,
      disposal: { kind: "LOST", proceedsMinor: 0, gainMinor: -standing.bookValueMinor },
    });
    const { csv } = await scope((s) => exportCsv(s, { from: month, to: month }));
    const line = csv.split("\r\n").find((l) => l.includes("Disposal (lost)"))!;
    expect(line).toContain(",ONT-LOST,");
    expect(line).toContain(`,0.00,-${(standing.bookValueMinor / 100).toFixed(2)},USD`);

    // A redelivered event records nothing twice.
    const again = await recordCountLosses(co.company.id, {
      assetIds: [lostId],
      postedAt: new Date().toISOString(),
      reason: "again",
    });
    expect(again.recorded).toEqual([]);
    expect(await withTenant(co.company.id, (tx) => tx.assetDisposal.count({ where: { assetId: lostId } }))).toBe(1);
  });
});
