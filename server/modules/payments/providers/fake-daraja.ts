import { createServer, request } from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";

// A stand-in for Safaricom's Daraja API on 127.0.0.1 (never the internet): OAuth, STK push and
// query, C2B URL registration, the transaction status query and reversals, in Daraja's shapes. Tests set
// what the STK query answers and read every request it received; `answerStk` plays the customer
// answering the prompt on their phone: Safaricom's STK query then says so, and its callback is
// posted to the CallBackURL the STK push named, as Safaricom does.

export interface FakeDarajaRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export interface FakeDaraja {
  url: string;
  requests: FakeDarajaRequest[];
  /** How many tokens were issued (the client should cache them). */
  tokensIssued: number;
  /** Seconds the next tokens live (Daraja says "3599"). */
  tokenLifetime: string;
  /** CheckoutRequestID → what the STK query answers: a ResultCode, or "processing" (Daraja's 500). */
  stkResults: Map<string, { ResultCode: string; ResultDesc: string } | "processing">;
  /** When set, every API call (not OAuth) is refused with this Daraja error. */
  refuse: { status: number; errorCode: string; errorMessage: string } | null;
  /** The STK pushes accepted, oldest first. */
  stkPushes: FakeStkPush[];
  /** The reversal requests accepted, oldest first. */
  reversals: FakeReversal[];
  /**
   * Safaricom finishes reversal `conversationId`: done (with the reversal's own TransactionID),
   * refused (with Daraja's code and reason), or timed out in its queue. Posts the result to the
   * request's ResultURL (QueueTimeOutURL for a timeout); resolves with the app's answer.
   */
  finishReversal(conversationId: string, answer: ReversalAnswer): Promise<{ status: number; body: string }>;
  /** What finishReversal would post, and where (for tests that call the route directly). */
  reversalResult(conversationId: string, answer: ReversalAnswer): { url: string; body: unknown };
  /**
   * The customer answers the prompt of `checkoutRequestId`: with their PIN (paid, with `receipt`)
   * or by cancelling. The STK query answers accordingly from now on, and the callback is posted to
   * the push's CallBackURL; resolves with the app's answer to it.
   */
  answerStk(checkoutRequestId: string, answer: { paid: true; receipt: string } | { paid: false }): Promise<{ status: number; body: string }>; // prettier-ignore
  close(): Promise<void>;
}

export type ReversalAnswer =
  { done: true; transactionId: string } | { done: false; code: string; reason: string } | { timeout: true };

export interface FakeReversal {
  conversationId: string;
  /** The M-Pesa transaction to reverse. */
  transactionId: string;
  /** Whole shillings, as Daraja takes them. */
  amount: number;
  resultUrl: string;
  timeoutUrl: string;
}

export interface FakeStkPush {
  checkoutRequestId: string;
  /** Whole shillings, as Daraja takes them. */
  amount: number;
  phone: string;
  accountReference: string;
  callbackUrl: string;
}

// The app's callback address is on the company's subdomain (acme.localhost:3000 in development
// and tests): *.localhost is this machine, as browsers treat it.
const localhostLookup: LookupFunction = (hostname, options, callback) => {
  if (hostname === "localhost" || hostname.endsWith(".localhost")) {
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: "127.0.0.1", family: 4 }]); // prettier-ignore
    return callback(null, "127.0.0.1", 4);
  }
  return callback(new Error(`The fake Daraja posts callbacks to this machine only, not ${hostname}`), "", 4);
};

function postJson(url: string, json: unknown): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(json);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) }, lookup: localhostLookup }, // prettier-ignore
      (res) => {
        let text = "";
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

export async function startFakeDaraja(
  consumerKey: string,
  consumerSecret: string,
  opts: { port?: number } = {},
): Promise<FakeDaraja> {
  let counter = 0;
  const issued = new Set<string>();
  const fake: Omit<FakeDaraja, "url" | "close" | "answerStk" | "finishReversal" | "reversalResult"> = {
    requests: [],
    tokensIssued: 0,
    tokenLifetime: "3599",
    stkResults: new Map(),
    refuse: null,
    stkPushes: [],
    reversals: [],
  };
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      fake.requests.push({ method: req.method ?? "GET", path: url.pathname, authorization: req.headers.authorization, body }); // prettier-ignore
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(json));
      };
      const error = (status: number, errorCode: string, errorMessage: string) =>
        answer(status, { requestId: `req-${++counter}`, errorCode, errorMessage });

      if (url.pathname === "/oauth/v1/generate") {
        const expected = `Basic ${Buffer.from(`${consumerKey}:${consumerSecret}`).toString("base64")}`;
        if (req.headers.authorization !== expected || url.searchParams.get("grant_type") !== "client_credentials") {
          return error(400, "400.008.01", "Invalid Authentication passed");
        }
        const token = `token-${++fake.tokensIssued}`;
        issued.add(token);
        return answer(200, { access_token: token, expires_in: fake.tokenLifetime });
      }
      const bearer = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
      if (!issued.has(bearer)) return error(401, "404.001.03", "Invalid Access Token");
      if (fake.refuse) return error(fake.refuse.status, fake.refuse.errorCode, fake.refuse.errorMessage);

      switch (url.pathname) {
        case "/mpesa/stkpush/v1/processrequest": {
          const id = `ws_CO_${Date.now()}${++counter}`;
          fake.stkResults.set(id, "processing");
          fake.stkPushes.push({
            checkoutRequestId: id,
            amount: Number(body.Amount),
            phone: String(body.PhoneNumber ?? ""),
            accountReference: String(body.AccountReference ?? ""),
            callbackUrl: String(body.CallBackURL ?? ""),
          });
          return answer(200, {
            MerchantRequestID: `mr-${counter}`,
            CheckoutRequestID: id,
            ResponseCode: "0",
            ResponseDescription: "Success. Request accepted for processing",
            CustomerMessage: "Success. Request accepted for processing",
          });
        }
        case "/mpesa/stkpushquery/v1/query": {
          const result = fake.stkResults.get(String(body.CheckoutRequestID));
          if (!result) return error(400, "400.002.02", "Bad Request - Invalid CheckoutRequestID");
          if (result === "processing") return error(500, "500.001.1001", "The transaction is being processed");
          return answer(200, {
            ResponseCode: "0",
            ResponseDescription: "The service request has been accepted successsfully",
            MerchantRequestID: "mr",
            CheckoutRequestID: body.CheckoutRequestID,
            ...result,
          });
        }
        case "/mpesa/c2b/v1/registerurl":
          return answer(200, { OriginatorCoversationID: `oc-${++counter}`, ResponseCode: "0", ResponseDescription: "Success" }); // prettier-ignore
        case "/mpesa/transactionstatus/v1/query":
          return answer(200, {
            OriginatorConversationID: `oc-${++counter}`,
            ConversationID: `AG_20261203_${counter}`,
            ResponseCode: "0",
            ResponseDescription: "Accept the service request successfully.",
          });
        case "/mpesa/reversal/v1/request": {
          const id = `AG_20261203_rev${++counter}`;
          fake.reversals.push({
            conversationId: id,
            transactionId: String(body.TransactionID ?? ""),
            amount: Number(body.Amount),
            resultUrl: String(body.ResultURL ?? ""),
            timeoutUrl: String(body.QueueTimeOutURL ?? ""),
          });
          return answer(200, {
            OriginatorConversationID: `oc-${counter}`,
            ConversationID: id,
            ResponseCode: "0",
            ResponseDescription: "Accept the service request successfully.",
          });
        }
        default:
          return error(404, "404.001.01", "Resource not found");
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  async function answerStk(checkoutRequestId: string, answer: { paid: true; receipt: string } | { paid: false }) {
    const push = fake.stkPushes.find((p) => p.checkoutRequestId === checkoutRequestId);
    if (!push) throw new Error(`No STK push ${checkoutRequestId} was made`);
    const result = answer.paid
      ? { ResultCode: "0", ResultDesc: "The service request is processed successfully." }
      : { ResultCode: "1032", ResultDesc: "Request cancelled by user" };
    fake.stkResults.set(checkoutRequestId, result);
    const stkCallback = {
      MerchantRequestID: `mr-${checkoutRequestId}`,
      CheckoutRequestID: checkoutRequestId,
      ResultCode: Number(result.ResultCode),
      ResultDesc: result.ResultDesc,
      ...(answer.paid
        ? {
            CallbackMetadata: {
              Item: [
                { Name: "Amount", Value: push.amount },
                { Name: "MpesaReceiptNumber", Value: answer.receipt },
                { Name: "TransactionDate", Value: 20261203120000 },
                { Name: "PhoneNumber", Value: Number(push.phone) },
              ],
            },
          }
        : {}),
    };
    return postJson(push.callbackUrl, { Body: { stkCallback } });
  }

  function reversalResult(conversationId: string, answer: ReversalAnswer) {
    const rev = fake.reversals.find((r) => r.conversationId === conversationId);
    if (!rev) throw new Error(`No reversal ${conversationId} was requested`);
    const head = { OriginatorConversationID: `oc-${conversationId}`, ConversationID: conversationId };
    if ("timeout" in answer) return { url: rev.timeoutUrl, body: { Result: { ResultType: 1, ResultCode: 1, ResultDesc: "The request timed out in the queue.", ...head } } }; // prettier-ignore
    const Result = answer.done
      ? {
          ResultType: 0,
          ResultCode: 0,
          ResultDesc: "The service request is processed successfully.",
          ...head,
          TransactionID: answer.transactionId,
          ResultParameters: {
            ResultParameter: [
              { Key: "Amount", Value: rev.amount },
              { Key: "OriginalTransactionID", Value: rev.transactionId },
              { Key: "TransCompletedTime", Value: 20261203130000 },
            ],
          },
        }
      : { ResultType: 0, ResultCode: answer.code, ResultDesc: answer.reason, ...head, TransactionID: "" };
    return { url: rev.resultUrl, body: { Result } };
  }

  async function finishReversal(conversationId: string, answer: ReversalAnswer) {
    const { url, body } = reversalResult(conversationId, answer);
    return postJson(url, body);
  }

  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    answerStk,
    finishReversal,
    reversalResult,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
