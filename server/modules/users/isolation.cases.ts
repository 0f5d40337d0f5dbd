import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { anonymousCaller } from "../../test/fixtures";
import { fixture, isolationCases } from "../../test/isolation";
import { linkToken, mailsTo } from "../../test/mail";
import { failure } from "../../test/trpc";
import * as sessions from "../auth/sessions";
import { list, me } from "./rest";

// Tenant isolation of staff accounts and invitations.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** B's pending invitation (and its e-mailed token); A has an invitation of its own. */
export const usersFixture = fixture(async (w) => {
  const inviteEmail = "new-hire@bravo.test";
  const invitationId = (await w.bAdmin.users.invite({ email: inviteEmail, name: "New Hire", role: "BILLING_ADMIN" }))
    .id;
  const [mail] = mailsTo(inviteEmail);
  await w.aAdmin.users.invite({ email: "someone@alpha.test", name: "Someone", role: "FIELD_TECHNICIAN" });
  return { inv: { inviteEmail, invitationId, inviteToken: linkToken(mail.text, "invite") } };
});

export default isolationCases({
  setup: usersFixture,
  snapshotB: async (tx) => ({
    users: await tx.user.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        status: true,
        passwordHash: true,
        totpSecret: true,
        totpEnabledAt: true,
        failedLoginCount: true,
        lockedUntil: true,
      },
    }),
    invitations: await tx.invitation.findMany({
      orderBy: { id: "asc" },
      select: { id: true, email: true, role: true, acceptedAt: true, revokedAt: true },
    }),
  }),
  // The invitee's address is left out: A legitimately invites the same person in users.invite.
  idsOfB: async (tx, f) => [
    ...(await tx.user.findMany()).flatMap((u) => [u.id, u.email]),
    ...(await tx.invitation.findMany()).flatMap((i) => [i.id, i.email]).filter((x) => x !== f.inv.inviteEmail),
  ],
  procedures: {
    "users.list": async (w) => {
      const all = await w.aAdmin.users.list({ pageSize: 100 });
      expect(all.rows.length).toBeGreaterThan(0);
      await w.expectNoneOfB(all);
      const search = await w.aAdmin.users.list({ search: "bravo" });
      expect(search).toMatchObject({ total: 0, rows: [] });
    },
    "users.get": async (w) => {
      for (const id of [w.B.owner.id, w.bTech.id])
        expect((await failure(w.aAdmin.users.get({ id }))).code).toBe("NOT_FOUND");
    },
    "users.invite": async (w, f) => {
      // The same e-mail may be invited to A (accounts are per company), but B's pending invitation
      // for it is neither revoked nor visible, and no mail lands in B's outbox.
      const inv = await w.aAdmin.users.invite({
        email: f.inv.inviteEmail,
        name: "Same Person",
        role: "TECHNICAL_SUPPORT",
      });
      expect(inv.id).not.toBe(f.inv.invitationId);
      const inA = await withTenant(w.A.company.id, (tx) => tx.invitation.findUnique({ where: { id: inv.id } }));
      expect(inA?.companyId).toBe(w.A.company.id);
    },
    "users.invitations": async (w, f) => {
      const list = await w.aAdmin.users.invitations();
      expect(list.length).toBeGreaterThan(0);
      expect(list.map((i) => i.id)).not.toContain(f.inv.invitationId);
      await w.expectNoneOfB(list);
    },
    "users.revokeInvitation": async (w, f) => {
      expect((await failure(w.aAdmin.users.revokeInvitation({ id: f.inv.invitationId }))).code).toBe("NOT_FOUND");
    },
    "users.changeRole": async (w) => {
      expect((await failure(w.aAdmin.users.changeRole({ userId: w.bTech.id, role: "SUPER_ADMIN" }))).code).toBe(
        "NOT_FOUND",
      );
      expect((await failure(w.aAdmin.users.changeRole({ userId: w.B.owner.id, role: "CUSTOMER" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "users.setStatus": async (w) => {
      expect((await failure(w.aAdmin.users.setStatus({ userId: w.bTech.id, status: "DISABLED" }))).code).toBe(
        "NOT_FOUND",
      );
      expect((await failure(w.aAdmin.users.setStatus({ userId: w.B.owner.id, status: "ACTIVE" }))).code).toBe(
        "NOT_FOUND",
      );
      expect(await sessions.validate(w.B.company.id, w.bTechSessionId)).not.toBeNull();
    },
    "users.peekInvitation": async (w, f) => {
      // The token is real (B's own address shows the invitation) but means nothing on A's.
      expect(await anonymousCaller(w.B.company).users.peekInvitation({ token: f.inv.inviteToken })).toMatchObject({
        email: f.inv.inviteEmail,
      });
      expect(await anonymousCaller(w.A.company).users.peekInvitation({ token: f.inv.inviteToken })).toBeNull();
    },
    "users.acceptInvitation": async (w, f) => {
      const failed = await failure(
        anonymousCaller(w.A.company).users.acceptInvitation({
          token: f.inv.inviteToken,
          name: "Intruder",
          password: "Intruder-pass-1",
        }),
      );
      expect(failed.code).toBe("UNPROCESSABLE_CONTENT");
      const inA = await withTenant(w.A.company.id, (tx) => tx.user.count({ where: { email: f.inv.inviteEmail } }));
      expect(inA).toBe(0);
    },
  },
  rest: {
    "GET /api/me": async (w) => {
      const res = await call(me, { host: hostOf(w.A.company.slug), token: w.aToken });
      expect(res.status).toBe(200);
      await w.expectNoneOfB(res.body);
    },
    "GET /api/users": async (w) => {
      const all = await call(list, { host: hostOf(w.A.company.slug), token: w.aToken, query: { pageSize: "100" } });
      expect(all.body.rows.length).toBeGreaterThan(0);
      await w.expectNoneOfB(all.body);
      const search = await call(list, { host: hostOf(w.A.company.slug), token: w.aToken, query: { search: "bravo" } });
      expect(search.body).toMatchObject({ total: 0, rows: [] });
    },
  },
});
