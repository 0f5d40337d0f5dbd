// The one interface every SMS provider implements. A client gets the company's own account
// (each ISP has its own username, key and sender ID) and one message, calls the provider's HTTP
// API once, and says what happened in words a person can act on. It never throws for a refusal
// or an unreachable provider: the answer is recorded on the message in the SMS log.

export interface SmsAccount {
  /** Africa's Talking username, or Twilio Account SID. */
  account: string;
  /** API key, or auth token (unsealed just for this call). */
  secret: string;
  senderId: string;
}

export interface OutgoingSms {
  /** E.164. */
  to: string;
  body: string;
}

export interface SmsCost {
  /** ISO 4217. */
  currency: string;
  /** Millionths of the currency unit: SMS prices are fractions of a cent. */
  micros: bigint;
}

export type SendOutcome =
  | { ok: true; providerMessageId: string; cost: SmsCost | null }
  | { ok: false; error: string; providerMessageId?: string | null };

export interface SmsProviderClient {
  /** The provider's name as staff know it, for messages. */
  name: string;
  send(account: SmsAccount, sms: OutgoingSms): Promise<SendOutcome>;
}

/** A provider must answer within this; a hung request fails the message instead of holding a worker. */
export const SEND_TIMEOUT_MS = 15_000;

/** "0.8000" or "-0.00750" as a positive number of millionths, without floating point. */
export function decimalToMicros(text: string): bigint | null {
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const fraction = (m[2] ?? "").padEnd(6, "0").slice(0, 6);
  return BigInt(m[1]) * 1_000_000n + BigInt(fraction);
}

/** A fetch that failed before any answer (DNS, refused connection, timeout), in words. */
export function unreachable(provider: string, err: unknown): SendOutcome {
  const reason =
    err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")
      ? `no answer within ${SEND_TIMEOUT_MS / 1000} seconds`
      : err instanceof Error
        ? ((err.cause as Error | undefined)?.message ?? err.message)
        : String(err);
  return { ok: false, error: `Could not reach ${provider}: ${reason}.` };
}

/** The start of a response body, for an error message (providers answer HTML or text on some errors). */
export const excerpt = (text: string) => text.replace(/\s+/g, " ").trim().slice(0, 300);
