import { draftDue } from "../../modules/inventory/reorder";
import { inngest } from "../client";
import { consumer } from "../emit";
import { reorderNow, stockTakenOut } from "../events";
import { forEachCompany } from "../for-each-company";

/** Stock left a location: draft purchase orders for the items that fell below their reorder point. */
export const reorderOnStockOut = consumer(stockTakenOut, ({ companyId, itemIds }) => draftDue(companyId, itemIds));

/**
 * Drafts purchase orders for items below their reorder point: at once when stock goes out (the
 * event), and every hour for every company as a sweep (a missed event, a changed reorder point).
 * Once per item until its order is received or cancelled (server/modules/inventory/reorder.ts),
 * so retries and overlapping runs draft nothing twice.
 */
export const inventoryReorder = inngest.createFunction(
  {
    id: "inventory-reorder",
    name: "Draft purchase orders for items below their reorder point",
    triggers: [{ cron: "TZ=UTC 7 * * * *" }, reorderNow, stockTakenOut],
  },
  async ({ event, step }) => {
    if (event.name === stockTakenOut.name) {
      const data = event.data as { companyId: string; itemIds: string[] };
      return step.run("draft", () => reorderOnStockOut.handle(data));
    }
    return forEachCompany(step, "draft", async (id) => (await draftDue(id)).drafted.length);
  },
);
