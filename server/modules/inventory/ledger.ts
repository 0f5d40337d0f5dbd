import type { StockMovementKind } from "../../db/generated/prisma/enums";
import { emit } from "../../jobs/emit";
import { stockTakenOut } from "../../jobs/events";
import { afterCommit } from "../../lib/after-commit";
import { Conflict } from "../../lib/errors";
import { newId } from "../../lib/ids";
import type { Scope } from "../scope";

// The stock ledger. Every change of where stock is goes through post(): it writes the movement
// rows and changes the StockLevel summary (item × location) in the caller's transaction, so the
// two never disagree, and a failure anywhere rolls both back.
//
// Concurrency: taking stock out is one conditional UPDATE ("quantity >= n"). PostgreSQL locks the
// level's row for it, so two requests issuing the last unit at once are serialised: the second
// waits for the first to commit, re-reads the row, finds 0 and changes nothing, and is answered
// "only 0 on hand". The CHECK (quantity >= 0) on StockLevel is the backstop underneath.

export interface Move {
  kind: StockMovementKind;
  itemId: string;
  quantity: number;
  fromLocationId?: string | null;
  toLocationId?: string | null;
  assetId?: string | null;
  workOrderId?: string | null;
  subscriptionId?: string | null;
  purchaseOrderId?: string | null;
  reason?: string | null;
  unitCostMinor?: number | null;
}

/** Writes `moves` and their effect on the stock levels, in order. Returns the movement ids. */
export async function post(scope: Scope, moves: readonly Move[]): Promise<string[]> {
  const ids: string[] = [];
  const takenOut = new Set<string>();
  for (const m of moves) {
    if (!Number.isInteger(m.quantity) || m.quantity <= 0) throw new Error(`A movement of ${m.quantity} units`);
    if (m.fromLocationId) {
      const taken = await scope.tx.$executeRaw`
        UPDATE "StockLevel" SET quantity = quantity - ${m.quantity}
         WHERE "itemId" = ${m.itemId} AND "locationId" = ${m.fromLocationId} AND quantity >= ${m.quantity}`;
      if (taken !== 1) throw await shortage(scope, m.itemId, m.fromLocationId, m.quantity);
      takenOut.add(m.itemId);
    }
    if (m.toLocationId) {
      await scope.tx.$executeRaw`
        INSERT INTO "StockLevel" ("companyId", "itemId", "locationId", quantity)
        VALUES (${scope.companyId}, ${m.itemId}, ${m.toLocationId}, ${m.quantity})
        ON CONFLICT ("itemId", "locationId") DO UPDATE SET quantity = "StockLevel".quantity + EXCLUDED.quantity`;
    }
    const id = newId();
    await scope.tx.stockMovement.create({
      data: {
        id,
        companyId: scope.companyId,
        kind: m.kind,
        itemId: m.itemId,
        quantity: m.quantity,
        fromLocationId: m.fromLocationId ?? null,
        toLocationId: m.toLocationId ?? null,
        assetId: m.assetId ?? null,
        workOrderId: m.workOrderId ?? null,
        subscriptionId: m.subscriptionId ?? null,
        purchaseOrderId: m.purchaseOrderId ?? null,
        reason: m.reason ?? null,
        unitCostMinor: m.unitCostMinor ?? null,
        actorLabel: scope.actor.label ?? scope.actor.type.toLowerCase(),
      },
    });
    ids.push(id);
  }
  // Stock went out: once this commits, the reorder job looks at these items' reorder points.
  const watched = [...takenOut];
  if (watched.length) {
    const { companyId } = scope;
    afterCommit(scope.tx, () => emit(stockTakenOut, { companyId, itemIds: watched }));
  }
  return ids;
}

/** "Only 0 m of Drop cable at Van: Peter; 50 asked." */
async function shortage(scope: Scope, itemId: string, locationId: string, asked: number) {
  const [item, location, level] = [
    await scope.tx.inventoryItem.findUnique({ where: { id: itemId }, select: { name: true, unit: true } }),
    await scope.tx.stockLocation.findUnique({ where: { id: locationId }, select: { name: true } }),
    await scope.tx.stockLevel.findUnique({
      where: { itemId_locationId: { itemId, locationId } },
      select: { quantity: true },
    }),
  ];
  const have = level?.quantity ?? 0;
  const unit = item?.unit && item.unit !== "unit" ? ` ${item.unit}` : "";
  return new Conflict(
    `Only ${have}${unit} of ${item?.name ?? "this item"} on hand at ${location?.name ?? "this location"}; ${asked}${unit} asked.`,
    { quantity: `Only ${have} on hand.` },
  );
}

/** On hand where the company holds stock (warehouses, bins, vans): what the reorder point is compared with. */
export async function onHand(scope: Scope, itemId: string): Promise<number> {
  const rows = await scope.tx.$queryRaw<{ n: number }[]>`
    SELECT coalesce(sum(l.quantity), 0)::int AS n
      FROM "StockLevel" l JOIN "StockLocation" s ON s.id = l."locationId"
     WHERE l."itemId" = ${itemId} AND s.kind IN ('WAREHOUSE', 'BIN', 'VAN')`;
  return rows[0]?.n ?? 0;
}

/**
 * Every item × location where the maintained StockLevel differs from the ledger's sum (arrivals
 * minus departures). Empty when the summary is right; tests and an operator's check use it.
 */
export async function drift(scope: Scope) {
  return scope.tx.$queryRaw<{ itemId: string; locationId: string; level: number; ledger: number }[]>`
    WITH ledger AS (
      SELECT "itemId", "toLocationId" AS "locationId", quantity FROM "StockMovement" WHERE "toLocationId" IS NOT NULL
      UNION ALL
      SELECT "itemId", "fromLocationId", -quantity FROM "StockMovement" WHERE "fromLocationId" IS NOT NULL
    ), sums AS (
      SELECT "itemId", "locationId", sum(quantity)::int AS ledger FROM ledger GROUP BY 1, 2
    )
    SELECT coalesce(l."itemId", s."itemId") AS "itemId", coalesce(l."locationId", s."locationId") AS "locationId",
           coalesce(l.quantity, 0) AS level, coalesce(s.ledger, 0) AS ledger
      FROM "StockLevel" l FULL JOIN sums s ON s."itemId" = l."itemId" AND s."locationId" = l."locationId"
     WHERE coalesce(l.quantity, 0) <> coalesce(s.ledger, 0)`;
}
