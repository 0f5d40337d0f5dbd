import { applyDue } from "../../modules/service-requests/apply";
import { inngest } from "../client";
import { applyServiceRequestsNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Applies approved service requests (upgrade, downgrade, relocation, termination) whose
 * effective date has come in their company's time zone. One step per company; applyDue claims
 * each request with a conditional update, so a retry, a second run or a concurrent one applies
 * nothing twice.
 *
 * Each request still takes effect once, on its date. The cron fires hourly rather than once a
 * day so that the change happens soon after midnight where the company is: one run at 00:05 UTC
 * would switch Auckland's subscribers at 13:05 and Los Angeles's at 16:05 local time, most of
 * the effective day late. An hour with nothing due costs one indexed query per company.
 */
export const applyServiceRequests = inngest.createFunction(
  {
    id: "apply-service-requests",
    name: "Apply approved service requests on their effective date",
    triggers: [{ cron: "TZ=UTC 5 * * * *" }, applyServiceRequestsNow],
  },
  async ({ step }) => forEachCompany(step, "apply", applyDue),
);
