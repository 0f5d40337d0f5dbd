import { closeStaleSessions as closeStale } from "../../modules/radius/stale";
import { inngest } from "../client";
import { closeStaleSessionsNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Every five minutes (the usual interim interval): RADIUS sessions whose NAS has sent nothing for
 * longer than the company's setting are closed at their last report (server/modules/radius/stale.ts),
 * so the live view and the online counts stop showing them. One step per company; a step run
 * again, or two runs at once, close each session once.
 */
export const closeStaleSessions = inngest.createFunction(
  {
    id: "close-stale-sessions",
    name: "Close RADIUS sessions whose NAS fell silent",
    triggers: [{ cron: "TZ=UTC */5 * * * *" }, closeStaleSessionsNow],
  },
  async ({ step }) => forEachCompany(step, "close", (companyId) => closeStale(companyId)),
);
