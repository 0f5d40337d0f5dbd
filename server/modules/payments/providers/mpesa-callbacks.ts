import type { ProviderEvent, ProviderOutcome } from "./types";

// What Safaricom posts to us, parsed. None of it is signed: the route accepts it only on the
// company's unguessable URL token, and every outcome is marked requiresConfirmation so nothing
// is credited until Daraja itself confirms it (STK query, or transaction status for paybill).
// Amounts arrive as shillings ("10.00", 1, 1.5): they are read as decimal text, never as floats.

/** A callback body that is not one of Daraja's shapes: answered 400, nothing recorded. */
export class MalformedCallback extends Error {
  readonly code = "MALFORMED_CALLBACK";
}

/** "10.00" / 10 / "1,000" shillings → cents, exactly; null when it is not an amount. */
export function shillingsToMinor(value: unknown): number | null {
  const text = String(value ?? "")
    .trim()
    .replace(/,/g, "");
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0") || "0");
}

/** Only a real Kenyan number: Safaricom now sends paybill MSISDNs hashed, which are not phones. */
function phoneOf(value: unknown): string | null {
  const text = String(value ?? "").trim();
  return /^254\d{9}$/.test(text) ? text : null;
}

function text(value: unknown): string | null {
  const s = typeof value === "string" || typeof value === "number" ? String(value).trim() : "";
  return s ? s : null;
}

interface StkCallback {
  MerchantRequestID?: string;
  CheckoutRequestID?: string;
  ResultCode?: number | string;
  ResultDesc?: string;
  CallbackMetadata?: { Item?: { Name: string; Value?: unknown }[] };
}

export function parseStkCallback(cb: StkCallback): ProviderEvent {
  const ref = text(cb.CheckoutRequestID);
  if (!ref) throw new MalformedCallback("The STK callback has no CheckoutRequestID.");
  const items = new Map((cb.CallbackMetadata?.Item ?? []).map((i) => [i.Name, i.Value]));
  const ok = Number(cb.ResultCode) === 0;
  const outcome: ProviderOutcome = ok
    ? {
        providerRef: ref,
        status: "SUCCEEDED",
        amountMinor: shillingsToMinor(items.get("Amount")),
        receipt: text(items.get("MpesaReceiptNumber")),
        payerPhone: phoneOf(items.get("PhoneNumber")),
        requiresConfirmation: true,
      }
    : {
        providerRef: ref,
        status: "FAILED",
        failureReason: text(cb.ResultDesc) ?? `M-Pesa declined the payment (code ${cb.ResultCode}).`,
        requiresConfirmation: true,
      };
  return { eventId: ref, type: "stk_callback", outcomes: [outcome] };
}

/** The paybill (C2B) payload, the same for validation and confirmation. */
export interface C2BPayload {
  TransactionType?: string;
  TransID?: string;
  TransTime?: string;
  TransAmount?: string | number;
  BusinessShortCode?: string;
  BillRefNumber?: string;
  InvoiceNumber?: string;
  MSISDN?: string;
  FirstName?: string;
  MiddleName?: string;
  LastName?: string;
}

export function parseC2B(body: C2BPayload, type: "c2b_validation" | "c2b_confirmation"): ProviderEvent {
  const transId = text(body.TransID);
  const amountMinor = shillingsToMinor(body.TransAmount);
  if (!transId || amountMinor === null) throw new MalformedCallback("The paybill payment has no TransID or amount.");
  const name = [body.FirstName, body.MiddleName, body.LastName].map(text).filter(Boolean).join(" ");
  return {
    eventId: transId,
    type,
    outcomes: [
      {
        providerRef: transId,
        status: "SUCCEEDED",
        amountMinor,
        receipt: transId,
        // People type account numbers with spaces and in lower case; compare like for like.
        billReference: text(body.BillRefNumber)?.replace(/\s+/g, "").toUpperCase() ?? null,
        payerPhone: phoneOf(body.MSISDN),
        payerName: name || null,
        requiresConfirmation: true,
      },
    ],
  };
}

interface StatusResult {
  ResultType?: number | string;
  ResultCode?: number | string;
  ResultDesc?: string;
  OriginatorConversationID?: string;
  ConversationID?: string;
  TransactionID?: string;
  ResultParameters?: { ResultParameter?: { Key: string; Value?: unknown }[] | { Key: string; Value?: unknown } };
}

/**
 * The asynchronous answer to a transaction status query. Only a successful query that says
 * "Completed" confirms the money. A query that itself failed (bad initiator credentials, queue
 * timeout) says nothing about the payment, so it stays PENDING to be asked again, with the reason.
 */
export function parseStatusResult(result: StatusResult): ProviderEvent {
  const conversation = text(result.ConversationID) ?? text(result.OriginatorConversationID);
  if (!conversation) throw new MalformedCallback("The status result has no ConversationID.");
  const raw = result.ResultParameters?.ResultParameter ?? [];
  const params = new Map((Array.isArray(raw) ? raw : [raw]).map((p) => [p.Key, p.Value]));
  const queryOk = Number(result.ResultCode) === 0;
  // A query that failed may name no transaction (one asked for by its conversation): it is still
  // this query's answer, found again by the query's ConversationID.
  const receipt = text(params.get("ReceiptNo")) ?? text(result.TransactionID) ?? (queryOk ? null : conversation);
  if (!receipt) throw new MalformedCallback("The status result names no transaction.");
  const transactionStatus = text(params.get("TransactionStatus"));
  const status = !queryOk ? "PENDING" : transactionStatus === "Completed" ? "SUCCEEDED" : "FAILED";
  // "2547XXXXXXXX - JOHN DOE" (or a hashed number) before the name.
  const debitParty = text(params.get("DebitPartyName"));
  const [who, ...rest] = debitParty?.split(" - ") ?? [];
  return {
    eventId: `status:${conversation}`,
    type: "transaction_status_result",
    outcomes: [
      {
        providerRef: receipt,
        status,
        amountMinor: status === "SUCCEEDED" ? shillingsToMinor(params.get("Amount")) : null,
        receipt,
        payerPhone: phoneOf(who),
        payerName: rest.join(" - ") || null,
        queryRef: conversation,
        failureReason:
          status === "SUCCEEDED"
            ? null
            : !queryOk
              ? `M-Pesa could not confirm the transaction yet: ${text(result.ResultDesc) ?? "no reason given"}`
              : `M-Pesa reports the transaction as ${transactionStatus ?? "not completed"}.`,
      },
    ],
  };
}

/**
 * The asynchronous answer to a reversal request (our refund), or its queue timeout: found again by
 * the ConversationID the request was answered with (Refund.providerRef). Success carries the
 * reversal's own TransactionID (`receipt`), which a status query confirms before anything is booked.
 */
export function parseReversalResult(rawBody: string, timedOut = false): ProviderEvent {
  let body: { Result?: StatusResult } & StatusResult;
  try {
    body = JSON.parse(rawBody) as typeof body;
  } catch {
    throw new MalformedCallback("The callback body is not JSON.");
  }
  if (!body || typeof body !== "object") throw new MalformedCallback("The callback body is not a JSON object.");
  const result: StatusResult = body.Result && typeof body.Result === "object" ? body.Result : body;
  const conversation = text(result.ConversationID) ?? text(result.OriginatorConversationID);
  if (!conversation) throw new MalformedCallback("The reversal result has no ConversationID.");
  const raw = result.ResultParameters?.ResultParameter ?? [];
  const params = new Map((Array.isArray(raw) ? raw : [raw]).map((p) => [p.Key, p.Value]));
  const ok = !timedOut && Number(result.ResultCode) === 0 && !!text(result.TransactionID);
  const desc = text(result.ResultDesc);
  return {
    // A timeout says only that Safaricom's queue did not answer in time: the reversal may still be
    // made, and its result may still come. Its own event id, so that a late result is applied too.
    eventId: `${timedOut ? "reversal-timeout" : "reversal"}:${conversation}`,
    type: timedOut ? "reversal_timeout" : "reversal_result",
    outcomes: [
      {
        providerRef: conversation,
        status: ok ? "SUCCEEDED" : timedOut ? "PENDING" : "FAILED",
        receipt: ok ? text(result.TransactionID) : null,
        amountMinor: ok ? shillingsToMinor(params.get("Amount")) : null,
        failureReason: ok
          ? null
          : timedOut
            ? "M-Pesa did not answer the reversal in time: asking M-Pesa whether it was made."
            : `M-Pesa refused the reversal: ${desc ?? `code ${String(result.ResultCode ?? "unknown")}`}`,
        requiresConfirmation: true,
      },
    ],
  };
}

/** Any Daraja callback body: an STK result, a paybill payment, or a status query's answer. */
export function parseDarajaCallback(
  rawBody: string,
  c2bType: "c2b_validation" | "c2b_confirmation" = "c2b_confirmation",
): ProviderEvent {
  // prettier-ignore
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(rawBody) as Record<string, unknown>;
  } catch {
    throw new MalformedCallback("The callback body is not JSON.");
  }
  if (!body || typeof body !== "object") throw new MalformedCallback("The callback body is not a JSON object.");
  const stk = (body.Body as { stkCallback?: StkCallback } | undefined)?.stkCallback;
  if (stk) return parseStkCallback(stk);
  if ("TransID" in body) return parseC2B(body as C2BPayload, c2bType);
  if (body.Result && typeof body.Result === "object") return parseStatusResult(body.Result as StatusResult);
  throw new MalformedCallback("The callback is not an STK result, a paybill payment or a status result.");
}

/** Daraja's answers to a validation request: accept, or refuse with its documented codes. */
export const C2B_ACCEPT = { ResultCode: "0", ResultDesc: "Accepted" } as const;
export const C2B_REJECT_ACCOUNT = { ResultCode: "C2B00012", ResultDesc: "Rejected: unknown account number" } as const;
export const C2B_REJECT_AMOUNT = { ResultCode: "C2B00013", ResultDesc: "Rejected: invalid amount" } as const;
/** What Daraja expects back from every other callback (confirmation, STK result, status result). */
export const CALLBACK_RECEIVED = { ResultCode: 0, ResultDesc: "Accepted" } as const;
