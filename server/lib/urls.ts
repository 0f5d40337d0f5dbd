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
