import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import readline from "node:readline";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { makeCompany } from "../test/fixtures";
import { postgresState } from "./postgres";
import { redisState } from "./redis";
import type { SharedState } from "./types";

// The state several app instances share, tried with real separate processes: a login rate limit
// counted by one instance is seen by the other, on PostgreSQL and on Redis (127.0.0.1:6379,
// database 5 unless TEST_REDIS_URL says otherwise).

const REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/5";
const prefix = `lastmile-test-${randomUUID()}:`;
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) c.kill();
  const r = new Redis(REDIS);
  const keys = await r.keys(`${prefix}*`);
  if (keys.length) await r.del(...keys);
  await r.quit();
});

/** A login worker (server/test/login-worker.ts) in its own Node process; `attempt()` makes one failed sign-in. */
async function instance(companyId: string, ip: string, extraEnv: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "../test/login-worker.ts"), companyId, ip],
    {
      env: { ...process.env, NODE_ENV: "test", LOGIN_RATE_LIMIT_PER_15_MIN: "4", ...extraEnv },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  children.push(child);
  const lines = readline.createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const next = async () => JSON.parse(((await lines.next()).value as string) ?? "{}") as Record<string, unknown>;
  expect(await next()).toEqual({ ready: true });
  return {
    attempt: async () => {
      child.stdin!.write("go\n");
      return (await next()).code;
    },
  };
}

describe.each([
  ["PostgreSQL", {} as Record<string, string>],
  ["Redis", { REDIS_URL: REDIS, REDIS_KEY_PREFIX: prefix }],
])("on %s", (_name, extraEnv) => {
  // Two Node processes start (tsx, the ORM): slow on a loaded machine.
  it("a login rate limit holds across two app processes", { timeout: 180_000 }, async () => {
    const { company } = await makeCompany(`shared-${_name.toLowerCase()}`);
    const [a, b] = await Promise.all([
      instance(company.id, "203.0.113.7", extraEnv),
      instance(company.id, "203.0.113.7", extraEnv),
    ]);
    // Alternating: neither process alone reaches the limit of 4 failures per address.
    const codes = [];
    for (const who of [a, b, a, b, a, b]) codes.push(await who.attempt());
    expect(codes).toEqual([
      "UNAUTHORIZED",
      "UNAUTHORIZED",
      "UNAUTHORIZED",
      "UNAUTHORIZED",
      "TOO_MANY_REQUESTS",
      "TOO_MANY_REQUESTS",
    ]);
  });
});

describe.each([
  ["PostgreSQL", () => postgresState()],
  ["Redis", () => redisState(REDIS, prefix)],
])("%s store", (_name, make) => {
  it("counts truly parallel hits one by one, and a window ends", async () => {
    const [one, two]: SharedState[] = [make(), make()];
    try {
      const key = `parallel-${randomUUID()}`;
      const counts = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? one : two).hit(key, 60)));
      expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(await two.peek([key, "never-hit"])).toEqual([30, 0]);
      // A window of one second: over after it, and the next hit opens a new one.
      const short = `short-${randomUUID()}`;
      expect((await one.hit(short, 1)).count).toBe(1);
      expect((await two.hit(short, 1)).count).toBe(2);
      await new Promise((r) => setTimeout(r, 1_100));
      expect(await one.peek([short])).toEqual([0]);
      expect((await two.hit(short, 1)).count).toBe(1);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("a broadcast reaches every subscriber", async () => {
    const [one, two]: SharedState[] = [make(), make()];
    try {
      const got: string[] = [];
      await one.subscribe("test-channel", (m) => got.push(`one:${m}`));
      await two.subscribe("test-channel", (m) => got.push(`two:${m}`));
      await two.publish("test-channel", "company:acme");
      await expect.poll(() => got.sort()).toEqual(["one:company:acme", "two:company:acme"]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
