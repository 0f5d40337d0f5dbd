import { render } from "@react-email/components";
import nodemailer from "nodemailer";
import type { ReactElement } from "react";
import { Resend } from "resend";
import { afterCommit, type Reopen } from "./after-commit";
import { env } from "./env";
import { log } from "./log";
import { metrics } from "./metrics";
import { newId } from "./ids";
import type { Scope } from "../modules/scope";

// The one way the product sends e-mail. Every message is kept in the company's outbox (super
// admins can read it); with SMTP_URL set it is also delivered to that SMTP server (Mailpit in the
// compose stack, or a relay of one's own), else with RESEND_API_KEY through Resend. Without a
// provider, development prints it to the server console so a developer can follow its links;
// production only says what to set, because a log is no place for sign-in links either.
//
// The outbox keeps what was said, never a credential: whoever reads it (a super admin, a backup,
// a database login) must not be able to accept an invitation or reset a password with it.
// Callers name the secrets of a message (a link's token), the stored copy has each one replaced
// by MASK, and only the delivered message carries them. A lost link is never read back from the
// outbox: asking again (a new invitation, reset or confirmation e-mail) makes a new one.
//
// The message is handed to the provider after the caller's transaction commits (afterCommit), from
// memory, since nothing stored has the secrets: a slow provider holds no database connection, a
// failing one does not undo the invitation or reset (the outbox shows FAILED and why), and a
// change that rolls back sends nothing. A process that stops in between leaves the row QUEUED.

export interface Mail {
  to: string;
  subject: string;
  body: ReactElement;
  /** Values that let the reader act as the recipient (a link's token): delivered, masked in the outbox. */
  secrets?: string[];
  /** Files sent with the message (an invoice's PDF). Delivered from memory; the outbox keeps their names. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: Uint8Array;
  contentType: string;
}

/** What the outbox shows in place of a secret. */
export const MASK = "••••••";

/** How long the provider may take to accept a message. */
const SEND_TIMEOUT_MS = 15_000;

interface Message {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments: MailAttachment[];
}

export async function sendMail(scope: Scope, mail: Mail): Promise<void> {
  const html = await render(mail.body);
  const text = await render(mail.body, { plainText: true });
  for (const secret of mail.secrets ?? []) {
    // Masking only works on the exact text the message carries (not a hash, not an encoded copy).
    if (!html.includes(secret) && !text.includes(secret)) throw new Error(`A secret of "${mail.subject}" is not in it`);
  }
  const provider = providerOf();
  const attachments = mail.attachments ?? [];
  const message: Message = { id: newId(), to: mail.to, subject: mail.subject, html, text, attachments };
  // The outbox shows that files went with the message (their names), not their bytes.
  const attached = attachments.length ? `\n\nAttached: ${attachments.map((a) => a.filename).join(", ")}` : "";
  await scope.tx.outboundEmail.create({
    data: {
      id: message.id,
      companyId: scope.companyId,
      to: mail.to,
      subject: mail.subject,
      html: masked(html, mail.secrets),
      text: masked(text, mail.secrets) + attached,
      provider: provider ?? "outbox",
      status: provider ? "QUEUED" : "NOT_SENT",
    },
  });
  afterCommit(scope.tx, (reopen) => deliver(message, reopen));
}

/** The message with every secret replaced by MASK. */
export function masked(content: string, secrets: readonly string[] = []): string {
  let out = content;
  for (const secret of secrets) {
    // A short "secret" would blank out ordinary words; tokens are long random strings.
    if (secret.length < 16) throw new Error("A mail secret must be at least 16 characters long");
    out = out.replaceAll(secret, MASK);
  }
  return out;
}

/** Where mail goes: SMTP_URL wins over RESEND_API_KEY; null when neither is set. */
function providerOf(): "smtp" | "resend" | null {
  const e = env();
  return e.SMTP_URL ? "smtp" : e.RESEND_API_KEY ? "resend" : null;
}

async function deliver(message: Message, reopen: Reopen): Promise<void> {
  const provider = providerOf();
  if (!provider) {
    const { NODE_ENV } = env();
    if (NODE_ENV === "development") {
      console.log(`[mail] to=${message.to} subject="${message.subject}"\n${message.text}\n`);
    } else if (NODE_ENV === "production") {
      log.warn(
        { messageId: message.id },
        "e-mail not delivered: set SMTP_URL or RESEND_API_KEY (and MAIL_FROM) to send e-mail",
      );
    }
    metrics.emails.inc({ outcome: "unconfigured" });
    return;
  }
  let failure: string | null = null;
  try {
    failure = provider === "smtp" ? await viaSmtp(message) : await viaResend(message);
  } catch (err) {
    failure = err instanceof Error ? err.message : String(err);
  }
  // The message id, never the address: logs carry no personal data.
  if (failure) log.error({ messageId: message.id, failure }, "e-mail delivery failed");
  metrics.emails.inc({ outcome: failure ? "failed" : "sent" });
  await reopen((tx) =>
    tx.outboundEmail.update({
      where: { id: message.id },
      data: failure ? { status: "FAILED", failure } : { status: "SENT", sentAt: new Date() },
    }),
  );
}

/** Hands the message to Resend's API; the refusal's text, or null. */
async function viaResend(message: Message): Promise<string | null> {
  const { RESEND_API_KEY: apiKey, RESEND_BASE_URL: baseUrl, MAIL_FROM } = env();
  const { error } = await new Resend(apiKey, { baseUrl }).emails.send(
    {
      from: MAIL_FROM,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      ...(message.attachments.length
        ? {
            attachments: message.attachments.map((a) => ({
              filename: a.filename,
              content: Buffer.from(a.content),
              contentType: a.contentType,
            })),
          }
        : {}),
    },
    // The outbox row's id: should this very message be handed over twice, Resend sends it once.
    { idempotencyKey: message.id, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) },
  );
  return error ? error.message : null;
}

/**
 * Hands the message to the SMTP server of SMTP_URL (smtp://host:port, smtps:// for TLS from the
 * start, user:password@ for AUTH; STARTTLS is used when the server offers it). Its Message-ID is
 * the outbox row's id, so a receiver can tell a message handed over twice. Throws when the server
 * refuses it.
 */
async function viaSmtp(message: Message): Promise<null> {
  const { SMTP_URL, MAIL_FROM } = env();
  const transport = nodemailer.createTransport(SMTP_URL!, {
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({
      from: MAIL_FROM,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: `<${message.id}@lastmile>`,
      attachments: message.attachments.map((a) => ({
        filename: a.filename,
        content: Buffer.from(a.content),
        contentType: a.contentType,
      })),
    });
    return null;
  } finally {
    transport.close();
  }
}
