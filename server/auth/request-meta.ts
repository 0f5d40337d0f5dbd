import { isIP } from "node:net";
import { env } from "../lib/env";

// Client address and device of a request, for sessions, rate limits and the audit trail.
//
// Next.js gives route handlers and server actions no socket address. `next start` writes the
// socket's address into X-Forwarded-For only when the request carries none, and keeps a
// client-sent header as it is. So the address is read from that header, counting
// TRUSTED_PROXY_HOPS from the right: each trusted proxy (nginx, an ingress) appends the address
// it received the request from, and everything to the left of those is the client's own say.
// With 0 (no proxy) the rightmost entry is used: the socket's address when the client sent no
// header, else an address the client chose; that is why sign-in also has limits per account
// and per company that no header changes (server/modules/auth/credentials.ts). X-Real-IP is
// not read: a client can set it too.
export function clientIp(headers: Headers): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const hops = env().TRUSTED_PROXY_HOPS;
  // Fewer entries than hops: the request skipped a proxy; its leftmost entry is all there is.
  const address = chain[chain.length - Math.max(hops, 1)] ?? chain[0];
  return address && isIP(address) ? address : "unknown";
}

export function requestMeta(headers: Headers) {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, 300) ?? null };
}
