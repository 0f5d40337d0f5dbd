import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { companyUrl } from "../../lib/urls";
import { anonymousCaller, callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { linkToken, mailsTo } from "../../test/mail";
import { failure } from "../../test/trpc";
import { verifyCredentials } from "../auth/credentials";

// Staff register a customer in the office, then invite them to the portal from the customer page.

type Caller = Awaited<ReturnType<typeof callerAs>>;
let co: Awaited<ReturnType<typeof makeCompany>>;
let desk: Caller;

const invitationsOf = (email: string) =>
  withTenant(co.company.id, (tx) => tx.invitation.findMany({ where: { email } }));

beforeAll(async () => {
  co = await makeCompany("portal-invite-isp", "Invite ISP");
  // The customer service desk: may update customers, but not invite staff (no users:invite).
  desk = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
});

describe("invite a customer to the portal", () => {
  it("sends the invitation e-mail, shows it pending, sends again, and accepting links the customer", async () => {
    const c = await desk.customers.create({
      firstName: "Amani",
      lastName: "Otieno",
      email: "Amani@Example.com",
      phone: "0722 100 200",
    });
    expect(await desk.customers.get({ id: c.id })).toMatchObject({ userId: null, portalInvitation: null });

    expect(await desk.customers.invitePortal({ id: c.id })).toMatchObject({ email: "amani@example.com" });
    const [first] = mailsTo("amani@example.com");
    expect(first).toMatchObject({ subject: "Join Invite ISP on Lastmile" });
    expect(first.text).toContain(companyUrl(co.company.slug, "/invite/"));
    const pending = await desk.customers.get({ id: c.id });
    expect(pending.portalInvitation).toMatchObject({ sentAt: expect.any(Date), expiresAt: expect.any(Date) });

    // Send again: a new link replaces the first one.
    await desk.customers.invitePortal({ id: c.id });
    const mails = mailsTo("amani@example.com");
    expect(mails).toHaveLength(2);
    const oldToken = linkToken(mails[1].text, "invite");
    const token = linkToken(mails[0].text, "invite");
    const visitor = anonymousCaller(co.company);
    expect(await visitor.users.peekInvitation({ token: oldToken })).toBeNull();
    expect(await visitor.users.peekInvitation({ token })).toEqual({
      email: "amani@example.com",
      name: "Amani Otieno",
      role: "CUSTOMER",
    });

    await visitor.users.acceptInvitation({ token, name: "Amani Otieno", password: "Amani-pass-2026" });
    const user = await verifyCredentials(
      co.company.id,
      { email: "amani@example.com", password: "Amani-pass-2026" },
      "10.9.0.1",
    );
    const linked = await desk.customers.get({ id: c.id });
    expect(linked).toMatchObject({ userId: user.id, portalInvitation: null });
    const portal = await callerAs(co.company, user.id);
    expect((await portal.portal.overview()).customer.id).toBe(c.id);

    const history = await desk.customers.timeline({ id: c.id });
    expect(history.filter((e) => e.action === "customer.portal_invite")).toHaveLength(2);
    expect(history.map((e) => e.action)).toContain("customer.link_portal_user");

    // Now it has a sign-in: nothing more to invite.
    const again = await failure(desk.customers.invitePortal({ id: c.id }));
    expect(again).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already has a portal sign-in/) });
    expect(mailsTo("amani@example.com")).toHaveLength(2);
  });

  it("refuses a customer without an e-mail, and an e-mail that already signs in, sending nothing", async () => {
    const noEmail = await desk.customers.create({
      firstName: "Baraka",
      lastName: "Phone-only",
      phone: "0722 100 300",
      contactChannel: "SMS",
    });
    expect(await failure(desk.customers.invitePortal({ id: noEmail.id }))).toMatchObject({
      code: "UNPROCESSABLE_CONTENT",
      message: expect.stringMatching(/^Add an e-mail address first/),
    });

    await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "tech@example.com" });
    const staffEmail = await desk.customers.create({
      firstName: "Tech",
      lastName: "At Home",
      email: "tech@example.com",
    });
    expect(await failure(desk.customers.invitePortal({ id: staffEmail.id }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/staff account/),
    });

    await makeUser(co.company.id, "CUSTOMER", { email: "portal@example.com" });
    const portalEmail = await desk.customers.create({
      firstName: "Other",
      lastName: "Login",
      email: "portal@example.com",
    });
    expect(await failure(desk.customers.invitePortal({ id: portalEmail.id }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already signs in to the portal/),
    });

    expect(await invitationsOf("tech@example.com")).toEqual([]);
    expect(await invitationsOf("portal@example.com")).toEqual([]);
    expect([...mailsTo("tech@example.com"), ...mailsTo("portal@example.com")]).toEqual([]);
    expect((await failure(desk.customers.invitePortal({ id: "no-such-customer" }))).code).toBe("NOT_FOUND");
  });

  it("never revokes a pending staff invitation for the same e-mail", async () => {
    const admin = await callerAs(co.company, (await makeUser(co.company.id, "SUPER_ADMIN")).id);
    await admin.users.invite({ email: "next-boss@example.com", name: "Next Boss", role: "SUPER_ADMIN" });
    const c = await desk.customers.create({ firstName: "Next", lastName: "Boss", email: "next-boss@example.com" });
    expect(await failure(desk.customers.invitePortal({ id: c.id }))).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/staff invitation is waiting/),
    });
    const invitations = await invitationsOf("next-boss@example.com");
    expect(invitations).toEqual([expect.objectContaining({ role: "SUPER_ADMIN", revokedAt: null, acceptedAt: null })]);
    expect(mailsTo("next-boss@example.com")).toHaveLength(1);
  });

  it("needs customers:update: a field technician may not invite", async () => {
    const c = await desk.customers.create({ firstName: "Chiku", lastName: "Tech-view", email: "chiku@example.com" });
    const tech = await callerAs(co.company, (await makeUser(co.company.id, "FIELD_TECHNICIAN")).id);
    expect((await failure(tech.customers.invitePortal({ id: c.id }))).code).toBe("FORBIDDEN");
    expect(await invitationsOf("chiku@example.com")).toEqual([]);
  });
});
