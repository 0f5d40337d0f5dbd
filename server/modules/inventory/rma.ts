import type { z } from "zod";
import type { Prisma } from "../../db/generated/prisma/client";
import { Conflict, DomainError, Invalid, NotFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { listPage } from "../../lib/schema";
import * as audit from "../audit/service";
import type { Scope } from "../scope";
import { lockBySerial } from "./assets";
import { requireLocation, virtualLocation } from "./catalogue";
import { post } from "./ledger";
import { ASSET_STATUS_LABELS, closeRmaSchema, listRmasSchema, RMA_STATUS_LABELS, sendRmaSchema } from "./schema";

// RMAs: a faulty unit goes back to its supplier under the supplier's RMA number. It moves from
// its shelf or van to the "with supplier for repair" place (status in repair) and comes back one
// of three ways: repaired (back into stock), replaced (the old unit is retired there and the new
// serial is received in its place, with the old one's cost and warranty), or refused (back as
// faulty, or retired where it is). Every step is a ledger movement naming the RMA, so the unit's
// history tells the story; one RMA per unit at a time (the unit is locked and must not be away).

const STOCK = ["WAREHOUSE", "BIN", "VAN"];

const RMA_INCLUDE = {
  asset: { select: { id: true, serial: true, item: { select: { id: true, name: true } } } },
  supplier: { select: { id: true, name: true } },
  replacement: { select: { id: true, serial: true } },
} as const satisfies Prisma.RmaInclude;

function present(r: Prisma.RmaGetPayload<{ include: typeof RMA_INCLUDE }>) {
  return {
    id: r.id,
    rmaNumber: r.rmaNumber,
    status: r.status,
    statusLabel: RMA_STATUS_LABELS[r.status],
    fault: r.fault,
    asset: r.asset,
    supplier: r.supplier,
    replacement: r.replacement,
    outcomeNote: r.outcomeNote,
    sentAt: r.sentAt,
    closedAt: r.closedAt,
  };
}

export async function send(scope: Scope, input: z.input<typeof sendRmaSchema>) {
  const data = sendRmaSchema.parse(input);
  const [unit] = await lockBySerial(scope, [data.serial]);
  if (!["FAULTY", "IN_STOCK"].includes(unit.status))
    throw new Conflict(
      `Unit ${unit.serial} is ${ASSET_STATUS_LABELS[unit.status].toLowerCase()}; only a unit in stock can go back to the supplier.`,
      { serial: `${ASSET_STATUS_LABELS[unit.status]}.` },
    );
  const from = await requireLocation(scope, unit.locationId);
  if (!STOCK.includes(from.kind))
    throw new Conflict(`Unit ${unit.serial} is at ${from.name}; bring it into stock first.`, { serial: from.name });
  const supplierId = data.supplierId ?? unit.supplierId;
  if (!supplierId) throw new Invalid("Choose the supplier it goes back to.", { supplierId: "Required." });
  const supplier = await scope.tx.supplier.findUnique({ where: { id: supplierId }, select: { id: true, name: true } });
  if (!supplier) throw new DomainError("NOT_FOUND", "Supplier not found.", { supplierId: "No such supplier." });
  if (await scope.tx.rma.findFirst({ where: { rmaNumber: data.rmaNumber }, select: { id: true } }))
    throw new Conflict(`RMA ${data.rmaNumber} is already recorded.`, { rmaNumber: "Already used." });
  const away = await virtualLocation(scope, "SUPPLIER_REPAIR");
  await post(scope, [
    {
      kind: "TRANSFER",
      itemId: unit.itemId,
      quantity: 1,
      fromLocationId: from.id,
      toLocationId: away.id,
      assetId: unit.id,
      reason: `RMA ${data.rmaNumber} to ${supplier.name}: ${data.fault}`,
    },
  ]);
  await scope.tx.asset.update({ where: { id: unit.id }, data: { status: "IN_REPAIR", locationId: away.id } });
  const id = newId();
  await scope.tx.rma.create({
    data: {
      id,
      companyId: scope.companyId,
      assetId: unit.id,
      supplierId: supplier.id,
      rmaNumber: data.rmaNumber,
      fault: data.fault,
      sentFromLocationId: from.id,
    },
  });
  await audit.record(scope, {
    action: "inventory.rma_send",
    entityType: "Asset",
    entityId: unit.id,
    before: { status: unit.status, location: from.name },
    after: { rmaNumber: data.rmaNumber, supplier: supplier.name, fault: data.fault },
  });
  return get(scope, id);
}

export async function close(scope: Scope, input: z.input<typeof closeRmaSchema>) {
  const data = closeRmaSchema.parse(input);
  await scope.tx.$queryRaw`SELECT id FROM "Rma" WHERE id = ${data.rmaId} FOR UPDATE`;
  const rma = await scope.tx.rma.findUnique({ where: { id: data.rmaId } });
  if (!rma) throw new NotFound("RMA");
  if (rma.status !== "SENT")
    throw new Conflict(`RMA ${rma.rmaNumber} is already closed: ${RMA_STATUS_LABELS[rma.status].toLowerCase()}.`);
  const [unit] = await lockBySerial(scope, [
    (await scope.tx.asset.findUniqueOrThrow({ where: { id: rma.assetId } })).serial,
  ]);
  const to = data.toLocationId ? await requireLocation(scope, data.toLocationId, "toLocationId") : null;
  if (to && !STOCK.includes(to.kind))
    throw new Invalid("Choose a warehouse, bin or van for it.", { toLocationId: "Not a stock place." });
  const why = `RMA ${rma.rmaNumber}: ${RMA_STATUS_LABELS[data.outcome].toLowerCase()}${data.note ? ` (${data.note})` : ""}`;
  let replacementAssetId: string | null = null;

  if (data.outcome === "REPAIRED_RETURNED" || (data.outcome === "REFUSED" && to)) {
    await post(scope, [
      {
        kind: "TRANSFER",
        itemId: unit.itemId,
        quantity: 1,
        fromLocationId: unit.locationId,
        toLocationId: to!.id,
        assetId: unit.id,
        reason: why,
      },
    ]);
    await scope.tx.asset.update({
      where: { id: unit.id },
      data: { status: data.outcome === "REFUSED" ? "FAULTY" : "IN_STOCK", locationId: to!.id },
    });
  } else {
    // Replaced, or refused and not worth bringing back: the unit is retired where it is.
    await post(scope, [
      {
        kind: "WRITE_OFF",
        itemId: unit.itemId,
        quantity: 1,
        fromLocationId: unit.locationId,
        assetId: unit.id,
        reason: why,
      },
    ]);
    await scope.tx.asset.update({ where: { id: unit.id }, data: { status: "RETIRED" } });
    if (data.outcome === "REPLACED") {
      if (await scope.tx.asset.findFirst({ where: { serial: data.replacementSerial }, select: { id: true } }))
        throw new Conflict(`Serial ${data.replacementSerial} is already in your inventory.`, {
          replacementSerial: "Already in your inventory.",
        });
      replacementAssetId = newId();
      await scope.tx.asset.create({
        data: {
          id: replacementAssetId,
          companyId: scope.companyId,
          itemId: unit.itemId,
          serial: data.replacementSerial,
          mac: data.replacementMac ?? null,
          status: "IN_STOCK",
          locationId: to!.id,
          purchaseOrderId: unit.purchaseOrderId,
          supplierId: rma.supplierId,
          costMinor: unit.costMinor,
          purchasedOn: unit.purchasedOn,
          warrantyUntil: unit.warrantyUntil,
          notes: `Replacement for ${unit.serial} under RMA ${rma.rmaNumber}.`,
        },
      });
      await post(scope, [
        {
          kind: "RECEIVE",
          itemId: unit.itemId,
          quantity: 1,
          toLocationId: to!.id,
          assetId: replacementAssetId,
          reason: `RMA ${rma.rmaNumber}: replacement for ${unit.serial}`,
          unitCostMinor: unit.costMinor,
        },
      ]);
    }
  }
  await scope.tx.rma.update({
    where: { id: rma.id },
    data: { status: data.outcome, closedAt: new Date(), outcomeNote: data.note ?? null, replacementAssetId },
  });
  await audit.record(scope, {
    action: "inventory.rma_close",
    entityType: "Asset",
    entityId: unit.id,
    before: { rmaNumber: rma.rmaNumber, status: "SENT" },
    after: {
      outcome: data.outcome,
      location: to?.name ?? null,
      replacementSerial: data.outcome === "REPLACED" ? data.replacementSerial : null,
    },
  });
  return get(scope, rma.id);
}

export async function get(scope: Scope, id: string) {
  const r = await scope.tx.rma.findUnique({ where: { id }, include: RMA_INCLUDE });
  if (!r) throw new NotFound("RMA");
  return present(r);
}

export async function list(scope: Scope, input: z.input<typeof listRmasSchema>) {
  const f = listRmasSchema.parse(input);
  const where: Prisma.RmaWhereInput = {
    ...(f.status ? { status: f.status } : {}),
    ...(f.assetId ? { OR: [{ assetId: f.assetId }, { replacementAssetId: f.assetId }] } : {}),
  };
  return listPage(f, {
    count: () => scope.tx.rma.count({ where }),
    rows: (window) =>
      scope.tx.rma
        .findMany({ where, include: RMA_INCLUDE, orderBy: [{ sentAt: "desc" }, { id: "asc" }], ...window })
        .then((rows) => rows.map(present)),
  });
}
