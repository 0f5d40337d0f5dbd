import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { can } from "../../auth/permissions";
import { Conflict, DomainError, Invalid, onUnique } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import {
  itemSchema,
  listItemsSchema,
  listLocationsSchema,
  locationSchema,
  updateItemSchema,
  VIRTUAL_LOCATION_NAMES,
  type LocationKind,
} from "./schema";

// The catalogue (what the company stocks) and the places stock can be.

const ITEM_INCLUDE = {
  deviceType: { select: { id: true, model: true, manufacturer: { select: { name: true } } } },
  defaultSupplier: { select: { id: true, name: true } },
} as const satisfies Prisma.InventoryItemInclude;

type ItemRow = Prisma.InventoryItemGetPayload<{ include: typeof ITEM_INCLUDE }>;

function presentItem(i: ItemRow, onHand: number, onOrder = 0) {
  return {
    id: i.id,
    sku: i.sku,
    name: i.name,
    category: i.category,
    tracking: i.tracking,
    unit: i.unit,
    costMinor: i.costMinor,
    deviceType: i.deviceType
      ? { id: i.deviceType.id, name: `${i.deviceType.manufacturer.name} ${i.deviceType.model}` }
      : null,
    defaultSupplier: i.defaultSupplier,
    reorderPoint: i.reorderPoint,
    reorderQuantity: i.reorderQuantity,
    reorderPurchaseOrderId: i.reorderPurchaseOrderId,
    onHand,
    /** Ordered and not received yet (drafts included). */
    onOrder,
    belowReorderPoint: i.reorderPoint !== null && onHand < i.reorderPoint,
    archivedAt: i.archivedAt,
  };
}
export type ItemView = ReturnType<typeof presentItem>;

/** Still to come per item: ordered less received on orders not yet received or cancelled (drafts too). */
export async function onOrderOf(scope: Scope, itemIds: string[]): Promise<Map<string, number>> {
  if (!itemIds.length) return new Map();
  const rows = await scope.tx.$queryRaw<{ itemId: string; n: number }[]>`
    SELECT l."itemId", sum(l.quantity - l."receivedQuantity")::int AS n
      FROM "PurchaseOrderLine" l JOIN "PurchaseOrder" o ON o.id = l."purchaseOrderId"
     WHERE l."itemId" = ANY(${itemIds}) AND o.status IN ('DRAFT', 'SENT', 'PARTLY_RECEIVED')
     GROUP BY 1`;
  return new Map(rows.map((r) => [r.itemId, r.n]));
}

/** On hand per item where the company holds stock (warehouses, bins, vans). */
async function onHandOf(scope: Scope, itemIds: string[]): Promise<Map<string, number>> {
  if (!itemIds.length) return new Map();
  const rows = await scope.tx.$queryRaw<{ itemId: string; n: number }[]>`
    SELECT l."itemId", sum(l.quantity)::int AS n
      FROM "StockLevel" l JOIN "StockLocation" s ON s.id = l."locationId"
     WHERE l."itemId" = ANY(${itemIds}) AND s.kind IN ('WAREHOUSE', 'BIN', 'VAN')
     GROUP BY 1`;
  return new Map(rows.map((r) => [r.itemId, r.n]));
}

export async function requireItem(scope: Scope, id: string) {
  const item = await scope.tx.inventoryItem.findUnique({ where: { id } });
  if (!item) throw new DomainError("NOT_FOUND", "Item not found.", { itemId: "No such item in your catalogue." });
  return item;
}

export async function listItems(scope: Scope, input: z.input<typeof listItemsSchema>) {
  const f = listItemsSchema.parse(input);
  const and: Prisma.InventoryItemWhereInput[] = [{ archivedAt: null }];
  if (f.tracking) and.push({ tracking: f.tracking });
  if (f.search)
    and.push({
      OR: [
        { name: { contains: f.search, mode: "insensitive" } },
        { sku: { contains: f.search, mode: "insensitive" } },
        { category: { contains: f.search, mode: "insensitive" } },
      ],
    });
  if (f.belowReorderPoint) {
    const below = await scope.tx.$queryRaw<{ id: string }[]>`
      SELECT i.id FROM "InventoryItem" i
       WHERE i."reorderPoint" IS NOT NULL AND i."archivedAt" IS NULL
         AND (SELECT coalesce(sum(l.quantity), 0) FROM "StockLevel" l JOIN "StockLocation" s ON s.id = l."locationId"
               WHERE l."itemId" = i.id AND s.kind IN ('WAREHOUSE', 'BIN', 'VAN')) < i."reorderPoint"`;
    and.push({ id: { in: below.map((r) => r.id) } });
  }
  const where = { AND: and };
  return listPage(f, {
    count: () => scope.tx.inventoryItem.count({ where }),
    rows: async (window) => {
      const rows = await scope.tx.inventoryItem.findMany({
        where,
        include: ITEM_INCLUDE,
        orderBy: [{ category: "asc" }, { name: "asc" }],
        ...window,
      });
      const ids = rows.map((r) => r.id);
      const onHand = await onHandOf(scope, ids);
      const onOrder = await onOrderOf(scope, ids);
      return rows.map((r) => presentItem(r, onHand.get(r.id) ?? 0, onOrder.get(r.id) ?? 0));
    },
  });
}

/** The device type and supplier an item names must be the company's (another's reads as not found). */
async function checkItemLinks(scope: Scope, data: z.output<typeof itemSchema>) {
  if (data.deviceTypeId) {
    if (data.tracking !== "SERIAL")
      throw new Invalid("Only serial-tracked equipment has a device type.", {
        deviceTypeId: "Leave empty for a consumable.",
      });
    const type = await scope.tx.deviceType.findUnique({ where: { id: data.deviceTypeId }, select: { id: true } });
    if (!type)
      throw new DomainError("NOT_FOUND", "Device type not found.", {
        deviceTypeId: "Choose a model of your catalogue.",
      });
  }
  if (data.defaultSupplierId) {
    const s = await scope.tx.supplier.findUnique({ where: { id: data.defaultSupplierId }, select: { id: true } });
    if (!s) throw new DomainError("NOT_FOUND", "Supplier not found.", { defaultSupplierId: "Choose a supplier." });
  }
}

const skuTaken = (sku: string) => new Conflict(`Another item already has the SKU ${sku}.`, { sku: "Already in use." });

export async function createItem(scope: Scope, input: z.input<typeof itemSchema>) {
  const data = itemSchema.parse(input);
  await checkItemLinks(scope, data);
  const id = newId();
  const row = await onUnique(
    scope.tx.inventoryItem.create({ data: { id, companyId: scope.companyId, ...data }, include: ITEM_INCLUDE }),
    () => skuTaken(data.sku),
  );
  await audit.record(scope, {
    action: "inventory.item_create",
    entityType: "InventoryItem",
    entityId: id,
    after: data,
  });
  return presentItem(row, 0);
}

export async function updateItem(scope: Scope, input: z.input<typeof updateItemSchema>) {
  const { id, data } = updateItemSchema.parse(input);
  const before = await requireItem(scope, id);
  await checkItemLinks(scope, data);
  if (before.tracking !== data.tracking) {
    const moved = await scope.tx.stockMovement.count({ where: { itemId: id } });
    if (moved)
      throw new Conflict("This item has stock movements; it cannot switch between serial-tracked and bulk.", {
        tracking: "Fixed once stock has moved.",
      });
  }
  const row = await onUnique(scope.tx.inventoryItem.update({ where: { id }, data, include: ITEM_INCLUDE }), () =>
    skuTaken(data.sku),
  );
  await audit.record(scope, {
    action: "inventory.item_update",
    entityType: "InventoryItem",
    entityId: id,
    before: { ...before, createdAt: undefined, updatedAt: undefined },
    after: data,
  });
  const onHand = await onHandOf(scope, [id]);
  return presentItem(row, onHand.get(id) ?? 0);
}

// ── locations ───────────────────────────────────────────────────────────────────────────────

export async function requireLocation(scope: Scope, id: string, field = "locationId") {
  const loc = await scope.tx.stockLocation.findUnique({ where: { id } });
  if (!loc) throw new DomainError("NOT_FOUND", "Stock location not found.", { [field]: "No such location." });
  return loc;
}

/** The company's one CUSTOMER, SITE or SUPPLIER_REPAIR place, made the first time it is needed. */
export async function virtualLocation(scope: Scope, kind: keyof typeof VIRTUAL_LOCATION_NAMES) {
  const found = await scope.tx.stockLocation.findFirst({ where: { kind }, orderBy: { createdAt: "asc" } });
  if (found) return found;
  const name = VIRTUAL_LOCATION_NAMES[kind];
  await scope.tx.stockLocation.createMany({
    data: { id: newId(), companyId: scope.companyId, name, kind },
    skipDuplicates: true,
  });
  return scope.tx.stockLocation.findFirstOrThrow({ where: { kind }, orderBy: { createdAt: "asc" } });
}

/** The van of a technician, or null when they have none. */
export async function vanOf(scope: Scope, technicianId: string) {
  return scope.tx.stockLocation.findFirst({ where: { technicianId, kind: "VAN", archivedAt: null } });
}

export async function listLocations(scope: Scope, input: z.input<typeof listLocationsSchema> = {}) {
  const f = listLocationsSchema.parse(input);
  const rows = await scope.tx.stockLocation.findMany({
    where: { archivedAt: null, ...(f.includeVirtual ? {} : { kind: { in: ["WAREHOUSE", "BIN", "VAN"] } }) },
    include: {
      parent: { select: { id: true, name: true } },
      technician: { select: { id: true, name: true } },
    },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
  const totals = await scope.tx.stockLevel.groupBy({
    by: ["locationId"],
    _sum: { quantity: true },
    where: { quantity: { gt: 0 } },
  });
  const units = new Map(totals.map((t) => [t.locationId, t._sum.quantity ?? 0]));
  const order: Record<LocationKind, number> = {
    WAREHOUSE: 0,
    BIN: 1,
    VAN: 2,
    SITE: 3,
    CUSTOMER: 4,
    SUPPLIER_REPAIR: 5,
  };
  return rows
    .map((l) => ({
      id: l.id,
      name: l.name,
      kind: l.kind,
      parent: l.parent,
      technician: l.technician,
      units: units.get(l.id) ?? 0,
    }))
    .sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
}

export async function createLocation(scope: Scope, input: z.input<typeof locationSchema>) {
  const data = locationSchema.parse(input);
  if (data.kind === "BIN") {
    const parent = await requireLocation(scope, data.parentId!, "parentId");
    if (parent.kind !== "WAREHOUSE")
      throw new Invalid("A bin is inside a warehouse.", { parentId: "Choose a warehouse." });
  }
  if (data.kind === "VAN") {
    const tech = await scope.tx.user.findFirst({
      where: { id: data.technicianId!, status: "ACTIVE", role: { not: "CUSTOMER" } },
      select: { id: true, name: true, role: true },
    });
    if (!tech)
      throw new DomainError("NOT_FOUND", "Technician not found in your company.", {
        technicianId: "Choose a technician of your company.",
      });
    if (!can(tech.role, "inventory:van"))
      throw new Invalid(`${tech.name} does not carry stock with their role; choose a field technician.`, {
        technicianId: "Not a field technician.",
      });
    if (await vanOf(scope, tech.id))
      throw new Conflict(`${tech.name} already has a van.`, { technicianId: "Already has a van." });
  }
  const id = newId();
  const row = await onUnique(
    scope.tx.stockLocation.create({
      data: {
        id,
        companyId: scope.companyId,
        name: data.name,
        kind: data.kind,
        parentId: data.kind === "BIN" ? data.parentId : null,
        technicianId: data.kind === "VAN" ? data.technicianId : null,
      },
    }),
    () => new Conflict(`A location named ${data.name} exists already.`, { name: "Already in use." }),
  );
  await audit.record(scope, {
    action: "inventory.location_create",
    entityType: "StockLocation",
    entityId: id,
    after: data,
  });
  return { id: row.id, name: row.name, kind: row.kind };
}
