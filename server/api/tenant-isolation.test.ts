import { beforeAll, describe, expect, it } from "vitest";
import { currentTotp } from "../auth/totp";
import { withTenant } from "../db/tenant";
import { sha256 } from "../lib/crypto";
import { verifyCredentials } from "../modules/auth/credentials";
import * as sessions from "../modules/auth/sessions";
import { anonymousCaller, callerAs, makeCompany, makeUser, TEST_PASSWORD } from "../test/fixtures";
import { callPath, failure, linkToken, listProcedures, outboxOf } from "../test/trpc";
import { createCaller } from "./root";
import type { Context } from "./trpc";

// Two ISPs on one installation. Signed in at company A, nothing of company B may be read or
// changed, whatever id is sent. Every procedure of the router must have a case below: adding a
// procedure without adding its case here fails the first test.

type Company = Awaited<ReturnType<typeof makeCompany>>;
type Caller = Awaited<ReturnType<typeof callerAs>>;

let A: Company;
let B: Company;
let aAdmin: Caller; // A's super admin (two-factor enrolled)
let aTech: Caller; // A's network admin without two-factor, for the own-account two-factor flow
const b = {} as {
  owner: Company["owner"];
  tech: Awaited<ReturnType<typeof makeUser>>;
  techSessionId: string;
  invitationId: string;
  inviteToken: string;
  inviteEmail: string;
  resetToken: string;
};

beforeAll(async () => {
  A = await makeCompany("alpha-net");
  B = await makeCompany("bravo-net");

  // Company B: an admin who invites someone, a technician with a live session and a pending reset.
  const bAdminUser = await makeUser(B.company.id, "SUPER_ADMIN", { email: "admin@bravo.test" });
  const bAdmin = await callerAs(B.company, bAdminUser.id);
  b.owner = B.owner;
  b.tech = await makeUser(B.company.id, "TECHNICAL_SUPPORT", { email: "tech@bravo.test" });
  b.techSessionId = (await sessions.create(B.company.id, b.tech.id, "WEB", { ip: "192.0.2.10" })).id;
  b.inviteEmail = "new-hire@bravo.test";
  b.invitationId = (await bAdmin.users.invite({ email: b.inviteEmail, name: "New Hire", role: "BILLING_ADMIN" })).id;
  await anonymousCaller(B.company).passwordReset.request({ email: b.tech.email });
  const bMail = await outboxOf(B.company.id);
  b.inviteToken = linkToken(bMail.find((m) => m.to === b.inviteEmail)!.text, "invite");
  b.resetToken = linkToken(bMail.find((m) => m.to === b.tech.email)!.text, "reset-password");

  // Company A: its own admin, a technician, an invitation and some mail.
  aAdmin = await callerAs(A.company, (await makeUser(A.company.id, "SUPER_ADMIN", { email: "admin@alpha.test" })).id);
  aTech = await callerAs(A.company, (await makeUser(A.company.id, "NETWORK_ADMIN", { email: "noc@alpha.test", twoFactor: false })).id);
  await aAdmin.users.invite({ email: "someone@alpha.test", name: "Someone", role: "FIELD_TECHNICIAN" });
});

/** Everything of company B a leak or a cross-tenant write could touch, read through B's own scope. */
async function snapshotB() {
  return withTenant(B.company.id, async (tx) => ({
    company: await tx.company.findUnique({ where: { id: B.company.id } }),
    users: await tx.user.findMany({
      orderBy: { id: "asc" },
      select: { id: true, email: true, name: true, role: true, status: true, passwordHash: true, totpSecret: true, totpEnabledAt: true, failedLoginCount: true, lockedUntil: true },
    }),
    sessions: await tx.userSession.findMany({ orderBy: { id: "asc" }, select: { id: true, userId: true, revokedAt: true } }),
    invitations: await tx.invitation.findMany({ orderBy: { id: "asc" }, select: { id: true, email: true, role: true, acceptedAt: true, revokedAt: true } }),
    resetTokens: await tx.passwordResetToken.findMany({ orderBy: { id: "asc" }, select: { id: true, usedAt: true } }),
    recoveryCodes: await tx.recoveryCode.count(),
    audit: await tx.auditEntry.count(),
    outbox: await tx.outboundEmail.count(),
  }));
}

/**
 * Every id and e-mail of company B, to look for in A's answers. (The invitee's address is left
 * out: A legitimately invites the same person in the users.invite case.)
 */
async function idsOfB(): Promise<string[]> {
  const all = await withTenant(B.company.id, async (tx) => [
    B.company.id,
    B.company.slug,
    ...(await tx.user.findMany()).flatMap((u) => [u.id, u.email]),
    ...(await tx.userSession.findMany()).map((s) => s.id),
    ...(await tx.invitation.findMany()).flatMap((i) => [i.id, i.email]),
    ...(await tx.auditEntry.findMany()).map((e) => e.id),
    ...(await tx.outboundEmail.findMany()).map((m) => m.id),
  ]);
  return all.filter((x) => x !== b.inviteEmail);
}

async function expectNoneOfB(answer: unknown) {
  const text = JSON.stringify(answer);
  const leaked = (await idsOfB()).filter((id) => text.includes(id));
  expect(leaked, "company B's ids or e-mails in company A's answer").toEqual([]);
}

/** One case per procedure: called as company A with company B's ids, it finds nothing of B. */
const cases: Record<string, () => Promise<void>> = {
  "companies.register": async () => {
    // On a company's address sign-up is refused outright; B's slug stays B's.
    const f = await failure(
      anonymousCaller(A.company).companies.register({ name: "Takeover", slug: B.company.slug, currency: "USD", timeZone: "UTC", country: "US", adminName: "Eve", adminEmail: "eve@evil.test", password: "Evil-password-1" }),
    );
    expect(f.code).toBe("BAD_REQUEST");
  },
  "companies.current": async () => {
    const company = await aAdmin.companies.current();
    expect(company.id).toBe(A.company.id);
    await expectNoneOfB(company);
  },
  "companies.update": async () => {
    // Extra keys (another company's id or slug) are not part of the settings and change nothing.
    const input = { name: "Alpha Networks", currency: "KES", timeZone: "Africa/Nairobi", country: "KE", id: B.company.id, slug: B.company.slug } as never;
    const updated = await aAdmin.companies.update(input);
    expect(updated).toMatchObject({ id: A.company.id, slug: A.company.slug, name: "Alpha Networks", currency: "KES" });
  },
  "users.list": async () => {
    const all = await aAdmin.users.list({ pageSize: 100 });
    expect(all.rows.length).toBeGreaterThan(0);
    await expectNoneOfB(all);
    const search = await aAdmin.users.list({ search: "bravo" });
    expect(search).toMatchObject({ total: 0, rows: [] });
  },
  "users.get": async () => {
    for (const id of [b.owner.id, b.tech.id]) expect((await failure(aAdmin.users.get({ id }))).code).toBe("NOT_FOUND");
  },
  "users.invite": async () => {
    // The same e-mail may be invited to A (accounts are per company), but B's pending invitation
    // for it is neither revoked nor visible, and no mail lands in B's outbox.
    const inv = await aAdmin.users.invite({ email: b.inviteEmail, name: "Same Person", role: "TECHNICAL_SUPPORT" });
    expect(inv.id).not.toBe(b.invitationId);
    const inA = await withTenant(A.company.id, (tx) => tx.invitation.findUnique({ where: { id: inv.id } }));
    expect(inA?.companyId).toBe(A.company.id);
  },
  "users.invitations": async () => {
    const list = await aAdmin.users.invitations();
    expect(list.length).toBeGreaterThan(0);
    expect(list.map((i) => i.id)).not.toContain(b.invitationId);
    await expectNoneOfB(list);
  },
  "users.revokeInvitation": async () => {
    expect((await failure(aAdmin.users.revokeInvitation({ id: b.invitationId }))).code).toBe("NOT_FOUND");
  },
  "users.changeRole": async () => {
    expect((await failure(aAdmin.users.changeRole({ userId: b.tech.id, role: "SUPER_ADMIN" }))).code).toBe("NOT_FOUND");
    expect((await failure(aAdmin.users.changeRole({ userId: b.owner.id, role: "CUSTOMER" }))).code).toBe("NOT_FOUND");
  },
  "users.setStatus": async () => {
    expect((await failure(aAdmin.users.setStatus({ userId: b.tech.id, status: "DISABLED" }))).code).toBe("NOT_FOUND");
    expect((await failure(aAdmin.users.setStatus({ userId: b.owner.id, status: "ACTIVE" }))).code).toBe("NOT_FOUND");
    expect(await sessions.validate(B.company.id, b.techSessionId)).not.toBeNull();
  },
  "users.peekInvitation": async () => {
    // The token is real (B's own address shows the invitation) but means nothing on A's.
    expect(await anonymousCaller(B.company).users.peekInvitation({ token: b.inviteToken })).toMatchObject({ email: b.inviteEmail });
    expect(await anonymousCaller(A.company).users.peekInvitation({ token: b.inviteToken })).toBeNull();
  },
  "users.acceptInvitation": async () => {
    const f = await failure(anonymousCaller(A.company).users.acceptInvitation({ token: b.inviteToken, name: "Intruder", password: "Intruder-pass-1" }));
    expect(f.code).toBe("UNPROCESSABLE_CONTENT");
    const inA = await withTenant(A.company.id, (tx) => tx.user.count({ where: { email: b.inviteEmail } }));
    expect(inA).toBe(0);
  },
  "account.me": async () => {
    const me = await aAdmin.account.me();
    expect(me).toMatchObject({ userId: aAdmin.ctx.viewer!.userId, company: { id: A.company.id } });
    await expectNoneOfB(me);
  },
  "account.updateProfile": async () => {
    const me = await aAdmin.account.updateProfile({ name: "Alpha Admin" });
    expect(me.id).toBe(aAdmin.ctx.viewer!.userId);
  },
  "account.changePassword": async () => {
    await aAdmin.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "Alpha-new-pass-1" });
    expect(await sessions.validate(B.company.id, b.techSessionId)).not.toBeNull();
  },
  "account.sessions": async () => {
    const list = await aAdmin.account.sessions();
    expect(list.map((s) => s.id)).toContain(aAdmin.sessionId);
    await expectNoneOfB(list);
  },
  "account.revokeSession": async () => {
    expect((await failure(aAdmin.account.revokeSession({ id: b.techSessionId }))).code).toBe("NOT_FOUND");
    expect(await sessions.validate(B.company.id, b.techSessionId)).not.toBeNull();
  },
  "account.revokeOtherSessions": async () => {
    await aAdmin.account.revokeOtherSessions();
    expect(await sessions.validate(B.company.id, b.techSessionId)).not.toBeNull();
  },
  "account.twoFactorStatus": async () => {
    expect(await aTech.account.twoFactorStatus()).toEqual({ enabled: false, required: false, recoveryCodesLeft: 0 });
  },
  "account.beginTwoFactor": async () => {
    const { secret } = await aTech.account.beginTwoFactor();
    const { recoveryCodes } = await aTech.account.confirmTwoFactor({ code: currentTotp(secret) });
    expect(recoveryCodes).toHaveLength(10);
  },
  "account.confirmTwoFactor": async () => {
    // Already enrolled above: confirming again is refused, and B's users are untouched (snapshot).
    expect((await failure(aTech.account.confirmTwoFactor({ code: "123456" }))).code).toBe("CONFLICT");
  },
  "account.disableTwoFactor": async () => {
    await aTech.account.disableTwoFactor();
    expect(await aTech.account.twoFactorStatus()).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
  },
  "passwordReset.request": async () => {
    const aMailBefore = (await outboxOf(A.company.id)).length;
    expect(await anonymousCaller(A.company).passwordReset.request({ email: b.tech.email })).toEqual({ sent: true });
    expect((await outboxOf(A.company.id)).length).toBe(aMailBefore);
  },
  "passwordReset.reset": async () => {
    const real = await withTenant(B.company.id, (tx) => tx.passwordResetToken.findUnique({ where: { tokenHash: sha256(b.resetToken) } }));
    expect(real).not.toBeNull(); // the token is B's and valid there
    const f = await failure(anonymousCaller(A.company).passwordReset.reset({ token: b.resetToken, password: "Stolen-pass-123" }));
    expect(f.code).toBe("UNPROCESSABLE_CONTENT");
  },
  "audit.list": async () => {
    const page = await aAdmin.audit.list({ pageSize: 100 });
    expect(page.rows.length).toBeGreaterThan(0);
    await expectNoneOfB(page);
    for (const entityId of [b.owner.id, b.tech.id, b.invitationId, B.company.id]) {
      expect(await aAdmin.audit.list({ entityId }), entityId).toMatchObject({ total: 0, rows: [] });
    }
  },
  "outbox.list": async () => {
    const page = await aAdmin.outbox.list({ pageSize: 100 });
    expect(page.rows.length).toBeGreaterThan(0);
    await expectNoneOfB(page);
    expect(page.rows.every((m) => m.companyId === A.company.id)).toBe(true);
  },
};

describe("signed in at company A, company B's data is out of reach", () => {
  it("every procedure of the router has an isolation case here", () => {
    const inRouter = listProcedures().map((p) => p.path);
    const missing = inRouter.filter((p) => !(p in cases));
    const stale = Object.keys(cases).filter((p) => !inRouter.includes(p));
    expect({ missing, stale }, "add a case for each new procedure to server/api/tenant-isolation.test.ts").toEqual({ missing: [], stale: [] });
  });

  for (const [path, run] of Object.entries(cases)) {
    it(`${path} neither shows nor changes B's data`, async () => {
      const before = await snapshotB();
      await run();
      expect(await snapshotB()).toEqual(before);
    });
  }

  it("B's credentials do not sign in at A, and B's still work at B", async () => {
    await expect(verifyCredentials(A.company.id, { email: b.tech.email, password: TEST_PASSWORD }, "192.0.2.50")).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const user = await verifyCredentials(B.company.id, { email: b.tech.email, password: TEST_PASSWORD }, "192.0.2.50");
    expect(user.id).toBe(b.tech.id);
  });
});

describe("a session of company A replayed on company B's subdomain", () => {
  const replayed = (): Context => ({ company: B.company, viewer: aAdmin.ctx.viewer, ip: "198.51.100.66", userAgent: "replay" });

  it("the viewer carries its company, and it is A", () => {
    expect(aAdmin.ctx.viewer!.companyId).toBe(A.company.id);
  });

  it("is refused by every protected procedure, before any input is looked at", async () => {
    const before = await snapshotB();
    const caller = createCaller(replayed());
    const protectedPaths = listProcedures().filter((p) => p.meta?.access === "permission").map((p) => p.path);
    expect(protectedPaths.length).toBeGreaterThan(10);
    const answers: Record<string, string> = {};
    for (const path of protectedPaths) answers[path] = (await failure(callPath(caller, path, {}))).code;
    expect(answers).toEqual(Object.fromEntries(protectedPaths.map((p) => [p, "UNAUTHORIZED"])));
    expect(await snapshotB()).toEqual(before);
  });

  it("cannot list, read or change B's users", async () => {
    const caller = createCaller(replayed());
    expect((await failure(caller.users.list({}))).code).toBe("UNAUTHORIZED");
    expect((await failure(caller.users.get({ id: b.tech.id }))).code).toBe("UNAUTHORIZED");
    expect((await failure(caller.users.setStatus({ userId: b.tech.id, status: "DISABLED" }))).code).toBe("UNAUTHORIZED");
    expect(await sessions.validate(B.company.id, b.techSessionId)).not.toBeNull();
  });
});
