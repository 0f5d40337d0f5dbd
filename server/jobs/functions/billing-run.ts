import { executeRequested, runScheduled, type RunResult } from "../../modules/billing/run";
import { inngest } from "../client";
import { consumer } from "../emit";
import { billingRunNow, billingRunRequested } from "../events";
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
      return asJson(await runScheduled(companyId));
    }),
);

// Step results are JSON: the run's total is a BigInt.
const asJson = (result: RunResult | null) => (result ? { ...result, totalMinor: result.totalMinor.toString() } : null);

/** Runs a staff "Run now" run; a run not committed yet throws NotFound (retried inline). */
export const executeRequestedRun = consumer(billingRunRequested, async ({ companyId, runId }) =>
  asJson(await executeRequested(companyId, runId)),
);

/**
 * A billing run staff started from the console, in the background: one event per run (its id is
 * the event id), so it is not bound to the request that asked for it. Retried on a crash; the
 * claims make a retry go on where the run stopped.
 */
export const billingRunRequestedFn = inngest.createFunction(
  {
    id: "billing-run-requested",
    name: "Run billing now for one company",
    retries: 2,
    idempotency: "event.data.runId",
    triggers: [billingRunRequested],
  },
  async ({ event, step }) => step.run("run", () => executeRequestedRun.handle(event.data)),
);
