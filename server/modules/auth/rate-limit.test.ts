import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withoutTenant } from "../../db/tenant";
import { claim, enforce, prune } from "./rate-limit";

// The shared limiter on the real database, through the application's pool (several connections):
// requests that arrive together are still counted one after another.

let owner: pg.Client;
beforeAll(async () => {
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
});
afterAll(() => owner.end());

describe("rate limit buckets", () => {
  it("40 truly parallel requests against a limit of 5: exactly 5 pass", async () => {
    const limit = { key: ["test.parallel", "ip", "192.0.2.1"], max: 5, windowSeconds: 60 };
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => enforce([limit], "Too many.")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(35);
    expect(refused[0]).toMatchObject({ reason: { code: "TOO_MANY_REQUESTS", message: "Too many." } });
    // Every one was counted (the pool has 10 connections, so they ran side by side).
    const { rows } = await owner.query(`SELECT count FROM "RateLimitBucket"`);
    expect(rows.map((r) => r.count)).toEqual([40]);
  });

  it("counts each key on its own, and stores no key in clear", async () => {
    const a = { key: ["test.keys", "ip", "192.0.2.2"], max: 1, windowSeconds: 60 };
    const b = { key: ["test.keys", "ip", "192.0.2.3"], max: 1, windowSeconds: 60 };
    await enforce([a], "x");
    await enforce([b], "x");
    await expect(enforce([a], "x")).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    const { rows } = await owner.query(`SELECT key FROM "RateLimitBucket"`);
    expect(rows.some((r) => String(r.key).includes("192.0.2"))).toBe(false);
  });

  it("a refused request still counts against every limit it names", async () => {
    const tight = { key: ["test.both", "email", "a@example.com"], max: 1, windowSeconds: 60 };
    const loose = { key: ["test.both", "ip", "192.0.2.4"], max: 10, windowSeconds: 60 };
    await enforce([tight, loose], "x");
    await expect(enforce([tight, loose], "x")).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect((await withoutTenant((tx) => claim(tx, loose))).count).toBe(3);
  });

  it("starts a new window once the old one has ended", async () => {
    const limit = { key: ["test.window", "ip", "192.0.2.5"], max: 2, windowSeconds: 1 };
    await enforce([limit], "x");
    await enforce([limit], "x");
    await expect(enforce([limit], "x")).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const next = await withoutTenant((tx) => claim(tx, limit));
    expect(next).toMatchObject({ count: 1, allowed: true });
  });

  it("windows that ended over an hour ago are pruned; rows held by another request are skipped", async () => {
    await owner.query(
      `INSERT INTO "RateLimitBucket" (key, count, "resetAt") VALUES ('stale', 3, now() - interval '2 hours'), ('fresh', 3, now() - interval '10 minutes')`,
    );
    await owner.query(
      `INSERT INTO "RateLimitBucket" (key, count, "resetAt") VALUES ('held', 1, now() - interval '2 hours')`,
    );
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM "RateLimitBucket" WHERE key = 'held' FOR UPDATE`);
      await withoutTenant((tx) => prune(tx));
      await holder.query("COMMIT");
    } finally {
      await holder.end();
    }
    const { rows } = await owner.query(
      `SELECT key FROM "RateLimitBucket" WHERE key IN ('stale', 'fresh', 'held') ORDER BY key`,
    );
    expect(rows.map((r) => r.key)).toEqual(["fresh", "held"]);
  });
});
