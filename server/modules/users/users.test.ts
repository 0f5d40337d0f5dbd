import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { companyUrl } from "../../lib/urls";
import { anonymousCaller, callerAs, makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { linkToken, mailsTo } from "../../test/mail";
import { expectFailure, failure, outboxOf } from "../../test/trpc";
import { verifyCredentials } from "../auth/credentials";
import * as sessions from "../auth/sessions";
import * as users from "./service";

// Staff management as a Super Admin sees it: inviting, accepting, roles, disabling, the list.

type Company = Awaited<ReturnType<typeof makeCompany>>;
type Caller = Awaited<ReturnType<typeof callerAs>>;

let co: Company;
let admin: Caller;

const auditOf = (companyId: string, action: string, entityId: string) =>
  withTenant(companyId, (tx) => tx.auditEntry.findMany({ where: { action, entityId }, orderBy: { createdAt: "asc" } }));
const userByEmail = (email: string) => withTenant(co.company.id, (tx) => tx.user.findMany({ where: { email } }));

beforeAll(async () => {
  co = await makeCompany("users-isp", "Users ISP");
  admin = await callerAs(
    co.company,
    (await makeUser(co.company.id, "SUPER_ADMIN", { email: "admin@users.test", name: "Ada Admin" })).id,
  );
});

describe("invitations", () => {
  it("invite → e-mail with a link → accept creates the user with the invited role, once", async () => {
    const invited = await admin.users.invite({
      email: "  Jane@Users.Test ",
      name: "Jane Doe",
      role: "CUSTOMER_SERVICE_MANAGER",
    });
    expect(invited).toMatchObject({ email: "jane@users.test", role: "CUSTOMER_SERVICE_MANAGER" });
    expect((await admin.users.invitations()).map((i) => i.email)).toContain("jane@users.test");

    const [mail] = mailsTo("jane@users.test");
    expect(mail).toMatchObject({ subject: "Join Users ISP on Lastmile" });
    expect(mail.text).toContain(companyUrl(co.company.slug, "/invite/"));
    const token = linkToken(mail.text, "invite");
    // The outbox keeps the message, but not the link's token.
    const [kept] = await outboxOf(co.company.id);
    expect(kept).toMatchObject({ to: "jane@users.test", subject: "Join Users ISP on Lastmile" });
    expect(kept.text).toContain(companyUrl(co.company.slug, "/invite/••••••"));
    expect(kept.text + kept.html).not.toContain(token);

    const visitor = anonymousCaller(co.company);
    expect(await visitor.users.peekInvitation({ token })).toEqual({
      email: "jane@users.test",
      name: "Jane Doe",
      role: "CUSTOMER_SERVICE_MANAGER",
    });
    expect(await visitor.users.acceptInvitation({ token, name: "Jane D.", password: "Janes-password-1" })).toEqual({
      email: "jane@users.test",
    });

    const [jane] = await userByEmail("jane@users.test");
    expect(jane).toMatchObject({ name: "Jane D.", role: "CUSTOMER_SERVICE_MANAGER", status: "ACTIVE" });
    await expect(
      verifyCredentials(co.company.id, { email: "jane@users.test", password: "Janes-password-1" }, "10.3.0.1"),
    ).resolves.toMatchObject({ id: jane.id });

    // The link is spent: no preview, no second account, and it left the pending list.
    expect(await visitor.users.peekInvitation({ token })).toBeNull();
    expect(
      await failure(visitor.users.acceptInvitation({ token, name: "Jane Again", password: "Other-password-1" })),
    ).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringMatching(/invalid or has expired/),
    });
    expect(await userByEmail("jane@users.test")).toHaveLength(1);
    expect((await admin.users.invitations()).map((i) => i.email)).not.toContain("jane@users.test");

    expect(await auditOf(co.company.id, "user.invite", invited.id)).toHaveLength(1);
    expect(await auditOf(co.company.id, "user.create", jane.id)).toEqual([
      expect.objectContaining({
        actorId: jane.id,
        after: expect.objectContaining({ role: "CUSTOMER_SERVICE_MANAGER" }),
      }),
    ]);
  });

  it("inviting someone who already has an account is a conflict on the e-mail field, and sends nothing", async () => {
    await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "existing@users.test" });
    const mailBefore = (await outboxOf(co.company.id)).length;
    expect(
      await failure(admin.users.invite({ email: "Existing@users.test", name: "Existing", role: "BILLING_ADMIN" })),
    ).toMatchObject({
      code: "CONFLICT",
      fields: { email: "Already has an account." },
    });
    expect((await outboxOf(co.company.id)).length).toBe(mailBefore);
    expect(mailsTo("existing@users.test")).toEqual([]);
  });

  it("a bad e-mail or missing name is reported per field", async () => {
    expect(await failure(admin.users.invite({ email: "not-an-email", name: "X", role: "CUSTOMER" }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { email: "Enter a valid e-mail address.", name: "Enter the person's name." },
    });
  });

  it("a revoked invitation, or one replaced by a newer invitation, no longer opens", async () => {
    const visitor = anonymousCaller(co.company);
    const first = await admin.users.invite({ email: "twice@users.test", name: "Twice", role: "FIELD_TECHNICIAN" });
    const firstToken = linkToken(mailsTo("twice@users.test")[0].text, "invite");
    await admin.users.invite({ email: "twice@users.test", name: "Twice", role: "NETWORK_ADMIN" });
    const secondToken = linkToken(mailsTo("twice@users.test")[0].text, "invite");
    expect(await visitor.users.peekInvitation({ token: firstToken })).toBeNull();
    expect(await visitor.users.peekInvitation({ token: secondToken })).toMatchObject({ role: "NETWORK_ADMIN" });
    expect((await failure(admin.users.revokeInvitation({ id: first.id }))).code).toBe("NOT_FOUND"); // already replaced

    const pending = (await admin.users.invitations()).find((i) => i.email === "twice@users.test")!;
    await admin.users.revokeInvitation({ id: pending.id });
    expect(await visitor.users.peekInvitation({ token: secondToken })).toBeNull();
    await expectFailure(
      visitor.users.acceptInvitation({ token: secondToken, name: "Twice", password: "Twice-password-1" }),
      "UNPROCESSABLE_CONTENT",
    );
    expect(await userByEmail("twice@users.test")).toEqual([]);
    expect(await auditOf(co.company.id, "user.invite_revoke", pending.id)).toHaveLength(1);
  });

  it("a customer invited by e-mail signs in to the portal for the customer record with that e-mail", async () => {
    const record = await admin.customers.create({
      type: "INDIVIDUAL",
      firstName: "Wanjiru",
      lastName: "Mwangi",
      email: "Wanjiru@Example.com",
      phone: "+254711000111",
    });
    await admin.users.invite({ email: "wanjiru@example.com", name: "Wanjiru Mwangi", role: "CUSTOMER" });
    const token = linkToken(mailsTo("wanjiru@example.com")[0].text, "invite");
    await anonymousCaller(co.company).users.acceptInvitation({
      token,
      name: "Wanjiru",
      password: "Wanjiru-password-1",
    });
    const [user] = await userByEmail("wanjiru@example.com");
    const portal = await callerAs(co.company, user.id);
    expect((await portal.portal.overview()).customer).toMatchObject({ id: record.id });

    // Without a customer record the portal says what to do, instead of a bare "not found".
    await admin.users.invite({ email: "stranger@example.com", name: "Stranger", role: "CUSTOMER" });
    const strangerToken = linkToken(mailsTo("stranger@example.com")[0].text, "invite");
    await anonymousCaller(co.company).users.acceptInvitation({
      token: strangerToken,
      name: "Stranger",
      password: "Stranger-password-1",
    });
    const stranger = await callerAs(co.company, (await userByEmail("stranger@example.com"))[0].id);
    expect(await failure(stranger.portal.overview())).toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/not linked to a customer account/),
    });
  });

  it("an expired invitation no longer opens", async () => {
    const inv = await admin.users.invite({ email: "late@users.test", name: "Late", role: "CUSTOMER" });
    const token = linkToken(mailsTo("late@users.test")[0].text, "invite");
    await withTenant(co.company.id, (tx) =>
      tx.invitation.update({ where: { id: inv.id }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    );
    expect(await anonymousCaller(co.company).users.peekInvitation({ token })).toBeNull();
    await expectFailure(
      anonymousCaller(co.company).users.acceptInvitation({ token, name: "Late", password: "Late-password-1" }),
      "UNPROCESSABLE_CONTENT",
    );
  });
});

describe("roles and status", () => {
  it("changing a role takes effect on the user's next request and is audited with before/after", async () => {
    const tech = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "promote@users.test" });
    expect((await failure((await callerAs(co.company, tech.id)).users.list({}))).code).toBe("FORBIDDEN");

    expect(await admin.users.changeRole({ userId: tech.id, role: "CUSTOMER_SERVICE_MANAGER" })).toMatchObject({
      id: tech.id,
      role: "CUSTOMER_SERVICE_MANAGER",
    });
    expect((await (await callerAs(co.company, tech.id)).users.list({})).total).toBeGreaterThan(1);

    const [entry] = await auditOf(co.company.id, "user.role_change", tech.id);
    expect(entry).toMatchObject({
      actorId: admin.ctx.viewer!.userId,
      before: { role: "TECHNICAL_SUPPORT" },
      after: { role: "CUSTOMER_SERVICE_MANAGER" },
    });
  });

  it("a staff account does not become a customer's portal sign-in, nor a customer's sign-in a staff account", async () => {
    const tech = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "stays-staff@users.test" });
    expect(await failure(admin.users.changeRole({ userId: tech.id, role: "CUSTOMER" }))).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      fields: { role: "Choose a staff role." },
    });
    const portal = await makeUser(co.company.id, "CUSTOMER", { email: "stays-customer@users.test" });
    expect(await failure(admin.users.changeRole({ userId: portal.id, role: "BILLING_ADMIN" }))).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringMatching(/cannot become a staff account/),
    });
    // Nothing changed, and nothing was audited.
    expect((await admin.users.get({ id: tech.id })).role).toBe("TECHNICAL_SUPPORT");
    expect((await admin.users.get({ id: portal.id })).role).toBe("CUSTOMER");
    expect(await auditOf(co.company.id, "user.role_change", tech.id)).toEqual([]);
    expect(await auditOf(co.company.id, "user.role_change", portal.id)).toEqual([]);
  });

  it("disabling a user signs them out everywhere and keeps them out; enabling lets them back", async () => {
    const user = await makeUser(co.company.id, "FIELD_TECHNICIAN", { email: "leaver@users.test" });
    const web = await sessions.create(co.company.id, user.id, "WEB", {});
    const api = await sessions.create(co.company.id, user.id, "API", {});

    expect(await admin.users.setStatus({ userId: user.id, status: "DISABLED" })).toMatchObject({ status: "DISABLED" });
    expect(await sessions.validate(co.company.id, web.id)).toBeNull();
    expect(await sessions.validate(co.company.id, api.id)).toBeNull();
    await expect(
      verifyCredentials(co.company.id, { email: "leaver@users.test", password: TEST_PASSWORD }, "10.3.0.2"),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    await admin.users.setStatus({ userId: user.id, status: "ACTIVE" });
    await expect(
      verifyCredentials(co.company.id, { email: "leaver@users.test", password: TEST_PASSWORD }, "10.3.0.2"),
    ).resolves.toMatchObject({ id: user.id });

    const entries = await auditOf(co.company.id, "user.status_change", user.id);
    expect(entries.map((e) => [e.before, e.after])).toEqual([
      [{ status: "ACTIVE" }, { status: "DISABLED" }],
      [{ status: "DISABLED" }, { status: "ACTIVE" }],
    ]);
  });

  it("nobody changes their own role or disables themselves", async () => {
    const self = admin.ctx.viewer!.userId;
    expect(await failure(admin.users.changeRole({ userId: self, role: "CUSTOMER" }))).toEqual({
      code: "FORBIDDEN",
      message: "You cannot change your own role.",
    });
    expect(await failure(admin.users.setStatus({ userId: self, status: "DISABLED" }))).toEqual({
      code: "FORBIDDEN",
      message: "You cannot disable your own account.",
    });
    expect((await admin.auth.account.me()).role).toBe("SUPER_ADMIN");
  });

  it("an unknown user is not found", async () => {
    expect((await failure(admin.users.get({ id: "nope" }))).code).toBe("NOT_FOUND");
    expect((await failure(admin.users.changeRole({ userId: "nope", role: "CUSTOMER" }))).code).toBe("NOT_FOUND");
    expect((await failure(admin.users.setStatus({ userId: "nope", status: "DISABLED" }))).code).toBe("NOT_FOUND");
  });
});

describe("the last active Super Admin", () => {
  let solo: Company;
  const activeSuperAdmins = () =>
    withTenant(solo.company.id, (tx) => tx.user.count({ where: { role: "SUPER_ADMIN", status: "ACTIVE" } }));

  beforeAll(async () => {
    solo = await makeCompany("solo-isp");
    await withTenant(solo.company.id, (tx) =>
      tx.user.update({ where: { id: solo.owner.id }, data: { totpEnabledAt: new Date() } }),
    );
  });

  it("cannot be demoted or disabled (e.g. by a script running as the system)", async () => {
    const system = { type: "SYSTEM" as const, label: "maintenance script" };
    for (const change of [
      (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) =>
        users.changeRole(
          { tx, companyId: solo.company.id, actor: system },
          { userId: solo.owner.id, role: "NETWORK_ADMIN" },
        ),
      (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) =>
        users.setStatus(
          { tx, companyId: solo.company.id, actor: system },
          { userId: solo.owner.id, status: "DISABLED" },
        ),
    ]) {
      await expect(withTenant(solo.company.id, change)).rejects.toMatchObject({
        code: "CONFLICT",
        message: "The company must keep at least one active Super Admin.",
      });
    }
    expect(await activeSuperAdmins()).toBe(1);
  });

  it("with two, one may be demoted; then the survivor is the last one, even for a request already in flight", async () => {
    const owner = await callerAs(solo.company, solo.owner.id);
    const second = await makeUser(solo.company.id, "SUPER_ADMIN", { email: "second@solo.test" });
    const secondBeforeDemotion = await callerAs(solo.company, second.id); // still carries the Super Admin role
    await owner.users.changeRole({ userId: second.id, role: "BILLING_ADMIN" });
    expect(await activeSuperAdmins()).toBe(1);

    expect(
      await failure(secondBeforeDemotion.users.changeRole({ userId: solo.owner.id, role: "CUSTOMER" })),
    ).toMatchObject({ code: "CONFLICT" });
    expect(
      await failure(secondBeforeDemotion.users.setStatus({ userId: solo.owner.id, status: "DISABLED" })),
    ).toMatchObject({ code: "CONFLICT" });
    expect(await activeSuperAdmins()).toBe(1);
    // Signed in afresh, the demoted admin has no say over users at all.
    await expectFailure(
      (await callerAs(solo.company, second.id)).users.changeRole({ userId: solo.owner.id, role: "CUSTOMER" }),
      "FORBIDDEN",
    );
  });

  it("two Super Admins demoting each other at the same moment cannot leave the company without one", async () => {
    for (let round = 0; round < 5; round++) {
      const x = await makeUser(solo.company.id, "SUPER_ADMIN", { email: `x${round}@solo.test` });
      const y = await makeUser(solo.company.id, "SUPER_ADMIN", { email: `y${round}@solo.test` });
      // The owner steps aside for this round, so x and y are the only active Super Admins.
      await withTenant(solo.company.id, (tx) =>
        tx.user.update({ where: { id: solo.owner.id }, data: { status: "DISABLED" } }),
      );
      const [asX, asY] = [await callerAs(solo.company, x.id), await callerAs(solo.company, y.id)];
      const results = await Promise.allSettled([
        asX.users.changeRole({ userId: y.id, role: "NETWORK_ADMIN" }),
        round % 2
          ? asY.users.setStatus({ userId: x.id, status: "DISABLED" })
          : asY.users.changeRole({ userId: x.id, role: "NETWORK_ADMIN" }),
      ]);
      expect(
        results.filter((r) => r.status === "fulfilled"),
        `round ${round}`,
      ).toHaveLength(1);
      expect(await activeSuperAdmins(), `round ${round}`).toBe(1);
      // Clean up: the owner back, x and y out of the way.
      await withTenant(solo.company.id, async (tx) => {
        await tx.user.update({ where: { id: solo.owner.id }, data: { status: "ACTIVE" } });
        await tx.user.updateMany({
          where: { id: { in: [x.id, y.id] } },
          data: { status: "DISABLED", role: "NETWORK_ADMIN" },
        });
      });
    }
  });
});

describe("the staff list", () => {
  let listCo: Company;
  let viewer: Caller;
  const names = ["Esther Mwangi", "Brian Kim", "Diego Alvarez", "Amara Okafor", "Chen Wei"];

  beforeAll(async () => {
    listCo = await makeCompany("list-isp");
    viewer = await callerAs(
      listCo.company,
      (await makeUser(listCo.company.id, "CUSTOMER_SERVICE_MANAGER", { email: "zed@list.test", name: "Zed Viewer" }))
        .id,
    );
    for (const [i, name] of names.entries()) {
      await makeUser(listCo.company.id, i % 2 ? "FIELD_TECHNICIAN" : "TECHNICAL_SUPPORT", {
        email: `${name.split(" ")[0].toLowerCase()}@list.test`,
        name,
      });
    }
  });

  it("sorts by name either way and pages through everyone", async () => {
    const everyone = ["Amara Okafor", "Brian Kim", "Chen Wei", "Diego Alvarez", "Esther Mwangi", "Owner", "Zed Viewer"];
    expect((await viewer.users.list({ pageSize: 100 })).rows.map((r) => r.name)).toEqual(everyone);
    expect((await viewer.users.list({ pageSize: 100, direction: "desc" })).rows.map((r) => r.name)).toEqual(
      [...everyone].reverse(),
    );

    const page1 = await viewer.users.list({ pageSize: 3 });
    const page3 = await viewer.users.list({ pageSize: 3, page: 3 });
    expect(page1).toMatchObject({ total: 7, pageCount: 3, page: 1 });
    expect(page1.rows.map((r) => r.name)).toEqual(everyone.slice(0, 3));
    expect(page3.rows.map((r) => r.name)).toEqual(["Zed Viewer"]);
  });

  it("sorts by e-mail", async () => {
    const emails = (await viewer.users.list({ pageSize: 100, sort: "email" })).rows.map((r) => r.email);
    expect(emails).toEqual([...emails].sort());
    expect(emails[0]).toBe("amara@list.test");
  });

  it("searches name and e-mail, case-insensitively, and filters by role", async () => {
    expect((await viewer.users.list({ search: "MWANGI" })).rows.map((r) => r.name)).toEqual(["Esther Mwangi"]);
    expect((await viewer.users.list({ search: "diego@" })).rows.map((r) => r.name)).toEqual(["Diego Alvarez"]);
    expect(await viewer.users.list({ search: "nobody-like-this" })).toMatchObject({ total: 0, rows: [], pageCount: 1 });
    expect((await viewer.users.list({ role: "FIELD_TECHNICIAN" })).rows.map((r) => r.name)).toEqual([
      "Amara Okafor",
      "Brian Kim",
    ]);
  });

  it("never shows password hashes or TOTP secrets", async () => {
    const { rows } = await viewer.users.list({ pageSize: 100 });
    const one = await viewer.users.get({ id: rows[0].id });
    for (const shown of [...rows, one]) {
      expect(shown).not.toHaveProperty("passwordHash");
      expect(shown).not.toHaveProperty("totpSecret");
    }
  });
});
