import { withTenant } from "../../db/tenant";
import { systemActor, type Scope } from "../scope";
import * as audit from "../audit/service";
import { onOrderOf } from "./catalogue";
import { onHand } from "./ledger";
import { create } from "./purchase-orders";
import { formatPurchaseOrderNumber } from "./schema";

// Reorder points: when an item's stock on hand (warehouses, bins and vans) falls below its
// reorder point, a draft purchase order for its reorder quantity goes to its default supplier,
// for a person to check and send. Once per item until that order is received or cancelled: the
// draft's id is kept on the item (reorderPurchaseOrderId), set under the item's row lock, so
// two runs at once, or a run on every stock movement, still draft one order.

export interface ReorderOutcome {
  drafted: { itemId: string; purchaseOrderId: string; number: string }[];
  /** Below the reorder point but without a default supplier to order from. */
  noSupplier: string[];
}

/** Drafts the purchase orders due for `itemIds` (every item when left out). Idempotent. */
export async function draftDue(companyId: string, itemIds?: readonly string[]): Promise<ReorderOutcome> {
  return withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { ...systemActor, label: "reorder" } };
    const candidates = await tx.inventoryItem.findMany({
      where: {
        reorderPoint: { not: null },
        reorderPurchaseOrderId: null,
        archivedAt: null,
        ...(itemIds ? { id: { in: [...itemIds] } } : {}),
      },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    const outcome: ReorderOutcome = { drafted: [], noSupplier: [] };
    for (const { id } of candidates) {
      // The row lock: a concurrent run waits here, then finds the order this one drafted.
      await tx.$queryRaw`SELECT id FROM "InventoryItem" WHERE id = ${id} FOR UPDATE`;
      const item = await tx.inventoryItem.findUniqueOrThrow({ where: { id } });
      if (item.reorderPurchaseOrderId || item.reorderPoint === null) continue;
      const have = await onHand(scope, id);
      if (have >= item.reorderPoint) continue;
      if (!item.defaultSupplierId) {
        outcome.noSupplier.push(id);
        continue;
      }
      const coming = (await onOrderOf(scope, [id])).get(id) ?? 0;
      const quantity = item.reorderQuantity ?? item.reorderPoint - have + 1;
      const unit = item.unit === "unit" ? "" : ` ${item.unit}`;
      const po = await create(
        scope,
        {
          supplierId: item.defaultSupplierId,
          notes:
            `Drafted automatically by ${item.name}'s reorder point: ${have}${unit} on hand (warehouses, shelves and vans), ` +
            `below the reorder point of ${item.reorderPoint}${unit}; ${coming}${unit} on order before this one. ` +
            (item.reorderQuantity === null
              ? `No reorder quantity is set, so ${quantity}${unit} brings stock back above the point. `
              : `Ordering the reorder quantity, ${quantity}${unit}. `) +
            "Check and send it.",
          lines: [{ itemId: id, quantity }],
        },
        { automatic: true },
      );
      await tx.inventoryItem.update({ where: { id }, data: { reorderPurchaseOrderId: po.id } });
      await audit.record(scope, {
        action: "inventory.reorder",
        entityType: "InventoryItem",
        entityId: id,
        after: {
          onHand: have,
          onOrder: coming,
          reorderPoint: item.reorderPoint,
          quantity,
          purchaseOrder: formatPurchaseOrderNumber(po.number),
        },
      });
      outcome.drafted.push({ itemId: id, purchaseOrderId: po.id, number: po.numberLabel });
    }
    return outcome;
  });
}
