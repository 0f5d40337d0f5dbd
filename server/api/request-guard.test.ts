import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { proxy } from "../../proxy";
import { makeCompany } from "../test/fixtures";

// The proxy in front of every route: forged cross-site calls never reach tRPC or uploads, and
// every answer carries the security headers.

const HOST = "guard-co.localhost:3000";

beforeAll(async () => {
  await makeCompany("guard-co");
});

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new NextRequest(`http://${HOST}${path}`, {
    method: init.method ?? "GET",
    headers: { host: HOST, ...init.headers },
    body: init.body,
  });
}

const reachesRoute = (res: Response) => res.headers.get("x-middleware-next") === "1";

describe("cross-site requests to cookie-authenticated paths", () => {
  const mutation = "/api/trpc/account.revokeOtherSessions";

  it("refuses a form post from another site (multipart, no preflight) to tRPC", async () => {
    const res = await proxy(
      request(mutation, {
        method: "POST",
        headers: {
          origin: "http://evil.example",
          "sec-fetch-site": "cross-site",
          "content-type": "multipart/form-data; boundary=x",
        },
        body: "--x--",
      }),
    );
    expect(res.status).toBe(403);
    expect(reachesRoute(res)).toBe(false);
    expect(await res.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it("refuses a sibling company's subdomain (same-site, not same-origin), for tRPC and uploads", async () => {
    for (const path of [mutation, "/api/attachments"]) {
      const res = await proxy(
        request(path, {
          method: "POST",
          headers: {
            origin: "http://attacker.localhost:3000",
            "sec-fetch-site": "same-site",
            "content-type": "application/json",
          },
          body: "{}",
        }),
      );
      expect(res.status, path).toBe(403);
    }
  });

  it("refuses a mismatched Origin even without Sec-Fetch-Site (older browsers)", async () => {
    const res = await proxy(
      request(mutation, {
        method: "POST",
        headers: { origin: "http://attacker.localhost:3000", "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(res.status).toBe(403);
  });

  it("refuses a tRPC call that is not JSON, even from the same origin", async () => {
    const res = await proxy(
      request(mutation, {
        method: "POST",
        headers: { origin: `http://${HOST}`, "sec-fetch-site": "same-origin", "content-type": "text/plain" },
        body: "{}",
      }),
    );
    expect(res.status).toBe(415);
  });

  it("lets the console's own JSON calls, reads and bearer-token REST calls through", async () => {
    const own = await proxy(
      request(mutation, {
        method: "POST",
        headers: { origin: `http://${HOST}`, "sec-fetch-site": "same-origin", "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(reachesRoute(own)).toBe(true);
    expect(reachesRoute(await proxy(request("/api/trpc/notifications.unreadCount")))).toBe(true);
    const rest = await proxy(
      request("/api/customers", {
        method: "POST",
        headers: { origin: "http://integrator.example", "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(reachesRoute(rest)).toBe(true);
  });
});

describe("security headers", () => {
  it("are on pages, API answers and refusals alike", async () => {
    for (const res of [
      await proxy(request("/login")),
      await proxy(request("/api/health")),
      await proxy(request("/api/trpc/x", { method: "POST", headers: { "sec-fetch-site": "cross-site" } })),
    ]) {
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    }
  });
});
