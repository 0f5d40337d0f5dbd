// Runs a background job's work without the Inngest server: npm run jobs -- <name>
import { disconnectDb } from "../server/db/client";
import { companyIds, purgeExpired } from "../server/modules/auth/housekeeping";
import { run as provisionSubscription } from "../server/modules/provisioning/service";
import { sendFollowUpReminders } from "../server/modules/leads/reminders";

const jobs: Record<string, () => Promise<unknown>> = {
  "auth-housekeeping": async () => Object.fromEntries(await Promise.all((await companyIds()).map(async (id) => [id, await purgeExpired(id)]))),
  "lead-follow-up-reminders": async () => Object.fromEntries(await Promise.all((await companyIds()).map(async (id) => [id, await sendFollowUpReminders(id)]))),
  // npm run jobs -- provision-subscription <companyId> <subscriptionId>: re-apply one subscription's RADIUS records.
  "provision-subscription": async () => {
    const [companyId, subscriptionId] = process.argv.slice(3);
    if (!companyId || !subscriptionId) throw new Error("usage: npm run jobs -- provision-subscription <companyId> <subscriptionId>");
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
await disconnectDb();
