import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

// A stand-in for the few Stripe API endpoints the adapter calls, on 127.0.0.1, for the real
// `stripe` SDK to talk to in tests (never the internet). It keeps Checkout sessions and
// PaymentIntents in memory, records every request, and answers in Stripe's shapes.

export interface FakeStripeRequest {
  method: string;
  path: string;
  /** The form body, flat as the SDK encodes it ("line_items[0][price_data][unit_amount]"). */
  form: Record<string, string>;
  headers: IncomingMessage["headers"];
}

export interface FakeStripe {
  host: string;
  port: number;
  requests: FakeStripeRequest[];
  sessions: Map<string, Record<string, unknown>>;
  intents: Map<string, Record<string, unknown>>;
  /** Every refund, ours (POST /v1/refunds) and the dashboard's (dashboardRefund), oldest first. */
  refunds: Record<string, unknown>[];
  /** A refund someone made in the Stripe dashboard (no metadata of ours); returns Stripe's refund object. */
  dashboardRefund(intentId: string, amount: number): Record<string, unknown>;
  /** Marks a session paid, as Stripe does when the customer completes Checkout. */
  pay(sessionId: string): void;
  close(): Promise<void>;
}

export async function startFakeStripe(secretKey: string): Promise<FakeStripe> {
  const requests: FakeStripeRequest[] = [];
  const sessions = new Map<string, Record<string, unknown>>();
  const intents = new Map<string, Record<string, unknown>>();
  const refunds: Record<string, unknown>[] = [];
  const idempotent = new Map<string, unknown>();
  let counter = 0;

  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const form = Object.fromEntries(new URLSearchParams(body));
      requests.push({ method: req.method ?? "GET", path: url.pathname, form, headers: req.headers });
      const answer = (status: number, json: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": `req_${++counter}` });
        res.end(JSON.stringify(json));
      };
      if (req.headers.authorization !== `Bearer ${secretKey}`) {
        return answer(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
      }
      const key = req.headers["idempotency-key"];
      const remembered = typeof key === "string" && req.method === "POST" ? idempotent.get(key) : undefined;
      if (remembered) return answer(200, remembered);
      const reply = route(req.method ?? "GET", url.pathname, req.method === "GET" ? Object.fromEntries(url.searchParams) : form); // prettier-ignore
      if (typeof key === "string" && req.method === "POST" && reply.status === 200) idempotent.set(key, reply.json);
      answer(reply.status, reply.json);
    });
  });

  function metadataOf(form: Record<string, string>, prefix: string) {
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(form)) {
      const m = new RegExp(`^${prefix.replace(/[[\]]/g, "\\$&")}\\[(\\w+)\\]$`).exec(k);
      if (m) metadata[m[1]] = v;
    }
    return metadata;
  }

  function route(method: string, path: string, form: Record<string, string>): { status: number; json: unknown } {
    const notFound = { status: 404, json: { error: { type: "invalid_request_error", message: "No such object" } } };
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const id = `cs_test_${++counter}`;
      const intentId = `pi_test_${counter}`;
      const amount = Number(form["line_items[0][price_data][unit_amount]"]);
      const currency = form["line_items[0][price_data][currency]"];
      intents.set(intentId, {
        id: intentId,
        object: "payment_intent",
        amount,
        amount_received: 0,
        currency,
        status: "requires_payment_method",
        metadata: metadataOf(form, "payment_intent_data[metadata]"),
        last_payment_error: null,
        cancellation_reason: null,
      });
      const session = {
        id,
        object: "checkout.session",
        mode: "payment",
        url: `https://checkout.stripe.test/c/pay/${id}`,
        amount_total: amount,
        currency,
        client_reference_id: form.client_reference_id,
        metadata: metadataOf(form, "metadata"),
        payment_intent: intentId,
        payment_status: "unpaid",
        status: "open",
        customer_details: null,
      };
      sessions.set(id, session);
      return { status: 200, json: session };
    }
    let m = /^\/v1\/checkout\/sessions\/([\w]+)$/.exec(path);
    if (method === "GET" && m) {
      const session = sessions.get(m[1]);
      return session ? { status: 200, json: session } : notFound;
    }
    m = /^\/v1\/payment_intents\/([\w]+)$/.exec(path);
    if (method === "GET" && m) {
      const intent = intents.get(m[1]);
      return intent ? { status: 200, json: intent } : notFound;
    }
    if (method === "POST" && path === "/v1/refunds") {
      const made = refund(form.payment_intent, Number(form.amount), metadataOf(form, "metadata"));
      if (made === "unknown") return notFound;
      if (made === "too much")
        return {
          status: 400,
          json: {
            error: { type: "invalid_request_error", code: "charge_already_refunded", message: "Refund exceeds" },
          },
        };
      return { status: 200, json: made };
    }
    if (method === "GET" && path === "/v1/refunds") {
      const data = refunds.filter((r) => !form.payment_intent || r.payment_intent === form.payment_intent);
      return { status: 200, json: { object: "list", url: "/v1/refunds", has_more: false, data } };
    }
    return notFound;
  }

  function refund(intentId: string, amount: number, metadata: Record<string, string>) {
    const intent = intents.get(intentId);
    if (!intent) return "unknown" as const;
    const refunded = Number(intent.amount_refunded ?? 0) + amount;
    if (refunded > Number(intent.amount_received)) return "too much" as const;
    intent.amount_refunded = refunded;
    const made = {
      id: `re_test_${++counter}`,
      object: "refund",
      amount,
      currency: intent.currency,
      payment_intent: intentId,
      charge: `ch_${intentId}`,
      status: "succeeded",
      metadata,
    };
    refunds.push(made);
    return made;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: "127.0.0.1",
    port,
    requests,
    sessions,
    intents,
    refunds,
    dashboardRefund(intentId, amount) {
      const made = refund(intentId, amount, {});
      if (typeof made === "string") throw new Error(`cannot refund ${intentId}: ${made}`);
      return made;
    },
    pay(sessionId) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      Object.assign(session, { payment_status: "paid", status: "complete" });
      const intent = intents.get(String(session.payment_intent));
      if (intent) Object.assign(intent, { status: "succeeded", amount_received: intent.amount });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
