import { InngestTestEngine } from "@inngest/test";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { inventoryReorder } from "../../jobs/functions/inventory-reorder";
import { settleInline } from "../../jobs/emit";
import { withTenant } from "../../db/tenant";
import { permissionsOf } from "../../auth/permissions";
import type { Role } from "../../db/generated/prisma/enums";
import { newId } from "../../lib/ids";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { seedStarterCatalogue } from "../devices/catalogue";
import { systemActor } from "../scope";
import { makeCustomer } from "../subscriptions/testing";
import { drift } from "./ledger";
import { labelsFor, labelsResponse, renderLabelsPdf } from "./labels";
import { draftDue } from "./reorder";

// The inventory on real PostgreSQL: receiving against a purchase order (and what it refuses,
// writing nothing), the ledger under truly parallel requests for the last unit, a serial's life
// from the supplier to a customer and back, and the reorder job drafting once per item.

type Caller = Awaited<ReturnType<typeof callerAs>>;
type Company = Awaited<ReturnType<typeof makeCompany>>;

let co: Company;
let other: Company;
let admin: Caller;
let otherAdmin: Caller;
let dispatcher: Caller;
let tech: Caller;
let techId: string;
let billing: Caller;
let supplierId: string;
let ontId: string;
let cableId: string;
let warehouseId: string;
let vanId: string;
let pkgId: string;
const window = { windowStart: "2026-11-25T09:00", windowEnd: "2026-11-25T11:00" };

const snapshot = (companyId: string) =>
  withTenant(companyId, async (tx) => ({
    assets: await tx.asset.count(),
    movements: await tx.stockMovement.count(),
    levels: await tx.stockLevel.findMany({ orderBy: [{ itemId: "asc" }, { locationId: "asc" }] }),
    lines: await tx.purchaseOrderLine.findMany({ orderBy: { id: "asc" } }),
    orders: await tx.purchaseOrder.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true } }),
  }));

const ledgerDrift = (companyId: string) => withTenant(companyId, (tx) => drift({ tx, companyId, actor: systemActor }));

async function pendingSubscription(firstName: string) {
  const customer = await makeCustomer(co.company.id, { firstName, serviceAddress: `${firstName}'s house` });
  const id = newId();
  await withTenant(co.company.id, (tx) =>
    tx.subscription.create({
      data: {
        id,
        companyId: co.company.id,
        customerId: customer.id,
        packageId: pkgId,
        status: "PENDING",
        startDate: new Date("2026-11-20"),
      },
    }),
  );
  return { id, customerId: customer.id };
}

async function jobOnSite(kind: "INSTALLATION" | "REPAIR", subscriptionId: string) {
  const job = await dispatcher.workOrders.create({
    kind,
    subscriptionId,
    technicianId: techId,
    ...window,
    checklist: [],
  });
  await tech.workOrders.advance({ id: job.id, status: "EN_ROUTE" });
  await tech.workOrders.advance({ id: job.id, status: "ON_SITE" });
  return job;
}

beforeAll(async () => {
  co = await makeCompany("stock-isp", "Stock ISP");
  other = await makeCompany("stock-other");
  admin = await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN")).id);
  otherAdmin = await callerAs(other.company, (await makeUser(other.company.id, "NETWORK_ADMIN")).id);
  dispatcher = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  billing = await callerAs(co.company, (await makeUser(co.company.id, "BILLING_ADMIN")).id);
  techId = (await makeUser(co.company.id, "FIELD_TECHNICIAN", { name: "Peter Kamau" })).id;
  tech = await callerAs(co.company, techId);
  await withTenant(co.company.id, (tx) => seedStarterCatalogue({ tx, companyId: co.company.id, actor: systemActor }));
  const ontType = await withTenant(co.company.id, (tx) =>
    tx.deviceType.findFirstOrThrow({ where: { model: "EchoLife HG8245H" } }),
  );
  supplierId = (await admin.inventory.suppliers.create({ name: "Fibre Supplies Ltd", email: "orders@fibre.test" })).id;
  ontId = (
    await admin.inventory.items.create({
      sku: "ONT-HG8245H",
      name: "Huawei HG8245H ONT",
      category: "ONT",
      tracking: "SERIAL",
      deviceTypeId: ontType.id,
      costMinor: 4500_00,
      defaultSupplierId: supplierId,
    })
  ).id;
  cableId = (
    await admin.inventory.items.create({
      sku: "DROP-1F",
      name: "Drop cable, 1 fibre",
      category: "Cable",
      tracking: "BULK",
      unit: "m",
      costMinor: 40_00,
      defaultSupplierId: supplierId,
    })
  ).id;
  warehouseId = (await admin.inventory.locations.create({ name: "Main store", kind: "WAREHOUSE" })).id;
  vanId = (await admin.inventory.locations.create({ name: "Van: Peter", kind: "VAN", technicianId: techId })).id;
  pkgId = newId();
  await withTenant(co.company.id, (tx) =>
    tx.package.create({
      data: {
        id: pkgId,
        companyId: co.company.id,
        name: "Fibre 20",
        code: "F20",
        type: "PPPOE",
        priceMinor: 2000,
        downloadKbps: 20_000,
        uploadKbps: 10_000,
      },
    }),
  );
});

describe("receiving against a purchase order", () => {
  it("refuses more than ordered, a serial twice or already in stock, a negative quantity: with a clear answer and nothing written", async () => {
    const po = await admin.inventory.purchaseOrders.create({
      supplierId,
      lines: [
        { itemId: ontId, quantity: 2 },
        { itemId: cableId, quantity: 500 },
      ],
    });
    const [ontLine, cableLine] = [
      po.lines.find((l) => l.item.id === ontId)!,
      po.lines.find((l) => l.item.id === cableId)!,
    ];
    expect(ontLine.unitCostMinor).toBe(4500_00);
    const before = await snapshot(co.company.id);
    const receive = (lines: { lineId: string; quantity: number; units?: { serial: string }[] }[]) =>
      failure(admin.inventory.purchaseOrders.receive({ purchaseOrderId: po.id, locationId: warehouseId, lines }));

    // The cable arrives fine but the ONT line is over: the whole receipt is refused.
    expect(
      await receive([
        { lineId: cableLine.id, quantity: 500 },
        {
          lineId: ontLine.id,
          quantity: 3,
          units: [{ serial: "HWTC0001" }, { serial: "HWTC0002" }, { serial: "HWTC0003" }],
        },
      ]),
    ).toMatchObject({ code: "UNPROCESSABLE_CONTENT", message: expect.stringMatching(/Only 2 of Huawei HG8245H ONT/) });
    expect(
      await receive([{ lineId: ontLine.id, quantity: 2, units: [{ serial: "HWTC0001" }, { serial: "hwtc0001" }] }]),
    ).toMatchObject({ message: "Serial HWTC0001 is entered twice." });
    expect(await receive([{ lineId: ontLine.id, quantity: 2, units: [{ serial: "HWTC0001" }] }])).toMatchObject({
      message: expect.stringMatching(/serial of each of the 2/),
    });
    expect(await receive([{ lineId: cableLine.id, quantity: -5 }])).toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot(co.company.id)).toEqual(before);

    // Right: two units by serial and part of the cable, then the rest of the cable.
    const part = await admin.inventory.purchaseOrders.receive({
      purchaseOrderId: po.id,
      locationId: warehouseId,
      lines: [
        {
          lineId: ontLine.id,
          quantity: 2,
          units: [{ serial: "hwtc0001", mac: "4C-5E-0C-00-00-01" }, { serial: "HWTC0002" }],
        },
        { lineId: cableLine.id, quantity: 300 },
      ],
    });
    expect(part).toMatchObject({ status: "PARTLY_RECEIVED", unitsReceived: 2 });
    const done = await admin.inventory.purchaseOrders.receive({
      purchaseOrderId: po.id,
      locationId: warehouseId,
      lines: [{ lineId: cableLine.id, quantity: 200 }],
    });
    expect(done.status).toBe("RECEIVED");

    // A serial already in the inventory is refused on the next order.
    const again = await admin.inventory.purchaseOrders.create({ supplierId, lines: [{ itemId: ontId, quantity: 1 }] });
    const dup = await failure(
      admin.inventory.purchaseOrders.receive({
        purchaseOrderId: again.id,
        locationId: warehouseId,
        lines: [{ lineId: again.lines[0]!.id, quantity: 1, units: [{ serial: "HWTC0002" }] }],
      }),
    );
    expect(dup).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/HWTC0002 is already in your inventory/),
    });

    const stock = await admin.inventory.stock({ locationId: warehouseId });
    expect(stock.rows.map((r) => [r.sku, r.quantity, r.units.map((u) => u.serial)])).toEqual([
      ["DROP-1F", 500, []],
      ["ONT-HG8245H", 2, ["HWTC0001", "HWTC0002"]],
    ]);
    const unit = await admin.inventory.assets.lookup({ serial: "hwtc0001" });
    expect(unit).toMatchObject({ status: "IN_STOCK", mac: "4c:5e:0c:00:00:01", costMinor: 4500_00 });
    expect(unit.history.map((h) => h.kind)).toEqual(["RECEIVE"]);
    // A billing administrator reads the value; nobody but managers changes it.
    expect((await billing.inventory.stock({ locationId: warehouseId })).rows[0]!.valueMinor).toBe(500 * 40_00);
    expect(await ledgerDrift(co.company.id)).toEqual([]);
  });
});

describe("the ledger under truly parallel requests", () => {
  it("the last unit moved by several requests at once: exactly one succeeds, and the level never goes negative", async () => {
    const shelf = (await admin.inventory.locations.create({ name: "Race shelf", kind: "WAREHOUSE" })).id;
    await admin.inventory.movements.record({
      kind: "ADJUST",
      itemId: cableId,
      locationId: shelf,
      delta: 1,
      reason: "Count",
    });
    const admins = [admin, await callerAs(co.company, (await makeUser(co.company.id, "NETWORK_ADMIN")).id)];
    for (let i = 0; i < 3; i++)
      admins.push(await callerAs(co.company, (await makeUser(co.company.id, "SUPER_ADMIN")).id));
    const results = await Promise.allSettled(
      admins.map((a) =>
        a.inventory.movements.record({
          kind: "TRANSFER",
          itemId: cableId,
          fromLocationId: shelf,
          toLocationId: warehouseId,
          quantity: 1,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused).toHaveLength(4);
    for (const r of refused)
      expect(r.reason.message).toMatch(/Only 0 m of Drop cable, 1 fibre on hand at Race shelf; 1 m asked/);
    const level = await withTenant(co.company.id, (tx) =>
      tx.stockLevel.findUniqueOrThrow({ where: { itemId_locationId: { itemId: cableId, locationId: shelf } } }),
    );
    expect(level.quantity).toBe(0);
    // Taking more than is there, by any path, is refused; the database itself refuses a negative level.
    expect(
      await failure(
        admin.inventory.movements.record({
          kind: "ADJUST",
          itemId: cableId,
          locationId: shelf,
          delta: -1,
          reason: "x",
        }),
      ),
    ).toMatchObject({ code: "CONFLICT" });
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      await expect(
        owner.query(`UPDATE "StockLevel" SET quantity = -1 WHERE "itemId" = $1 AND "locationId" = $2`, [
          cableId,
          shelf,
        ]),
      ).rejects.toThrow(/StockLevel_not_negative/);
    } finally {
      await owner.end();
    }
    expect(await ledgerDrift(co.company.id)).toEqual([]);
  });
});

describe("a serial's life: purchase order → warehouse → van → customer → back", () => {
  it("follows the unit by serial through the ledger, and refuses what cannot be", async () => {
    // In the warehouse since the receipt above; the store keeper loads it into Peter's van.
    await admin.inventory.movements.record({
      kind: "TRANSFER",
      itemId: ontId,
      fromLocationId: warehouseId,
      toLocationId: vanId,
      serials: ["HWTC0001"],
    });
    // Peter sees his van (no costs), and may not take from the warehouse himself.
    const mine = await tech.inventory.van.mine();
    expect(mine.rows.map((r) => [r.sku, r.quantity, r.valueMinor])).toEqual([["ONT-HG8245H", 1, null]]);
    expect(
      await failure(
        tech.inventory.van.move({
          kind: "TRANSFER",
          itemId: ontId,
          fromLocationId: warehouseId,
          toLocationId: vanId,
          serials: ["HWTC0002"],
        }),
      ),
    ).toMatchObject({ code: "FORBIDDEN", message: "You can move only the stock in your own van." });

    // The installation: Peter records the serial on the job and completes it.
    const sub = await pendingSubscription("Amina");
    const job = await jobOnSite("INSTALLATION", sub.id);
    await tech.workOrders.addEquipment({ workOrderId: job.id, description: "Huawei HG8245H ONT", serial: "hwtc0001" });
    // Peter issues 40 m of drop cable from his van to the job; 40 m he does not have is refused.
    expect(
      await failure(
        tech.inventory.van.move({
          kind: "ISSUE",
          itemId: cableId,
          fromLocationId: vanId,
          workOrderId: job.id,
          quantity: 40,
        }),
      ),
    ).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Only 0 m of Drop cable/) });
    await admin.inventory.movements.record({
      kind: "TRANSFER",
      itemId: cableId,
      fromLocationId: warehouseId,
      toLocationId: vanId,
      quantity: 100,
    });
    await tech.inventory.van.move({
      kind: "ISSUE",
      itemId: cableId,
      fromLocationId: vanId,
      workOrderId: job.id,
      quantity: 40,
    });
    const done = await tech.workOrders.complete({ id: job.id, customerAbsentNote: "Signed on paper." });
    expect(done.deployed).toEqual(["HWTC0001"]);

    const deployed = await admin.inventory.assets.lookup({ serial: "HWTC0001" });
    expect(deployed).toMatchObject({
      status: "DEPLOYED",
      location: { name: "At customers", kind: "CUSTOMER" },
      subscription: { id: sub.id, customer: { id: sub.customerId, name: expect.stringContaining("Amina") } },
      device: { id: done.cpeDevice!.id },
    });
    expect(deployed.history.map((h) => [h.kind, h.from?.name ?? null, h.to?.name ?? null])).toEqual([
      ["DEPLOY", "Van: Peter", "At customers"],
      ["TRANSFER", "Main store", "Van: Peter"],
      ["RECEIVE", null, "Main store"],
    ]);
    expect((await tech.inventory.van.mine()).rows.map((r) => [r.sku, r.quantity])).toEqual([["DROP-1F", 60]]);
    expect((await admin.inventory.assets.forCustomer({ customerId: sub.customerId })).map((a) => a.serial)).toEqual([
      "HWTC0001",
    ]);

    // Deploying the same box to another customer is refused; so is a serial of another company.
    const second = await pendingSubscription("Brian");
    const job2 = await jobOnSite("INSTALLATION", second.id);
    await tech.workOrders.addEquipment({ workOrderId: job2.id, description: "ONT", serial: "HWTC0001" });
    const before = await snapshot(co.company.id);
    expect(await failure(tech.workOrders.complete({ id: job2.id, customerAbsentNote: "Gate locked." }))).toMatchObject({
      code: "CONFLICT",
    });
    expect(await snapshot(co.company.id)).toEqual(before);
    expect(await failure(otherAdmin.inventory.assets.lookup({ serial: "HWTC0001" }))).toMatchObject({
      code: "NOT_FOUND",
      message: "No unit with serial HWTC0001 in your inventory.",
    });

    // The customer leaves: the unit is flagged for collection; the collection job brings it back to the van.
    await dispatcher.subscriptions.terminate({ id: sub.id, reason: "Moved away" });
    const due = await admin.inventory.assets.list({ returnDue: true });
    expect(due.rows.map((a) => a.serial)).toEqual(["HWTC0001"]);
    const collect = await jobOnSite("REPAIR", sub.id);
    await tech.workOrders.addEquipment({
      workOrderId: collect.id,
      action: "REMOVED",
      description: "ONT collected",
      serial: "HWTC0001",
    });
    const collected = await tech.workOrders.complete({
      id: collect.id,
      customerAbsentNote: "Neighbour handed it over.",
    });
    expect(collected.returned).toEqual(["HWTC0001"]);
    const back = await admin.inventory.assets.lookup({ serial: "HWTC0001" });
    expect(back).toMatchObject({
      status: "IN_STOCK",
      location: { id: vanId },
      subscription: null,
      returnDueSince: null,
    });
    expect(back.history[0]).toMatchObject({
      kind: "RETURN",
      from: { name: "At customers" },
      to: { name: "Van: Peter" },
    });
    expect(await ledgerDrift(co.company.id)).toEqual([]);
  });
});

describe("reorder points", () => {
  it("drafts one purchase order per item below its point, however often and concurrently it runs, until it is received", async () => {
    const itemId = (
      await admin.inventory.items.create({
        sku: "SPL-1x8",
        name: "Splitter 1:8",
        category: "Passive",
        tracking: "BULK",
        unit: "piece",
        costMinor: 900_00,
        defaultSupplierId: supplierId,
        reorderPoint: 5,
        reorderQuantity: 20,
      })
    ).id;
    await admin.inventory.movements.record({
      kind: "ADJUST",
      itemId,
      locationId: warehouseId,
      delta: 6,
      reason: "Count",
    });
    await settleInline();
    const autoOrders = () =>
      withTenant(co.company.id, (tx) =>
        tx.purchaseOrder.findMany({
          where: { automatic: true, lines: { some: { itemId } } },
          include: { lines: true },
        }),
      );
    expect(await autoOrders()).toEqual([]);
    // Into a van is still on hand; two broken ones leave 4, below 5. The movement's event drafts at
    // once; the hourly runs and two parallel runs find it done.
    await admin.inventory.movements.record({
      kind: "TRANSFER",
      itemId,
      fromLocationId: warehouseId,
      toLocationId: vanId,
      quantity: 1,
    });
    await settleInline();
    expect(await autoOrders()).toEqual([]);
    await admin.inventory.movements.record({
      kind: "WRITE_OFF",
      itemId,
      fromLocationId: warehouseId,
      quantity: 2,
      reason: "Broken in transit",
    });
    await settleInline();
    await Promise.all([draftDue(co.company.id), draftDue(co.company.id)]);
    await new InngestTestEngine({ function: inventoryReorder }).execute();
    await new InngestTestEngine({ function: inventoryReorder }).execute();
    const orders = await autoOrders();
    expect(orders.map((o) => [o.status, o.lines[0]!.quantity, o.lines[0]!.unitCostMinor])).toEqual([
      ["DRAFT", 20, 900_00],
    ]);
    expect((await admin.inventory.items.list({ belowReorderPoint: true })).rows.map((i) => i.sku)).toContain("SPL-1x8");

    // Received: the next fall below the point drafts a new one.
    await admin.inventory.purchaseOrders.send({ id: orders[0]!.id });
    await admin.inventory.purchaseOrders.receive({
      purchaseOrderId: orders[0]!.id,
      locationId: warehouseId,
      lines: [{ lineId: orders[0]!.lines[0]!.id, quantity: 20 }],
    });
    await admin.inventory.movements.record({
      kind: "WRITE_OFF",
      itemId,
      fromLocationId: warehouseId,
      quantity: 20,
      reason: "Water damage",
    });
    await settleInline();
    expect((await autoOrders()).map((o) => o.status).sort()).toEqual(["DRAFT", "RECEIVED"]);
  });
});

describe("the technician's phone view: deploying from the van and issuing materials to a job", () => {
  it("moves a unit from the van to the customer's subscription in one go, and refuses what is not theirs", async () => {
    const po = await admin.inventory.purchaseOrders.create({ supplierId, lines: [{ itemId: ontId, quantity: 3 }] });
    await admin.inventory.purchaseOrders.receive({
      purchaseOrderId: po.id,
      locationId: warehouseId,
      lines: [
        { lineId: po.lines[0].id, quantity: 3, units: ["VAN0001", "VAN0002", "VAN0003"].map((serial) => ({ serial })) },
      ],
    });
    await admin.inventory.movements.record({
      kind: "TRANSFER",
      itemId: ontId,
      fromLocationId: warehouseId,
      toLocationId: vanId,
      serials: ["VAN0001", "VAN0002"],
    });
    const sub = await pendingSubscription("Zawadi");
    const job = await jobOnSite("INSTALLATION", sub.id);
    const otherTech = await callerAs(co.company, (await makeUser(co.company.id, "FIELD_TECHNICIAN")).id);
    // Another company's box, for the misread label.
    await withTenant(other.company.id, async (tx) => {
      const item = await tx.inventoryItem.create({
        data: {
          id: newId(),
          companyId: other.company.id,
          sku: "X",
          name: "X ONT",
          category: "ONT",
          tracking: "SERIAL",
        },
      });
      const loc = await tx.stockLocation.create({
        data: { id: newId(), companyId: other.company.id, name: "Their store", kind: "WAREHOUSE" },
      });
      await tx.asset.create({
        data: { id: newId(), companyId: other.company.id, itemId: item.id, serial: "BRAVO0001", locationId: loc.id },
      });
    });

    const before = await snapshot(co.company.id);
    const refused = async (call: Promise<unknown>, expected: object) => {
      expect(await failure(call)).toMatchObject(expected);
      expect(await snapshot(co.company.id)).toEqual(before);
    };
    // Still in the warehouse, not in Peter's van.
    await refused(tech.workOrders.deployUnit({ workOrderId: job.id, serial: "VAN0003" }), {
      code: "FORBIDDEN",
      message: "Unit VAN0003 is not in your van; only the units loaded in your van can be deployed.",
    });
    // Another company's serial is unknown here.
    await refused(tech.workOrders.deployUnit({ workOrderId: job.id, serial: "BRAVO0001" }), {
      code: "NOT_FOUND",
      message: "No unit with serial BRAVO0001 in your inventory.",
    });
    // Someone else's job is not found; a billing administrator does not do field work.
    await refused(otherTech.workOrders.deployUnit({ workOrderId: job.id, serial: "VAN0001" }), { code: "NOT_FOUND" });
    await refused(billing.workOrders.deployUnit({ workOrderId: job.id, serial: "VAN0001" }), { code: "FORBIDDEN" });
    await refused(otherAdmin.workOrders.deployUnit({ workOrderId: job.id, serial: "VAN0001" }), { code: "NOT_FOUND" });
    await refused(tech.workOrders.deployUnit({ workOrderId: job.id, serial: "" }), { code: "BAD_REQUEST" });

    // Typed in lower case, the unit leaves the van for the customer's at once and is on the job.
    const done = await tech.workOrders.deployUnit({ workOrderId: job.id, serial: "van0001" });
    expect(done).toEqual({ serial: "VAN0001", itemName: "Huawei HG8245H ONT", moved: true });
    const unit = await admin.inventory.assets.lookup({ serial: "VAN0001" });
    expect(unit).toMatchObject({ status: "DEPLOYED", location: { kind: "CUSTOMER" }, subscription: { id: sub.id } });
    expect(unit.history[0]).toMatchObject({ kind: "DEPLOY", from: { name: "Van: Peter" } });
    expect((await admin.inventory.assets.forCustomer({ customerId: sub.customerId })).map((a) => a.serial)).toEqual([
      "VAN0001",
    ]);
    const onJob = await tech.workOrders.get({ id: job.id });
    expect(onJob.equipment.map((e) => [e.action, e.serial, e.description])).toEqual([
      ["INSTALLED", "VAN0001", "Huawei HG8245H ONT"],
    ]);
    // Scanned twice: nothing more happens. On another customer's job it is refused: already deployed.
    expect(await tech.workOrders.deployUnit({ workOrderId: job.id, serial: "VAN0001" })).toMatchObject({
      moved: false,
    });
    const second = await jobOnSite("INSTALLATION", (await pendingSubscription("Baraka")).id);
    const mid = await snapshot(co.company.id);
    expect(await failure(tech.workOrders.deployUnit({ workOrderId: second.id, serial: "VAN0001" }))).toMatchObject({
      code: "CONFLICT",
      message: "Unit VAN0001 is already deployed at another subscription; take it back first.",
    });
    expect(await snapshot(co.company.id)).toEqual(mid);

    // Materials: more than the van holds is refused; the rest is issued and listed on the job.
    const cableInVan = (await tech.inventory.van.mine()).rows.find((r) => r.itemId === cableId)!.quantity;
    const issue = (quantity: number) =>
      tech.inventory.van.move({ kind: "ISSUE", itemId: cableId, fromLocationId: vanId, workOrderId: job.id, quantity });
    expect(await failure(issue(cableInVan + 1))).toMatchObject({
      code: "CONFLICT",
      message: `Only ${cableInVan} m of Drop cable, 1 fibre on hand at Van: Peter; ${cableInVan + 1} m asked.`,
    });
    await issue(15);
    expect(await tech.inventory.van.issued({ workOrderId: job.id })).toMatchObject([
      { item: "Drop cable, 1 fibre", unit: "m", quantity: 15, from: "Van: Peter" },
    ]);
    expect(await failure(otherTech.inventory.van.issued({ workOrderId: job.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await failure(otherAdmin.inventory.van.issued({ workOrderId: job.id }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await failure(billing.inventory.van.issued({ workOrderId: job.id }))).toMatchObject({ code: "FORBIDDEN" });

    // Completing the job applies the same rule to the recorded serial: already deployed, no second move.
    const completed = await tech.workOrders.complete({ id: job.id, customerAbsentNote: "Signed on paper." });
    expect(completed.deployed).toEqual([]);
    const moves = await withTenant(co.company.id, (tx) =>
      tx.stockMovement.count({ where: { kind: "DEPLOY", asset: { serial: "VAN0001" } } }),
    );
    expect(moves).toBe(1);
    expect(await ledgerDrift(co.company.id)).toEqual([]);
  });
});

describe("labels", () => {
  it("prints a label per unit of a purchase order and per bin, and knows no other company's serial", async () => {
    const asOf = (companyId: string) => (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => ({
      tx,
      companyId,
      actor: systemActor,
    });
    const unit = await admin.inventory.assets.lookup({ serial: "VAN0002" });
    const labels = await withTenant(co.company.id, (tx) =>
      labelsFor(asOf(co.company.id)(tx), { purchaseOrderId: unit.purchaseOrder!.id, locationIds: [warehouseId] }),
    );
    expect(labels.map((l) => l.code)).toEqual(["VAN0001", "VAN0002", "VAN0003", "Main store"]);
    const pdf = await renderLabelsPdf(labels, "Stock ISP");
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const single = await renderLabelsPdf(labels.slice(0, 1), "Stock ISP");
    expect(Buffer.from(single).toString("latin1")).toMatch(/MediaBox \[0 0 198\.4\d* 104\.8\d*\]/);

    await expect(
      withTenant(other.company.id, (tx) => labelsFor(asOf(other.company.id)(tx), { serials: ["VAN0001"] })),
    ).rejects.toThrow("No unit with serial VAN0001 in your inventory.");
    await expect(
      withTenant(other.company.id, (tx) => labelsFor(asOf(other.company.id)(tx), { locationIds: [warehouseId] })),
    ).rejects.toThrow("A location to label is not in your inventory.");
    await expect(withTenant(co.company.id, (tx) => labelsFor(asOf(co.company.id)(tx), {}))).rejects.toThrow(
      "Choose the units or places to label.",
    );

    // The console's download: staff with inventory:read of this company only.
    const viewerOf = (companyId: string, role: Role) => ({
      userId: "u",
      companyId,
      email: "x@stock.test",
      permissions: permissionsOf(role),
      mustEnrolTwoFactor: false,
    });
    const q = new URLSearchParams([["serial", "VAN0001"]]);
    const ok = await labelsResponse(co.company, viewerOf(co.company.id, "BILLING_ADMIN"), q);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect((await labelsResponse(co.company, viewerOf(co.company.id, "FIELD_TECHNICIAN"), q)).status).toBe(403);
    expect((await labelsResponse(co.company, null, q)).status).toBe(401);
    expect((await labelsResponse(co.company, viewerOf(other.company.id, "NETWORK_ADMIN"), q)).status).toBe(401);
    const theirs = await labelsResponse(other.company, viewerOf(other.company.id, "NETWORK_ADMIN"), q);
    expect(theirs.status).toBe(422);
    expect(await theirs.json()).toMatchObject({ error: { message: "No unit with serial VAN0001 in your inventory." } });
  });
});

describe("cycle counts", () => {
  it("snapshots a place, shows the variance, posts it through the ledger once, and refuses bad counts", async () => {
    const shelf = (await admin.inventory.locations.create({ name: "Count shelf", kind: "WAREHOUSE" })).id;
    const po = await admin.inventory.purchaseOrders.create({
      supplierId,
      lines: [
        { itemId: ontId, quantity: 2 },
        { itemId: cableId, quantity: 100 },
      ],
    });
    const line = (itemId: string) => po.lines.find((l) => l.item.id === itemId)!.id;
    await admin.inventory.purchaseOrders.receive({
      purchaseOrderId: po.id,
      locationId: shelf,
      lines: [
        { lineId: line(ontId), quantity: 2, units: [{ serial: "CNT0001" }, { serial: "CNT0002" }] },
        { lineId: line(cableId), quantity: 100 },
      ],
    });
    const count = await admin.inventory.counts.start({ locationId: shelf });
    expect(count.lines.map((l) => [l.item.name, l.expectedQuantity, l.expectedSerials])).toEqual([
      ["Drop cable, 1 fibre", 100, []],
      ["Huawei HG8245H ONT", 2, ["CNT0001", "CNT0002"]],
    ]);
    expect(await failure(admin.inventory.counts.start({ locationId: shelf }))).toMatchObject({ code: "CONFLICT" });
    expect(await failure(tech.inventory.counts.start({ locationId: vanId }))).toMatchObject({ code: "FORBIDDEN" });

    // Bad counts: a negative quantity, another company's serial, a deployed unit's serial.
    const before = await snapshot(co.company.id);
    expect(
      await failure(
        admin.inventory.counts.enter({ countId: count.id, lines: [{ itemId: cableId, countedQuantity: -1 }] }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
    expect(
      await failure(
        admin.inventory.counts.enter({ countId: count.id, lines: [{ itemId: ontId, countedSerials: ["BRAVO0001"] }] }),
      ),
    ).toMatchObject({ code: "NOT_FOUND", message: "No unit with serial BRAVO0001 in your inventory." });
    expect(
      await failure(
        admin.inventory.counts.enter({ countId: count.id, lines: [{ itemId: ontId, countedSerials: ["VAN0001"] }] }),
      ),
    ).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Unit VAN0001 is deployed") });
    expect(await snapshot(co.company.id)).toEqual(before);
    expect(await failure(admin.inventory.counts.post({ countId: count.id, reason: "Quarterly count" }))).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringContaining("not counted yet"),
    });

    // Found: 92 m of cable, CNT0001 (not CNT0002), and VAN0002, booked in Peter's van.
    const entered = await admin.inventory.counts.enter({
      countId: count.id,
      lines: [
        { itemId: cableId, countedQuantity: 92 },
        { itemId: ontId, countedSerials: ["cnt0001", "VAN0002"] },
      ],
    });
    expect(entered.lines.map((l) => [l.item.name, l.variance, l.missingSerials, l.extraSerials])).toEqual([
      ["Drop cable, 1 fibre", -8, [], []],
      ["Huawei HG8245H ONT", 0, ["CNT0002"], ["VAN0002"]],
    ]);
    const posted = await admin.inventory.counts.post({ countId: count.id, reason: "Quarterly count" });
    expect(posted).toMatchObject({ status: "POSTED", reason: "Quarterly count" });
    const levels = await admin.inventory.stock({ locationId: shelf });
    expect(levels.rows.map((r) => [r.name, r.quantity, r.units.map((u) => u.serial)])).toEqual([
      ["Drop cable, 1 fibre", 92, []],
      ["Huawei HG8245H ONT", 2, ["CNT0001", "VAN0002"]],
    ]);
    expect(await admin.inventory.assets.lookup({ serial: "CNT0002" })).toMatchObject({ status: "RETIRED" });
    const moved = await admin.inventory.assets.lookup({ serial: "VAN0002" });
    expect(moved.history[0]).toMatchObject({
      kind: "TRANSFER",
      from: { name: "Van: Peter" },
      reason: expect.stringMatching(/Quarterly count \(found here\)/),
    });
    // Posting twice (or at once from two screens) posts once.
    const after = await snapshot(co.company.id);
    expect(await failure(admin.inventory.counts.post({ countId: count.id, reason: "Again" }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("was already posted"),
    });
    expect(await snapshot(co.company.id)).toEqual(after);
    const audits = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.count({ where: { action: "inventory.count_post", entityId: count.id } }),
    );
    expect(audits).toBe(1);
    expect(await ledgerDrift(co.company.id)).toEqual([]);
  });
});

describe("RMA", () => {
  it("sends a faulty unit to the supplier and brings it back repaired, replaced or refused, in its history", async () => {
    const shelf = (await admin.inventory.locations.create({ name: "RMA shelf", kind: "WAREHOUSE" })).id;
    const po = await admin.inventory.purchaseOrders.create({ supplierId, lines: [{ itemId: ontId, quantity: 3 }] });
    await admin.inventory.purchaseOrders.receive({
      purchaseOrderId: po.id,
      locationId: shelf,
      lines: [
        { lineId: po.lines[0].id, quantity: 3, units: ["RMA0001", "RMA0002", "RMA0003"].map((serial) => ({ serial })) },
      ],
    });
    const sent = await admin.inventory.rmas.send({
      serial: "RMA0001",
      rmaNumber: "SV-9001",
      fault: "No optical power",
    });
    expect(sent).toMatchObject({ status: "SENT", supplier: { id: supplierId } });
    expect(await admin.inventory.assets.lookup({ serial: "RMA0001" })).toMatchObject({
      status: "IN_REPAIR",
      location: { kind: "SUPPLIER_REPAIR" },
    });
    // Bad input: the same RMA number, a unit already away, a deployed unit, a technician.
    const before = await snapshot(co.company.id);
    expect(
      await failure(admin.inventory.rmas.send({ serial: "RMA0002", rmaNumber: "SV-9001", fault: "x" })),
    ).toMatchObject({ code: "CONFLICT", message: "RMA SV-9001 is already recorded." });
    expect(
      await failure(admin.inventory.rmas.send({ serial: "RMA0001", rmaNumber: "SV-9002", fault: "x" })),
    ).toMatchObject({ code: "CONFLICT" });
    expect(
      await failure(admin.inventory.rmas.send({ serial: "VAN0001", rmaNumber: "SV-9003", fault: "x" })),
    ).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("deployed") });
    expect(
      await failure(tech.inventory.rmas.send({ serial: "RMA0002", rmaNumber: "SV-9004", fault: "x" })),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(co.company.id)).toEqual(before);

    // Repaired: back on the shelf, in stock.
    await admin.inventory.rmas.close({ rmaId: sent.id, outcome: "REPAIRED_RETURNED", toLocationId: shelf });
    expect(await admin.inventory.assets.lookup({ serial: "RMA0001" })).toMatchObject({
      status: "IN_STOCK",
      location: { id: shelf },
    });
    expect(await failure(admin.inventory.rmas.close({ rmaId: sent.id, outcome: "REFUSED" }))).toMatchObject({
      code: "CONFLICT",
    });

    // Replaced: the old serial retired, the new one in stock with the old one's cost.
    const two = await admin.inventory.rmas.send({ serial: "RMA0002", rmaNumber: "SV-9010", fault: "Reboots" });
    expect(
      await failure(
        admin.inventory.rmas.close({
          rmaId: two.id,
          outcome: "REPLACED",
          toLocationId: shelf,
          replacementSerial: "RMA0003",
        }),
      ),
    ).toMatchObject({ code: "CONFLICT", message: "Serial RMA0003 is already in your inventory." });
    const replaced = await admin.inventory.rmas.close({
      rmaId: two.id,
      outcome: "REPLACED",
      toLocationId: shelf,
      replacementSerial: "RMA0002N",
    });
    expect(replaced).toMatchObject({ status: "REPLACED", replacement: { serial: "RMA0002N" } });
    expect(await admin.inventory.assets.lookup({ serial: "RMA0002" })).toMatchObject({ status: "RETIRED" });
    expect(await admin.inventory.assets.lookup({ serial: "RMA0002N" })).toMatchObject({
      status: "IN_STOCK",
      location: { id: shelf },
      costMinor: 4500_00,
    });

    // Refused: retired at the supplier's.
    const three = await admin.inventory.rmas.send({ serial: "RMA0003", rmaNumber: "SV-9020", fault: "Water damage" });
    await admin.inventory.rmas.close({ rmaId: three.id, outcome: "REFUSED", note: "Not covered" });
    const refused = await admin.inventory.assets.lookup({ serial: "RMA0003" });
    expect(refused.status).toBe("RETIRED");
    expect(refused.history.map((h) => h.kind)).toEqual(["WRITE_OFF", "TRANSFER", "RECEIVE"]);
    expect((await admin.inventory.rmas.list({})).rows.map((r) => [r.rmaNumber, r.status])).toEqual(
      expect.arrayContaining([
        ["SV-9001", "REPAIRED_RETURNED"],
        ["SV-9010", "REPLACED"],
        ["SV-9020", "REFUSED"],
      ]),
    );
    expect(await failure(otherAdmin.inventory.rmas.close({ rmaId: three.id, outcome: "REFUSED" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await ledgerDrift(co.company.id)).toEqual([]);
  });
});

describe("cycle counts: what the sheet did not list", () => {
  it("adds a unit found by serial and a consumable, posts them onto the place's books, and refuses what cannot be there", async () => {
    const shelf = (await admin.inventory.locations.create({ name: "Found shelf", kind: "WAREHOUSE" })).id;
    const cage = (await admin.inventory.locations.create({ name: "Found cage", kind: "WAREHOUSE" })).id;
    const po = await admin.inventory.purchaseOrders.create({ supplierId, lines: [{ itemId: ontId, quantity: 3 }] });
    await admin.inventory.purchaseOrders.receive({
      purchaseOrderId: po.id,
      locationId: cage,
      lines: [
        {
          lineId: po.lines[0]!.id,
          quantity: 3,
          units: ["FND0001", "FND0002", "FND0003"].map((serial) => ({ serial })),
        },
      ],
    });
    await admin.inventory.rmas.send({ serial: "FND0003", rmaNumber: "FND-RMA", fault: "Dead on arrival" });
    // The shelf's books hold nothing: the sheet is empty.
    const count = await admin.inventory.counts.start({ locationId: shelf });
    expect(count.lines).toEqual([]);

    const withUnit = await admin.inventory.counts.addFound({ countId: count.id, serial: "fnd0001" });
    expect(withUnit.lines.map((l) => [l.item.id, l.expectedQuantity, l.countedQuantity, l.extraSerials])).toEqual([
      [ontId, 0, 1, ["FND0001"]],
    ]);
    const withCable = await admin.inventory.counts.addFound({ countId: count.id, itemId: cableId, quantity: 25 });
    expect(withCable.lines.map((l) => [l.item.name, l.variance])).toEqual([
      ["Drop cable, 1 fibre", 25],
      ["Huawei HG8245H ONT", 1],
    ]);

    // Refused, writing nothing: a serial never received, the same unit twice, a unit away for repair,
    // a consumable already on the sheet, equipment without its serial, and a technician.
    const before = await snapshot(co.company.id);
    const lines = () => admin.inventory.counts.get({ id: count.id }).then((c) => c.lines);
    const sheet = await lines();
    expect(await failure(admin.inventory.counts.addFound({ countId: count.id, serial: "NEVER0001" }))).toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("received against its purchase order first"),
    });
    expect(await failure(admin.inventory.counts.addFound({ countId: count.id, serial: "FND0001" }))).toMatchObject({
      code: "CONFLICT",
      message: "FND0001 is already counted on this sheet.",
    });
    expect(await failure(admin.inventory.counts.addFound({ countId: count.id, serial: "FND0003" }))).toMatchObject({
      code: "CONFLICT",
      message: "Unit FND0003 is in repair; it cannot be on this shelf. Check the label.",
    });
    expect(
      await failure(admin.inventory.counts.addFound({ countId: count.id, itemId: cableId, quantity: 5 })),
    ).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("already on the count sheet") });
    expect(
      await failure(admin.inventory.counts.addFound({ countId: count.id, itemId: ontId, quantity: 1 })),
    ).toMatchObject({ code: "UNPROCESSABLE_CONTENT", message: expect.stringContaining("scan or type the serial") });
    expect(
      await failure(admin.inventory.counts.addFound({ countId: count.id, serial: "FND0002", quantity: 1 })),
    ).toMatchObject({ code: "BAD_REQUEST" });
    expect(await failure(tech.inventory.counts.addFound({ countId: count.id, serial: "FND0002" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await lines()).toEqual(sheet);
    expect(await snapshot(co.company.id)).toEqual(before);

    const posted = await admin.inventory.counts.post({ countId: count.id, reason: "Shelf check" });
    expect(posted.status).toBe("POSTED");
    const levels = await admin.inventory.stock({ locationId: shelf });
    expect(levels.rows.map((r) => [r.name, r.quantity, r.units.map((u) => u.serial)])).toEqual([
      ["Drop cable, 1 fibre", 25, []],
      ["Huawei HG8245H ONT", 1, ["FND0001"]],
    ]);
    expect((await admin.inventory.assets.lookup({ serial: "FND0001" })).history[0]).toMatchObject({
      kind: "TRANSFER",
      from: { name: "Found cage" },
      to: { name: "Found shelf" },
      reason: expect.stringMatching(/^CNT-\d+: Shelf check \(found here\)$/),
    });
    expect(await admin.inventory.counts.addFound({ countId: count.id, serial: "FND0002" }).catch(String)).toMatch(
      /already posted/,
    );

    // Found in a row not counted yet: the row stays to be counted, the unit waits in it.
    const cageCount = await admin.inventory.counts.start({ locationId: cage });
    const stray = await admin.inventory.counts.addFound({ countId: cageCount.id, serial: "FND0001" });
    expect(stray.lines.find((l) => l.item.id === ontId)).toMatchObject({
      expectedSerials: ["FND0002"],
      countedSerials: ["FND0001"],
      countedQuantity: null,
      extraSerials: ["FND0001"],
    });
    expect(await ledgerDrift(co.company.id)).toEqual([]);
  });
});
