import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stampPeer } from "../http/peer";
import { resetEnvCache } from "../lib/env";
import { clientIp, PEER_HEADER } from "./request-meta";

// The address used for per-address limits, sessions and the audit log: a client must not be
// able to pick it by sending its own X-Forwarded-For, X-Real-IP or peer header.
const ip = (headers: Record<string, string>) => clientIp(new Headers(headers));
const hops = (n: number) => {
  vi.stubEnv("TRUSTED_PROXY_HOPS", String(n));
  resetEnvCache();
};

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

describe("clientIp", () => {
  it("without proxies (default 0) takes the socket's address, whatever X-Forwarded-For says; never X-Real-IP", () => {
    expect(ip({ [PEER_HEADER]: "198.51.100.7", "x-forwarded-for": "1.2.3.4" })).toBe("198.51.100.7");
    expect(ip({ [PEER_HEADER]: "198.51.100.7" })).toBe("198.51.100.7");
    expect(ip({ "x-real-ip": "203.0.113.9" })).toBe("unknown");
    expect(ip({})).toBe("unknown");
  });

  it("behind one proxy takes the address the proxy appended, not what the client sent before it", () => {
    hops(1);
    expect(ip({ "x-forwarded-for": "1.2.3.4, 198.51.100.7", [PEER_HEADER]: "10.0.0.2" })).toBe("198.51.100.7");
    expect(ip({ "x-forwarded-for": "198.51.100.7", [PEER_HEADER]: "10.0.0.2" })).toBe("198.51.100.7");
  });

  it("behind two proxies takes the second address from the right", () => {
    hops(2);
    expect(ip({ "x-forwarded-for": "1.2.3.4, 198.51.100.7, 10.0.0.5", [PEER_HEADER]: "10.0.0.2" })).toBe(
      "198.51.100.7",
    );
    expect(ip({ "x-forwarded-for": "2001:db8::1, 10.0.0.5", [PEER_HEADER]: "10.0.0.2" })).toBe("2001:db8::1");
  });

  it("writes nothing but an address into sessions and the audit log", () => {
    expect(ip({ [PEER_HEADER]: "<script>alert(1)</script>" })).toBe("unknown");
  });
});

describe("the production server's peer stamp", () => {
  it("is the socket's address: a client's forged peer header and X-Forwarded-For change nothing", async () => {
    const server = http.createServer((req, res) => {
      stampPeer(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      res.end(clientIp(headers));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const seen = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(url, {
          headers: { [PEER_HEADER]: `203.0.113.${i}`, "x-forwarded-for": `198.51.100.${i}` },
        });
        seen.push(await res.text());
      }
      expect(seen).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
    } finally {
      server.close();
    }
  });
});
