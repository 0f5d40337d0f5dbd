import { authHousekeeping } from "./functions/auth-housekeeping";
import { expireVouchers } from "./functions/expire-vouchers";
import { leadFollowUpReminders } from "./functions/lead-follow-up-reminders";
import { provisionSubscription } from "./functions/provision-subscription";

/** Every background function, served by app/api/inngest/route.ts. */
export const functions = [authHousekeeping, provisionSubscription, leadFollowUpReminders, expireVouchers];
