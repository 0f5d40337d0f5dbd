import { afterEach, describe, expect, it, vi } from "vitest";

// /api/inngest in production: never the unauthenticated dev mode, whatever INNGEST_DEV says.
// Without a signing key it serves nothing; with one, a request Inngest did not sign is refused.

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function productionRoute(env: Record<string, string>) {
  Object.assign(process.env, { NODE_ENV: "production", INNGEST_DEV: "1" }, env);
  delete process.env.INNGEST_SIGNING_KEY;
  Object.assign(process.env, env);
  vi.resetModules();
  return import("@/app/api/inngest/route");
}

const URL_ = "http://localhost:3000/api/inngest";

describe("/api/inngest in production with INNGEST_DEV set", () => {
  it("without a signing key answers 503 with what to set, and lists no functions", async () => {
    const route = await productionRoute({});
    for (const res of [
      await route.GET(new Request(URL_) as never, undefined as never),
      await route.PUT(new Request(URL_, { method: "PUT" }) as never, undefined as never),
      await route.POST(
        new Request(`${URL_}?fnId=lastmile-auth-housekeeping&stepId=step`, { method: "POST", body: "{}" }) as never,
        undefined as never,
      ),
    ]) {
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(text).toContain("INNGEST_SIGNING_KEY");
      expect(text).not.toContain('auth-housekeeping"');
    }
  });

  it("with a signing key refuses a function call that Inngest did not sign", async () => {
    const route = await productionRoute({ INNGEST_SIGNING_KEY: "signkey-prod-0123456789abcdef0123456789abcdef" });
    const res = await route.POST(
      new Request(`${URL_}?fnId=lastmile-auth-housekeeping&stepId=step`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          event: { name: "x", data: {} },
          events: [],
          steps: {},
          ctx: { run_id: "r", attempt: 0, stack: { stack: [] } },
        }),
      }) as never,
      undefined as never,
    );
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).not.toBe(503);
  });
});
