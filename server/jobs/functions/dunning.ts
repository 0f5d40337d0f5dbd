import { withTenant } from "../../db/tenant";
import { reassessAfter, runDaily, type BalanceCause } from "../../modules/dunning/service";
import { inngest } from "../client";
import { consumer } from "../emit";
import { balanceReduced, dunningNow, paymentPosted } from "../events";
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

const reassessFor = (companyId: string, customerId: string, cause: BalanceCause) =>
  withTenant(companyId, (tx) =>
    reassessAfter({ tx, companyId, actor: { type: "SYSTEM", label: "dunning" } }, customerId, cause),
  );

/**
 * A payment was posted: restore the customer at once when nothing is past grace any more. Run by
 * the "payment-posted" function (payment-posted.ts), beside the receipt.
 */
export const reassessOnPayment = consumer(paymentPosted, ({ companyId, customerId, paymentId }) =>
  reassessFor(companyId, customerId, { kind: "PAYMENT", id: paymentId }),
);

/** An invoice was voided or credited: the same reassessment as after a payment. */
export const reassessOnBalanceReduced = consumer(balanceReduced, ({ companyId, customerId, cause, documentId }) =>
  reassessFor(companyId, customerId, { kind: cause, id: documentId }),
);

export const balanceReducedFunction = inngest.createFunction(
  {
    id: "balance-reduced",
    name: "Restore service after a voided invoice or a credit note",
    retries: 4,
    idempotency: "event.data.documentId",
    // One customer at a time, like payment-posted: two changes at once reassess one after the other.
    concurrency: { key: "event.data.customerId", limit: 1 },
    triggers: [balanceReduced],
  },
  async ({ event, step }) => step.run("dunning-reassess", () => reassessOnBalanceReduced.handle(event.data)),
);
