import { sendDue } from "../../modules/data-caps/notices";
import { inngest } from "../client";
import { dataCapNoticesNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Every quarter hour (usage arrives with RADIUS interim updates through the day): tells each
 * subscriber who passed 80 % or 100 % of this period's data, one step per company. Each notice is
 * claimed once in the database, so a retry or an overlapping run sends nothing twice.
 */
export const dataCapNotices = inngest.createFunction(
  {
    id: "data-cap-notices",
    name: "Tell subscribers at 80% and 100% of their data",
    triggers: [{ cron: "TZ=UTC */15 * * * *" }, dataCapNoticesNow],
  },
  async ({ step }) => forEachCompany(step, "notify", (companyId) => sendDue(companyId)),
);
