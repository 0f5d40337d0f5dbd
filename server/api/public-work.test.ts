import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword } from "../auth/password";
import { withTenant } from "../db/tenant";
import { env } from "../lib/env";
import { newId } from "../lib/ids";
import type * as companies from "../modules/companies/service";
import { callerAs, makeCompany, makeUser } from "../test/fixtures";
import { sha256 } from "../lib/crypto";
import { linkToken, mailsTo as delivered } from "../test/mail";
import { expectFailure, failure, outboxOf } from "../test/trpc";
import { createCaller } from "./root";

// Work amplification without an account (issue 9, item 10): the public procedures check
// everything cheap before they hash a password, and are limited per client address in the
// database. server/auth/password.ts's hashPassword is counted (wrapped, not replaced), so "no
// hash" is measured, not inferred from timing.

vi.mock("../auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("../auth/password")>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});
const hashes = () => vi.mocked(hashPassword).mock.calls.length;

type Company = Awaited<ReturnType<typeof makeCompany>>;
let co: Company;
let owner: pg.Client;
const countAll = async (table: string) =>
  (await owner.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0].n as number;
const mailsTo = async (companyId: string, to: string) => (await outboxOf(companyId)).filter((m) => m.to === to);
const from = (ip: string, company: companies.CompanyRef | null = co.company) =>
  createCaller({ company, viewer: null, ip, userAgent: "vitest" });

const isp = (n: number, over: Record<string, string> = {}) => ({
  name: `Mawimbi Net ${n}`,
  slug: `mawimbi-${n}`,
  currency: "KES",
  timeZone: "Africa/Nairobi",
  country: "KE",
  adminName: "Achieng Otieno",
  adminEmail: `achieng${n}@mawimbi.test`,
  password: "Mawimbi-net-2026",
  ...over,
});
const signup = (over: Record<string, unknown> = {}) => ({
  firstName: "Baraka",
  lastName: "Mwangi",
  email: "baraka@example.com",
  phone: "0722 555 011",
  serviceAddress: "3 Moi Avenue, Mombasa",
  password: "Baraka-pass-2026",
  ...over,
});

beforeAll(async () => {
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
  co = await makeCompany("public-work-isp");
});
afterAll(() => owner.end());
beforeEach(() => {
  vi.mocked(hashPassword).mockClear();
});

describe("nothing is hashed for a request that cannot succeed", () => {
  it("accepting an invitation with a wrong link, or for an e-mail that has an account", async () => {
    await expectFailure(
      from("192.0.2.10").users.acceptInvitation({
        token: "not-a-real-token-xyz",
        name: "Imani",
        password: "Imani-pass-2026",
      }),
      "UNPROCESSABLE_CONTENT",
    );
    const admin = await callerAs(co.company, (await makeUser(co.company.id, "SUPER_ADMIN")).id);
    const taken = await makeUser(co.company.id, "TECHNICAL_SUPPORT", { email: "taken@public-work.test" });
    // An invitation whose address got an account in the meantime (made directly, as a staff import would).
    const takenToken = "taken-invitation-token-123";
    await withTenant(co.company.id, (tx) =>
      tx.invitation.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          email: taken.email,
          name: "Taken",
          role: "TECHNICAL_SUPPORT",
          tokenHash: sha256(takenToken),
          invitedById: co.owner.id,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      }),
    );
    vi.mocked(hashPassword).mockClear();
    await expectFailure(
      from("192.0.2.10").users.acceptInvitation({ token: takenToken, name: "Taken", password: "Taken-pass-2026" }),
      "CONFLICT",
    );
    await admin.users.invite({ email: "imani@public-work.test", name: "Imani", role: "TECHNICAL_SUPPORT" });
    const token = linkToken(delivered("imani@public-work.test")[0].text, "invite");
    await expectFailure(from("192.0.2.10").users.acceptInvitation({ token, name: "I", password: "x" }), "BAD_REQUEST");
    expect(hashes()).toBe(0);
    // The right link: exactly one hash.
    await from("192.0.2.10").users.acceptInvitation({ token, name: "Imani", password: "Imani-pass-2026" });
    expect(hashes()).toBe(1);
    // Used once: the second use costs nothing.
    await expectFailure(
      from("192.0.2.10").users.acceptInvitation({ token, name: "Imani", password: "Imani-pass-2026" }),
      "UNPROCESSABLE_CONTENT",
    );
    expect(hashes()).toBe(1);
  });

  it("registering an ISP at a taken address, or with bad input", async () => {
    await expectFailure(from("192.0.2.11", null).companies.register(isp(1, { slug: co.company.slug })), "CONFLICT");
    await expectFailure(from("192.0.2.11", null).companies.register(isp(1, { password: "short" })), "BAD_REQUEST");
    expect(hashes()).toBe(0);
  });

  it("signing up in the portal for a package it does not offer, or with bad input", async () => {
    const staffOnly = await withTenant(co.company.id, (tx) =>
      tx.package.create({
        data: {
          id: newId(),
          companyId: co.company.id,
          name: "Backbone 1G",
          code: "BB1G",
          type: "FIBER",
          billingCycle: "MONTHLY",
          downloadKbps: 1_000_000,
          uploadKbps: 1_000_000,
          priceMinor: 9_000_000,
          visibility: "STAFF_ONLY",
        },
      }),
    );
    await expectFailure(from("192.0.2.12").portal.register(signup({ packageId: staffOnly.id })), "NOT_FOUND");
    await expectFailure(from("192.0.2.12").portal.register(signup({ email: "not-an-email" })), "BAD_REQUEST");
    expect(hashes()).toBe(0);
    expect(await withTenant(co.company.id, (tx) => tx.customer.count({ where: { email: "baraka@example.com" } }))).toBe(
      0,
    );
  });

  it("resetting a password with a wrong link", async () => {
    await expectFailure(
      from("192.0.2.13").auth.passwordReset.reset({ token: "not-a-real-token-xyz", password: "Reset-pass-2026" }),
      "UNPROCESSABLE_CONTENT",
    );
    expect(hashes()).toBe(0);
  });
});

describe("public endpoints are limited per client address, in the database", () => {
  it("the N+1th ISP sign-up from one address in the hour is refused, and nothing is written", async () => {
    const max = env().SIGNUP_LIMIT_PER_HOUR;
    for (let n = 0; n < max; n++) await from("192.0.2.20", null).companies.register(isp(100 + n));
    const companiesBefore = await countAll("Company");
    const usersBefore = await countAll("User");
    vi.mocked(hashPassword).mockClear();
    const refused = await expectFailure(from("192.0.2.20", null).companies.register(isp(999)), "TOO_MANY_REQUESTS");
    expect(refused.message).toMatch(/Too many sign-ups/);
    expect(hashes()).toBe(0);
    expect(await countAll("Company")).toBe(companiesBefore);
    expect(await countAll("User")).toBe(usersBefore);
    // Another address is not affected.
    await from("192.0.2.21", null).companies.register(isp(999));
  });

  it("parallel ISP sign-ups from one address cannot exceed the limit", { timeout: 120_000 }, async () => {
    const max = env().SIGNUP_LIMIT_PER_HOUR;
    const before = await countAll("Company");
    const results = await Promise.allSettled(
      Array.from({ length: max * 3 }, (_, i) => from("192.0.2.22", null).companies.register(isp(200 + i))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(max);
    expect(await countAll("Company")).toBe(before + max);
    expect(hashes()).toBe(max);
  });

  it("the N+1th portal sign-up from one address is refused and writes nothing; one e-mail gets 3 an hour", async () => {
    const max = env().SIGNUP_LIMIT_PER_HOUR;
    for (let n = 0; n < max; n++)
      await from("192.0.2.30").portal.register(signup({ email: `visitor${n}@example.com` }));
    const customersBefore = await withTenant(co.company.id, (tx) => tx.customer.count());
    const refused = await failure(from("192.0.2.30").portal.register(signup({ email: "late@example.com" })));
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(await withTenant(co.company.id, (tx) => tx.customer.count())).toBe(customersBefore);
    expect(await mailsTo(co.company.id, "late@example.com")).toEqual([]);
    // One address's inbox, from several networks: three sign-ups (each may send it a mail), then no more.
    for (let n = 0; n < 3; n++) await from(`192.0.2.${40 + n}`).portal.register(signup({ email: "twice@example.com" }));
    await expectFailure(
      from("192.0.2.43").portal.register(signup({ email: "twice@example.com" })),
      "TOO_MANY_REQUESTS",
    );
  });

  it("password-reset requests from one address are limited, whether or not the e-mail exists", async () => {
    const max = env().PASSWORD_RESET_LIMIT_PER_HOUR;
    for (let n = 0; n < max; n++)
      await from("192.0.2.50").auth.passwordReset.request({ email: `nobody${n}@example.com` });
    await expectFailure(from("192.0.2.50").auth.passwordReset.request({ email: co.owner.email }), "TOO_MANY_REQUESTS");
    expect(await mailsTo(co.company.id, co.owner.email)).toEqual([]);
    // Per company: the same address still asks on another ISP's site.
    const other = await makeCompany("public-work-other");
    await from("192.0.2.50", other.company).auth.passwordReset.request({ email: other.owner.email });
    expect(await mailsTo(other.company.id, other.owner.email)).toHaveLength(1);
  });
});
