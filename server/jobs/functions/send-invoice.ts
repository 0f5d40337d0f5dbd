import { deliverIssued, type DeliveryOutcome } from "../../modules/billing/delivery";
import { inngest } from "../client";
import { consumer } from "../emit";
import { invoiceIssued } from "../events";

/** E-mails (with the PDF) and texts a newly issued invoice; a run whose invoice is not committed yet throws NotFound (retried inline). */
export const deliverInvoice = consumer(invoiceIssued, ({ companyId, invoiceId }): Promise<DeliveryOutcome> =>
  deliverIssued(companyId, invoiceId),
);

/**
 * Sends each issued invoice to its customer, once: the delivery is claimed in the database under
 * the invoice's "issued" key, so a re-delivered event (or Inngest's retry after the mail went)
 * finds it claimed and sends nothing.
 */
export const sendInvoice = inngest.createFunction(
  {
    id: "send-invoice",
    name: "Send an issued invoice to the customer",
    retries: 4,
    idempotency: "event.data.invoiceId",
    triggers: [invoiceIssued],
  },
  async ({ event, step }) => step.run("send", () => deliverInvoice.handle(event.data)),
);
