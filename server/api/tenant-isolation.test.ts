import { beforeAll, describe, expect, it } from "vitest";
import { currentTotp } from "../auth/totp";
import { withTenant } from "../db/tenant";
import { sha256 } from "../lib/crypto";
import { newId } from "../lib/ids";
import { verifyCredentials } from "../modules/auth/credentials";
import * as sessions from "../modules/auth/sessions";
import { makeCustomer as makeLifecycleCustomer } from "../modules/subscriptions/testing";
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
/** Hotspot vouchers of B (and A's own package, to show A's calls work at all). */
const vb = {} as { packageId: string; batchId: string; voucherId: string; aPackageId: string };
/** Customers and leads of B, and A's own (so A's lists are not trivially empty). */
const cb = {} as { customerId: string; customerEmail: string; leadId: string; aCustomerId: string; aLeadId: string };
const hotspotPackage = (companyId: string, name: string) =>
  withTenant(companyId, (tx) =>
    tx.package.create({
      data: { id: newId(), companyId, name, code: newId().slice(0, 8), type: "HOTSPOT", hotspotMode: "TIME", validityMinutes: 60, billingCycle: "VALIDITY", priceMinor: 1000, downloadKbps: 2048, uploadKbps: 512 },
    }),
  );

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

  // Vouchers: a batch at B, and a hotspot package and batch of A's own.
  vb.packageId = (await hotspotPackage(B.company.id, "Bravo hour")).id;
  vb.batchId = (await bAdmin.vouchers.generateBatch({ packageId: vb.packageId, quantity: 3 })).id;
  vb.voucherId = (await withTenant(B.company.id, (tx) => tx.voucher.findFirstOrThrow({ where: { batchId: vb.batchId } }))).id;
  vb.aPackageId = (await hotspotPackage(A.company.id, "Alpha hour")).id;
  await aAdmin.vouchers.generateBatch({ packageId: vb.aPackageId, quantity: 2 });

  // Customers and leads: one of each at B (with activity) and at A.
  cb.customerEmail = "subscriber@bravo.test";
  cb.customerId = (await bAdmin.customers.create({ firstName: "Bravo", lastName: "Subscriber", email: cb.customerEmail, tags: ["bravo"] })).id;
  cb.leadId = (await bAdmin.leads.create({ name: "Bravo Prospect", phone: "0700 000 001", followUpAt: new Date(Date.now() - 60_000) })).id;
  await bAdmin.leads.addActivity({ leadId: cb.leadId, body: "Bravo note" });
  cb.aCustomerId = (await aAdmin.customers.create({ firstName: "Alpha", lastName: "Subscriber", email: "subscriber@alpha.test" })).id;
  cb.aLeadId = (await aAdmin.leads.create({ name: "Alpha Prospect", phone: "0700 000 002", followUpAt: new Date(Date.now() - 60_000) })).id;
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
    voucherBatches: await tx.voucherBatch.findMany({ orderBy: { id: "asc" }, select: { id: true, quantity: true } }),
    vouchers: await tx.voucher.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, firstUsedAt: true, usedMb: true } }),
    customers: await tx.customer.findMany({ orderBy: { id: "asc" } }),
    leads: await tx.lead.findMany({ orderBy: { id: "asc" } }),
    leadActivities: await tx.leadActivity.count(),
    packages: await tx.package.findMany({ orderBy: { id: "asc" } }),
    subscriptions: await tx.subscription.findMany({ orderBy: { id: "asc" } }),
    subscriptionEvents: await tx.subscriptionEvent.count(),
    serviceRequests: await tx.serviceRequest.findMany({ orderBy: { id: "asc" } }),
    radiusAttributes: await tx.radiusAttribute.findMany({ orderBy: { id: "asc" } }),
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
    vb.packageId,
    ...(await tx.voucherBatch.findMany()).map((x) => x.id),
    ...(await tx.voucher.findMany()).flatMap((v) => [v.id, v.code]),
    ...(await tx.customer.findMany()).flatMap((c) => [c.id, c.email ?? c.id]),
    ...(await tx.lead.findMany()).map((l) => l.id),
    ...(await tx.package.findMany()).map((p) => p.id),
    ...(await tx.subscription.findMany()).map((x) => x.id),
    ...(await tx.serviceRequest.findMany()).map((r) => r.id),
    "bravo-secret",
  ]);
  return all.filter((x) => x !== b.inviteEmail);
}

async function expectNoneOfB(answer: unknown) {
  const text = JSON.stringify(answer);
  const leaked = (await idsOfB()).filter((id) => text.includes(id));
  expect(leaked, "company B's ids or e-mails in company A's answer").toEqual([]);
}

/** Packages, subscriptions (with RADIUS rows) and service requests of B, and A's own package and customer. */
const sb = {} as { packageId: string; packageCode: string; customerId: string; subscriptionId: string; username: string; requestId: string; aPackageId: string; aCustomerId: string };
beforeAll(async () => {
  const pppoe = (companyId: string, code: string) =>
    withTenant(companyId, (tx) => tx.package.create({ data: { id: newId(), companyId, name: `PPPoE ${code}`, code, type: "PPPOE", billingCycle: "MONTHLY", priceMinor: 2500, downloadKbps: 20_000, uploadKbps: 5_000 } }));
  sb.packageCode = "BRAVO-20";
  sb.packageId = (await pppoe(B.company.id, sb.packageCode)).id;
  sb.customerId = (await makeLifecycleCustomer(B.company.id)).id;
  sb.username = "bravo-subscriber";
  sb.subscriptionId = newId();
  sb.requestId = newId();
  await withTenant(B.company.id, async (tx) => {
    const companyId = B.company.id;
    await tx.subscription.create({ data: { id: sb.subscriptionId, companyId, customerId: sb.customerId, packageId: sb.packageId, status: "ACTIVE", startDate: new Date("2026-11-01"), pppoeUsername: sb.username, pppoePassword: "v1.sealed.elsewhere.x", provisioning: "PROVISIONED" } });
    await tx.radiusAttribute.create({ data: { id: newId(), companyId, username: sb.username, kind: "check", attribute: "Cleartext-Password", value: "bravo-secret", subscriptionId: sb.subscriptionId } });
    await tx.serviceRequest.create({ data: { id: sb.requestId, companyId, customerId: sb.customerId, subscriptionId: sb.subscriptionId, kind: "TERMINATION", effectiveDate: new Date("2099-01-01") } });
  });
  sb.aPackageId = (await pppoe(A.company.id, "ALPHA-20")).id;
  sb.aCustomerId = cb.aCustomerId; // A's customer from above: another one would advance A's account numbers
});

/** A's portal customer: a CUSTOMER sign-in linked to A's own customer record. */
let aCustomerPortal: Caller;
beforeAll(async () => {
  const user = await makeUser(A.company.id, "CUSTOMER", { email: "portal@alpha.test" });
  await withTenant(A.company.id, (tx) => tx.customer.update({ where: { id: cb.aCustomerId }, data: { userId: user.id } }));
  aCustomerPortal = await callerAs(A.company, user.id);
});

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
  "vouchers.listBatches": async () => {
    const page = await aAdmin.vouchers.listBatches({ pageSize: 100 });
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.map((r) => r.id)).not.toContain(vb.batchId);
    await expectNoneOfB(page);
  },
  "vouchers.getBatch": async () => {
    expect((await failure(aAdmin.vouchers.getBatch({ id: vb.batchId }))).code).toBe("NOT_FOUND");
  },
  "vouchers.hotspotPackages": async () => {
    const list = await aAdmin.vouchers.hotspotPackages();
    expect(list.map((p) => p.id)).toContain(vb.aPackageId);
    expect(list.map((p) => p.id)).not.toContain(vb.packageId);
    await expectNoneOfB(list);
  },
  "vouchers.generateBatch": async () => {
    const f = await failure(aAdmin.vouchers.generateBatch({ packageId: vb.packageId, quantity: 5 }));
    expect(f.code).toBe("UNPROCESSABLE_CONTENT");
    expect(await withTenant(A.company.id, (tx) => tx.voucherBatch.count({ where: { packageId: vb.packageId } }))).toBe(0);
  },
  "vouchers.disableVoucher": async () => {
    expect((await failure(aAdmin.vouchers.disableVoucher({ id: vb.voucherId }))).code).toBe("NOT_FOUND");
  },
  "customers.list": async () => {
    const page = await aAdmin.customers.list({ pageSize: 100 });
    expect(page.rows.map((r) => r.id)).toContain(cb.aCustomerId);
    await expectNoneOfB(page);
    expect(await aAdmin.customers.list({ search: "bravo" })).toMatchObject({ total: 0, rows: [] });
  },
  "customers.tags": async () => {
    expect(await aAdmin.customers.tags()).not.toContain("bravo");
  },
  "customers.get": async () => {
    expect((await failure(aAdmin.customers.get({ id: cb.customerId }))).code).toBe("NOT_FOUND");
  },
  "customers.timeline": async () => {
    expect((await failure(aAdmin.customers.timeline({ id: cb.customerId }))).code).toBe("NOT_FOUND");
  },
  "customers.create": async () => {
    // A's numbering is its own (B's first customer does not advance it), and B is untouched.
    const c = await aAdmin.customers.create({ firstName: "Second", lastName: "Alpha", email: "second@alpha.test" });
    expect(c.accountNo).toBe("ACC-000002");
  },
  "customers.update": async () => {
    const f = await failure(aAdmin.customers.update({ id: cb.customerId, firstName: "Hijacked", email: "x@alpha.test" }));
    expect(f.code).toBe("NOT_FOUND");
  },
  "customers.changeStatus": async () => {
    expect((await failure(aAdmin.customers.changeStatus({ id: cb.customerId, status: "TERMINATED" }))).code).toBe("NOT_FOUND");
  },
  "customers.delete": async () => {
    expect((await failure(aAdmin.customers.delete({ id: cb.customerId }))).code).toBe("NOT_FOUND");
  },
  "customers.exportCsv": async () => {
    const file = await aAdmin.customers.exportCsv({});
    expect(file.csv).toContain("subscriber@alpha.test");
    await expectNoneOfB(file);
  },
  "customers.importCsv": async () => {
    const report = await aAdmin.customers.importCsv({ csv: `firstName,email\nImported,imported@alpha.test`, dryRun: false });
    expect(report.imported).toBe(1);
  },
  "leads.list": async () => {
    const page = await aAdmin.leads.list({ pageSize: 100 });
    expect(page.rows.map((r) => r.id)).toContain(cb.aLeadId);
    await expectNoneOfB(page);
    expect(await aAdmin.leads.list({ search: "bravo" })).toMatchObject({ total: 0 });
  },
  "leads.get": async () => {
    expect((await failure(aAdmin.leads.get({ id: cb.leadId }))).code).toBe("NOT_FOUND");
  },
  "leads.followUpsDue": async () => {
    const due = await aAdmin.leads.followUpsDue();
    expect(due.map((l) => l.id)).toContain(cb.aLeadId);
    await expectNoneOfB(due);
  },
  "leads.conversionRates": async () => {
    const rates = await aAdmin.leads.conversionRates();
    expect(rates.bySource.reduce((n, r) => n + r.total, 0)).toBeGreaterThan(0);
    await expectNoneOfB(rates);
  },
  "leads.options": async () => {
    const options = await aAdmin.leads.options();
    expect(options.packages.map((p) => p.id)).toContain(vb.aPackageId);
    await expectNoneOfB(options);
  },
  "leads.create": async () => {
    // Neither B's package nor B's staff can be attached to A's lead.
    const f = await failure(aAdmin.leads.create({ name: "Cross Link", phone: "0700 000 003", interestedPackageId: vb.packageId, ownerId: b.tech.id }));
    expect(f.code).toBe("NOT_FOUND");
    expect(f.fields).toMatchObject({ interestedPackageId: "No such package.", ownerId: expect.any(String) });
  },
  "leads.update": async () => {
    expect((await failure(aAdmin.leads.update({ id: cb.leadId, name: "Hijacked", phone: "0700 000 004" }))).code).toBe("NOT_FOUND");
  },
  "leads.changeStage": async () => {
    expect((await failure(aAdmin.leads.changeStage({ id: cb.leadId, stage: "LOST", lostReason: "Sabotage" }))).code).toBe("NOT_FOUND");
  },
  "leads.addActivity": async () => {
    expect((await failure(aAdmin.leads.addActivity({ leadId: cb.leadId, body: "Injected note" }))).code).toBe("NOT_FOUND");
  },
  "leads.convert": async () => {
    expect((await failure(aAdmin.leads.convert({ id: cb.leadId }))).code).toBe("NOT_FOUND");
  },
  "packages.list": async () => {
    const page = await aAdmin.packages.list({ pageSize: 100, archived: "all" });
    expect(page.rows.map((p) => p.id)).toContain(sb.aPackageId);
    await expectNoneOfB(page);
    expect(await aAdmin.packages.list({ search: sb.packageCode })).toMatchObject({ total: 0 });
  },
  "packages.get": async () => {
    expect((await failure(aAdmin.packages.get({ id: sb.packageId }))).code).toBe("NOT_FOUND");
  },
  "packages.create": async () => {
    // Codes are unique per company: B's code is free at A, and B's package is untouched.
    const pkg = await aAdmin.packages.create({ name: "Alpha 20", code: sb.packageCode, type: "PPPOE", downloadKbps: 20_000, uploadKbps: 5_000, billingCycle: "MONTHLY", priceMinor: 2000 });
    expect(pkg.id).not.toBe(sb.packageId);
  },
  "packages.update": async () => {
    const data = { name: "Hijacked", code: "HIJACK", type: "PPPOE" as const, downloadKbps: 1_000, uploadKbps: 1_000, billingCycle: "MONTHLY" as const, priceMinor: 1 };
    expect((await failure(aAdmin.packages.update({ id: sb.packageId, data }))).code).toBe("NOT_FOUND");
  },
  "packages.archive": async () => {
    expect((await failure(aAdmin.packages.archive({ id: sb.packageId }))).code).toBe("NOT_FOUND");
  },
  "packages.unarchive": async () => {
    expect((await failure(aAdmin.packages.unarchive({ id: sb.packageId }))).code).toBe("NOT_FOUND");
  },
  "packages.delete": async () => {
    expect((await failure(aAdmin.packages.delete({ id: sb.packageId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.list": async () => {
    await aAdmin.subscriptions.create({ customerId: sb.aCustomerId, packageId: sb.aPackageId, startDate: "2026-12-01" });
    const page = await aAdmin.subscriptions.list({ pageSize: 100 });
    expect(page.rows.length).toBeGreaterThan(0);
    await expectNoneOfB(page);
    expect(await aAdmin.subscriptions.list({ customerId: sb.customerId })).toMatchObject({ total: 0 });
    expect(await aAdmin.subscriptions.list({ search: sb.username })).toMatchObject({ total: 0 });
  },
  "subscriptions.get": async () => {
    expect((await failure(aAdmin.subscriptions.get({ id: sb.subscriptionId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.forCustomer": async () => {
    expect((await failure(aAdmin.subscriptions.forCustomer({ customerId: sb.customerId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.create": async () => {
    expect((await failure(aAdmin.subscriptions.create({ customerId: sb.customerId, packageId: sb.aPackageId, startDate: "2026-12-01" }))).code).toBe("NOT_FOUND");
    expect((await failure(aAdmin.subscriptions.create({ customerId: sb.aCustomerId, packageId: sb.packageId, startDate: "2026-12-01" }))).code).toBe("NOT_FOUND");
    // PPPoE usernames are unique per company: B's is free at A.
    const own = await aAdmin.subscriptions.create({ customerId: sb.aCustomerId, packageId: sb.aPackageId, startDate: "2026-12-01", pppoeUsername: sb.username });
    expect(own.subscription.pppoeUsername).toBe(sb.username);
  },
  "subscriptions.activate": async () => {
    expect((await failure(aAdmin.subscriptions.activate({ id: sb.subscriptionId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.suspend": async () => {
    expect((await failure(aAdmin.subscriptions.suspend({ id: sb.subscriptionId, reason: "Cross-tenant" }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.resume": async () => {
    expect((await failure(aAdmin.subscriptions.resume({ id: sb.subscriptionId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.terminate": async () => {
    expect((await failure(aAdmin.subscriptions.terminate({ id: sb.subscriptionId, reason: "Cross-tenant" }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.reprovision": async () => {
    expect((await failure(aAdmin.subscriptions.reprovision({ id: sb.subscriptionId }))).code).toBe("NOT_FOUND");
  },
  "subscriptions.regeneratePassword": async () => {
    expect((await failure(aAdmin.subscriptions.regeneratePassword({ id: sb.subscriptionId }))).code).toBe("NOT_FOUND");
  },
  "serviceRequests.list": async () => {
    const page = await aAdmin.serviceRequests.list({ pageSize: 100 });
    await expectNoneOfB(page);
    expect(await aAdmin.serviceRequests.list({ customerId: sb.customerId })).toMatchObject({ total: 0 });
  },
  "serviceRequests.create": async () => {
    const f = await failure(aAdmin.serviceRequests.create({ customerId: sb.customerId, subscriptionId: sb.subscriptionId, kind: "TERMINATION", effectiveDate: "2099-01-01" }));
    expect(f.code).toBe("NOT_FOUND");
    const g = await failure(aAdmin.serviceRequests.create({ customerId: sb.aCustomerId, kind: "NEW_SERVICE", packageId: sb.packageId, effectiveDate: "2099-01-01" }));
    expect(g.code).toBe("NOT_FOUND");
  },
  "serviceRequests.approve": async () => {
    expect((await failure(aAdmin.serviceRequests.approve({ id: sb.requestId }))).code).toBe("NOT_FOUND");
  },
  "serviceRequests.reject": async () => {
    expect((await failure(aAdmin.serviceRequests.reject({ id: sb.requestId, note: "Cross-tenant" }))).code).toBe("NOT_FOUND");
  },
  "serviceRequests.cancel": async () => {
    expect((await failure(aAdmin.serviceRequests.cancel({ id: sb.requestId }))).code).toBe("NOT_FOUND");
  },
  "portal.packages": async () => {
    const offered = await anonymousCaller(A.company).portal.packages();
    expect(offered.map((p) => p.id)).toContain(sb.aPackageId);
    await expectNoneOfB(offered);
  },
  "portal.register": async () => {
    // Signing up at A for B's package finds no such package, and writes nothing at A.
    const usersBefore = await withTenant(A.company.id, (tx) => tx.user.count());
    const f = await failure(
      anonymousCaller(A.company).portal.register({ firstName: "Eve", lastName: "Cross", email: "eve@cross.test", phone: "0700 123 456", serviceAddress: "1 Border Road", packageId: sb.packageId, password: "Cross-tenant-1" }),
    );
    expect(f.code).toBe("NOT_FOUND");
    expect(await withTenant(A.company.id, (tx) => tx.user.count())).toBe(usersBefore);
  },
  "portal.resendVerification": async () => {
    const aMailBefore = (await outboxOf(A.company.id)).length;
    expect(await anonymousCaller(A.company).portal.resendVerification({ email: cb.customerEmail })).toEqual({ sent: true });
    expect((await outboxOf(A.company.id)).length).toBe(aMailBefore);
  },
  "portal.overview": async () => {
    const mine = await aCustomerPortal.portal.overview();
    expect(mine.customer.id).toBe(cb.aCustomerId);
    await expectNoneOfB(mine);
  },
  "portal.requestChange": async () => {
    const f = await failure(aCustomerPortal.portal.requestChange({ subscriptionId: sb.subscriptionId, kind: "TERMINATION", effectiveDate: "2099-01-01" }));
    expect(f.code).toBe("NOT_FOUND");
  },
  "portal.updateContact": async () => {
    await aCustomerPortal.portal.updateContact({ phone: "0700 999 888", contactChannel: "SMS", paperlessBilling: false });
    const after = await withTenant(A.company.id, (tx) => tx.customer.findUniqueOrThrow({ where: { id: cb.aCustomerId } }));
    expect(after).toMatchObject({ phone: "0700 999 888", contactChannel: "SMS", paperlessBilling: false });
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
