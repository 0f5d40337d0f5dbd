import { companyIds, purgeExpired } from "../../modules/auth/housekeeping";
import { inngest } from "../client";
import { authHousekeepingNow } from "../events";

/** Nightly: one step per company, so a retry resumes where it failed and never repeats work. */
export const authHousekeeping = inngest.createFunction(
  {
    id: "auth-housekeeping",
    name: "Purge expired sessions and sign-in records",
    triggers: [{ cron: "TZ=UTC 30 2 * * *" }, authHousekeepingNow],
  },
  async ({ step }) => {
    const ids = await step.run("list-companies", () => companyIds());
    const results: Record<string, Awaited<ReturnType<typeof purgeExpired>>> = {};
    for (const id of ids) results[id] = await step.run(`purge-${id}`, () => purgeExpired(id));
    return results;
  },
);
