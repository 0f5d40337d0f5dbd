import { resetEnvCache } from "../lib/env";
import { startFakeResend, type DeliveredMail, type FakeResend } from "./fake-resend";

// The inbox of everyone a test writes to. Every test file gets its own fake Resend
// (server/test/setup-file.ts starts it), and the mailer delivers to it through the real SDK, so a
// test reads a link the way its recipient would: from the delivered e-mail, never the outbox.

export const TEST_RESEND_KEY = "re_test_0123456789";

let fake: FakeResend | undefined;

/** Starts this test file's fake Resend and points the mailer at it. */
export async function startMailCapture(): Promise<void> {
  fake = await startFakeResend(TEST_RESEND_KEY);
  process.env.RESEND_API_KEY = TEST_RESEND_KEY;
  process.env.RESEND_BASE_URL = fake.url;
  resetEnvCache();
}

export async function stopMailCapture(): Promise<void> {
  await fake?.close();
  fake = undefined;
}

/** This file's fake Resend (to make it refuse, or to look at every message). */
export function fakeResend(): FakeResend {
  if (!fake) throw new Error("The fake Resend is not running (server/test/setup-file.ts starts it)");
  return fake;
}

/** The e-mails delivered to `email`, newest first. */
export function mailsTo(email: string): DeliveredMail[] {
  return fakeResend()
    .mails.filter((m) => m.to.includes(email))
    .reverse();
}

/** The token of a link like `/invite/<token>` or `/reset-password/<token>` in an e-mail's text. */
export function linkToken(text: string, path: "invite" | "reset-password" | "verify-email" | "csat"): string {
  const match = new RegExp(`/${path}/([A-Za-z0-9_-]{10,})`).exec(text);
  if (!match) throw new Error(`No /${path}/ link in e-mail:\n${text}`);
  return match[1];
}
