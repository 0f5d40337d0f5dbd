// Safaricom's Daraja API over HTTP: an OAuth client-credentials token (cached until shortly before
// it expires, shared by every adapter built for the same app), then JSON POSTs with it as a
// bearer. Daraja answers refusals as { requestId, errorCode, errorMessage } (HTTP 400/401/500),
// which become a DarajaError carrying the code and Safaricom's words.

export const DARAJA_SANDBOX_URL = "https://sandbox.safaricom.co.ke";
export const DARAJA_PRODUCTION_URL = "https://api.safaricom.co.ke";

const TIMEOUT_MS = 20_000;
/** Renew this long before Daraja's stated expiry, so a request never leaves with a dying token. */
const EARLY_RENEWAL_MS = 60_000;

export interface DarajaCredentials {
  /** DARAJA_SANDBOX_URL, DARAJA_PRODUCTION_URL, or a test's local fake. */
  baseUrl: string;
  consumerKey: string;
  consumerSecret: string;
}

export class DarajaError extends Error {
  constructor(
    message: string,
    readonly errorCode: string | null,
    readonly httpStatus: number | null,
  ) {
    super(message);
  }
}

interface CachedToken {
  token: Promise<string>;
  expiresAt: number;
}

const tokens = new Map<string, CachedToken>();

/** Forget cached tokens (tests that restart their fake, or a company that changed its keys). */
export function forgetDarajaTokens() {
  tokens.clear();
}

export function darajaClient(credentials: DarajaCredentials, now: () => number = () => Date.now()) {
  const baseUrl = credentials.baseUrl.replace(/\/$/, "");
  const cacheKey = `${baseUrl}\n${credentials.consumerKey}\n${credentials.consumerSecret}`;

  async function fetchToken(): Promise<{ token: string; expiresInMs: number }> {
    const basic = Buffer.from(`${credentials.consumerKey}:${credentials.consumerSecret}`).toString("base64");
    const data = await call(`${baseUrl}/oauth/v1/generate?grant_type=client_credentials`, {
      method: "GET",
      headers: { Authorization: `Basic ${basic}` },
    });
    const token = typeof data.access_token === "string" ? data.access_token : null;
    if (!token) throw new DarajaError("M-Pesa did not issue an access token: check the consumer key and secret.", null, null); // prettier-ignore
    // Daraja sends expires_in as a string of seconds ("3599").
    const seconds = Number(data.expires_in);
    return { token, expiresInMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 3599) * 1000 };
  }

  function accessToken(): Promise<string> {
    const cached = tokens.get(cacheKey);
    if (cached && cached.expiresAt > now()) return cached.token;
    const entry: CachedToken = { token: Promise.resolve(""), expiresAt: Number.POSITIVE_INFINITY };
    // Concurrent callers share the one request in flight; a failure is not cached.
    entry.token = fetchToken().then(
      ({ token, expiresInMs }) => {
        entry.expiresAt = now() + expiresInMs - EARLY_RENEWAL_MS;
        return token;
      },
      (err: unknown) => {
        if (tokens.get(cacheKey) === entry) tokens.delete(cacheKey);
        throw err;
      },
    );
    tokens.set(cacheKey, entry);
    return entry.token;
  }

  return {
    async post(path: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
      const token = await accessToken();
      try {
        return await call(`${baseUrl}${path}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
      } catch (err) {
        // A token Safaricom revoked early: forget it so the next call asks for a new one.
        if (err instanceof DarajaError && err.httpStatus === 401) tokens.delete(cacheKey);
        throw err;
      }
    },
  };
}

async function call(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new DarajaError(`M-Pesa could not be reached: ${err instanceof Error ? err.message : String(err)}`, null, null); // prettier-ignore
  }
  const text = await res.text();
  let data: Record<string, unknown> = {};
  try {
    data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    if (res.ok) throw new DarajaError(`M-Pesa answered something other than JSON: ${text.slice(0, 200)}`, null, res.status); // prettier-ignore
  }
  if (!res.ok || typeof data.errorCode === "string") {
    const code = typeof data.errorCode === "string" ? data.errorCode : null;
    const message = typeof data.errorMessage === "string" ? data.errorMessage : text.slice(0, 200) || res.statusText;
    throw new DarajaError(`M-Pesa refused the request: ${message}${code ? ` (${code})` : ""}`, code, res.status);
  }
  return data;
}
