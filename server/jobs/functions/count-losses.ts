import { recordCountLosses } from "../../modules/depreciation/service";
import { inngest } from "../client";
import { consumer } from "../emit";
import { unitsLostInCount } from "../events";

/** A posted count wrote off units it did not find: each is disposed of as lost, at its book value. */
export const recordLostUnits = consumer(unitsLostInCount, ({ companyId, assetIds, postedAt, reason }) =>
  recordCountLosses(companyId, { assetIds, postedAt, reason }),
);

/**
 * Records the units a cycle count did not find as lost on the books, once: a unit already
 * disposed of is skipped (server/modules/depreciation/service.ts), so a retry records nothing twice.
 */
export const countLosses = inngest.createFunction(
  {
    id: "count-losses",
    name: "Record the units a stock count did not find as lost",
    retries: 4,
    idempotency: "event.data.countId",
    triggers: [unitsLostInCount],
  },
  async ({ event, step }) => step.run("record", () => recordLostUnits.handle(event.data)),
);
