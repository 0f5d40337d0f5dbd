import { purgeAbandoned } from "../../modules/storage/service";
import { inngest } from "../client";
import { purgeUploadsNow } from "../events";
import { forEachCompany } from "../for-each-company";

/**
 * Nightly: files uploaded into a ticket, reply or work-order form that was never saved are
 * removed after a day (server/modules/storage). One step per company, so a retry resumes.
 */
export const purgeAbandonedUploads = inngest.createFunction(
  {
    id: "purge-abandoned-uploads",
    name: "Remove abandoned attachment uploads",
    triggers: [{ cron: "TZ=UTC 45 2 * * *" }, purgeUploadsNow],
  },
  async ({ step }) => forEachCompany(step, "purge", purgeAbandoned),
);
