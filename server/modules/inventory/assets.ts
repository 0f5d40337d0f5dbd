import type { z } from "zod";
import type { Asset, Prisma } from "../../db/generated/prisma/client";
import type { AssetStatus, StockMovementKind } from "../../db/generated/prisma/enums";
import { Conflict, DomainError, Invalid, NotFound } from "../../lib/errors";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { vanOf, virtualLocation } from "./catalogue";
import { post } from "./ledger";
import { ASSET_STATUS_LABELS, forCustomerSchema, listAssetsSchema, lookupSchema, serialText } from "./schema";

// Serialized equipment: each unit from the supplier's delivery (purchase-orders.ts) through the
// warehouse and a technician's van to a customer's subscription, and back. Every move of a unit
// is a ledger movement naming it, so its history is its movements. Units are locked (FOR UPDATE)
// before they move, so two requests moving the same box are serialised and the second sees where
// the first put it.

const CUSTOMER_NAME = { id: true, type: true, firstName: true, lastName: true, businessName: true } as const;

const ASSET_INCLUDE = {
  item: { select: { id: true, sku: true, name: true, category: true } },
  location: { select: { id: true, name: true, kind: true } },
  subscription: {
    select: {
      id: true,
      status: true,
      pppoeUsername: true,
      customer: { select: { ...CUSTOMER_NAME, accountNumber: true } },
    },
  },
  device: { select: { id: true, name: true } },
  purchaseOrder: { select: { id: true, number: true } },
  supplier: { select: { id: true, name: true } },
} as const satisfies Prisma.AssetInclude;

type AssetRow = Prisma.AssetGetPayload<{ include: typeof ASSET_INCLUDE }>;

const customerName = (c: {
  type: string;
  firstName: string | null;
  lastName: string | null;
  businessName: string | null;
}) => (c.type === "BUSINESS" && c.businessName ? c.businessName : [c.firstName, c.lastName].filter(Boolean).join(" "));

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function present(a: AssetRow, withCost: boolean) {
  return {
    id: a.id,
    serial: a.serial,
    mac: a.mac,
    status: a.status,
    item: a.item,
    location: a.location,
    subscription: a.subscription
      ? {
          id: a.subscription.id,
          status: a.subscription.status,
          pppoeUsername: a.subscription.pppoeUsername,
          customer: {
            id: a.subscription.customer.id,
            accountNumber: a.subscription.customer.accountNumber,
            name: customerName(a.subscription.customer),
          },
        }
      : null,
    device: a.device,
    purchaseOrder: a.purchaseOrder,
    supplier: a.supplier,
    costMinor: withCost ? a.costMinor : null,
    purchasedOn: isoDate(a.purchasedOn),
    warrantyUntil: isoDate(a.warrantyUntil),
    returnDueSince: a.returnDueSince,
    createdAt: a.createdAt,
  };
}
export type AssetView = ReturnType<typeof present>;

/** A unit by serial, with its whole history (newest first). Another company's serial is not found. */
export async function lookup(scope: Scope, input: z.input<typeof lookupSchema>, opts: { withCost: boolean }) {
  const { serial } = lookupSchema.parse(input);
  const a = await scope.tx.asset.findUnique({
    where: { companyId_serial: { companyId: scope.companyId, serial } },
    include: ASSET_INCLUDE,
  });
  if (!a) throw new NotFound("Unit", `No unit with serial ${serial} in your inventory.`);
  const history = await scope.tx.stockMovement.findMany({
    where: { assetId: a.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: {
      fromLocation: { select: { id: true, name: true, kind: true } },
      toLocation: { select: { id: true, name: true, kind: true } },
      workOrder: { select: { id: true, number: true } },
      purchaseOrder: { select: { id: true, number: true, supplier: { select: { id: true, name: true } } } },
      subscription: { select: { id: true, customer: { select: CUSTOMER_NAME } } },
    },
  });
  return {
    ...present(a, opts.withCost),
    history: history.map((m) => ({
      id: m.id,
      kind: m.kind,
      from: m.fromLocation,
      to: m.toLocation,
      workOrder: m.workOrder,
      purchaseOrder: m.purchaseOrder && { id: m.purchaseOrder.id, number: m.purchaseOrder.number },
      /** Who delivered it (a receipt against a purchase order). */
      supplier: m.purchaseOrder?.supplier ?? null,
      subscriptionId: m.subscriptionId,
      /** Whose service it was deployed to or taken back from. */
      customer: m.subscription ? { id: m.subscription.customer.id, name: customerName(m.subscription.customer) } : null,
      reason: m.reason,
      actor: m.actorLabel,
      at: m.createdAt,
    })),
  };
}

export async function list(scope: Scope, input: z.input<typeof listAssetsSchema>, opts: { withCost: boolean }) {
  const f = listAssetsSchema.parse(input);
  const and: Prisma.AssetWhereInput[] = [];
  if (f.status) and.push({ status: f.status });
  if (f.locationId) and.push({ locationId: f.locationId });
  if (f.returnDue) and.push({ returnDueSince: { not: null } });
  if (f.search) {
    const s = f.search.toUpperCase();
    and.push({ OR: [{ serial: { startsWith: s } }, { item: { name: { contains: f.search, mode: "insensitive" } } }] });
  }
  const where = { AND: and };
  return listPage(f, {
    count: () => scope.tx.asset.count({ where }),
    rows: (window) =>
      scope.tx.asset
        .findMany({ where, include: ASSET_INCLUDE, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], ...window })
        .then((rows) => rows.map((a) => present(a, opts.withCost))),
  });
}

/** The units deployed to a customer's subscriptions (the customer's page). */
export async function forCustomer(scope: Scope, input: z.input<typeof forCustomerSchema>) {
  const { customerId } = forCustomerSchema.parse(input);
  const rows = await scope.tx.asset.findMany({
    where: { subscription: { customerId } },
    include: ASSET_INCLUDE,
    orderBy: { serial: "asc" },
  });
  return rows.map((a) => present(a, false));
}

// ── moving units ────────────────────────────────────────────────────────────────────────────

/** Locks the units with these serials for this transaction; unknown serials are named in the error. */
export async function lockBySerial(scope: Scope, serials: readonly string[], itemId?: string): Promise<Asset[]> {
  const wanted = [...new Set(serials.map((s) => serialText.parse(s)))];
  if (wanted.length !== serials.length) throw new Invalid("A serial is listed twice.", { serials: "Listed twice." });
  await scope.tx.$queryRaw`SELECT id FROM "Asset" WHERE serial = ANY(${wanted}) ORDER BY id FOR UPDATE`;
  const rows = await scope.tx.asset.findMany({ where: { serial: { in: wanted } } });
  const missing = wanted.filter((s) => !rows.some((r) => r.serial === s));
  if (missing.length)
    throw new DomainError("NOT_FOUND", `No unit with serial ${missing.join(", ")} in your inventory.`, {
      serials: "Not in your inventory.",
    });
  const other = itemId ? rows.find((r) => r.itemId !== itemId) : undefined;
  if (other) throw new Invalid(`Serial ${other.serial} is another item's unit.`, { serials: "Another item." });
  return rows;
}

const MOVABLE: readonly AssetStatus[] = ["IN_STOCK", "RESERVED", "FAULTY"];

/** Moves units out of `fromLocationId` (where they must be), for a transfer or a write-off. */
export async function moveUnits(
  scope: Scope,
  units: readonly Asset[],
  move: { kind: StockMovementKind; fromLocationId: string; toLocationId: string | null; reason?: string | null },
) {
  for (const a of units) {
    if (a.locationId !== move.fromLocationId)
      throw new Conflict(`Unit ${a.serial} is not at that location.`, { serials: `${a.serial} is elsewhere.` });
    if (!MOVABLE.includes(a.status))
      throw new Conflict(`Unit ${a.serial} is ${ASSET_STATUS_LABELS[a.status].toLowerCase()}; it cannot be moved.`, {
        serials: `${a.serial} is ${ASSET_STATUS_LABELS[a.status].toLowerCase()}.`,
      });
  }
  const retired = move.kind === "WRITE_OFF";
  await post(
    scope,
    units.map((a) => ({
      kind: move.kind,
      itemId: a.itemId,
      quantity: 1,
      fromLocationId: move.fromLocationId,
      toLocationId: move.toLocationId,
      assetId: a.id,
      reason: move.reason,
    })),
  );
  // A written-off unit leaves the books but stays findable by serial: it is retired where it was.
  await scope.tx.asset.updateMany({
    where: { id: { in: units.map((a) => a.id) } },
    data: retired ? { status: "RETIRED" } : { locationId: move.toLocationId! },
  });
}

/**
 * Puts a unit at a customer's: out of wherever it is (usually the technician's van) into the
 * "at customers" place, DEPLOYED on the subscription. Done again for the same subscription it
 * changes nothing. A unit deployed to another subscription, or faulty, in repair or retired, is
 * refused: the label was misread or the box must be taken back first.
 */
export async function deploy(
  scope: Scope,
  input: { serial: string; subscriptionId: string; workOrderId?: string | null; deviceId?: string | null },
) {
  const [a] = await lockBySerial(scope, [input.serial]);
  const sub = await scope.tx.subscription.findUnique({ where: { id: input.subscriptionId }, select: { id: true } });
  if (!sub) throw new NotFound("Subscription");
  if (a.status === "DEPLOYED" && a.subscriptionId === sub.id) return { assetId: a.id, moved: false };
  if (a.status === "DEPLOYED")
    throw new Conflict(`Unit ${a.serial} is already deployed at another subscription; take it back first.`, {
      serial: "Already deployed elsewhere.",
    });
  if (!MOVABLE.includes(a.status) || a.status === "FAULTY")
    throw new Conflict(`Unit ${a.serial} is ${ASSET_STATUS_LABELS[a.status].toLowerCase()}; it cannot be deployed.`, {
      serial: `${ASSET_STATUS_LABELS[a.status]}.`,
    });
  const atCustomers = await virtualLocation(scope, "CUSTOMER");
  await post(scope, [
    {
      kind: "DEPLOY",
      itemId: a.itemId,
      quantity: 1,
      fromLocationId: a.locationId,
      toLocationId: atCustomers.id,
      assetId: a.id,
      workOrderId: input.workOrderId ?? null,
      subscriptionId: sub.id,
    },
  ]);
  await scope.tx.asset.update({
    where: { id: a.id },
    data: {
      status: "DEPLOYED",
      locationId: atCustomers.id,
      subscriptionId: sub.id,
      returnDueSince: null,
      ...(input.deviceId ? { deviceId: input.deviceId } : {}),
    },
  });
  await audit.record(scope, {
    action: "inventory.asset_deploy",
    entityType: "Asset",
    entityId: a.id,
    before: { status: a.status, locationId: a.locationId },
    after: { status: "DEPLOYED", subscriptionId: sub.id, workOrderId: input.workOrderId ?? null },
  });
  return { assetId: a.id, moved: true };
}

/**
 * A technician deploys a unit on a job from the phone: the unit must be in the van of the job's
 * technician (a store keeper, inventory:manage, may deploy it from anywhere in stock). The move
 * itself is deploy() above, the same rule completing a job applies to the serials recorded on it.
 */
export async function deployFromVan(
  scope: Scope,
  agent: { permissions: readonly string[] },
  input: { serial: string; technicianId: string | null; subscriptionId: string; workOrderId: string },
) {
  const [a] = await lockBySerial(scope, [input.serial]);
  if (
    // A deployed unit is answered by deploy(): already here (nothing to do) or elsewhere (refused).
    !agent.permissions.includes("inventory:manage") &&
    a.status !== "DEPLOYED"
  ) {
    const van = input.technicianId ? await vanOf(scope, input.technicianId) : null;
    if (!van || a.locationId !== van.id)
      throw new DomainError(
        "FORBIDDEN",
        `Unit ${a.serial} is not in your van; only the units loaded in your van can be deployed.`,
        { serial: "Not in your van." },
      );
  }
  const r = await deploy(scope, input);
  const item = await scope.tx.inventoryItem.findUniqueOrThrow({ where: { id: a.itemId }, select: { name: true } });
  return { ...r, serial: a.serial, itemName: item.name };
}

/** A unit comes back from a customer's into `toLocationId` (a van or a warehouse), in stock or faulty. */
export async function returnUnit(
  scope: Scope,
  input: { serial: string; toLocationId: string; workOrderId?: string | null; faulty?: boolean },
) {
  const [a] = await lockBySerial(scope, [input.serial]);
  if (a.status !== "DEPLOYED")
    throw new Conflict(`Unit ${a.serial} is not deployed at a customer's; there is nothing to return.`, {
      serial: "Not deployed.",
    });
  await post(scope, [
    {
      kind: "RETURN",
      itemId: a.itemId,
      quantity: 1,
      fromLocationId: a.locationId,
      toLocationId: input.toLocationId,
      assetId: a.id,
      workOrderId: input.workOrderId ?? null,
      subscriptionId: a.subscriptionId,
    },
  ]);
  const status = input.faulty ? "FAULTY" : "IN_STOCK";
  await scope.tx.asset.update({
    where: { id: a.id },
    data: { status, locationId: input.toLocationId, subscriptionId: null, returnDueSince: null },
  });
  await audit.record(scope, {
    action: "inventory.asset_return",
    entityType: "Asset",
    entityId: a.id,
    before: { status: a.status, subscriptionId: a.subscriptionId },
    after: { status, locationId: input.toLocationId, workOrderId: input.workOrderId ?? null },
  });
  return { assetId: a.id };
}

/**
 * A subscription ended: the units deployed on it are to be collected. They are flagged (the
 * "awaiting return" list of the assets page) until a job or a person brings them back.
 */
export async function requestReturns(scope: Scope, subscriptionId: string): Promise<number> {
  const due = await scope.tx.asset.findMany({
    where: { subscriptionId, status: "DEPLOYED", returnDueSince: null },
    select: { id: true, serial: true },
  });
  if (!due.length) return 0;
  await scope.tx.asset.updateMany({
    where: { id: { in: due.map((a) => a.id) } },
    data: { returnDueSince: new Date() },
  });
  for (const a of due)
    await audit.record(scope, {
      action: "inventory.asset_return_due",
      entityType: "Asset",
      entityId: a.id,
      after: { serial: a.serial, subscriptionId, reason: "subscription terminated" },
    });
  return due.length;
}

/**
 * A completed job's equipment, as the inventory sees it (work-orders' complete() calls this):
 * units recorded as installed or replaced are deployed to the job's subscription out of wherever
 * they are, usually the technician's van; units recorded as removed come back into the van (or,
 * without one, stay where they were listed). Serials the inventory does not know are left alone:
 * equipment bought before the inventory, or the customer's own.
 */
export async function settleJobEquipment(
  scope: Scope,
  job: {
    workOrderId: string;
    technicianId: string | null;
    subscriptionId: string | null;
    equipment: { action: "INSTALLED" | "REMOVED" | "REPLACED"; serial: string; deviceId: string | null }[];
  },
) {
  const known = await scope.tx.asset.findMany({
    where: { serial: { in: job.equipment.map((e) => e.serial) } },
    select: { serial: true },
  });
  const tracked = new Set(known.map((a) => a.serial));
  const deployed: string[] = [];
  const returned: string[] = [];
  const van = job.technicianId
    ? await scope.tx.stockLocation.findFirst({ where: { technicianId: job.technicianId, kind: "VAN" } })
    : null;
  for (const e of job.equipment) {
    if (!tracked.has(e.serial)) continue;
    if (e.action === "REMOVED") {
      const [a] = await lockBySerial(scope, [e.serial]);
      if (a.status !== "DEPLOYED" || !van) continue;
      await returnUnit(scope, { serial: e.serial, toLocationId: van.id, workOrderId: job.workOrderId });
      returned.push(e.serial);
    } else if (job.subscriptionId) {
      const r = await deploy(scope, {
        serial: e.serial,
        subscriptionId: job.subscriptionId,
        workOrderId: job.workOrderId,
        deviceId: e.deviceId,
      });
      if (r.moved) deployed.push(e.serial);
    }
  }
  return { deployed, returned };
}
