import { beforeAll, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { wallParts } from "../../lib/zone";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { deploy } from "../inventory/assets";
import { systemActor } from "../scope";
import { addDays } from "../shifts/zone";
import { makeCustomer } from "../subscriptions/testing";

// The inventory's reports on real PostgreSQL, against stock moved through the inventory's own
// services: value per location and in the van, the period's movements, a customer's deployed
// units and the warranties ending soon.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let admin: Caller;
let warehouseId: string;
let vanId: string;
let ontId: string;
let customerId: string;

// Days in the company's zone, as the reports count them: near midnight UTC the company's today
// (New York) is still yesterday, and a warranty "in 20 days" by UTC is 21 days away there.
const inDays = (n: number) => {
  const p = wallParts(Date.now(), co.company.timeZone);
  return addDays(`${p.year}-${p.month}-${p.day}`, n);
};

beforeAll(async () => {
  co = await makeCompany("reports-isp", "Reports ISP");
  admin = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN")).id);
  const techId = (await makeUser(co.company.id, "FIELD_TECHNICIAN", { name: "Grace Atieno" })).id;
  const supplierId = (await admin.inventory.suppliers.create({ name: "Report Supplies" })).id;
  warehouseId = (await admin.inventory.locations.create({ name: "Report store", kind: "WAREHOUSE" })).id;
  vanId = (await admin.inventory.locations.create({ name: "Van: Grace", kind: "VAN", technicianId: techId })).id;
  ontId = (
    await admin.inventory.items.create({
      sku: "ONT-R",
      name: "Report ONT",
      category: "ONT",
      tracking: "SERIAL",
      costMinor: 50_00,
    })
  ).id;
  const po = await admin.inventory.purchaseOrders.create({
    supplierId,
    lines: [{ itemId: ontId, quantity: 3, unitCostMinor: 50_00 }],
  });
  await admin.inventory.purchaseOrders.receive({
    purchaseOrderId: po.id,
    locationId: warehouseId,
    lines: [
      {
        lineId: po.lines[0]!.id,
        quantity: 3,
        units: [{ serial: "RPT-1" }, { serial: "RPT-2" }, { serial: "RPT-3" }],
        warrantyUntil: inDays(20),
      },
    ],
  });
  await admin.inventory.movements.record({
    kind: "TRANSFER",
    itemId: ontId,
    fromLocationId: warehouseId,
    toLocationId: vanId,
    serials: ["RPT-1", "RPT-2"],
  });
  const customer = await makeCustomer(co.company.id, { firstName: "Wanjiku", serviceAddress: "Wanjiku's house" });
  customerId = customer.id;
  await withTenant(co.company.id, async (tx) => {
    const packageId = newId();
    await tx.package.create({
      data: {
        id: packageId,
        companyId: co.company.id,
        name: "Fibre 10",
        code: "F10",
        type: "PPPOE",
        priceMinor: 1000,
        downloadKbps: 10_000,
        uploadKbps: 5_000,
      },
    });
    const subscriptionId = newId();
    await tx.subscription.create({
      data: {
        id: subscriptionId,
        companyId: co.company.id,
        customerId,
        packageId,
        status: "PENDING",
        startDate: new Date("2026-11-20"),
      },
    });
    await deploy({ tx, companyId: co.company.id, actor: systemActor }, { serial: "RPT-1", subscriptionId });
  });
});

it("values the stock per location and in each van, with the van's technician", async () => {
  const all = await admin.inventoryReports.stockByLocation({});
  const store = all.rows.find((r) => r.id === warehouseId)!;
  expect(store).toMatchObject({ quantity: 1, valueMinor: 50_00 });
  const vans = await admin.inventoryReports.stockByLocation({ kind: "VAN" });
  expect(vans.rows).toEqual([
    expect.objectContaining({ id: vanId, technician: "Grace Atieno", quantity: 1, valueMinor: 50_00 }),
  ]);
});

it("counts the period's movements per item and kind, and refuses a period backwards", async () => {
  const today = inDays(0);
  const moved = await admin.inventoryReports.movementsByPeriod({ from: inDays(-1), to: today });
  expect(moved.map((m) => [m.kind, m.movements, m.quantity])).toEqual([
    ["DEPLOY", 1, 1],
    ["RECEIVE", 3, 3],
    ["TRANSFER", 2, 2],
  ]);
  expect(await admin.inventoryReports.movementsByPeriod({ from: inDays(-30), to: inDays(-2) })).toEqual([]);
  expect(
    JSON.stringify(await failure(admin.inventoryReports.movementsByPeriod({ from: today, to: inDays(-3) }))),
  ).toContain("The last date comes before the first.");
});

it("lists the customer's deployed units and the warranties ending soon", async () => {
  const deployed = await admin.inventoryReports.deployedByCustomer({ search: "wanjiku" });
  expect(deployed.rows).toEqual([
    expect.objectContaining({ id: customerId, units: 1, costMinor: 50_00, serials: ["RPT-1"] }),
  ]);
  expect((await admin.inventoryReports.deployedByCustomer({ search: "nobody" })).total).toBe(0);
  const soon = await admin.inventoryReports.warrantyEnding({ withinDays: 30 });
  expect(soon.rows.map((r) => [r.serial, r.daysLeft])).toEqual([
    ["RPT-1", 20],
    ["RPT-2", 20],
    ["RPT-3", 20],
  ]);
  expect((await admin.inventoryReports.warrantyEnding({ withinDays: 10 })).total).toBe(0);
});
