import type { DeliveredMail } from "../server/test/fake-resend";

// The inbox of an end-to-end run: e2e/serve.ts starts a fake Resend beside the app and points
// the app's mailer at it (the real SDK, as in production), and specs read what was delivered
// there, the way the recipient would. The outbox only keeps masked copies.

export const E2E_RESEND_KEY = "re_e2e_0123456789";

/** Where the fake Resend of the app on `appPort` listens (one per port, so parallel runs do not collide). */
export const mailPortFor = (appPort: number) => appPort + 10_000;

/** The e-mails delivered to `to`, newest first. */
export async function mailsTo(to: string): Promise<DeliveredMail[]> {
  const port = mailPortFor(Number(process.env.E2E_PORT ?? 3300));
  const res = await fetch(`http://127.0.0.1:${port}/captured?to=${encodeURIComponent(to)}`);
  if (!res.ok) throw new Error(`The fake Resend answered ${res.status}`);
  return ((await res.json()) as DeliveredMail[]).reverse();
}
