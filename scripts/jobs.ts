// Runs a background job's work without the Inngest server: npm run jobs -- <name>
import { disconnectDb } from "../server/db/client";
import { companyIds, purgeExpired } from "../server/modules/auth/housekeeping";

const jobs: Record<string, () => Promise<unknown>> = {
  "auth-housekeeping": async () => Object.fromEntries(await Promise.all((await companyIds()).map(async (id) => [id, await purgeExpired(id)]))),
};

const name = process.argv[2];
const job = name ? jobs[name] : undefined;
if (!job) {
  console.error(`usage: npm run jobs -- <${Object.keys(jobs).join("|")}>`);
  process.exit(1);
}
console.log(JSON.stringify(await job(), null, 2));
await disconnectDb();
