import { afterEach, describe, expect, it, vi } from "vitest";
import { currentTotp } from "../../auth/totp";
import { withPlatform } from "../../db/tenant";
import { env, resetEnvCache } from "../../lib/env";
import { makeCompany } from "../../test/fixtures";
import { SecondFactorRequired } from "../auth/credentials";
import {
  ensureOperator,
  enrolOperatorTotp,
  listCompanies,
  OperatorTwoFactorMissing,
  upsertOperator,
  verifyOperator,
} from "./service";

const INCORRECT = { code: "UNAUTHORIZED", message: "E-mail or password is incorrect." };
const signIn = (email: string, password: string, ip = "10.9.0.1", totp?: string) =>
  verifyOperator({ email, password, totp }, ip);

describe("platform operator", () => {
  it("lists every company and nothing else of theirs", async () => {
    await makeCompany("plat-one", "Plat One Networks");
    await makeCompany("plat-two", "Plat Two Fiber");
    const all = await listCompanies({});
    expect(all.rows.map((c) => c.slug).sort()).toEqual(["plat-one", "plat-two"]);
    const found = await listCompanies({ search: "fiber" });
    expect(found.rows.map((c) => c.name)).toEqual(["Plat Two Fiber"]);
    // The platform scope is not a company: users, audit entries and e-mail stay invisible.
    const counts = await withPlatform(async (tx) => ({
      users: await tx.user.count(),
      audit: await tx.auditEntry.count(),
    }));
    expect(counts).toEqual({ users: 0, audit: 0 });
    // …and it cannot change a company.
    await expect(withPlatform((tx) => tx.company.updateMany({ data: { name: "Hijacked" } }))).resolves.toEqual({
      count: 0,
    });
  });

  it("operators sign in with their own password", async () => {
    await upsertOperator({ email: "Ops@Example.com", name: "Ops", password: "Operator-pass-1" });
    expect(await signIn("ops@example.com", "Operator-pass-1")).toMatchObject({ email: "ops@example.com" });
    await expect(signIn("ops@example.com", "wrong-pass-1")).rejects.toMatchObject(INCORRECT);
    await expect(upsertOperator({ email: "x@example.com", name: "X", password: "short" })).rejects.toThrow();
  });

  it("the demo seed's ensureOperator never overwrites an existing operator's password", async () => {
    await upsertOperator({ email: "rotated@example.com", name: "Ops", password: "Rotated-pass-1" });
    await ensureOperator({ email: "rotated@example.com", name: "Platform Operator", password: "Published-demo-1" });
    await expect(signIn("rotated@example.com", "Published-demo-1")).rejects.toMatchObject(INCORRECT);
    expect(await signIn("rotated@example.com", "Rotated-pass-1")).toMatchObject({ name: "Ops" });
    await ensureOperator({ email: "fresh@example.com", name: "Fresh", password: "Fresh-pass-123" });
    expect(await signIn("fresh@example.com", "Fresh-pass-123")).toMatchObject({ name: "Fresh" });
  });

  it("an unknown e-mail gets the answer of a wrong password", async () => {
    await expect(signIn("nobody@example.com", "Whatever-pass-1")).rejects.toMatchObject(INCORRECT);
  });

  it("locks the operator after LOGIN_MAX_FAILURES wrong passwords, from any address", async () => {
    await upsertOperator({ email: "target@example.com", name: "Target", password: "Target-pass-1" });
    for (let i = 1; i <= env().LOGIN_MAX_FAILURES; i++)
      await expect(signIn("target@example.com", `Guess-${i}-pass`, `10.9.1.${i}`)).rejects.toMatchObject(INCORRECT);
    await expect(signIn("target@example.com", "Target-pass-1", "10.9.1.99")).rejects.toMatchObject(INCORRECT);
  });

  it("limits failed attempts per address", async () => {
    const limit = env().LOGIN_RATE_LIMIT_PER_15_MIN;
    await upsertOperator({ email: "limited@example.com", name: "Limited", password: "Limited-pass-1" });
    for (let i = 0; i < limit; i++)
      await expect(signIn(`spray${i}@example.com`, "Spray-pass-1", "10.9.2.1")).rejects.toThrow();
    await expect(signIn("limited@example.com", "Limited-pass-1", "10.9.2.1")).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
    expect(await signIn("limited@example.com", "Limited-pass-1", "10.9.2.2")).toMatchObject({ name: "Limited" });
  });

  it("asks an enrolled operator for a TOTP code, and refuses a replayed one", async () => {
    await upsertOperator({ email: "totp@example.com", name: "Totp", password: "Totp-pass-123" });
    const secret = new URL(await enrolOperatorTotp("totp@example.com")).searchParams.get("secret")!;
    await expect(signIn("totp@example.com", "Totp-pass-123")).rejects.toBeInstanceOf(SecondFactorRequired);
    await expect(signIn("totp@example.com", "Totp-pass-123", "10.9.3.1", "000000")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const code = currentTotp(secret);
    expect(await signIn("totp@example.com", "Totp-pass-123", "10.9.3.1", code)).toMatchObject({ name: "Totp" });
    await expect(signIn("totp@example.com", "Totp-pass-123", "10.9.3.1", code)).rejects.toMatchObject({
      message: expect.stringMatching(/already used/),
    });
  });

  describe("in production", () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      resetEnvCache();
    });

    it("an operator without a second factor cannot sign in", async () => {
      await upsertOperator({ email: "no2fa@example.com", name: "No 2FA", password: "No2fa-pass-123" });
      vi.stubEnv("NODE_ENV", "production");
      vi.stubEnv("AUTH_SECRET", "test-auth-secret-0123456789");
      vi.stubEnv("APP_ENCRYPTION_KEY", process.env.APP_ENCRYPTION_KEY ?? "test-encryption-key-0123456789");
      resetEnvCache();
      await expect(signIn("no2fa@example.com", "No2fa-pass-123")).rejects.toBeInstanceOf(OperatorTwoFactorMissing);
    });
  });
});
