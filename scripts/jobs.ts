// Runs a background job's work without the Inngest server: npm run jobs -- <name>
import { disconnectDb } from "../server/db/client";
import { companyIds, purgeExpired } from "../server/modules/auth/housekeeping";
import { settleInline } from "../server/modules/provisioning/dispatch";
import { run as provisionSubscription } from "../server/modules/provisioning/service";
import { sendFollowUpReminders } from "../server/modules/leads/reminders";
import { applyDue } from "../server/modules/service-requests/apply";
import { sendCertificationReminders } from "../server/modules/staff/reminders";
import { runEscalations } from "../server/modules/tickets/escalation";
import { sendWeeklySummary } from "../server/modules/support-reports/weekly";
import { purgeAbandoned } from "../server/modules/storage/service";

const jobs: Record<string, () => Promise<unknown>> = {
  "auth-housekeeping": async () =>
    Object.fromEntries(await Promise.all((await companyIds()).map(async (id) => [id, await purgeExpired(id)]))),
  "purge-abandoned-uploads": async () => {
    const results: Record<string, { removed: number }> = {};
    for (const id of await companyIds()) results[id] = await purgeAbandoned(id);
    return results;
  },
  "lead-follow-up-reminders": async () =>
    Object.fromEntries(
      await Promise.all((await companyIds()).map(async (id) => [id, await sendFollowUpReminders(id)])),
    ),
  // One company after another, like the Inngest function's steps.
  "apply-service-requests": async () => {
    const results: Record<string, Awaited<ReturnType<typeof applyDue>>> = {};
    for (const id of await companyIds()) results[id] = await applyDue(id);
    return results;
  },
  "certification-expiry-reminders": async () => {
    const results: Record<string, Awaited<ReturnType<typeof sendCertificationReminders>>> = {};
    for (const id of await companyIds()) results[id] = await sendCertificationReminders(id);
    return results;
  },
  "support-weekly-summary": async () => {
    const results: Record<string, Awaited<ReturnType<typeof sendWeeklySummary>>> = {};
    for (const id of await companyIds()) results[id] = await sendWeeklySummary(id);
    return results;
  },
  "sla-escalations": async () => {
    const results: Record<string, Awaited<ReturnType<typeof runEscalations>>> = {};
    for (const id of await companyIds()) results[id] = await runEscalations(id);
    return results;
  },
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
console.log(JSON.stringify(await job(), null, 2));
// Changes made by a job (a package switch) provision inline after their transaction when no
// Inngest server is configured: let those finish before the connections close.
await settleInline();
await disconnectDb();
