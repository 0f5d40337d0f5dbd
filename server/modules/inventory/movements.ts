import type { z } from "zod";
import type { Permission } from "../../auth/permissions";
import type { Prisma } from "../../db/generated/prisma/client";
import { Conflict, DomainError, Forbidden, Invalid } from "../../lib/errors";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { lockBySerial, moveUnits } from "./assets";
import { requireItem, requireLocation, vanOf } from "./catalogue";
import { post } from "./ledger";
import { listMovementsSchema, recordMovementSchema } from "./schema";

// Movements a person records: transfers, consumables issued to a job, count corrections and
// write-offs. Store keepers (inventory:manage) move anything; a field technician (inventory:van)
// moves only what is in their own van: consumables onto their own jobs, and stock back to a
// warehouse. Receipts are recorded against a purchase order, deployments by completing a job.

export interface StockAgent {
  userId: string;
  permissions: readonly Permission[];
}

const manages = (agent: StockAgent) => agent.permissions.includes("inventory:manage");

const STOCK_KINDS = ["WAREHOUSE", "BIN", "VAN"] as const;

export async function record(scope: Scope, agent: StockAgent, input: z.input<typeof recordMovementSchema>) {
  const m = recordMovementSchema.parse(input);
  const item = await requireItem(scope, m.itemId);
  const fromId = m.kind === "ADJUST" ? m.locationId : m.fromLocationId;
  const from = await requireLocation(scope, fromId, m.kind === "ADJUST" ? "locationId" : "fromLocationId");

  if (!manages(agent)) {
    // A technician's own van, and nothing else, is theirs to move from.
    const van = await vanOf(scope, agent.userId);
    if (!van || van.id !== from.id) throw new Forbidden("You can move only the stock in your own van.");
    if (m.kind === "ADJUST" || m.kind === "WRITE_OFF")
      throw new Forbidden("Ask the store keeper to correct counts or write stock off.");
  }

  let movementCount = 0;
  if (m.kind === "TRANSFER") {
    const to = await requireLocation(scope, m.toLocationId, "toLocationId");
    if (to.id === from.id) throw new Invalid("Choose two different places.", { toLocationId: "Same as the source." });
    if (!STOCK_KINDS.includes(to.kind as (typeof STOCK_KINDS)[number]))
      throw new Invalid(`Stock is moved to ${to.name} by deploying or sending it for repair, not by a transfer.`, {
        toLocationId: "Choose a warehouse, bin or van.",
      });
    if (!manages(agent) && to.kind === "VAN")
      throw new Forbidden("Hand stock back to a warehouse; the store keeper loads other vans.");
    if (item.tracking === "SERIAL") {
      if (!m.serials?.length) throw new Invalid("List the serials of the units to move.", { serials: "Required." });
      const units = await lockBySerial(scope, m.serials, item.id);
      await moveUnits(scope, units, { kind: "TRANSFER", fromLocationId: from.id, toLocationId: to.id });
      movementCount = units.length;
    } else {
      if (!m.quantity) throw new Invalid("Enter how many to move.", { quantity: "Required." });
      await post(scope, [
        { kind: "TRANSFER", itemId: item.id, quantity: m.quantity, fromLocationId: from.id, toLocationId: to.id },
      ]);
      movementCount = 1;
    }
  } else if (m.kind === "ISSUE") {
    if (item.tracking === "SERIAL")
      throw new Invalid("Equipment with a serial is deployed by recording its serial on the job, not issued.", {
        itemId: "Record the serial on the job instead.",
      });
    // Read directly: inventory sits below work orders (which call it on completion).
    const job = await scope.tx.workOrder.findUnique({
      where: { id: m.workOrderId },
      select: { id: true, technicianId: true, status: true },
    });
    if (!job || (!manages(agent) && job.technicianId !== agent.userId))
      throw new DomainError("NOT_FOUND", "Work order not found.", { workOrderId: "Choose one of your jobs." });
    if (job.status === "CANCELLED") throw new Conflict("That job was cancelled; nothing can be issued to it.");
    await post(scope, [
      { kind: "ISSUE", itemId: item.id, quantity: m.quantity, fromLocationId: from.id, workOrderId: job.id },
    ]);
    movementCount = 1;
  } else if (m.kind === "ADJUST") {
    if (item.tracking === "SERIAL")
      throw new Invalid("Units with a serial are received on a purchase order or written off, not adjusted.", {
        itemId: "Not for serial-tracked items.",
      });
    const q = Math.abs(m.delta);
    await post(scope, [
      m.delta > 0
        ? { kind: "ADJUST", itemId: item.id, quantity: q, toLocationId: from.id, reason: m.reason }
        : { kind: "ADJUST", itemId: item.id, quantity: q, fromLocationId: from.id, reason: m.reason },
    ]);
    movementCount = 1;
  } else {
    if (item.tracking === "SERIAL") {
      if (!m.serials?.length)
        throw new Invalid("List the serials of the units to write off.", { serials: "Required." });
      const units = await lockBySerial(scope, m.serials, item.id);
      await moveUnits(scope, units, {
        kind: "WRITE_OFF",
        fromLocationId: from.id,
        toLocationId: null,
        reason: m.reason,
      });
      movementCount = units.length;
    } else {
      if (!m.quantity) throw new Invalid("Enter how many to write off.", { quantity: "Required." });
      await post(scope, [
        { kind: "WRITE_OFF", itemId: item.id, quantity: m.quantity, fromLocationId: from.id, reason: m.reason },
      ]);
      movementCount = 1;
    }
  }
  await audit.record(scope, {
    action: `inventory.${m.kind.toLowerCase()}`,
    entityType: "InventoryItem",
    entityId: item.id,
    after: m,
  });
  return { kind: m.kind, itemId: item.id, movements: movementCount };
}

/** The consumables issued to one job (its phone view): a technician sees only their own jobs'. */
export async function issuedToJob(scope: Scope, agent: StockAgent, workOrderId: string) {
  const job = await scope.tx.workOrder.findUnique({ where: { id: workOrderId }, select: { technicianId: true } });
  if (!job || (!manages(agent) && job.technicianId !== agent.userId))
    throw new DomainError("NOT_FOUND", "Work order not found.", { workOrderId: "Choose one of your jobs." });
  const rows = await scope.tx.stockMovement.findMany({
    where: { workOrderId, kind: "ISSUE" },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { item: { select: { name: true, unit: true } }, fromLocation: { select: { name: true } } },
  });
  return rows.map((m) => ({
    id: m.id,
    item: m.item.name,
    unit: m.item.unit,
    quantity: m.quantity,
    from: m.fromLocation?.name ?? null,
    at: m.createdAt,
  }));
}

export async function list(scope: Scope, input: z.input<typeof listMovementsSchema>) {
  const f = listMovementsSchema.parse(input);
  const and: Prisma.StockMovementWhereInput[] = [];
  if (f.itemId) and.push({ itemId: f.itemId });
  if (f.workOrderId) and.push({ workOrderId: f.workOrderId });
  if (f.locationId) and.push({ OR: [{ fromLocationId: f.locationId }, { toLocationId: f.locationId }] });
  const where = { AND: and };
  return listPage(f, {
    count: () => scope.tx.stockMovement.count({ where }),
    rows: (window) =>
      scope.tx.stockMovement
        .findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          include: {
            item: { select: { id: true, name: true, unit: true } },
            fromLocation: { select: { id: true, name: true } },
            toLocation: { select: { id: true, name: true } },
            asset: { select: { id: true, serial: true } },
            workOrder: { select: { id: true, number: true } },
          },
          ...window,
        })
        .then((rows) =>
          rows.map((m) => ({
            id: m.id,
            kind: m.kind,
            item: m.item,
            quantity: m.quantity,
            from: m.fromLocation,
            to: m.toLocation,
            serial: m.asset?.serial ?? null,
            workOrder: m.workOrder,
            reason: m.reason,
            actor: m.actorLabel,
            at: m.createdAt,
          })),
        ),
  });
}
