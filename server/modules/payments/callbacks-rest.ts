import { z } from "zod";
import { BodyTooLarge, readBodyText } from "../../api/body";
import { defineRoute, Reply, RestError } from "../../api/rest/route";
import { receiveMpesa, receiveStripe, type MpesaCallbackKind } from "./provider-callbacks";

// The addresses payment providers post to. Each is served on the company's own address with the
// company's unguessable URL token in the path (Billing → Payment methods shows them): a wrong
// token is 404 and nothing is stored. Bodies are read raw: Stripe signs the exact bytes.

const TAG = "Payment providers";
const tokenParams = z.object({
  token: z.string().min(1).max(100).describe("The company's URL token for the provider."),
});
const NOT_FOUND = "No such address: the URL token is not this company's (or the method is switched off).";

async function rawBodyOf(req: Request) {
  try {
    return await readBodyText(req, 256 * 1024);
  } catch (err) {
    if (err instanceof BodyTooLarge) throw new RestError(413, "PAYLOAD_TOO_LARGE", err.message);
    throw err;
  }
}

export const stripeWebhook = defineRoute({
  method: "POST",
  path: "/api/webhooks/stripe/{token}",
  summary: "Stripe webhook",
  description:
    "Stripe posts its events here (checkout.session.*, payment_intent.*, charge.refunded, refund.*, charge.dispute.created, charge.dispute.closed). The `Stripe-Signature` header is verified over the raw body with the endpoint's signing secret; each event id is applied once, and a replay is acknowledged without effect.",
  tags: [TAG],
  auth: "none",
  params: tokenParams,
  errors: { 400: "The signature is missing or does not verify: nothing is recorded.", 404: NOT_FOUND },
  handler: async ({ req, params, company, meta }) => {
    const answer = await receiveStripe(company.id, params.token, await rawBodyOf(req), req.headers, meta.ip);
    return new Reply(answer.status, answer.body);
  },
});

function mpesaRoute(kind: MpesaCallbackKind, path: string, summary: string, description: string) {
  return defineRoute({
    method: "POST",
    path: `/api/mpesa/{token}/${path}`,
    summary,
    description: `${description} Daraja's callbacks carry no signature: only the company's URL token admits them, and nothing is credited before Safaricom confirms it by a query.`,
    tags: [TAG],
    auth: "none",
    params: tokenParams,
    errors: { 400: "Not a Daraja callback of this kind: nothing is recorded.", 404: NOT_FOUND },
    handler: async ({ req, params, company, meta }) => {
      const answer = await receiveMpesa(company.id, params.token, kind, await rawBodyOf(req), meta.ip);
      return new Reply(answer.status, answer.body);
    },
  });
}

export const mpesaStkCallback = mpesaRoute(
  "stk-callback",
  "stk-callback",
  "M-Pesa STK push result",
  "The customer's answer to the payment prompt. Confirmed with the STK query, then the payment succeeds (for the amount we asked) or fails; a duplicate is acknowledged and applied once.",
);
export const mpesaC2bValidation = mpesaRoute(
  "c2b-validation",
  "c2b/validation",
  "M-Pesa paybill validation",
  "Safaricom asks whether to accept a paybill payment: accepted when the account number is a customer's (ResultCode 0), refused with C2B00012 otherwise. Nothing is recorded.",
);
export const mpesaC2bConfirmation = mpesaRoute(
  "c2b-confirmation",
  "c2b/confirmation",
  "M-Pesa paybill confirmation",
  "A paybill payment was made. It is recorded pending (keyed by TransID, once) and a transaction status query is sent; the result credits it.",
);
export const mpesaStatusResult = mpesaRoute(
  "status-result",
  "status/result",
  "M-Pesa transaction status result",
  "Safaricom's answer to a transaction status query: a Completed transaction credits the pending paybill payment with the amount Safaricom states.",
);
export const mpesaStatusTimeout = mpesaRoute(
  "status-timeout",
  "status/timeout",
  "M-Pesa transaction status timeout",
  "Safaricom could not answer a status query in time; acknowledged, and the sweep asks again.",
);
export const mpesaReversalResult = mpesaRoute(
  "reversal-result",
  "reversal-result",
  "M-Pesa reversal result",
  "Safaricom's answer to a reversal we asked for (a refund of an M-Pesa payment), found by its ConversationID. A failure marks the refund failed with Safaricom's reason and changes no books; a success is confirmed by a transaction status query on the reversal, whose result books the refund (the invoices owe again). A duplicate is acknowledged and applied once.",
);
export const mpesaReversalTimeout = mpesaRoute(
  "reversal-timeout",
  "reversal-timeout",
  "M-Pesa reversal timeout",
  "Safaricom could not process a reversal request in time: the refund is marked failed, nothing was refunded and the books are unchanged.",
);
