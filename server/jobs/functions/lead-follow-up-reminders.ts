import { companyIds } from "../../modules/auth/housekeeping";
import { sendFollowUpReminders } from "../../modules/leads/reminders";
import { inngest } from "../client";
import { leadRemindersNow } from "../events";

/** Every morning: one step per company, each idempotent per owner and day (see reminders.ts). */
export const leadFollowUpReminders = inngest.createFunction(
  {
    id: "lead-follow-up-reminders",
    name: "E-mail lead owners their due follow-ups",
    triggers: [{ cron: "TZ=UTC 0 6 * * *" }, leadRemindersNow],
  },
  async ({ step }) => {
    const ids = await step.run("list-companies", () => companyIds());
    const results: Record<string, Awaited<ReturnType<typeof sendFollowUpReminders>>> = {};
    for (const id of ids) results[id] = await step.run(`remind-${id}`, () => sendFollowUpReminders(id));
    return results;
  },
);
