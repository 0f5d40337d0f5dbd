import { isIP } from "node:net";
import { env } from "../lib/env";

// Client address and device of a request, for sessions, rate limits and the audit trail.
//
// Next.js gives route handlers and server actions no socket address, so `npm start` serves the
// app through our own HTTP server (server/http/next-server.ts), which writes the socket's address
// into PEER_HEADER on every request, replacing whatever the client sent under that name. The
// address chain is then X-Forwarded-For followed by that peer: each trusted proxy (nginx, an
// ingress) appends the address it received the request from, so with TRUSTED_PROXY_HOPS = N the
// client is the entry N places left of the peer. With 0 (no proxy) it is the socket's address,
// and nothing a client sends changes it. X-Real-IP is never read: a client can set it too.
export const PEER_HEADER = "x-lastmile-peer";

export function clientIp(headers: Headers): string {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  // `next dev` runs without our server: there the rightmost forwarded entry stands in for the peer.
  const peer = headers.get(PEER_HEADER)?.trim();
  if (peer) chain.push(peer);
  const hops = env().TRUSTED_PROXY_HOPS;
  // Fewer entries than hops: the request skipped a proxy; its leftmost entry is all there is.
  const address = chain[chain.length - 1 - hops] ?? chain[0];
  return address && isIP(address) ? address : "unknown";
}

export function requestMeta(headers: Headers) {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, 300) ?? null };
}
