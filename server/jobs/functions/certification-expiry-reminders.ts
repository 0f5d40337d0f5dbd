import { sendCertificationReminders } from "../../modules/staff/reminders";
import { inngest } from "../client";
import { certificationRemindersNow } from "../events";
import { forEachCompany } from "../for-each-company";

/** Every morning: one step per company; each certificate's reminder is claimed once (see reminders.ts). */
export const certificationExpiryReminders = inngest.createFunction(
  {
    id: "certification-expiry-reminders",
    name: "Remind staff and team leads of certificates about to expire",
    triggers: [{ cron: "TZ=UTC 0 5 * * *" }, certificationRemindersNow],
  },
  async ({ step }) => forEachCompany(step, "remind", sendCertificationReminders),
);
