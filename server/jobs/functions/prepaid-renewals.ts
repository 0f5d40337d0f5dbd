import { runDue } from "../../modules/wallet/prepaid";
import { inngest } from "../client";
import { prepaidRenewalsNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Prepaid subscriptions renew from the wallet when their term runs out, in each company's own
 * time zone; the cron fires hourly, so a term ending at a company's midnight renews within the
 * hour. Each term is claimed once in the database (PrepaidTerm), so a retry, a second tick or a
 * top-up renewing the same subscription at the same moment takes the money once. Customers
 * whose wallet will not cover what renews in the next days are told, once per term.
 */
export const prepaidRenewals = inngest.createFunction(
  {
    id: "prepaid-renewals",
    name: "Renew prepaid subscriptions from the wallet",
    triggers: [{ cron: "TZ=UTC 5 * * * *" }, prepaidRenewalsNow],
  },
  async ({ step }) => forEachCompany(step, "renew", (companyId) => runDue(companyId)),
);
