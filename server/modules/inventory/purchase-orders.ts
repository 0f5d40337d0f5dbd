import { createElement } from "react";
import type { z } from "zod";
import { PurchaseOrderEmail } from "../../../emails/purchase-order";
import type { Prisma } from "../../db/generated/prisma/client";
import { Conflict, DomainError, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { sendMail } from "../../lib/mailer";
import { formatMoney } from "../../lib/money";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import * as counters from "../counters/service";
import type { Scope } from "../scope";
import { requireItem, requireLocation } from "./catalogue";
import { post } from "./ledger";
import {
  cancelPurchaseOrderSchema,
  createPurchaseOrderSchema,
  formatPurchaseOrderNumber,
  listPurchaseOrdersSchema,
  PO_STATUS_LABELS,
  receiveSchema,
  sendPurchaseOrderSchema,
} from "./schema";
import { requireSupplier } from "./suppliers";

// Purchase orders: drafted by a person or by the reorder job, sent to the supplier as a PDF by
// e-mail, received (in one go or in parts) into a warehouse with the serial of every unit, or
// cancelled. Receiving is all or nothing: more than ordered, a serial listed twice or already in
// the inventory, and nothing of the receipt is written.

export const NUMBER_COUNTER = "purchase_order";

const PO_INCLUDE = {
  supplier: { select: { id: true, name: true, email: true, contactName: true, phone: true, leadTimeDays: true } },
  lines: {
    include: { item: { select: { id: true, sku: true, name: true, unit: true, tracking: true } } },
    orderBy: { id: "asc" },
  },
} as const satisfies Prisma.PurchaseOrderInclude;

type PoRow = Prisma.PurchaseOrderGetPayload<{ include: typeof PO_INCLUDE }>;

const isoDate = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

function present(po: PoRow) {
  const lines = po.lines.map((l) => ({
    id: l.id,
    item: l.item,
    quantity: l.quantity,
    receivedQuantity: l.receivedQuantity,
    outstanding: l.quantity - l.receivedQuantity,
    unitCostMinor: l.unitCostMinor,
    totalMinor: l.quantity * l.unitCostMinor,
  }));
  return {
    id: po.id,
    number: po.number,
    numberLabel: formatPurchaseOrderNumber(po.number),
    status: po.status,
    supplier: po.supplier,
    expectedOn: isoDate(po.expectedOn),
    notes: po.notes,
    automatic: po.automatic,
    sentAt: po.sentAt,
    sentTo: po.sentTo,
    receivedAt: po.receivedAt,
    cancelledAt: po.cancelledAt,
    cancelReason: po.cancelReason,
    createdAt: po.createdAt,
    lines,
    totalMinor: lines.reduce((s, l) => s + l.totalMinor, 0),
  };
}
export type PurchaseOrderView = ReturnType<typeof present>;

async function load(scope: Scope, id: string) {
  const po = await scope.tx.purchaseOrder.findUnique({ where: { id }, include: PO_INCLUDE });
  if (!po) throw new NotFound("Purchase order");
  return po;
}

export async function get(scope: Scope, id: string) {
  return present(await load(scope, id));
}

export async function list(scope: Scope, input: z.input<typeof listPurchaseOrdersSchema>) {
  const f = listPurchaseOrdersSchema.parse(input);
  const and: Prisma.PurchaseOrderWhereInput[] = [];
  if (f.status) and.push({ status: f.status });
  if (f.search) {
    const n = /^(?:po-?)?0*(\d{1,9})$/i.exec(f.search.replace(/\s+/g, ""));
    and.push({
      OR: [
        ...(n ? [{ number: Number(n[1]) }] : []),
        { supplier: { name: { contains: f.search, mode: "insensitive" } } },
      ],
    });
  }
  const where = { AND: and };
  return listPage(f, {
    count: () => scope.tx.purchaseOrder.count({ where }),
    rows: (window) =>
      scope.tx.purchaseOrder
        .findMany({ where, include: PO_INCLUDE, orderBy: { number: "desc" }, ...window })
        .then((rows) => rows.map(present)),
  });
}

/** A draft purchase order. Used by people and by the reorder job (automatic). */
export async function create(
  scope: Scope,
  input: z.input<typeof createPurchaseOrderSchema>,
  opts: { automatic?: boolean } = {},
) {
  const data = createPurchaseOrderSchema.parse(input);
  await requireSupplier(scope, data.supplierId);
  const seen = new Set<string>();
  const lines = [];
  for (const [i, l] of data.lines.entries()) {
    if (seen.has(l.itemId))
      throw new Invalid("An item is on two lines; put its whole quantity on one.", { [`lines.${i}.itemId`]: "Twice." });
    seen.add(l.itemId);
    const item = await requireItem(scope, l.itemId);
    lines.push({ ...l, unitCostMinor: l.unitCostMinor ?? item.costMinor });
  }
  const id = newId();
  const number = await counters.next(scope, NUMBER_COUNTER);
  await scope.tx.purchaseOrder.create({
    data: {
      id,
      companyId: scope.companyId,
      number,
      supplierId: data.supplierId,
      expectedOn: data.expectedOn ? new Date(`${data.expectedOn}T00:00:00Z`) : null,
      notes: data.notes,
      automatic: opts.automatic ?? false,
      createdById: scope.actor.type === "USER" ? (scope.actor.id ?? null) : null,
      lines: {
        create: lines.map((l) => ({
          id: newId(),
          companyId: scope.companyId,
          itemId: l.itemId,
          quantity: l.quantity,
          unitCostMinor: l.unitCostMinor,
        })),
      },
    },
  });
  await audit.record(scope, {
    action: "inventory.po_create",
    entityType: "PurchaseOrder",
    entityId: id,
    after: { number: formatPurchaseOrderNumber(number), ...data, lines, automatic: opts.automatic ?? false },
  });
  return get(scope, id);
}

/**
 * E-mails the purchase order to the supplier as a PDF and marks it sent (a draft is approved by
 * sending it). Sending again resends it to the address on file now.
 */
export async function send(scope: Scope, input: z.input<typeof sendPurchaseOrderSchema>) {
  const { id } = sendPurchaseOrderSchema.parse(input);
  const po = await load(scope, id);
  if (po.status === "CANCELLED" || po.status === "RECEIVED")
    throw new Conflict(
      `${formatPurchaseOrderNumber(po.number)} is ${PO_STATUS_LABELS[po.status].toLowerCase()}; it is not sent.`,
    );
  if (!po.supplier.email)
    throw new Invalid(`${po.supplier.name} has no e-mail address. Add one to the supplier, then send again.`, {
      email: "The supplier needs an e-mail address.",
    });
  const company = await scope.tx.company.findUniqueOrThrow({
    where: { id: scope.companyId },
    select: { name: true, currency: true },
  });
  const view = present(po);
  const pdf = await (
    await import("./pdf")
  ).renderPurchaseOrderPdf({ po: view, companyName: company.name, currency: company.currency });
  await sendMail(scope, {
    to: po.supplier.email,
    subject: `Purchase order ${view.numberLabel} from ${company.name}`,
    body: createElement(PurchaseOrderEmail, {
      companyName: company.name,
      supplierName: po.supplier.contactName ?? po.supplier.name,
      number: view.numberLabel,
      lines: view.lines.length,
      total: formatMoney(view.totalMinor, company.currency),
      expectedOn: view.expectedOn,
    }),
    attachments: [{ filename: `${view.numberLabel}.pdf`, content: pdf, contentType: "application/pdf" }],
  });
  const now = new Date();
  await scope.tx.purchaseOrder.update({
    where: { id },
    data: { sentAt: now, sentTo: po.supplier.email, ...(po.status === "DRAFT" ? { status: "SENT" } : {}) },
  });
  await audit.record(scope, {
    action: "inventory.po_send",
    entityType: "PurchaseOrder",
    entityId: id,
    before: { status: po.status },
    after: { status: po.status === "DRAFT" ? "SENT" : po.status, sentTo: po.supplier.email },
  });
  return get(scope, id);
}

export async function cancel(scope: Scope, input: z.input<typeof cancelPurchaseOrderSchema>) {
  const { id, reason } = cancelPurchaseOrderSchema.parse(input);
  const po = await load(scope, id);
  if (po.status === "CANCELLED" || po.status === "RECEIVED")
    throw new Conflict(
      `${formatPurchaseOrderNumber(po.number)} is already ${PO_STATUS_LABELS[po.status].toLowerCase()}.`,
    );
  await scope.tx.purchaseOrder.update({
    where: { id },
    data: { status: "CANCELLED", cancelledAt: new Date(), cancelReason: reason },
  });
  // The reorder job may draft again for items it was waiting on this order for.
  await scope.tx.inventoryItem.updateMany({
    where: { reorderPurchaseOrderId: id },
    data: { reorderPurchaseOrderId: null },
  });
  await audit.record(scope, {
    action: "inventory.po_cancel",
    entityType: "PurchaseOrder",
    entityId: id,
    before: { status: po.status },
    after: { status: "CANCELLED", reason },
  });
  return get(scope, id);
}

/**
 * Goods arrived against a purchase order: each line's quantity into `locationId` (a warehouse or
 * bin), serial-tracked items with the serial (and MAC) of every unit. Refused as a whole, before
 * anything is written, when a line would be received beyond its order, a serial is missing,
 * repeated or already in the inventory.
 */
export async function receive(scope: Scope, input: z.input<typeof receiveSchema>) {
  const data = receiveSchema.parse(input);
  const po = await load(scope, data.purchaseOrderId);
  const label = formatPurchaseOrderNumber(po.number);
  if (po.status === "CANCELLED" || po.status === "RECEIVED")
    throw new Conflict(`${label} is ${PO_STATUS_LABELS[po.status].toLowerCase()}; nothing more can be received on it.`);
  const location = await requireLocation(scope, data.locationId);
  if (location.kind !== "WAREHOUSE" && location.kind !== "BIN")
    throw new Invalid("Deliveries go into a warehouse or one of its bins.", {
      locationId: "Choose a warehouse or bin.",
    });

  // Every check first: nothing is written unless the whole receipt is right.
  const serialsSeen = new Set<string>();
  const plan = data.lines.map((r, i) => {
    const line = po.lines.find((l) => l.id === r.lineId);
    if (!line)
      throw new DomainError("NOT_FOUND", `That line is not on ${label}.`, {
        [`lines.${i}.lineId`]: "Not on this order.",
      });
    const outstanding = line.quantity - line.receivedQuantity;
    if (r.quantity > outstanding)
      throw new Invalid(
        `Only ${outstanding} of ${line.item.name} ${outstanding === 1 ? "is" : "are"} still to come on ${label} (${line.quantity} ordered, ${line.receivedQuantity} received); ${r.quantity} entered.`,
        { [`lines.${i}.quantity`]: `At most ${outstanding}.` },
      );
    if (line.item.tracking === "SERIAL") {
      if (r.units.length !== r.quantity)
        throw new Invalid(
          `Enter the serial of each of the ${r.quantity} ${line.item.name} received (${r.units.length} given).`,
          {
            [`lines.${i}.units`]: `${r.quantity} serials needed.`,
          },
        );
      for (const u of r.units) {
        if (serialsSeen.has(u.serial))
          throw new Invalid(`Serial ${u.serial} is entered twice.`, { [`lines.${i}.units`]: `${u.serial} twice.` });
        serialsSeen.add(u.serial);
      }
    } else if (r.units.length) {
      throw new Invalid(`${line.item.name} is not serial-tracked; enter only the quantity.`, {
        [`lines.${i}.units`]: "No serials for a bulk item.",
      });
    }
    return { r, line, i };
  });
  if (new Set(data.lines.map((l) => l.lineId)).size !== data.lines.length)
    throw new Invalid("A line is listed twice.", { lines: "Listed twice." });
  if (serialsSeen.size) {
    const taken = await scope.tx.asset.findMany({
      where: { serial: { in: [...serialsSeen] } },
      select: { serial: true },
    });
    if (taken.length)
      throw new Conflict(
        `Serial ${taken.map((t) => t.serial).join(", ")} is already in your inventory; check the label.`,
        { units: "Already in the inventory." },
      );
  }

  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  let assets = 0;
  for (const { r, line } of plan) {
    if (line.item.tracking === "SERIAL") {
      for (const u of r.units) {
        const assetId = newId();
        // A unit already in the network (a device with this serial) is that device.
        const device = await scope.tx.device.findUnique({
          where: { companyId_serial: { companyId: scope.companyId, serial: u.serial } },
          select: { id: true, asset: { select: { id: true } } },
        });
        await scope.tx.asset.create({
          data: {
            id: assetId,
            companyId: scope.companyId,
            itemId: line.itemId,
            serial: u.serial,
            mac: u.mac ?? null,
            status: "IN_STOCK",
            locationId: location.id,
            purchaseOrderId: po.id,
            supplierId: po.supplierId,
            costMinor: line.unitCostMinor,
            purchasedOn: today,
            warrantyUntil: r.warrantyUntil ? new Date(`${r.warrantyUntil}T00:00:00Z`) : null,
            deviceId: device && !device.asset ? device.id : null,
          },
        });
        await post(scope, [
          {
            kind: "RECEIVE",
            itemId: line.itemId,
            quantity: 1,
            toLocationId: location.id,
            assetId,
            purchaseOrderId: po.id,
            unitCostMinor: line.unitCostMinor,
          },
        ]);
        assets++;
      }
    } else {
      await post(scope, [
        {
          kind: "RECEIVE",
          itemId: line.itemId,
          quantity: r.quantity,
          toLocationId: location.id,
          purchaseOrderId: po.id,
          unitCostMinor: line.unitCostMinor,
        },
      ]);
    }
    await scope.tx.purchaseOrderLine.update({
      where: { id: line.id },
      data: { receivedQuantity: { increment: r.quantity } },
    });
  }
  const lines = await scope.tx.purchaseOrderLine.findMany({ where: { purchaseOrderId: po.id } });
  const complete = lines.every((l) => l.receivedQuantity >= l.quantity);
  const status = complete ? "RECEIVED" : "PARTLY_RECEIVED";
  await scope.tx.purchaseOrder.update({
    where: { id: po.id },
    data: { status, ...(complete ? { receivedAt: new Date() } : {}) },
  });
  if (complete)
    await scope.tx.inventoryItem.updateMany({
      where: { reorderPurchaseOrderId: po.id },
      data: { reorderPurchaseOrderId: null },
    });
  await audit.record(scope, {
    action: "inventory.po_receive",
    entityType: "PurchaseOrder",
    entityId: po.id,
    before: { status: po.status },
    after: {
      status,
      locationId: location.id,
      lines: data.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity, serials: l.units.map((u) => u.serial) })),
    },
  });
  return { ...(await get(scope, po.id)), unitsReceived: assets };
}
