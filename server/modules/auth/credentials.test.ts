import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { withTenant } from "../../db/tenant";
import { env, resetEnvCache } from "../../lib/env";
import { makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { verifyCredentials } from "./credentials";

// Signing in with e-mail and password: one answer for every wrong combination, lockout per
// account, rate limit per network address. Each test uses its own address so limits don't mix.

type Company = Awaited<ReturnType<typeof makeCompany>>;
let co: Company;

const INCORRECT = { code: "UNAUTHORIZED", message: "E-mail or password is incorrect." };
const signIn = (email: string, password: string, ip: string) =>
  verifyCredentials(co.company.id, { email, password }, ip);

beforeAll(async () => {
  co = await makeCompany("cred-isp");
});

describe("verifyCredentials", () => {
  it("signs in with the right password, whatever the e-mail's case, and records the time", async () => {
    const user = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "ok@cred.test" });
    const signedIn = await signIn("  OK@Cred.Test ", TEST_PASSWORD, "10.0.0.1");
    expect(signedIn).toMatchObject({ id: user.id, mustEnrolTwoFactor: false });
    expect(signedIn.lastLoginAt).toBeInstanceOf(Date);
  });

  it("a Super Admin without TOTP signs in but must enrol first", async () => {
    expect(await signIn(co.owner.email, TEST_PASSWORD, "10.0.0.2")).toMatchObject({
      id: co.owner.id,
      mustEnrolTwoFactor: true,
    });
  });

  it("a wrong password, an unknown e-mail and a disabled account get the same answer", async () => {
    const disabled = await makeUser(co.company.id, "FIELD_TECHNICIAN", { email: "gone@cred.test" });
    await withTenant(co.company.id, (tx) =>
      tx.user.update({ where: { id: disabled.id }, data: { status: "DISABLED" } }),
    );
    await makeUser(co.company.id, "FIELD_TECHNICIAN", { email: "here@cred.test" });

    await expect(signIn("here@cred.test", "Wrong-password-1", "10.0.0.3"), "wrong password").rejects.toMatchObject(
      INCORRECT,
    );
    await expect(signIn("nobody@cred.test", TEST_PASSWORD, "10.0.0.3"), "unknown e-mail").rejects.toMatchObject(
      INCORRECT,
    );
    await expect(signIn("gone@cred.test", TEST_PASSWORD, "10.0.0.3"), "disabled").rejects.toMatchObject(INCORRECT);
  });

  it(`locks the account after LOGIN_MAX_FAILURES failures: then even the right password is refused`, async () => {
    const max = env().LOGIN_MAX_FAILURES;
    expect(max).toBe(5);
    await makeUser(co.company.id, "NETWORK_ADMIN", { email: "victim@cred.test" });
    for (let i = 1; i < max; i++)
      await expect(signIn("victim@cred.test", `Guess-${i}-password`, "10.0.1.1")).rejects.toMatchObject(INCORRECT);
    // One short of the limit the owner can still get in, which clears the count.
    await expect(signIn("victim@cred.test", TEST_PASSWORD, "10.0.1.1")).resolves.toMatchObject({
      email: "victim@cred.test",
    });

    for (let i = 1; i <= max; i++)
      await expect(signIn("victim@cred.test", `Guess-${i}-password`, "10.0.1.2")).rejects.toMatchObject(INCORRECT);
    // Locked: the answer of a wrong password, so that it does not tell that the account exists.
    await expect(signIn("victim@cred.test", TEST_PASSWORD, "10.0.1.2")).rejects.toMatchObject(INCORRECT);
    // The lock is on the account, not on the address the guesses came from.
    await expect(signIn("victim@cred.test", TEST_PASSWORD, "10.0.1.3")).rejects.toMatchObject(INCORRECT);
  });

  it("the lock ends after LOGIN_LOCKOUT_MINUTES", async () => {
    const user = await makeUser(co.company.id, "NETWORK_ADMIN", { email: "patient@cred.test" });
    for (let i = 1; i <= env().LOGIN_MAX_FAILURES; i++)
      await expect(signIn("patient@cred.test", "Wrong-password-1", "10.0.2.1")).rejects.toMatchObject(INCORRECT);
    const locked = await withTenant(co.company.id, (tx) => tx.user.findUniqueOrThrow({ where: { id: user.id } }));
    const minutes = (locked.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(env().LOGIN_LOCKOUT_MINUTES - 1);
    expect(minutes).toBeLessThanOrEqual(env().LOGIN_LOCKOUT_MINUTES);

    await withTenant(co.company.id, (tx) =>
      tx.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } }),
    );
    await expect(signIn("patient@cred.test", TEST_PASSWORD, "10.0.2.1")).resolves.toMatchObject({ id: user.id });
  });

  describe("failure budget per company", () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      resetEnvCache();
    });

    it("after LOGIN_COMPANY_FAILURES_PER_15_MIN failures from any addresses, the company refuses sign-ins", async () => {
      const other = await makeCompany("cred-budget-isp");
      const spray = (email: string, password: string, ip: string) =>
        verifyCredentials(other.company.id, { email, password }, ip);
      vi.stubEnv("LOGIN_COMPANY_FAILURES_PER_15_MIN", "4");
      resetEnvCache();
      const user = await makeUser(other.company.id, "TECHNICAL_SUPPORT", { email: "target@budget.test" });
      // A fresh address and a fresh e-mail each time: neither the per-address limit nor a lockout applies.
      for (let i = 1; i <= 4; i++)
        await expect(spray(`guess${i}@budget.test`, "Wrong-password-1", `198.51.100.${i}`)).rejects.toMatchObject(
          INCORRECT,
        );
      await expect(spray(user.email, TEST_PASSWORD, "198.51.100.99")).rejects.toMatchObject({
        code: "TOO_MANY_REQUESTS",
        message: expect.stringMatching(/at this company/),
      });
      // Other companies keep their own budget.
      const calm = await makeCompany("cred-calm-isp");
      await expect(
        verifyCredentials(calm.company.id, { email: calm.owner.email, password: TEST_PASSWORD }, "198.51.100.99"),
      ).resolves.toMatchObject({ id: calm.owner.id });
    });
  });

  describe("rate limit per address", () => {
    const original = process.env.LOGIN_RATE_LIMIT_PER_15_MIN;
    afterEach(() => {
      if (original === undefined) delete process.env.LOGIN_RATE_LIMIT_PER_15_MIN;
      else process.env.LOGIN_RATE_LIMIT_PER_15_MIN = original;
      resetEnvCache();
    });

    it("after LOGIN_RATE_LIMIT_PER_15_MIN failures from one address, it refuses everything from there", async () => {
      process.env.LOGIN_RATE_LIMIT_PER_15_MIN = "3";
      resetEnvCache();
      await makeUser(co.company.id, "BILLING_ADMIN", { email: "payroll@cred.test" });
      // Spread over different e-mails, so no single account locks.
      for (const email of ["a@cred.test", "b@cred.test", "c@cred.test"])
        await expect(signIn(email, "Wrong-password-1", "10.0.3.1")).rejects.toMatchObject(INCORRECT);
      await expect(signIn("payroll@cred.test", TEST_PASSWORD, "10.0.3.1")).rejects.toMatchObject({
        code: "TOO_MANY_REQUESTS",
        message: expect.stringMatching(/Too many sign-in attempts/),
      });
      // Another address is not affected, and the account itself is not locked.
      await expect(signIn("payroll@cred.test", TEST_PASSWORD, "10.0.3.2")).resolves.toMatchObject({
        email: "payroll@cred.test",
      });
    });
  });
});
