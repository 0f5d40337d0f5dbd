import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { anonymousCaller, callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { fakeResend, linkToken, mailsTo } from "../../test/mail";
import { expectFailure, failure } from "../../test/trpc";
import { verifyCredentials } from "../auth/credentials";
import { verify } from "./email-verification";

// A customer signs up online, confirms the e-mail, and sees their request in the portal.

let co: Awaited<ReturnType<typeof makeCompany>>;
const pkg = { public: "", staffOnly: "" };
const visitor = () => anonymousCaller(co.company);
const form = (over: Record<string, unknown> = {}) => ({
  firstName: "Zawadi",
  lastName: "Njoroge",
  email: "zawadi@example.com",
  phone: "0722 555 010",
  serviceAddress: "14 Lenana Road, Nairobi",
  packageId: pkg.public,
  password: "Zawadi-pass-2026",
  ...over,
});

beforeAll(async () => {
  co = await makeCompany("signup-isp");
  await withTenant(co.company.id, async (tx) => {
    const base = {
      companyId: co.company.id,
      type: "FIBER" as const,
      billingCycle: "MONTHLY" as const,
      downloadKbps: 20_000,
      uploadKbps: 10_000,
    };
    pkg.public = (
      await tx.package.create({ data: { ...base, id: newId(), name: "Home 20", code: "H20", priceMinor: 250_000 } })
    ).id;
    pkg.staffOnly = (
      await tx.package.create({
        data: { ...base, id: newId(), name: "Secret 100", code: "S100", priceMinor: 900_000, visibility: "STAFF_ONLY" },
      })
    ).id;
  });
});

describe("online sign-up", () => {
  it("offers only public packages", async () => {
    expect((await visitor().portal.packages()).map((p) => p.id)).toEqual([pkg.public]);
  });

  it("creates an unconfirmed login, a pending customer and a new-service request; sign-in waits for the e-mail", async () => {
    expect(await visitor().portal.register(form())).toEqual({ email: "zawadi@example.com" });
    const state = await withTenant(co.company.id, async (tx) => ({
      user: await tx.user.findFirstOrThrow({ where: { email: "zawadi@example.com" } }),
      customer: await tx.customer.findFirstOrThrow({ where: { email: "zawadi@example.com" } }),
      requests: await tx.serviceRequest.findMany({}),
    }));
    expect(state.user).toMatchObject({ role: "CUSTOMER", emailUnverified: true });
    expect(state.customer).toMatchObject({
      status: "PENDING",
      userId: state.user.id,
      firstName: "Zawadi",
      serviceAddress: "14 Lenana Road, Nairobi",
    });
    expect(state.requests).toEqual([
      expect.objectContaining({
        kind: "NEW_SERVICE",
        status: "PENDING",
        packageId: pkg.public,
        customerId: state.customer.id,
      }),
    ]);

    const signIn = () =>
      verifyCredentials(co.company.id, { email: "zawadi@example.com", password: "Zawadi-pass-2026" }, "10.5.0.1");
    await expect(signIn()).rejects.toMatchObject({ message: expect.stringMatching(/Confirm your e-mail/) });
    const [mail] = mailsTo("zawadi@example.com");
    await verify(co.company.id, linkToken(mail.text, "verify-email"), {});
    await expect(signIn()).resolves.toMatchObject({ id: state.user.id });

    const portal = await callerAs(co.company, state.user.id);
    const overview = await portal.portal.overview();
    expect(overview.customer.id).toBe(state.customer.id);
    expect(overview.services).toEqual([]);
    expect(overview.requests).toEqual([expect.objectContaining({ kind: "NEW_SERVICE", status: "PENDING" })]);
  });

  it("a taken e-mail gets the answer of a new one, creates nothing and tells only the address's owner", async () => {
    const count = () =>
      withTenant(co.company.id, async (tx) => [
        await tx.user.count(),
        await tx.customer.count(),
        await tx.serviceRequest.count(),
      ]);
    const before = await count();
    expect(await visitor().portal.register(form())).toEqual({ email: "zawadi@example.com" });
    // So does a staff member's address: the form must not tell who works there.
    const staffEmail = (await makeUser(co.company.id, "BILLING_ADMIN", { email: "billing@signup.test" })).email;
    const beforeStaff = await count();
    expect(await visitor().portal.register(form({ email: staffEmail }))).toEqual({ email: staffEmail });
    expect(await count()).toEqual(beforeStaff);
    expect(before[0]! + 1).toBe(beforeStaff[0]);
    const mails = fakeResend().mails.filter((m) => m.subject === `Your ${co.company.name} account`);
    expect(mails.flatMap((m) => m.to).sort()).toEqual([staffEmail, "zawadi@example.com"]);
  });

  it("refuses a staff-only package and a weak password, writing nothing", async () => {
    const count = () =>
      withTenant(co.company.id, async (tx) => [
        await tx.user.count(),
        await tx.customer.count(),
        await tx.serviceRequest.count(),
      ]);
    const before = await count();
    await expectFailure(
      visitor().portal.register(form({ email: "other@example.com", packageId: pkg.staffOnly })),
      "NOT_FOUND",
    );
    expect(
      (await failure(visitor().portal.register(form({ email: "weak@example.com", password: "short" })))).fields,
    ).toHaveProperty("password");
    expect(await count()).toEqual(before);
  });

  it("an e-mail of a customer staff registered in the office: the answer of a new address, a hint by e-mail, nothing else", async () => {
    const staff = await callerAs(co.company, (await makeUser(co.company.id, "CUSTOMER_SERVICE_MANAGER")).id);
    const office = await staff.customers.create({
      firstName: "Office",
      lastName: "Customer",
      email: "office@example.com",
    });
    const snapshot = () =>
      withTenant(co.company.id, async (tx) => ({
        users: await tx.user.count(),
        customers: await tx.customer.findMany({ orderBy: { id: "asc" } }),
        requests: await tx.serviceRequest.count(),
        audit: await tx.auditEntry.count(),
      }));
    const before = await snapshot();
    expect(await visitor().portal.register(form({ email: " OFFICE@example.com " }))).toEqual({
      email: "office@example.com",
    });
    expect(await snapshot()).toEqual(before);
    const [mail] = mailsTo("office@example.com");
    expect(mail.text).toMatch(/ask .* to invite you/);
    expect(mail.text).not.toContain(office.accountNo);
  });
});
