import { deliverUpdate, type Delivery } from "../../modules/outages/notify";
import { consumer } from "../emit";
import { outageUpdatePosted } from "../events";
import { inngest } from "../client";

/** Tells the customers of one timeline entry; an entry not committed yet throws NotFound (retried inline). */
export const tellOutageCustomers = consumer(outageUpdatePosted, ({ companyId, updateId }): Promise<Delivery> =>
  deliverUpdate(companyId, updateId),
);

/**
 * E-mails and texts an outage's affected customers what a timeline entry says (opened, a status
 * update, resolved), after the transaction that posted it committed: a poll that opens an outage
 * for thousands of customers does not render their e-mails while it holds its locks. Once per
 * entry: the entry is locked and marked notified in the transaction that writes the messages.
 */
export const notifyOutageCustomers = inngest.createFunction(
  {
    id: "notify-outage-customers",
    name: "Tell an outage's customers",
    retries: 4,
    idempotency: "event.data.updateId",
    triggers: [outageUpdatePosted],
  },
  async ({ event, step }) => step.run("tell", () => tellOutageCustomers.handle(event.data)),
);
