import { afterEach, describe, expect, it, vi } from "vitest";
import { currentTotp } from "../../auth/totp";
import { withPlatform, withoutTenant } from "../../db/tenant";
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
    const secret = new URL((await enrolOperatorTotp("totp@example.com")).uri).searchParams.get("secret")!;
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

  it("an operator who lost the phone signs in once with each recovery code; a new enrolment replaces them", async () => {
    await upsertOperator({ email: "lost@example.com", name: "Lost", password: "Lost-phone-123" });
    const first = await enrolOperatorTotp("lost@example.com");
    expect(first.recoveryCodes).toHaveLength(10);
    const [code, other] = first.recoveryCodes;
    const withCode = (recoveryCode: string, ip = "10.9.4.1") =>
      verifyOperator({ email: "lost@example.com", password: "Lost-phone-123", recoveryCode }, ip);
    expect(await withCode(code.toUpperCase())).toMatchObject({ name: "Lost" });
    await expect(withCode(code)).rejects.toMatchObject({ message: expect.stringMatching(/already used/) });
    // Codes are stored only as hashes.
    const stored = await withoutTenant((tx) => tx.platformRecoveryCode.findMany());
    expect(stored.some((r) => first.recoveryCodes.some((c) => r.codeHash.includes(c)))).toBe(false);
    // Two requests with one code at the same moment: one gets in.
    const race = await Promise.allSettled([withCode(other, "10.9.4.2"), withCode(other, "10.9.4.3")]);
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const second = await enrolOperatorTotp("lost@example.com");
    await expect(withCode(first.recoveryCodes[2])).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await withCode(second.recoveryCodes[0])).toMatchObject({ name: "Lost" });
    // A password is still needed: a recovery code with a wrong one gets the usual answer.
    await expect(
      verifyOperator(
        { email: "lost@example.com", password: "Wrong-pass-123", recoveryCode: second.recoveryCodes[1] },
        "10.9.4.4",
      ),
    ).rejects.toMatchObject(INCORRECT);
  });

  it("sign-in attempts older than a day are deleted when the next one is recorded", async () => {
    const old = new Date(Date.now() - 25 * 3600_000);
    const recent = new Date(Date.now() - 23 * 3600_000);
    await withoutTenant((tx) =>
      tx.platformLoginAttempt.createMany({
        data: [
          { id: "old-attempt", email: "a@example.com", ip: "10.9.5.1", success: false, createdAt: old },
          { id: "recent-attempt", email: "a@example.com", ip: "10.9.5.1", success: false, createdAt: recent },
        ],
      }),
    );
    await expect(signIn("nobody@example.com", "Whatever-pass-1", "10.9.5.2")).rejects.toMatchObject(INCORRECT);
    const ids = (await withoutTenant((tx) => tx.platformLoginAttempt.findMany({ select: { id: true } }))).map(
      (r) => r.id,
    );
    expect(ids).not.toContain("old-attempt");
    expect(ids).toContain("recent-attempt");
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
