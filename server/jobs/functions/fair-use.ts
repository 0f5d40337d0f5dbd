import { enforceCompany } from "../../modules/data-caps/fair-use";
import { inngest } from "../client";
import { fairUseNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Every 5 minutes (usage arrives with RADIUS interim updates): subscribers online when their
 * billing cycle's usage crossed the cap get the fair-use speed (or are disconnected), and those
 * whose cycle ended or who bought a top-up get full service back, one step per company. Each
 * crossing and restore is claimed once in the database, so a retry or an overlapping run sends
 * nothing twice; the same work runs from Settings → Captive portal's "Check fair use now".
 */
export const fairUse = inngest.createFunction(
  {
    id: "fair-use",
    name: "Apply fair use per billing cycle to live sessions",
    triggers: [{ cron: "TZ=UTC */5 * * * *" }, fairUseNow],
  },
  async ({ step }) => forEachCompany(step, "enforce", (companyId) => enforceCompany(companyId)),
);
