import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A stand-in for Resend's HTTP API on 127.0.0.1, for the real `resend` SDK to talk to (the
// mailer points it here with RESEND_BASE_URL). It answers POST /emails as Resend does and keeps
// every message it accepted: the inbox of everyone the tests write to. GET /captured lists them
// for a test in another process (the end-to-end specs); it is not part of Resend's API.

export interface DeliveredMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  /** Files sent with the message, decoded from the base64 the API carries. */
  attachments: { filename: string; contentType: string | null; content: Buffer }[];
}

export interface FakeResend {
  url: string;
  /** Every accepted message, oldest first. */
  mails: DeliveredMail[];
  /** Until cleared, answer every send with this error (a provider that is down or refuses). */
  refuse: { statusCode: number; message: string } | null;
  /** Runs as each message arrives, before the answer (to look at the database at that moment). */
  onSend: ((mail: DeliveredMail) => Promise<void>) | null;
  close(): Promise<void>;
}

export async function startFakeResend(apiKey: string, port = 0): Promise<FakeResend> {
  const fake: Omit<FakeResend, "url" | "close"> = { mails: [], refuse: null, onSend: null };
  const server = createServer((req, res) => {
    handle(fake, apiKey, req, res).catch((err: unknown) => answer(res, 500, { message: String(err) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${bound}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

async function handle(
  fake: Omit<FakeResend, "url" | "close">,
  apiKey: string,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(req.url ?? "/", "http://fake");
  if (req.method === "GET" && url.pathname === "/captured") {
    const to = url.searchParams.get("to");
    return answer(res, 200, to ? fake.mails.filter((m) => m.to.includes(to)) : fake.mails);
  }
  if (req.method !== "POST" || url.pathname !== "/emails") {
    return answer(res, 404, { statusCode: 404, name: "not_found", message: "The requested endpoint does not exist." });
  }
  if (req.headers.authorization !== `Bearer ${apiKey}`) {
    return answer(res, 401, { statusCode: 401, name: "validation_error", message: "API key is invalid" });
  }
  if (fake.refuse) return answer(res, fake.refuse.statusCode, { ...fake.refuse, name: "application_error" });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
  const { from, to, subject, html, text, attachments } = body;
  if (typeof from !== "string" || typeof subject !== "string" || !to) {
    return answer(res, 422, {
      statusCode: 422,
      name: "validation_error",
      message: "from, to and subject are required",
    });
  }
  const mail: DeliveredMail = {
    id: randomUUID(),
    from,
    to: Array.isArray(to) ? to.map(String) : [String(to)],
    subject,
    html: String(html ?? ""),
    text: String(text ?? ""),
    attachments: Array.isArray(attachments)
      ? attachments.map((a: { filename?: unknown; content_type?: unknown; content?: unknown }) => ({
          filename: String(a.filename ?? ""),
          contentType: typeof a.content_type === "string" ? a.content_type : null,
          content: Buffer.from(String(a.content ?? ""), "base64"),
        }))
      : [],
  };
  await fake.onSend?.(mail);
  fake.mails.push(mail);
  return answer(res, 200, { id: mail.id });
}

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
