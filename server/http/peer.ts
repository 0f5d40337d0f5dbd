import type { IncomingMessage } from "node:http";
import { PEER_HEADER } from "../auth/request-meta";

// Next.js gives route handlers no socket address. Our HTTP server (next-server.ts) stamps it on
// every request under PEER_HEADER, replacing a client-sent header of that name, which is never
// trusted; server/auth/request-meta.ts reads it.

/** IPv4 peers arrive as ::ffff:a.b.c.d on a dual-stack socket; the audit log wants a.b.c.d. */
const plainAddress = (address: string | undefined) => address?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "") ?? "";

export function stampPeer(req: IncomingMessage): void {
  req.headers[PEER_HEADER] = plainAddress(req.socket.remoteAddress);
}
