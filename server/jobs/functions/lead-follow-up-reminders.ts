import { sendFollowUpReminders } from "../../modules/leads/reminders";
import { inngest } from "../client";
import { leadRemindersNow } from "../events";
import { forEachCompany } from "../for-each-company";

/** Every morning: one step per company, each idempotent per owner and day (see reminders.ts). */
export const leadFollowUpReminders = inngest.createFunction(
  {
    id: "lead-follow-up-reminders",
    name: "E-mail lead owners their due follow-ups",
    triggers: [{ cron: "TZ=UTC 0 6 * * *" }, leadRemindersNow],
  },
  async ({ step }) => forEachCompany(step, "remind", sendFollowUpReminders),
);
