import { runScheduled } from "../../modules/billing/run";
import { inngest } from "../client";
import { billingRunNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * The daily billing run, in each company's own time zone: the cron fires hourly and runScheduled
 * bills a company's "today" the first time it sees that date there (a company whose day already
 * has a finished scheduled run is skipped). Each subscription period is claimed once in the
 * database, so a retry, a second tick or a staff "run now" at the same moment bills nothing twice.
 */
export const billingRun = inngest.createFunction(
  {
    id: "billing-run",
    name: "Invoice everything due, daily in each company's time zone",
    triggers: [{ cron: "TZ=UTC 15 * * * *" }, billingRunNow],
  },
  async ({ step }) =>
    forEachCompany(step, "bill", async (companyId) => {
      const result = await runScheduled(companyId);
      // Step results are JSON: the run's total is a BigInt.
      return result ? { ...result, totalMinor: result.totalMinor.toString() } : null;
    }),
);
