import { prune } from "../../modules/retention/service";
import { inngest } from "../client";
import { applyRetentionNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Nightly: each company's RADIUS sessions, daily usage, audit entries and sent e-mail older than
 * its retention settings, and its idempotency keys past the time the API remembers them, are
 * deleted, in batches, by the modules that own them (server/modules/retention). One step per company, so a retry resumes after the last company
 * that finished; a company's step run twice (or two runs at once) deletes nothing twice.
 */
export const applyRetention = inngest.createFunction(
  {
    id: "apply-retention",
    name: "Delete records past their retention",
    triggers: [{ cron: "TZ=UTC 15 3 * * *" }, applyRetentionNow],
  },
  async ({ step }) => forEachCompany(step, "prune", (companyId) => prune(companyId)),
);
