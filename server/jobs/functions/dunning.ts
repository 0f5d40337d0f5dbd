import { withTenant } from "../../db/tenant";
import { reassessAfterPayment, runDaily } from "../../modules/dunning/service";
import { inngest } from "../client";
import { consumer } from "../emit";
import { dunningNow, paymentPosted } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Dunning, daily in each company's time zone: the cron fires hourly and each tick works on the
 * company's own "today". Reminders are keyed per invoice and step, suspensions are recorded per
 * subscription and notices per key, so the 23 ticks after the first find nothing new to do (and
 * a customer who paid meanwhile is restored by the tick at the latest).
 */
export const dunning = inngest.createFunction(
  {
    id: "dunning",
    name: "Remind, suspend and restore for unpaid invoices, daily in each company's time zone",
    triggers: [{ cron: "TZ=UTC 30 * * * *" }, dunningNow],
  },
  async ({ step }) => forEachCompany(step, "dunning", (companyId) => runDaily(companyId)),
);

/**
 * A payment was posted: restore the customer at once when nothing is past grace any more. Run by
 * the "payment-posted" function (payment-posted.ts), beside the receipt.
 */
export const reassessOnPayment = consumer(paymentPosted, ({ companyId, customerId, paymentId }) =>
  withTenant(companyId, (tx) =>
    reassessAfterPayment({ tx, companyId, actor: { type: "SYSTEM", label: "dunning" } }, customerId, paymentId),
  ),
);
