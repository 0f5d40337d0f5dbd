import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { resetEnvCache } from "../../lib/env";

// A fake SMS provider for tests: a local HTTP server that records each request and answers
// what the test tells it to, so the real clients run against it and never the internet.

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The form body, decoded. */
  form: Record<string, string>;
}

export type FakeAnswer = { status: number; body: unknown; delayMs?: number };

/** `port` 0 takes any free port; the end-to-end run gives a fixed one the app was started with. */
export async function fakeSmsProvider(answer: (req: RecordedRequest) => FakeAnswer, port = 0) {
  const requests: RecordedRequest[] = [];
  let respond = answer;
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        form: Object.fromEntries(new URLSearchParams(raw)),
      };
      requests.push(recorded);
      const { status, body, delayMs = 0 } = respond(recorded);
      setTimeout(() => {
        res.writeHead(status, { "Content-Type": typeof body === "string" ? "text/plain" : "application/json" });
        res.end(typeof body === "string" ? body : JSON.stringify(body));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    answer: (next: (req: RecordedRequest) => FakeAnswer) => void (respond = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Points both providers' clients at local addresses (undefined: the real ones). */
export function useProviderUrls(urls: { africasTalking?: string; twilio?: string }): void {
  for (const [name, value] of [
    ["SMS_AFRICAS_TALKING_URL", urls.africasTalking],
    ["SMS_TWILIO_URL", urls.twilio],
  ] as const) {
    if (value) process.env[name] = value;
    else delete process.env[name];
  }
  resetEnvCache();
}

/** Africa's Talking's answer for one accepted recipient. */
export const atAccepted = (number: string, messageId = "ATXid_test", cost = "KES 0.8000") => ({
  SMSMessageData: {
    Message: `Sent to 1/1 Total Cost: ${cost}`,
    Recipients: [{ statusCode: 101, number, status: "Success", cost, messageId, messageParts: 1 }],
  },
});

/** Twilio's Message resource as created. */
export const twilioQueued = (to: string, from: string, body: string, sid = "SM0123456789abcdef0123456789abcdef") => ({
  sid,
  to,
  from,
  body,
  status: "queued",
  num_segments: "1",
  price: null,
  price_unit: "USD",
  error_code: null,
  error_message: null,
});
