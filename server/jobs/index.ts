import { applyServiceRequests } from "./functions/apply-service-requests";
import { authHousekeeping } from "./functions/auth-housekeeping";
import { certificationExpiryReminders } from "./functions/certification-expiry-reminders";
import { expireVouchers } from "./functions/expire-vouchers";
import { leadFollowUpReminders } from "./functions/lead-follow-up-reminders";
import { provisionSubscription } from "./functions/provision-subscription";
import { purgeAbandonedUploads } from "./functions/purge-abandoned-uploads";
import { slaEscalations } from "./functions/sla-escalations";
import { slaOnCall } from "./functions/sla-on-call";
import { supportWeeklySummary } from "./functions/support-weekly-summary";

/** Every background function, served by app/api/inngest/route.ts. */
export const functions = [
  authHousekeeping,
  provisionSubscription,
  leadFollowUpReminders,
  expireVouchers,
  applyServiceRequests,
  certificationExpiryReminders,
  slaEscalations,
  slaOnCall,
  supportWeeklySummary,
  purgeAbandonedUploads,
];
