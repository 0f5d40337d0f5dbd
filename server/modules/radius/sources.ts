import { BlockList, isIP } from "node:net";

// Which addresses a RADIUS server key is accepted from. The caller's address is the one
// server/auth/request-meta.ts finds: the socket's, or behind TRUSTED_PROXY_HOPS proxies the
// address the outermost one saw (docs/OPERATIONS.md).

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) is 192.0.2.1. */
function plain(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1] : ip;
}

const family = (ip: string) => (isIP(ip) === 6 ? "ipv6" : "ipv4");

/** True when `allowed` is empty (any address) or `ip` is one of its addresses or inside one of its prefixes. */
export function sourceAllowed(allowed: readonly string[], ip: string): boolean {
  if (allowed.length === 0) return true;
  const address = plain(ip);
  if (!isIP(address)) return false;
  const list = new BlockList();
  for (const entry of allowed) {
    const [base, bits] = entry.split("/");
    const net = plain(base);
    if (!isIP(net)) continue;
    if (bits === undefined) list.addAddress(net, family(net));
    else list.addSubnet(net, Number(bits), family(net));
  }
  return list.check(address, family(address));
}
