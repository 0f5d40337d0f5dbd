import { sweepPending } from "../../modules/payments/sweep";
import { inngest } from "../client";
import { sweepPaymentsNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Every ten minutes: card and M-Pesa payments still PENDING after their webhook or callback
 * should have come are asked about at the provider and posted or failed, one step per company.
 * Idempotent: only PENDING payments are claimed, so a retry or an overlapping run changes nothing twice.
 */
export const sweepPendingPayments = inngest.createFunction(
  {
    id: "sweep-pending-payments",
    name: "Settle payments no webhook confirmed",
    triggers: [{ cron: "TZ=UTC */10 * * * *" }, sweepPaymentsNow],
  },
  async ({ step }) => forEachCompany(step, "sweep", (id) => sweepPending(id)),
);
