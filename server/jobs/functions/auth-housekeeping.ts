import { purgeExpired } from "../../modules/auth/housekeeping";
import { inngest } from "../client";
import { authHousekeepingNow } from "../events";
import { forEachCompany } from "../for-each-company";

/** Nightly: one step per company, so a retry resumes where it failed and never repeats work. */
export const authHousekeeping = inngest.createFunction(
  {
    id: "auth-housekeeping",
    name: "Purge expired sessions and sign-in records",
    triggers: [{ cron: "TZ=UTC 30 2 * * *" }, authHousekeepingNow],
  },
  async ({ step }) => forEachCompany(step, "purge", purgeExpired),
);
