// Runs a background job's work without the Inngest server: npm run jobs -- <name>
import { disconnectDb } from "../server/db/client";
import { handleEventsInline } from "../server/jobs";
import { settleInline } from "../server/jobs/emit";
import { purgeExpired } from "../server/modules/auth/housekeeping";
import { runScheduled as runBilling } from "../server/modules/billing/run";
import * as companies from "../server/modules/companies/service";
import { runDaily as runDunning } from "../server/modules/dunning/service";
import { run as provisionSubscription } from "../server/modules/provisioning/service";
import { sendFollowUpReminders } from "../server/modules/leads/reminders";
import { applyDue } from "../server/modules/service-requests/apply";
import { sendCertificationReminders } from "../server/modules/staff/reminders";
import { runEscalations } from "../server/modules/tickets/escalation";
import { sendWeeklySummary } from "../server/modules/support-reports/weekly";
import { purgeAbandoned } from "../server/modules/storage/service";
import { prune as applyRetention } from "../server/modules/retention/service";
import { closeStaleSessions } from "../server/modules/radius/stale";
import { trim as trimMonitoring } from "../server/modules/monitoring/retention";

/** One company after another, like the Inngest function's steps (server/jobs/for-each-company.ts). */
const eachCompany = (work: (companyId: string) => Promise<unknown>) => async () => {
  const results: Record<string, unknown> = {};
  for (const id of await companies.listIds()) results[id] = await work(id);
  return results;
};

const jobs: Record<string, () => Promise<unknown>> = {
  "auth-housekeeping": eachCompany(purgeExpired),
  "purge-abandoned-uploads": eachCompany(purgeAbandoned),
  "apply-retention": eachCompany((companyId) => applyRetention(companyId)),
  "close-stale-sessions": eachCompany((companyId) => closeStaleSessions(companyId)),
  "trim-monitoring": eachCompany((companyId) => trimMonitoring(companyId)),
  "lead-follow-up-reminders": eachCompany(sendFollowUpReminders),
  "apply-service-requests": eachCompany(applyDue),
  "certification-expiry-reminders": eachCompany(sendCertificationReminders),
  "support-weekly-summary": eachCompany(sendWeeklySummary),
  "sla-escalations": eachCompany(runEscalations),
  "billing-run": eachCompany(async (id) => {
    const result = await runBilling(id);
    return result && { ...result, totalMinor: result.totalMinor.toString() };
  }),
  dunning: eachCompany((id) => runDunning(id)),
  // npm run jobs -- provision-subscription <companyId> <subscriptionId>: re-apply one subscription's RADIUS records.
  "provision-subscription": async () => {
    const [companyId, subscriptionId] = process.argv.slice(3);
    if (!companyId || !subscriptionId)
      throw new Error("usage: npm run jobs -- provision-subscription <companyId> <subscriptionId>");
    return provisionSubscription(companyId, subscriptionId);
  },
};

const name = process.argv[2];
const job = name ? jobs[name] : undefined;
if (!job) {
  console.error(`usage: npm run jobs -- <${Object.keys(jobs).join("|")}>`);
  process.exit(1);
}
// Changes made by a job (a package switch) emit events; without an Inngest server they are handled here.
handleEventsInline();
console.log(JSON.stringify(await job(), null, 2));
// Let that inline work finish before the connections close.
await settleInline();
await disconnectDb();
