import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withTenant } from "../server/db/tenant";
import { makeCompany } from "../server/test/fixtures";

// `npm start` with a broken configuration refuses to start and names what is wrong, before it
// serves anyone (scripts/start.ts, server/db/startup-checks.ts).

const GOOD = {
  NODE_ENV: "production",
  AUTH_SECRET: "start-test-auth-secret-0123456789",
  APP_ENCRYPTION_KEY: "dev-only-encryption-key-change-me".replace("dev-only", "start-test"),
  SKIP_SEED: "1",
  PORT: "3425",
};

function start(overrides: Record<string, string | undefined>) {
  const env: Record<string, string | undefined> = { ...process.env, ...GOOD, ...overrides };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "start.ts"), "start"], {
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe("start-up with a broken configuration", () => {
  it.each([
    ["AUTH_SECRET missing in production", { AUTH_SECRET: undefined }, /AUTH_SECRET must be set in production/],
    ["AUTH_SECRET too short", { AUTH_SECRET: "short" }, /AUTH_SECRET: .*16/],
    ["APP_ENCRYPTION_KEY missing in production", { APP_ENCRYPTION_KEY: undefined }, /APP_ENCRYPTION_KEY must be set/],
    ["DATABASE_URL not a URL", { DATABASE_URL: "localhost:5432/lastmile" }, /DATABASE_URL: /],
    [
      "DATABASE_URL not PostgreSQL",
      { DATABASE_URL: "mysql://root@127.0.0.1/lastmile" },
      /DATABASE_URL: expected postgresql/,
    ],
    ["REDIS_URL not Redis", { REDIS_URL: "http://127.0.0.1:6379" }, /REDIS_URL: expected a redis/],
    [
      "DATABASE_URL unreachable",
      { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/lastmile" },
      /DATABASE_URL: PostgreSQL at 127\.0\.0\.1:1 cannot be reached/,
    ],
  ])("%s: exits 1 and names the variable", async (_name, overrides, message) => {
    const { code, out } = await start(overrides);
    expect(out).toMatch(/Lastmile cannot start/);
    expect(out).toMatch(message);
    expect(code).toBe(1);
  });

  it("an APP_ENCRYPTION_KEY that does not open the sealed secrets: exits 1 and says so", async () => {
    const { company, owner } = await makeCompany("start-key-isp");
    // Sealed with this test process's key (the development default), as the app would have.
    const { seal } = await import("../server/lib/crypto");
    await withTenant(company.id, (tx) =>
      tx.user.update({ where: { id: owner.id }, data: { totpSecret: seal("JBSWY3DPEHPK3PXP") } }),
    );
    const { code, out } = await start({ APP_ENCRYPTION_KEY: "another-key-than-the-data-was-sealed-with" });
    expect(out).toMatch(
      /APP_ENCRYPTION_KEY does not open the secrets sealed in this database \(tried User\.totpSecret\)/,
    );
    expect(code).toBe(1);
  });
});
