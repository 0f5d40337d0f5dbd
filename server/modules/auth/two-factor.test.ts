import { beforeAll, describe, expect, it } from "vitest";
import { currentTotp, verifyTotp } from "../../auth/totp";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { expectFailure, failure } from "../../test/trpc";
import { SecondFactorRequired, verifyCredentials } from "./credentials";

// TOTP enrolment of a new company's Super Admin, then signing in with a code or a recovery code.

type Company = Awaited<ReturnType<typeof makeCompany>>;
let co: Company;
let secret: string;
let recoveryCodes: string[];

const signIn = (extra: { totp?: string; recoveryCode?: string } = {}, password = TEST_PASSWORD) =>
  verifyCredentials(co.company.id, { email: co.owner.email, password, ...extra }, "10.1.0.1");

/** A six-digit code the authenticator would not show now (nor one step either side). */
function wrongCode(): string {
  for (let n = 0; ; n++) {
    const code = String(n).padStart(6, "0");
    if (!verifyTotp(secret, code)) return code;
  }
}

beforeAll(async () => {
  co = await makeCompany("totp-isp");
});

describe("two-factor enrolment", () => {
  it("begins with a secret and a QR code, refuses a wrong code, and confirms with the app's code", async () => {
    const owner = await callerAs(co.company, co.owner.id);
    const begun = await owner.auth.account.beginTwoFactor();
    secret = begun.secret;
    expect(begun.uri).toContain("otpauth://totp/");
    expect(begun.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // The secret is stored sealed, never in clear.
    const stored = await withTenant(co.company.id, (tx) => tx.user.findUniqueOrThrow({ where: { id: co.owner.id } }));
    expect(stored.totpSecret).not.toContain(secret);
    expect(stored.totpEnabledAt).toBeNull();

    const wrong = await failure(owner.auth.account.confirmTwoFactor({ code: wrongCode() }));
    expect(wrong).toMatchObject({ code: "UNPROCESSABLE_CONTENT", fields: { code: "Code not valid." } });

    ({ recoveryCodes } = await owner.auth.account.confirmTwoFactor({ code: currentTotp(secret) }));
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await owner.auth.account.twoFactorStatus()).toEqual({
      enabled: true,
      required: true,
      recoveryCodesLeft: 10,
    });

    const audit = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "user.two_factor_enable", entityId: co.owner.id } }),
    );
    expect(audit).toHaveLength(1);
  });

  it("a Super Admin cannot turn it off again", async () => {
    const owner = await callerAs(co.company, co.owner.id);
    expect(owner.ctx.viewer!.mustEnrolTwoFactor).toBe(false);
    expect(await failure(owner.auth.account.disableTwoFactor({ code: "123456" }))).toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/requires two-factor/),
    });
    expect(await failure(owner.auth.account.beginTwoFactor())).toMatchObject({ code: "CONFLICT" });
  });
});

describe("signing in with two-factor on", () => {
  it("without a code asks for one", async () => {
    const err = await signIn().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecondFactorRequired);
    expect(err).toMatchObject({ code: "UNAUTHORIZED", message: "Enter the 6-digit code from your authenticator app." });
  });

  it("a wrong password is still just a wrong password (the code is not asked for)", async () => {
    await expect(signIn({}, "Wrong-password-1")).rejects.toMatchObject({ message: "E-mail or password is incorrect." });
    await expect(signIn({ totp: currentTotp(secret) }, "Wrong-password-1")).rejects.toMatchObject({
      message: "E-mail or password is incorrect.",
    });
  });

  it("with the app's next code it works, once; a replayed or wrong code does not", async () => {
    // Enrolment consumed the current step's code, so the app's next one is what a person types.
    const next = currentTotp(secret, Date.now() + 30_000);
    await expect(signIn({ totp: next })).resolves.toMatchObject({ id: co.owner.id, mustEnrolTwoFactor: false });
    await expect(signIn({ totp: next })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: expect.stringMatching(/already used/),
    });
    await expect(signIn({ totp: currentTotp(secret) })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(signIn({ totp: wrongCode() })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: expect.stringMatching(/code is not valid/),
    });
  });

  it("a recovery code works once, however it is typed, and never again", async () => {
    const code = recoveryCodes[3];
    await expect(signIn({ recoveryCode: ` ${code.toUpperCase()} ` })).resolves.toMatchObject({ id: co.owner.id });
    await expect(signIn({ recoveryCode: code })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "That recovery code is not valid or was already used.",
    });
    await expect(signIn({ recoveryCode: "abcd-efgh" })).rejects.toMatchObject({
      message: "That recovery code is not valid or was already used.",
    });
    // The others still work, and the count shown to the user went down by one.
    await expect(signIn({ recoveryCode: recoveryCodes[4] })).resolves.toMatchObject({ id: co.owner.id });
    const owner = await callerAs(co.company, co.owner.id);
    expect(await owner.auth.account.twoFactorStatus()).toMatchObject({ recoveryCodesLeft: 8 });
  });
});

describe("turning two-factor off", () => {
  it("needs a current code from the app: not none, not a wrong one, not one already used", async () => {
    const tech = await makeUser(co.company.id, "NETWORK_ADMIN", {
      email: "optional-2fa@example.com",
      twoFactor: false,
    });
    const caller = await callerAs(co.company, tech.id);
    const { secret: techSecret } = await caller.auth.account.beginTwoFactor();
    const used = currentTotp(techSecret);
    await caller.auth.account.confirmTwoFactor({ code: used });
    const stillOn = async () => expect((await caller.auth.account.twoFactorStatus()).enabled).toBe(true);

    await expectFailure(caller.auth.account.disableTwoFactor({ code: "" }), "BAD_REQUEST");
    await stillOn();
    const wrong = used === "000000" ? "000001" : "000000";
    const refused = await expectFailure(caller.auth.account.disableTwoFactor({ code: wrong }), "UNPROCESSABLE_CONTENT");
    expect(refused.fields).toEqual({ code: "Code not valid." });
    await stillOn();
    // The code that confirmed the enrolment was spent then.
    await expectFailure(caller.auth.account.disableTwoFactor({ code: used }), "UNPROCESSABLE_CONTENT");
    await stillOn();

    await caller.auth.account.disableTwoFactor({ code: currentTotp(techSecret, Date.now() + 30_000) });
    expect(await caller.auth.account.twoFactorStatus()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
  });
});
