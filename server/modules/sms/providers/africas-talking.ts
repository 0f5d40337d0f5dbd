import { env } from "../../../lib/env";
import { decimalToMicros, excerpt, SEND_TIMEOUT_MS, unreachable, type SmsProviderClient } from "./types";

// Africa's Talking's SMS API (developers.africastalking.com/docs/sms/sending): a form POST to
// /version1/messaging with the account's username, the recipient, the text and the sender ID,
// authenticated by the `apiKey` header. The answer lists each recipient with a status code:
// 100 (processed), 101 (sent) and 102 (queued) are accepted; anything else (401 risk hold,
// 403 invalid phone number, 405 insufficient balance, 406 user in blacklist…) is a refusal.
// The username "sandbox" talks to their sandbox, which reaches only their simulator.

const LIVE_URL = "https://api.africastalking.com";
const SANDBOX_URL = "https://api.sandbox.africastalking.com";
const ACCEPTED = new Set([100, 101, 102]);

interface Recipient {
  statusCode?: number;
  status?: string;
  number?: string;
  cost?: string;
  messageId?: string;
}

const baseUrl = (username: string) =>
  (env().SMS_AFRICAS_TALKING_URL ?? (username === "sandbox" ? SANDBOX_URL : LIVE_URL)).replace(/\/$/, "");

/** "KES 0.8000" → { currency, micros }; "0" (nothing charged) → null. */
function costOf(text: string | undefined) {
  const m = /^([A-Z]{3})\s+(-?[\d.]+)$/.exec(text?.trim() ?? "");
  const micros = m ? decimalToMicros(m[2]) : null;
  return m && micros !== null ? { currency: m[1], micros } : null;
}

export const africasTalking: SmsProviderClient = {
  name: "Africa's Talking",
  async send({ account, secret, senderId }, { to, body }) {
    let res: Response;
    try {
      res = await fetch(`${baseUrl(account)}/version1/messaging`, {
        method: "POST",
        headers: {
          apiKey: secret,
          Accept: "application/json",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ username: account, to, message: body, from: senderId }),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    } catch (err) {
      return unreachable(this.name, err);
    }
    const text = await res.text();
    if (!res.ok)
      return { ok: false, error: `Africa's Talking refused the message (HTTP ${res.status}): ${excerpt(text)}` };
    let data: { SMSMessageData?: { Message?: string; Recipients?: Recipient[] } };
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, error: `Africa's Talking answered something other than JSON: ${excerpt(text)}` };
    }
    const recipient = data.SMSMessageData?.Recipients?.[0];
    if (!recipient) {
      // No recipient at all: the whole request was refused (e.g. "InvalidSenderId").
      return {
        ok: false,
        error: `Africa's Talking did not send the message: ${data.SMSMessageData?.Message ?? "no reason given"}`,
      };
    }
    const messageId = recipient.messageId && recipient.messageId !== "None" ? recipient.messageId : null;
    if (!ACCEPTED.has(Number(recipient.statusCode))) {
      return {
        ok: false,
        error: `Africa's Talking did not send the message: ${recipient.status ?? "refused"} (status ${recipient.statusCode}).`,
        providerMessageId: messageId,
      };
    }
    return { ok: true, providerMessageId: messageId ?? "", cost: costOf(recipient.cost) };
  },
};
