// Demo inventory for the demo company: a supplier, the catalogue (the ONT and CPE models the demo
// network runs, drop cable, connectors), a warehouse with bins, a van per field technician, a
// received purchase order, stock loaded into the vans, and each subscriber's CPE as a deployed
// unit (received on an earlier order, deployed on the subscription). Built through the same
// services the console uses, after the network (prisma/seed-network.ts); does nothing if the
// company has inventory items already, so it may be run again.
import { withTenant } from "../server/db/tenant";
import * as assets from "../server/modules/inventory/assets";
import * as catalogue from "../server/modules/inventory/catalogue";
import * as movements from "../server/modules/inventory/movements";
import * as purchaseOrders from "../server/modules/inventory/purchase-orders";
import { draftDue } from "../server/modules/inventory/reorder";
import * as suppliers from "../server/modules/inventory/suppliers";
import type { Scope } from "../server/modules/scope";

const SEED_AGENT = { userId: "seed", permissions: ["inventory:manage" as const] };

export async function seedInventory(companyId: string): Promise<void> {
  await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    if ((await tx.inventoryItem.count()) > 0) return;
    const typeId = async (model: string) => (await tx.deviceType.findFirst({ where: { model } }))?.id ?? null;

    const supplier = await suppliers.create(scope, {
      name: "Savannah Fibre Supplies",
      contactName: "Esther Njeri",
      email: "orders@savannah-fibre.example",
      phone: "+254 20 765 4321",
      address: "Enterprise Road, Industrial Area, Nairobi",
      leadTimeDays: 10,
    });
    const ont = await catalogue.createItem(scope, {
      sku: "ONT-HG8245H",
      name: "Huawei EchoLife HG8245H ONT",
      category: "ONT",
      tracking: "SERIAL",
      deviceTypeId: await typeId("EchoLife HG8245H"),
      costMinor: 4_800_00,
      defaultSupplierId: supplier.id,
      reorderPoint: 5,
      reorderQuantity: 20,
    });
    const cpe = await catalogue.createItem(scope, {
      sku: "CPE-LB5AC",
      name: "Ubiquiti LiteBeam 5AC Gen2",
      category: "Wireless CPE",
      tracking: "SERIAL",
      deviceTypeId: await typeId("LiteBeam 5AC Gen2"),
      costMinor: 9_500_00,
      defaultSupplierId: supplier.id,
      reorderPoint: 5,
      reorderQuantity: 10,
    });
    const cable = await catalogue.createItem(scope, {
      sku: "DROP-1F-G657",
      name: "Drop cable, 1 fibre G.657A2",
      category: "Cable",
      tracking: "BULK",
      unit: "m",
      costMinor: 35_00,
      defaultSupplierId: supplier.id,
      reorderPoint: 500,
      reorderQuantity: 2000,
    });
    const connectors = await catalogue.createItem(scope, {
      sku: "SC-APC-FAST",
      name: "SC/APC fast connector",
      category: "Connectors",
      tracking: "BULK",
      unit: "piece",
      costMinor: 120_00,
      defaultSupplierId: supplier.id,
      reorderPoint: 40,
      reorderQuantity: 200,
    });

    const store = await catalogue.createLocation(scope, { name: "Westlands main store", kind: "WAREHOUSE" });
    const shelfA = await catalogue.createLocation(scope, { name: "Shelf A1 (ONTs)", kind: "BIN", parentId: store.id });
    await catalogue.createLocation(scope, { name: "Shelf B1 (cable)", kind: "BIN", parentId: store.id });
    const technicians = await tx.user.findMany({
      where: { role: "FIELD_TECHNICIAN", status: "ACTIVE" },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    });
    const vans = [];
    for (const t of technicians)
      vans.push(await catalogue.createLocation(scope, { name: `Van: ${t.name}`, kind: "VAN", technicianId: t.id }));

    // The subscribers' CPEs came on an earlier order; each is deployed on its subscription.
    const fitted = await tx.subscription.findMany({
      where: { cpeDeviceId: { not: null } },
      // Live subscriptions first: a box shared by two of a customer's subscriptions is deployed on the live one.
      orderBy: [{ status: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        status: true,
        cpeDevice: { select: { id: true, serial: true, deviceType: { select: { model: true } } } },
      },
    });
    const seen = new Set<string>();
    const withSerial = fitted.filter((s) => {
      if (!s.cpeDevice?.serial || seen.has(s.cpeDevice.id)) return false;
      seen.add(s.cpeDevice.id);
      return true;
    });
    const isOnt = (s: (typeof withSerial)[number]) => s.cpeDevice!.deviceType.model.includes("HG8245");
    const earlier = await purchaseOrders.create(scope, {
      supplierId: supplier.id,
      notes: "Customer premises equipment for the first subscribers.",
      lines: [
        { itemId: ont.id, quantity: Math.max(1, withSerial.filter(isOnt).length) },
        { itemId: cpe.id, quantity: Math.max(1, withSerial.filter((s) => !isOnt(s)).length) },
      ],
    });
    const lineOf = (itemId: string) => earlier.lines.find((l) => l.item.id === itemId)!;
    const unitsFor = (pick: (s: (typeof withSerial)[number]) => boolean) =>
      withSerial.filter(pick).map((s) => ({ serial: s.cpeDevice!.serial!.toUpperCase() }));
    const earlierLines = [
      { lineId: lineOf(ont.id).id, quantity: unitsFor(isOnt).length, units: unitsFor(isOnt) },
      { lineId: lineOf(cpe.id).id, quantity: unitsFor((s) => !isOnt(s)).length, units: unitsFor((s) => !isOnt(s)) },
    ].filter((l) => l.quantity > 0);
    if (earlierLines.length) {
      await purchaseOrders.receive(scope, { purchaseOrderId: earlier.id, locationId: store.id, lines: earlierLines });
      for (const s of withSerial) {
        await assets.deploy(scope, {
          serial: s.cpeDevice!.serial!.toUpperCase(),
          subscriptionId: s.id,
          deviceId: s.cpeDevice!.id,
        });
        // An ended subscription's box is still at the customer's: it waits to be collected.
        if (s.status === "TERMINATED") await assets.requestReturns(scope, s.id);
      }
    }

    // This month's order: new ONTs onto the ONT shelf, cable, connectors and spare wireless CPEs
    // into the store. Every item but the wireless CPEs ends above its reorder point (the earlier
    // order's CPEs are all deployed): their 4 spares are below the point of 5, so a fresh demo
    // shows one order drafted by the reorder job, with the numbers that made it.
    const SPARE_CPES = 4;
    const order = await purchaseOrders.create(scope, {
      supplierId: supplier.id,
      lines: [
        { itemId: ont.id, quantity: 12 },
        { itemId: cpe.id, quantity: SPARE_CPES },
        { itemId: cable.id, quantity: 3000 },
        { itemId: connectors.id, quantity: 200 },
      ],
    });
    await purchaseOrders.send(scope, { id: order.id });
    const line = (itemId: string) => order.lines.find((l) => l.item.id === itemId)!.id;
    await purchaseOrders.receive(scope, {
      purchaseOrderId: order.id,
      locationId: shelfA.id,
      lines: [
        {
          lineId: line(ont.id),
          quantity: 12,
          units: Array.from({ length: 12 }, (_, i) => ({
            serial: `48575443A1B2${String(i + 1).padStart(4, "0")}`,
            mac: `4c:5e:0c:a1:b2:${(i + 1).toString(16).padStart(2, "0")}`,
          })),
          warrantyUntil: `${new Date().getUTCFullYear() + 2}-12-31`,
        },
      ],
    });
    await purchaseOrders.receive(scope, {
      purchaseOrderId: order.id,
      locationId: store.id,
      lines: [
        { lineId: line(cable.id), quantity: 3000 },
        { lineId: line(connectors.id), quantity: 200 },
        {
          lineId: line(cpe.id),
          quantity: SPARE_CPES,
          units: Array.from({ length: SPARE_CPES }, (_, i) => ({
            serial: `F09FC2D4E5${String(i + 1).padStart(2, "0")}`,
          })),
        },
      ],
    });

    // Each van carries three ONTs, 300 m of drop cable and 30 connectors.
    for (const [i, van] of vans.entries()) {
      if (i < 4)
        await movements.record(scope, SEED_AGENT, {
          kind: "TRANSFER",
          itemId: ont.id,
          fromLocationId: shelfA.id,
          toLocationId: van.id,
          serials: [1, 2, 3].map((n) => `48575443A1B2${String(i * 3 + n).padStart(4, "0")}`),
        });
      await movements.record(scope, SEED_AGENT, {
        kind: "TRANSFER",
        itemId: cable.id,
        fromLocationId: store.id,
        toLocationId: van.id,
        quantity: 300,
      });
      await movements.record(scope, SEED_AGENT, {
        kind: "TRANSFER",
        itemId: connectors.id,
        fromLocationId: store.id,
        toLocationId: van.id,
        quantity: 30,
      });
    }
  });
  // The reorder job's first run (it runs hourly): drafts the wireless CPEs' order once.
  await draftDue(companyId);
}
