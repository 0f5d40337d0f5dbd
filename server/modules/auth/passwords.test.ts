import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { sha256 } from "../../lib/crypto";
import { env } from "../../lib/env";
import { companyUrl } from "../../lib/urls";
import { anonymousCaller, callerAs, makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { linkToken, mailsTo } from "../../test/mail";
import { expectFailure, failure, outboxOf } from "../../test/trpc";
import { verifyCredentials } from "./credentials";
import * as sessions from "./sessions";

// Changing one's password and resetting a forgotten one, as the user experiences them.

type Company = Awaited<ReturnType<typeof makeCompany>>;
let co: Company;

const EXPIRED = {
  code: "UNPROCESSABLE_CONTENT",
  message: "This reset link is invalid or has expired. Ask for a new one.",
};
const signIn = (email: string, password: string) => verifyCredentials(co.company.id, { email, password }, "10.2.0.1");
const resetTokens = () => withTenant(co.company.id, (tx) => tx.passwordResetToken.count());

/** Asks for a reset link as a signed-out visitor and returns the token from the e-mail. */
async function requestLink(email: string): Promise<string> {
  expect(await anonymousCaller(co.company).auth.passwordReset.request({ email })).toEqual({ sent: true });
  const [mail] = mailsTo(email);
  expect(mail).toMatchObject({ subject: expect.stringMatching(/Reset your .* password/) });
  expect(mail.text).toContain(companyUrl(co.company.slug, "/reset-password/"));
  const token = linkToken(mail.text, "reset-password");
  // The outbox has the same message with the link's token masked.
  const [kept] = await outboxOf(co.company.id);
  expect(kept).toMatchObject({ to: email, subject: mail.subject });
  expect(kept.text).toContain(companyUrl(co.company.slug, "/reset-password/••••••"));
  expect(kept.text + kept.html).not.toContain(token);
  return token;
}

beforeAll(async () => {
  co = await makeCompany("pw-isp");
});

describe("changing one's password", () => {
  it("signs out every other device but keeps this one", async () => {
    const user = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "mover@pw.test" });
    const me = await callerAs(co.company, user.id);
    const phone = await sessions.create(co.company.id, user.id, "WEB", { userAgent: "phone" });
    const laptop = await sessions.create(co.company.id, user.id, "API", { userAgent: "laptop" });

    await me.auth.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "Brand-new-pass-42" });

    expect(await sessions.validate(co.company.id, phone.id)).toBeNull();
    expect(await sessions.validate(co.company.id, laptop.id)).toBeNull();
    expect(await sessions.validate(co.company.id, me.sessionId)).not.toBeNull();
    expect((await me.auth.account.sessions()).map((s) => s.id)).toEqual([me.sessionId]);
    await expect(signIn("mover@pw.test", TEST_PASSWORD)).rejects.toMatchObject({
      message: "E-mail or password is incorrect.",
    });
    await expect(signIn("mover@pw.test", "Brand-new-pass-42")).resolves.toMatchObject({ id: user.id });

    const [entry] = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "user.password_change", entityId: user.id } }),
    );
    expect(entry.after).toEqual({ otherSessionsRevoked: 2 });
  });

  it("needs the current password and a strong new one", async () => {
    const user = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "careful@pw.test" });
    const me = await callerAs(co.company, user.id);
    expect(
      await failure(
        me.auth.account.changePassword({ currentPassword: "Not-my-password-1", newPassword: "Brand-new-pass-42" }),
      ),
    ).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      fields: { currentPassword: "Not correct." },
    });
    expect(
      await failure(me.auth.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "short" })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      fields: { newPassword: expect.any(String) },
    });
    await expect(signIn("careful@pw.test", TEST_PASSWORD)).resolves.toMatchObject({ id: user.id });
  });
});

describe("resetting a forgotten password", () => {
  it("the e-mailed link sets a new password once, and signs the user out everywhere", async () => {
    const user = await makeUser(co.company.id, "FIELD_TECHNICIAN", { email: "forgetful@pw.test" });
    const device = await sessions.create(co.company.id, user.id, "WEB", {});
    const token = await requestLink("forgetful@pw.test");

    expect(await anonymousCaller(co.company).auth.passwordReset.reset({ token, password: "Remembered-42" })).toEqual({
      reset: true,
    });
    expect(await sessions.validate(co.company.id, device.id)).toBeNull();
    await expect(signIn("forgetful@pw.test", TEST_PASSWORD)).rejects.toMatchObject({
      message: "E-mail or password is incorrect.",
    });
    await expect(signIn("forgetful@pw.test", "Remembered-42")).resolves.toMatchObject({ id: user.id });

    // The same link a second time: a clear message, and the password stays as set.
    expect(
      await failure(anonymousCaller(co.company).auth.passwordReset.reset({ token, password: "Hijacked-pass-1" })),
    ).toMatchObject(EXPIRED);
    await expect(signIn("forgetful@pw.test", "Remembered-42")).resolves.toMatchObject({ id: user.id });
  });

  it("an expired link is refused and changes nothing", async () => {
    await makeUser(co.company.id, "FIELD_TECHNICIAN", { email: "slow@pw.test" });
    const token = await requestLink("slow@pw.test");
    await withTenant(co.company.id, (tx) =>
      tx.passwordResetToken.update({
        where: { tokenHash: sha256(token) },
        data: { expiresAt: new Date(Date.now() - 1000) },
      }),
    );
    expect(
      await failure(anonymousCaller(co.company).auth.passwordReset.reset({ token, password: "Too-late-pass-1" })),
    ).toMatchObject(EXPIRED);
    await expect(signIn("slow@pw.test", TEST_PASSWORD)).resolves.toMatchObject({ email: "slow@pw.test" });
  });

  it("a made-up token gets the same clear message", async () => {
    expect(
      await failure(
        anonymousCaller(co.company).auth.passwordReset.reset({ token: "x".repeat(43), password: "Guessing-pass-1" }),
      ),
    ).toMatchObject(EXPIRED);
  });

  it("a reset also lifts a lockout", async () => {
    await makeUser(co.company.id, "NETWORK_ADMIN", { email: "locked@pw.test" });
    for (let i = 0; i < env().LOGIN_MAX_FAILURES; i++)
      await expect(signIn("locked@pw.test", "Wrong-password-1")).rejects.toBeTruthy();
    await expect(signIn("locked@pw.test", TEST_PASSWORD)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const token = await requestLink("locked@pw.test");
    await anonymousCaller(co.company).auth.passwordReset.reset({ token, password: "Unlocked-pass-1" });
    await expect(signIn("locked@pw.test", "Unlocked-pass-1")).resolves.toMatchObject({ email: "locked@pw.test" });
  });

  it("for an unknown or disabled e-mail it answers the same and sends nothing", async () => {
    const disabled = await makeUser(co.company.id, "FIELD_TECHNICIAN", { email: "disabled@pw.test" });
    await withTenant(co.company.id, (tx) =>
      tx.user.update({ where: { id: disabled.id }, data: { status: "DISABLED" } }),
    );
    const mailBefore = (await outboxOf(co.company.id)).length;
    const tokensBefore = await resetTokens();

    for (const email of ["nobody@pw.test", "disabled@pw.test"]) {
      expect(await anonymousCaller(co.company).auth.passwordReset.request({ email })).toEqual({ sent: true });
    }
    expect((await outboxOf(co.company.id)).length).toBe(mailBefore);
    expect([...mailsTo("nobody@pw.test"), ...mailsTo("disabled@pw.test")]).toEqual([]);
    expect(await resetTokens()).toBe(tokensBefore);
  });

  it("sends at most three links an hour to one account, and only the newest works", async () => {
    const user = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "flood@pw.test" });
    const first = await requestLink("flood@pw.test");
    await requestLink("flood@pw.test");
    const third = await requestLink("flood@pw.test");
    expect(mailsTo("flood@pw.test")).toHaveLength(3);
    expect(await anonymousCaller(co.company).auth.passwordReset.request({ email: "flood@pw.test" })).toEqual({
      sent: true,
    });
    expect(mailsTo("flood@pw.test")).toHaveLength(3);
    expect(
      await failure(anonymousCaller(co.company).auth.passwordReset.reset({ token: first, password: "Flooded-pass-1" })),
    ).toMatchObject(EXPIRED);
    await anonymousCaller(co.company).auth.passwordReset.reset({ token: third, password: "Flooded-pass-1" });
    await expect(signIn(user.email, "Flooded-pass-1")).resolves.toMatchObject({ id: user.id });
  });

  it("is only offered on a company's address", async () => {
    expect((await failure(anonymousCaller(null).auth.passwordReset.request({ email: co.owner.email }))).code).toBe(
      "UNAUTHORIZED",
    );
    await expectFailure(
      anonymousCaller(null).auth.passwordReset.reset({ token: "x".repeat(43), password: "Whatever-pass-1" }),
      "UNAUTHORIZED",
    );
  });
});
