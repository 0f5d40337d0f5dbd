import { env } from "./env";

// Subdomain ↔ company. ROOT_DOMAIN may carry a port (localhost:3000); hosts are compared
// without ports so the same code works behind a proxy on 443.

const hostname = (host: string) => host.trim().toLowerCase().replace(/:\d+$/, "");

/** The company slug of a Host header, or null on the root domain (or a foreign host). */
export function slugFromHost(host: string | null | undefined): string | null {
  if (!host) return null;
  const root = hostname(env().ROOT_DOMAIN);
  const h = hostname(host);
  if (h === root || !h.endsWith(`.${root}`)) return null;
  const sub = h.slice(0, -(root.length + 1));
  return sub.includes(".") ? null : sub;
}

export function companyUrl(slug: string, path = "/"): string {
  const e = env();
  return `${e.APP_PROTOCOL}://${slug}.${e.ROOT_DOMAIN}${path}`;
}

export function rootUrl(path = "/"): string {
  const e = env();
  return `${e.APP_PROTOCOL}://${e.ROOT_DOMAIN}${path}`;
}

// Characters no redirect target needs, and that browsers read as a host boundary (`/\evil`,
// `/<TAB>/evil`) or silently drop.
const UNSAFE = /[\\\u0000-\u001f\u007f]/;

/**
 * A redirect target taken from the request (`?next=`), as a path on `origin`; `fallback` when it
 * would leave that origin or carries a backslash or control character, plain or percent-encoded.
 * Every place that redirects to a client-supplied target goes through here.
 */
export function sameOriginPath(target: string | null | undefined, origin: string, fallback = "/"): string {
  if (!target || !target.startsWith("/")) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return fallback;
  }
  if (UNSAFE.test(target) || UNSAFE.test(decoded) || decoded.startsWith("//")) return fallback;
  const base = new URL(origin);
  const url = new URL(target, base);
  const path = url.pathname + url.search + url.hash;
  // `//host` would be protocol-relative in the browser, even after URL normalised `/.//host`.
  return url.origin === base.origin && !path.startsWith("//") ? path : fallback;
}
