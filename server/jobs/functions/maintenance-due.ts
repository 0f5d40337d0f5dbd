import { openDue } from "../../modules/maintenance/service";
import { inngest } from "../client";
import { maintenanceNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Opens preventive-maintenance work orders `leadDays` ahead of their due dates, every hour for
 * every company. Each plan's occurrence (plan, target, due date) is a unique row written before
 * its work order, so retries and overlapping runs open nothing twice
 * (server/modules/maintenance/service.ts).
 */
export const maintenanceDue = inngest.createFunction(
  {
    id: "maintenance-due",
    name: "Open preventive-maintenance work orders ahead of their due dates",
    triggers: [{ cron: "TZ=UTC 17 * * * *" }, maintenanceNow],
  },
  async ({ step }) => forEachCompany(step, "open", async (id) => (await openDue(id)).opened.length),
);
