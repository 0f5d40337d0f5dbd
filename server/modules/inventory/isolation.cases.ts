import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure, failure } from "../../test/trpc";
import { workOrdersFixture } from "../work-orders/isolation.cases";
import { addFound, enterCount, getCount, listCounts, postCount, startCount } from "./counts-rest";
import { assetBySerial, createMovement, items, locationStock } from "./rest";
import { closeRma, listRmas, openRma } from "./rma-rest";

// Tenant isolation of the inventory.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** B's supplier, catalogue, warehouse and a received unit; A's own supplier, item and warehouse with stock. */
export const inventoryFixture = fixture(async (w) => {
  // B's job (work orders' fixture) is the one inventory.van.issued must not show to A.
  const { sb, wob } = await workOrdersFixture(w);
  const b = w.bAdmin.inventory;
  const supplierId = (await b.suppliers.create({ name: "Bravo kumquat supplies", email: "kumquat@bravo.test" })).id;
  const itemId = (
    await b.items.create({ sku: "BRAVO-ONT", name: "Bravo kumquat ONT", category: "ONT", tracking: "SERIAL" })
  ).id;
  const bulkId = (
    await b.items.create({ sku: "BRAVO-CABLE", name: "Bravo cable", category: "Cable", tracking: "BULK", unit: "m" })
  ).id;
  const warehouseId = (await b.locations.create({ name: "Bravo kumquat store", kind: "WAREHOUSE" })).id;
  const po = await b.purchaseOrders.create({
    supplierId,
    lines: [
      { itemId, quantity: 2 },
      { itemId: bulkId, quantity: 100 },
    ],
  });
  await b.purchaseOrders.receive({
    purchaseOrderId: po.id,
    locationId: warehouseId,
    lines: [
      { lineId: po.lines.find((l) => l.item.id === itemId)!.id, quantity: 1, units: [{ serial: "BRAVO-UNIT-77" }] },
      { lineId: po.lines.find((l) => l.item.id === bulkId)!.id, quantity: 100 },
    ],
  });
  const lineId = po.lines.find((l) => l.item.id === itemId)!.id;
  // B counts its warehouse and sends its unit back to the supplier.
  const countId = (await b.counts.start({ locationId: warehouseId })).id;
  const rmaId = (await b.rmas.send({ serial: "BRAVO-UNIT-77", rmaNumber: "BRAVO-RMA-1", fault: "Kumquat fault" })).id;

  const a = w.aAdmin.inventory;
  const aSupplierId = (await a.suppliers.create({ name: "Alpha supplies", email: "orders@alpha.test" })).id;
  const aItemId = (
    await a.items.create({ sku: "ALPHA-CABLE", name: "Alpha cable", category: "Cable", tracking: "BULK", unit: "m" })
  ).id;
  const aWarehouseId = (await a.locations.create({ name: "Alpha store", kind: "WAREHOUSE" })).id;
  await a.movements.record({ kind: "ADJUST", itemId: aItemId, locationId: aWarehouseId, delta: 50, reason: "Count" });
  return {
    wob,
    inv: {
      supplierId,
      itemId,
      bulkId,
      warehouseId,
      poId: po.id,
      lineId,
      aSupplierId,
      aItemId,
      aWarehouseId,
      countId,
      rmaId,
    },
    sb,
  };
});

export default isolationCases({
  setup: inventoryFixture,
  snapshotB: async (tx) => ({
    suppliers: await tx.supplier.findMany({ orderBy: { id: "asc" } }),
    items: await tx.inventoryItem.findMany({ orderBy: { id: "asc" } }),
    locations: await tx.stockLocation.findMany({ orderBy: { id: "asc" } }),
    levels: await tx.stockLevel.findMany({ orderBy: [{ itemId: "asc" }, { locationId: "asc" }] }),
    movements: await tx.stockMovement.findMany({ orderBy: { id: "asc" } }),
    assets: await tx.asset.findMany({ orderBy: { id: "asc" } }),
    orders: await tx.purchaseOrder.findMany({ orderBy: { id: "asc" } }),
    lines: await tx.purchaseOrderLine.findMany({ orderBy: { id: "asc" } }),
    counts: await tx.stockCount.findMany({ orderBy: { id: "asc" } }),
    countLines: await tx.stockCountLine.findMany({ orderBy: { id: "asc" } }),
    rmas: await tx.rma.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.supplier.findMany()).flatMap((s) => [s.id, s.name]),
    ...(await tx.inventoryItem.findMany()).flatMap((i) => [i.id, i.name]),
    ...(await tx.stockLocation.findMany()).flatMap((l) => [l.id, l.name]),
    ...(await tx.asset.findMany()).flatMap((a) => [a.id, a.serial]),
    ...(await tx.purchaseOrder.findMany()).map((p) => p.id),
    ...(await tx.stockMovement.findMany()).map((m) => m.id),
    ...(await tx.stockCount.findMany()).map((c) => c.id),
    ...(await tx.rma.findMany()).flatMap((r) => [r.id, r.rmaNumber]),
  ],
  procedures: {
    "inventory.items.list": async (w, f) => {
      const page = await w.aAdmin.inventory.items.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toEqual([f.inv.aItemId]);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.inventory.items.list({ search: "kumquat" })).toMatchObject({ total: 0 });
    },
    "inventory.items.create": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.items.create({
          sku: "A-ONT",
          name: "Alpha ONT",
          category: "ONT",
          tracking: "SERIAL",
          defaultSupplierId: f.inv.supplierId,
        }),
        "NOT_FOUND",
      );
      // B's SKU is not A's: the same SKU is free at A.
      const own = await w.aAdmin.inventory.items.create({
        sku: "BRAVO-ONT",
        name: "Alpha ONT",
        category: "ONT",
        tracking: "SERIAL",
      });
      expect(own.sku).toBe("BRAVO-ONT");
    },
    "inventory.items.update": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.items.update({
          id: f.inv.itemId,
          data: { sku: "HIJACK", name: "Hijacked", category: "ONT", tracking: "SERIAL" },
        }),
        "NOT_FOUND",
      );
    },
    "inventory.locations.list": async (w, f) => {
      const list = await w.aAdmin.inventory.locations.list({});
      expect(list.map((l) => l.id)).toContain(f.inv.aWarehouseId);
      await w.expectNoneOfB(list);
    },
    "inventory.locations.create": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.locations.create({ name: "Alpha bin", kind: "BIN", parentId: f.inv.warehouseId }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.inventory.locations.create({ name: "Alpha van", kind: "VAN", technicianId: w.bTech.id }),
        "NOT_FOUND",
      );
    },
    "inventory.stock": async (w, f) => {
      await expectFailure(w.aAdmin.inventory.stock({ locationId: f.inv.warehouseId }), "NOT_FOUND");
      const own = await w.aAdmin.inventory.stock({ locationId: f.inv.aWarehouseId });
      expect(own.rows.map((r) => r.quantity)).toEqual([50]);
      await w.expectNoneOfB(own);
    },
    "inventory.movements.list": async (w, f) => {
      const page = await w.aAdmin.inventory.movements.list({ pageSize: 100 });
      expect(page.total).toBeGreaterThan(0);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.inventory.movements.list({ itemId: f.inv.itemId })).toMatchObject({ total: 0 });
    },
    "inventory.movements.record": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.movements.record({
          kind: "TRANSFER",
          itemId: f.inv.itemId,
          fromLocationId: f.inv.warehouseId,
          toLocationId: f.inv.aWarehouseId,
          serials: ["BRAVO-UNIT-77"],
        }),
        "NOT_FOUND",
      );
      // A's own item out of B's warehouse, and B's unit by serial through A's own item: not found.
      await expectFailure(
        w.aAdmin.inventory.movements.record({
          kind: "ADJUST",
          itemId: f.inv.aItemId,
          locationId: f.inv.warehouseId,
          delta: -1,
          reason: "Cross-tenant",
        }),
        "NOT_FOUND",
      );
    },
    "inventory.assets.lookup": async (w) => {
      expect(await failure(w.aAdmin.inventory.assets.lookup({ serial: "BRAVO-UNIT-77" }))).toMatchObject({
        code: "NOT_FOUND",
      });
    },
    "inventory.assets.list": async (w) => {
      const page = await w.aAdmin.inventory.assets.list({ search: "BRAVO" });
      expect(page.total).toBe(0);
      await w.expectNoneOfB(await w.aAdmin.inventory.assets.list({}));
    },
    "inventory.assets.forCustomer": async (w, f) => {
      expect(await w.aAdmin.inventory.assets.forCustomer({ customerId: f.sb.customerId })).toEqual([]);
    },
    "inventory.suppliers.list": async (w, f) => {
      const page = await w.aAdmin.inventory.suppliers.list({});
      expect(page.rows.map((s) => s.id)).toEqual([f.inv.aSupplierId]);
      await w.expectNoneOfB(page);
    },
    "inventory.suppliers.create": async (w) => {
      const own = await w.aAdmin.inventory.suppliers.create({ name: "Alpha second supplies" });
      await w.expectNoneOfB(own);
    },
    "inventory.suppliers.update": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.suppliers.update({ id: f.inv.supplierId, data: { name: "Hijacked" } }),
        "NOT_FOUND",
      );
    },
    "inventory.purchaseOrders.list": async (w) => {
      const page = await w.aAdmin.inventory.purchaseOrders.list({});
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.inventory.purchaseOrders.list({ search: "kumquat" })).toMatchObject({ total: 0 });
    },
    "inventory.purchaseOrders.get": async (w, f) => {
      await expectFailure(w.aAdmin.inventory.purchaseOrders.get({ id: f.inv.poId }), "NOT_FOUND");
    },
    "inventory.purchaseOrders.create": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.purchaseOrders.create({
          supplierId: f.inv.supplierId,
          lines: [{ itemId: f.inv.aItemId, quantity: 1 }],
        }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.inventory.purchaseOrders.create({
          supplierId: f.inv.aSupplierId,
          lines: [{ itemId: f.inv.itemId, quantity: 1 }],
        }),
        "NOT_FOUND",
      );
      // A's numbers are its own: B's order does not advance them.
      const own = await w.aAdmin.inventory.purchaseOrders.create({
        supplierId: f.inv.aSupplierId,
        lines: [{ itemId: f.inv.aItemId, quantity: 1 }],
      });
      expect(own.numberLabel).toBe("PO-000001");
    },
    "inventory.purchaseOrders.send": async (w, f) => {
      await expectFailure(w.aAdmin.inventory.purchaseOrders.send({ id: f.inv.poId }), "NOT_FOUND");
    },
    "inventory.purchaseOrders.receive": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.purchaseOrders.receive({
          purchaseOrderId: f.inv.poId,
          locationId: f.inv.aWarehouseId,
          lines: [{ lineId: f.inv.lineId, quantity: 1, units: [{ serial: "ALPHA-UNIT-1" }] }],
        }),
        "NOT_FOUND",
      );
    },
    "inventory.purchaseOrders.cancel": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.purchaseOrders.cancel({ id: f.inv.poId, reason: "Cross-tenant" }),
        "NOT_FOUND",
      );
    },
    "inventory.purchaseOrders.draftReorders": async (w) => {
      expect(await w.aAdmin.inventory.purchaseOrders.draftReorders()).toEqual({ drafted: 0, noSupplier: 0 });
    },
    "inventory.van.mine": async (w) => {
      const mine = await w.aAdmin.inventory.van.mine();
      expect(mine).toEqual({ van: null, rows: [] });
    },
    "inventory.counts.list": async (w) => {
      await w.expectNoneOfB(await w.aAdmin.inventory.counts.list({ pageSize: 100 }));
    },
    "inventory.counts.get": async (w, f) => {
      await expectFailure(w.aAdmin.inventory.counts.get({ id: f.inv.countId }), "NOT_FOUND");
    },
    "inventory.counts.start": async (w, f) => {
      await expectFailure(w.aAdmin.inventory.counts.start({ locationId: f.inv.warehouseId }), "NOT_FOUND");
    },
    "inventory.counts.enter": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.counts.enter({
          countId: f.inv.countId,
          lines: [{ itemId: f.inv.bulkId, countedQuantity: 1 }],
        }),
        "NOT_FOUND",
      );
      // On A's own count, B's item and B's unit are unknown.
      const own = await w.aAdmin.inventory.counts.start({ locationId: f.inv.aWarehouseId });
      await expectFailure(
        w.aAdmin.inventory.counts.enter({
          countId: own.id,
          lines: [{ itemId: f.inv.itemId, countedSerials: ["BRAVO-UNIT-77"] }],
        }),
        "NOT_FOUND",
      );
    },
    "inventory.counts.addFound": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.counts.addFound({ countId: f.inv.countId, itemId: f.inv.bulkId, quantity: 1 }),
        "NOT_FOUND",
      );
      // On A's own count, B's unit and B's consumable are unknown.
      const own =
        (await w.aAdmin.inventory.counts.list({ locationId: f.inv.aWarehouseId, status: "OPEN" })).rows[0] ??
        (await w.aAdmin.inventory.counts.start({ locationId: f.inv.aWarehouseId }));
      await expectFailure(
        w.aAdmin.inventory.counts.addFound({ countId: own.id, serial: "BRAVO-UNIT-77" }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.inventory.counts.addFound({ countId: own.id, itemId: f.inv.bulkId, quantity: 1 }),
        "NOT_FOUND",
      );
    },
    "inventory.counts.post": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.counts.post({ countId: f.inv.countId, reason: "Cross-tenant" }),
        "NOT_FOUND",
      );
    },
    "inventory.rmas.list": async (w) => {
      await w.expectNoneOfB(await w.aAdmin.inventory.rmas.list({ pageSize: 100 }));
    },
    "inventory.rmas.send": async (w) => {
      await expectFailure(
        w.aAdmin.inventory.rmas.send({ serial: "BRAVO-UNIT-77", rmaNumber: "ALPHA-RMA", fault: "Cross-tenant" }),
        "NOT_FOUND",
      );
    },
    "inventory.rmas.close": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.rmas.close({
          rmaId: f.inv.rmaId,
          outcome: "REPAIRED_RETURNED",
          toLocationId: f.inv.aWarehouseId,
        }),
        "NOT_FOUND",
      );
    },
    "inventory.van.issued": async (w, f) => {
      // B's job, and what was issued to it, are invisible to A.
      await expectFailure(w.aAdmin.inventory.van.issued({ workOrderId: f.wob.workOrderId }), "NOT_FOUND");
    },
    "inventory.van.move": async (w, f) => {
      await expectFailure(
        w.aAdmin.inventory.van.move({
          kind: "TRANSFER",
          itemId: f.inv.bulkId,
          fromLocationId: f.inv.warehouseId,
          toLocationId: f.inv.aWarehouseId,
          quantity: 1,
        }),
        "NOT_FOUND",
      );
    },
  },
  rest: {
    "GET /api/inventory/items": async (w, f) => {
      const res = await call(items, { host: hostOf(w.A.company.slug), token: w.aToken, query: { pageSize: "100" } });
      expect(res.status, res.text).toBe(200);
      expect(res.body.rows.map((r: { id: string }) => r.id)).toContain(f.inv.aItemId);
      await w.expectNoneOfB(res.body);
    },
    "GET /api/inventory/locations/{id}/stock": async (w, f) => {
      const res = await call(locationStock, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.inv.warehouseId },
      });
      expect(res.status).toBe(404);
      const own = await call(locationStock, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.inv.aWarehouseId },
      });
      expect(own.status, own.text).toBe(200);
      await w.expectNoneOfB(own.body);
    },
    "GET /api/inventory/assets/{serial}": async (w) => {
      const res = await call(assetBySerial, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { serial: "BRAVO-UNIT-77" },
      });
      expect(res.status).toBe(404);
    },
    "GET /api/inventory/counts": async (w, f) => {
      const res = await call(listCounts, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        query: { pageSize: "100" },
      });
      expect(res.status, res.text).toBe(200);
      expect(res.body.rows.map((r: { id: string }) => r.id)).not.toContain(f.inv.countId);
      await w.expectNoneOfB(res.body);
    },
    "POST /api/inventory/counts": async (w, f) => {
      const res = await call(startCount, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        body: { locationId: f.inv.warehouseId },
      });
      expect(res.status).toBe(404);
    },
    "GET /api/inventory/counts/{id}": async (w, f) => {
      const res = await call(getCount, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.inv.countId },
      });
      expect(res.status).toBe(404);
      await w.expectNoneOfB(res.text);
    },
    "POST /api/inventory/counts/{id}/lines": async (w, f) => {
      const res = await call(enterCount, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.inv.countId },
        body: { lines: [{ itemId: f.inv.bulkId, countedQuantity: 1 }] },
      });
      expect(res.status).toBe(404);
    },
    "POST /api/inventory/counts/{id}/found": async (w, f) => {
      const res = await call(addFound, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.inv.countId },
        body: { serial: "BRAVO-UNIT-77" },
      });
      expect(res.status).toBe(404);
    },
    "POST /api/inventory/counts/{id}/post": async (w, f) => {
      const res = await call(postCount, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.inv.countId },
        body: { reason: "Cross-tenant" },
      });
      expect(res.status).toBe(404);
    },
    "GET /api/inventory/rmas": async (w, f) => {
      const res = await call(listRmas, { host: hostOf(w.A.company.slug), token: w.aToken, query: { pageSize: "100" } });
      expect(res.status, res.text).toBe(200);
      expect(res.body.rows.map((r: { id: string }) => r.id)).not.toContain(f.inv.rmaId);
      await w.expectNoneOfB(res.body);
    },
    "POST /api/inventory/rmas": async (w) => {
      const res = await call(openRma, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        body: { serial: "BRAVO-UNIT-77", rmaNumber: "ALPHA-RMA-REST", fault: "Cross-tenant" },
      });
      expect(res.status).toBe(404);
    },
    "POST /api/inventory/rmas/{id}/outcome": async (w, f) => {
      const res = await call(closeRma, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.inv.rmaId },
        body: { outcome: "REPAIRED_RETURNED", toLocationId: f.inv.aWarehouseId },
      });
      expect(res.status).toBe(404);
    },
    "POST /api/inventory/movements": async (w, f) => {
      const res = await call(createMovement, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        body: {
          kind: "TRANSFER",
          itemId: f.inv.bulkId,
          fromLocationId: f.inv.warehouseId,
          toLocationId: f.inv.aWarehouseId,
          quantity: 10,
        },
      });
      expect(res.status).toBe(404);
    },
  },
});
