import { sendWeeklySummary } from "../../modules/support-reports/weekly";
import { inngest } from "../client";
import { weeklySummaryNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Hourly: each company whose local time is Monday 07:00 or later gets last week's support
 * summary, once per week (see modules/support-reports/weekly.ts). Hourly because companies
 * are in different time zones.
 */
export const supportWeeklySummary = inngest.createFunction(
  {
    id: "support-weekly-summary",
    name: "Send managers last week's support summary",
    triggers: [{ cron: "TZ=UTC 5 * * * *" }, weeklySummaryNow],
  },
  async ({ step }) => forEachCompany(step, "summary", sendWeeklySummary),
);
