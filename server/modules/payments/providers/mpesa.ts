import { darajaClient, DarajaError, type DarajaCredentials } from "./daraja-client";
import { parseDarajaCallback, parseReversalResult } from "./mpesa-callbacks";
import type {
  InitiateRequest,
  InitiateResult,
  PaymentProviderAdapter,
  ProviderEvent,
  ProviderOutcome,
  RefundResult,
  WebhookInput,
} from "./types";

// M-Pesa through Safaricom's Daraja API, for one company's paybill (or till).
//
// STK push: we ask Safaricom to prompt the customer's phone; the answer comes to the callback URL,
// or, when that never arrives, from the STK query (synchronous, so `status` answers at once).
//
// Paybill (C2B): the customer pays from their phone with our account number as the bill
// reference; Safaricom posts a validation request (when external validation is enabled for the
// shortcode) and then a confirmation. Callbacks carry no signature, so before crediting a
// confirmation we ask Daraja about the TransID with the Transaction Status API. That API is
// asynchronous: the request is only acknowledged, and the answer is posted later to our result
// URL (a `transaction_status_result` event, parsed by handleWebhook like any callback). So the
// flow is: confirmation → record it unconfirmed (no money credited) → queryTransactionStatus →
// the result callback credits it if Daraja says "Completed" for that amount. `status(TransID)`
// starts such a query and answers PENDING; the sweep calls it again for any that stay unconfirmed.
//
// Refunds are reversals (Daraja's Reversal API), asynchronous like the status query: `refund`
// only gets the request accepted (the refund stays PENDING, the books unchanged); the result is
// posted to `${callbackBaseUrl}/reversal-result` (parsed by handleWebhook with `reversal`), or a
// queue timeout to …/reversal-timeout (no answer: the refund stays PENDING for the sweep). A
// successful result is confirmed by a transaction status query on the reversal's own TransactionID
// before anything is booked (see refunds.ts); a reversal whose result never came is asked about by
// its request's OriginatorConversationID.
//
// Amounts: M-Pesa moves whole shillings only. An amount with cents is refused (never rounded:
// rounding up overcharges the customer, rounding down leaves the invoice short by cents);
// the portal offers whole shillings.

export interface MpesaAdapterConfig extends DarajaCredentials {
  /** BusinessShortCode: the paybill number, or for a till the store number. */
  shortcode: string;
  /** The Lipa na M-Pesa Online passkey Safaricom issues for the shortcode. */
  passkey: string;
  /** A till (Buy Goods) pays to PartyB = the till number with CustomerBuyGoodsOnline. */
  till?: string | null;
  /** Where Safaricom posts callbacks for this company: https://…/api/mpesa/<url token>. */
  callbackBaseUrl: string;
  /** For the Transaction Status API: the initiator's user name and its SecurityCredential
   * (the initiator password encrypted with Safaricom's certificate; the Daraja portal makes it). */
  initiatorName?: string | null;
  securityCredential?: string | null;
  /** Tests fix the clock (the STK password includes the time). */
  now?: () => Date;
}

export interface MpesaAdapter extends PaymentProviderAdapter {
  readonly name: "MPESA";
  /** Parses a callback; `path` tells a validation request from a confirmation (same shape). */
  handleWebhook(input: WebhookInput & { c2b?: "c2b_validation" | "c2b_confirmation"; reversal?: "result" | "timeout" }): Promise<ProviderEvent>; // prettier-ignore
  /** Tells Safaricom where to post paybill validation and confirmation for the shortcode. */
  registerC2BUrls(): Promise<void>;
  /** Asks Daraja about a paybill TransID; the answer arrives at `${callbackBaseUrl}/status/result`. */
  queryTransactionStatus(ref: string, by?: "transaction" | "conversation"): Promise<{ conversationId: string }>;
}

/** An amount M-Pesa cannot move: refused before anything is sent. */
export class MpesaAmountRefused extends Error {
  readonly code = "MPESA_AMOUNT_REFUSED";
}

/** Still being processed: the STK query's answer while the customer has not yet answered the prompt. */
const PROCESSING_ERROR = "500.001.1001";
const STILL_PROCESSING_RESULT = "4999";

/** Daraja's timestamp, yyyyMMddHHmmss in Kenya's time (UTC+3, no daylight saving). */
export function darajaTimestamp(at: Date): string {
  return new Date(at.getTime() + 3 * 3600_000).toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

export function stkPassword(shortcode: string, passkey: string, timestamp: string): string {
  return Buffer.from(`${shortcode}${passkey}${timestamp}`).toString("base64");
}

/** A paybill receipt (TransID) is ten capitals and digits; STK's CheckoutRequestID is "ws_CO_…". */
export function isTransId(ref: string): boolean {
  return /^[A-Z0-9]{10}$/.test(ref);
}

/** 254712345678 → "0712 345 678", the way Kenyans write their numbers. */
function localPhone(phone: string): string {
  const local = `0${phone.slice(3)}`;
  return `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`;
}

export function wholeShillings(amountMinor: number, currency: string): number {
  if (currency.toUpperCase() !== "KES") throw new MpesaAmountRefused(`M-Pesa takes Kenya shillings, not ${currency}.`);
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 100) {
    throw new MpesaAmountRefused("The amount to pay by M-Pesa must be at least KES 1.");
  }
  if (amountMinor % 100 !== 0) {
    throw new MpesaAmountRefused("M-Pesa takes whole shillings: enter the amount without cents.");
  }
  return amountMinor / 100;
}

export function mpesaAdapter(config: MpesaAdapterConfig): MpesaAdapter {
  const now = config.now ?? (() => new Date());
  const daraja = darajaClient(config, () => now().getTime());
  const base = config.callbackBaseUrl.replace(/\/$/, "");

  function credentials() {
    const timestamp = darajaTimestamp(now());
    return {
      BusinessShortCode: config.shortcode,
      Password: stkPassword(config.shortcode, config.passkey, timestamp),
      Timestamp: timestamp,
    };
  }

  async function stkQuery(checkoutRequestId: string): Promise<ProviderOutcome> {
    let answer: Record<string, unknown>;
    try {
      answer = await daraja.post("/mpesa/stkpushquery/v1/query", {
        ...credentials(),
        CheckoutRequestID: checkoutRequestId,
      });
    } catch (err) {
      if (err instanceof DarajaError && err.errorCode === PROCESSING_ERROR) {
        return { providerRef: checkoutRequestId, status: "PENDING" };
      }
      throw err;
    }
    const code = String(answer.ResultCode ?? "");
    if (code === "0") return { providerRef: checkoutRequestId, status: "SUCCEEDED" };
    if (code === STILL_PROCESSING_RESULT || code === "") return { providerRef: checkoutRequestId, status: "PENDING" };
    return {
      providerRef: checkoutRequestId,
      status: "FAILED",
      failureReason: typeof answer.ResultDesc === "string" ? answer.ResultDesc : `M-Pesa declined (code ${code}).`,
    };
  }

  function initiator(what: string) {
    if (!config.initiatorName || !config.securityCredential) {
      throw new DarajaError(`Set the M-Pesa initiator name and security credential to ${what}.`, null, null);
    }
    return { initiatorName: config.initiatorName, securityCredential: config.securityCredential };
  }

  async function queryTransactionStatus(transId: string, by: "transaction" | "conversation" = "transaction") {
    const { initiatorName, securityCredential } = initiator("confirm paybill payments");
    const answer = await daraja.post("/mpesa/transactionstatus/v1/query", {
      Initiator: initiatorName,
      SecurityCredential: securityCredential,
      CommandID: "TransactionStatusQuery",
      // Daraja finds a transaction by its receipt, or, when none is known yet (a reversal whose
      // result never came), by the OriginatorConversationID its request was answered with.
      ...(by === "transaction" ? { TransactionID: transId } : { OriginatorConversationID: transId }),
      PartyA: config.shortcode,
      IdentifierType: "4",
      ResultURL: `${base}/status/result`,
      QueueTimeOutURL: `${base}/status/timeout`,
      Remarks: "Confirm payment",
      Occasion: transId,
    });
    return { conversationId: String(answer.ConversationID ?? answer.OriginatorConversationID ?? "") };
  }

  return {
    name: "MPESA",

    async initiate(request: InitiateRequest): Promise<InitiateResult> {
      const amount = wholeShillings(request.amountMinor, request.currency);
      const phone = request.phone?.replace(/^\+/, "") ?? "";
      if (!/^254[17]\d{8}$/.test(phone)) {
        throw new MpesaAmountRefused("Enter the M-Pesa phone number as 2547XXXXXXXX or 2541XXXXXXXX.");
      }
      const answer = await daraja.post("/mpesa/stkpush/v1/processrequest", {
        ...credentials(),
        TransactionType: config.till ? "CustomerBuyGoodsOnline" : "CustomerPayBillOnline",
        Amount: amount,
        PartyA: phone,
        PartyB: config.till ?? config.shortcode,
        PhoneNumber: phone,
        CallBackURL: `${base}/stk-callback`,
        // Daraja allows 12 characters of reference and 13 of description.
        AccountReference: request.accountNumber.slice(0, 12),
        TransactionDesc: request.description.slice(0, 13),
      });
      const ref = typeof answer.CheckoutRequestID === "string" ? answer.CheckoutRequestID : null;
      if (!ref || String(answer.ResponseCode) !== "0") {
        throw new DarajaError(`M-Pesa did not send the prompt: ${String(answer.ResponseDescription ?? "no reason given")}`, String(answer.ResponseCode ?? ""), null); // prettier-ignore
      }
      // Daraja's CustomerMessage ("Success. Request accepted for processing") tells the customer
      // nothing they can act on; they need to know where the prompt went and what to do with it.
      return {
        kind: "pending",
        providerRef: ref,
        message: `We sent an M-Pesa prompt to ${localPhone(phone)} to pay KES ${amount.toLocaleString("en-KE")}. Unlock the phone and enter your M-Pesa PIN to confirm.`,
      };
    },

    async handleWebhook(input) {
      return input.reversal
        ? parseReversalResult(input.rawBody, input.reversal === "timeout")
        : parseDarajaCallback(input.rawBody, input.c2b);
    },

    async refund(transId: string, amountMinor: number, reason: string, key?: string): Promise<RefundResult> {
      // Daraja's Reversal API only accepts the request: the result is posted later to
      // `${callbackBaseUrl}/reversal-result` (or …/reversal-timeout), so the refund stays PENDING.
      const { initiatorName, securityCredential } = initiator("refund M-Pesa payments");
      if (!isTransId(transId)) throw new DarajaError("Only a completed M-Pesa transaction (its receipt) can be reversed.", null, null); // prettier-ignore
      const answer = await daraja.post("/mpesa/reversal/v1/request", {
        Initiator: initiatorName,
        SecurityCredential: securityCredential,
        CommandID: "TransactionReversal",
        TransactionID: transId,
        Amount: wholeShillings(amountMinor, "KES"),
        ReceiverParty: config.shortcode,
        // Daraja's spelling; 11 is an organisation (our shortcode) receiving the reversal request.
        RecieverIdentifierType: "11",
        ResultURL: `${base}/reversal-result`,
        QueueTimeOutURL: `${base}/reversal-timeout`,
        // Daraja allows 100 characters for each.
        Remarks: (reason.trim() || "Refund").slice(0, 100),
        Occasion: (key ?? transId).slice(0, 100),
      });
      const ref = String(answer.ConversationID ?? answer.OriginatorConversationID ?? "");
      if (!ref || String(answer.ResponseCode ?? "0") !== "0") {
        throw new DarajaError(`M-Pesa did not accept the reversal: ${String(answer.ResponseDescription ?? "no reason given")}`, String(answer.ResponseCode ?? ""), null); // prettier-ignore
      }
      const requestRef = typeof answer.OriginatorConversationID === "string" ? answer.OriginatorConversationID : null;
      return { refundRef: ref, status: "PENDING", ...(requestRef ? { requestRef } : {}) };
    },

    async status(providerRef: string): Promise<ProviderOutcome> {
      if (!isTransId(providerRef)) return stkQuery(providerRef);
      await queryTransactionStatus(providerRef);
      return {
        providerRef,
        status: "PENDING",
        requiresConfirmation: true,
        failureReason: "Waiting for M-Pesa to confirm the transaction.",
      };
    },

    async registerC2BUrls() {
      await daraja.post("/mpesa/c2b/v1/registerurl", {
        ShortCode: config.shortcode,
        // When our validation URL cannot be reached, let the payment through: the confirmation
        // still arrives, and a customer's money is never bounced because our server was down.
        ResponseType: "Completed",
        ConfirmationURL: `${base}/c2b/confirmation`,
        ValidationURL: `${base}/c2b/validation`,
      });
    },

    queryTransactionStatus,
  };
}
