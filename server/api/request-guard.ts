import { env } from "../lib/env";

// Two defences the proxy applies to every request, before any route runs.
//
// Cross-site requests: the console and portal authenticate tRPC calls and uploads with the
// session cookie, and every company's subdomain is "same-site" with every other (and with any
// page an attacker hosts on a sibling subdomain), so SameSite cookies alone do not stop a forged
// POST. A state-changing request to a cookie-authenticated path must come from the same origin,
// and tRPC mutations must be JSON (a cross-site form cannot send that without a CORS preflight,
// which we never grant). REST (bearer tokens) and RADIUS (keys) carry no ambient credentials.
//
// Security headers: no framing (clickjacking), no MIME sniffing, no full URLs in Referer, HSTS
// when served over HTTPS, and a Content-Security-Policy that keeps scripts and connections to
// our own origin.

const COOKIE_AUTHENTICATED = [/^\/api\/trpc(\/|$)/, /^\/api\/attachments(\/|$)/];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface Refusal {
  status: 403 | 415;
  code: string;
  message: string;
}

const hostOf = (value: string): string | null => {
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
};

/** Why this request must not reach its route, or null when it may. */
export function crossSiteRefusal(method: string, pathname: string, headers: Headers): Refusal | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (!COOKIE_AUTHENTICATED.some((p) => p.test(pathname))) return null;
  const forbidden: Refusal = {
    status: 403,
    code: "FORBIDDEN",
    message: "This request came from another site and was refused.",
  };
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return forbidden;
  const origin = headers.get("origin");
  if (origin !== null && hostOf(origin) !== headers.get("host")) return forbidden;
  if (pathname.startsWith("/api/trpc") && !/^application\/json\b/i.test(headers.get("content-type") ?? ""))
    return { status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: "Send tRPC calls as application/json." };
  return null;
}

/** The headers every answer carries. */
export function securityHeaders(): Record<string, string> {
  const { NODE_ENV, APP_PROTOCOL } = env();
  const dev = NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    // Next.js inlines its bootstrap scripts; development adds eval for fast refresh.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    // Charts and Radix position elements with inline styles.
    "style-src 'self' 'unsafe-inline'",
    // Knowledge-base articles may show images linked from anywhere; QR codes are data: URLs.
    "img-src * data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...(APP_PROTOCOL === "https" ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
