import { expireDue } from "../../modules/vouchers/redemption";
import { inngest } from "../client";
import { expireVouchersNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Every quarter hour: time-limited vouchers whose time is up are marked EXPIRED, one step per
 * company. Pages and RADIUS already treat them as expired from the exact second; this keeps the
 * stored status (reports, exports) in step. expireDue is idempotent, so retries are harmless.
 */
export const expireVouchers = inngest.createFunction(
  {
    id: "expire-vouchers",
    name: "Expire used-up hotspot vouchers",
    triggers: [{ cron: "TZ=UTC */15 * * * *" }, expireVouchersNow],
  },
  async ({ step }) => forEachCompany(step, "expire", async (id) => (await expireDue(id)).expired),
);
