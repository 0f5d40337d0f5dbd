import { companyIds } from "../../modules/auth/housekeeping";
import { sendCertificationReminders } from "../../modules/staff/reminders";
import { inngest } from "../client";
import { certificationRemindersNow } from "../events";

/** Every morning: one step per company; each certificate's reminder is claimed once (see reminders.ts). */
export const certificationExpiryReminders = inngest.createFunction(
  {
    id: "certification-expiry-reminders",
    name: "Remind staff and team leads of certificates about to expire",
    triggers: [{ cron: "TZ=UTC 0 5 * * *" }, certificationRemindersNow],
  },
  async ({ step }) => {
    const ids = await step.run("list-companies", () => companyIds());
    const results: Record<string, Awaited<ReturnType<typeof sendCertificationReminders>>> = {};
    for (const id of ids) results[id] = await step.run(`remind-${id}`, () => sendCertificationReminders(id));
    return results;
  },
);
