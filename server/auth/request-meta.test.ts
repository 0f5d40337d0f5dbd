import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "../lib/env";
import { clientIp } from "./request-meta";

// The address used for per-address limits, sessions and the audit log: a client must not be
// able to pick it by sending its own X-Forwarded-For or X-Real-IP.
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
  it("without proxies (default 0) takes the address Next.js put last, never X-Real-IP", () => {
    expect(ip({ "x-forwarded-for": "198.51.100.7" })).toBe("198.51.100.7");
    expect(ip({ "x-real-ip": "203.0.113.9" })).toBe("unknown");
    expect(ip({})).toBe("unknown");
  });

  it("behind one proxy takes the address the proxy appended, not what the client sent before it", () => {
    hops(1);
    expect(ip({ "x-forwarded-for": "1.2.3.4, 198.51.100.7" })).toBe("198.51.100.7");
    expect(ip({ "x-forwarded-for": "198.51.100.7" })).toBe("198.51.100.7");
  });

  it("behind two proxies takes the second address from the right", () => {
    hops(2);
    expect(ip({ "x-forwarded-for": "1.2.3.4, 198.51.100.7, 10.0.0.5" })).toBe("198.51.100.7");
    expect(ip({ "x-forwarded-for": "2001:db8::1, 10.0.0.5" })).toBe("2001:db8::1");
  });

  it("writes nothing but an address into sessions and the audit log", () => {
    expect(ip({ "x-forwarded-for": "<script>alert(1)</script>" })).toBe("unknown");
  });
});
