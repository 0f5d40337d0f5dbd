import { env } from "../../../lib/env";
import { decimalToMicros, excerpt, SEND_TIMEOUT_MS, unreachable, type SmsProviderClient } from "./types";

// Twilio's Programmable Messaging REST API: a form POST of To, From and Body to
// /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP basic authentication (Account SID
// and auth token). 201 returns the Message resource (its `sid`, a `status` of queued/accepted,
// and a `price` that is usually still null); an error returns `{ code, message, more_info }`.

const LIVE_URL = "https://api.twilio.com";

interface TwilioMessage {
  sid?: string;
  status?: string;
  price?: string | null;
  price_unit?: string | null;
  error_code?: number | null;
  error_message?: string | null;
}

interface TwilioError {
  code?: number;
  message?: string;
}

const parse = <T>(text: string): T | null => {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
};

export const twilio: SmsProviderClient = {
  name: "Twilio",
  async send({ account, secret, senderId }, { to, body }) {
    const base = (env().SMS_TWILIO_URL ?? LIVE_URL).replace(/\/$/, "");
    let res: Response;
    try {
      res = await fetch(`${base}/2010-04-01/Accounts/${encodeURIComponent(account)}/Messages.json`, {
        method: "POST",
        headers: {
          Authorization: `Basic ${Buffer.from(`${account}:${secret}`).toString("base64")}`,
          Accept: "application/json",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ To: to, From: senderId, Body: body }),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
    } catch (err) {
      return unreachable(this.name, err);
    }
    const text = await res.text();
    if (!res.ok) {
      const error = parse<TwilioError>(text);
      const reason = error?.message ? `${error.message}${error.code ? ` (error ${error.code})` : ""}` : excerpt(text);
      return { ok: false, error: `Twilio refused the message (HTTP ${res.status}): ${reason}` };
    }
    const message = parse<TwilioMessage>(text);
    if (!message?.sid) return { ok: false, error: `Twilio answered without a message id: ${excerpt(text)}` };
    if (message.status === "failed" || message.status === "undelivered") {
      return {
        ok: false,
        error: `Twilio did not send the message: ${message.error_message ?? message.status}${message.error_code ? ` (error ${message.error_code})` : ""}`,
        providerMessageId: message.sid,
      };
    }
    const micros = message.price ? decimalToMicros(message.price) : null;
    const cost = micros !== null && message.price_unit ? { currency: message.price_unit.toUpperCase(), micros } : null;
    return { ok: true, providerMessageId: message.sid, cost };
  },
};
