import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { companyUrl } from "../../lib/urls";
import { anonymousCaller, callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { failure } from "../../test/trpc";
import { verifyCredentials } from "../auth/credentials";
import { findBySlug } from "./service";

// An ISP signing up on the root domain, and its Super Admin editing the company's settings.

const signup = (over: Record<string, string> = {}) => ({
  name: "Kilima Fibre",
  slug: "kilima",
  currency: "KES",
  timeZone: "Africa/Nairobi",
  country: "KE",
  adminName: "Wanjiru Kamau",
  adminEmail: "wanjiru@kilima.test",
  password: "Kilima-fibre-2026",
  ...over,
});
const rootSite = () => anonymousCaller(null);

// Counting across all companies needs the owner's connection (the app role sees one company at a time).
let owner: pg.Client;
const countAll = async (table: string, where = "true", params: unknown[] = []) =>
  (await owner.query(`SELECT count(*)::int AS n FROM "${table}" WHERE ${where}`, params)).rows[0].n as number;

beforeAll(async () => {
  owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await owner.connect();
});
afterAll(() => owner.end());

describe("registering an ISP", () => {
  it("creates the company, its Super Admin (who can sign in) and the audit entries", async () => {
    expect(await rootSite().companies.register(signup())).toEqual({
      slug: "kilima",
      loginUrl: companyUrl("kilima", "/login?welcome=1"),
    });

    const company = (await findBySlug("kilima"))!;
    expect(company).toMatchObject({ name: "Kilima Fibre", currency: "KES", timeZone: "Africa/Nairobi" });
    const users = await withTenant(company.id, (tx) => tx.user.findMany());
    expect(users).toEqual([
      expect.objectContaining({
        email: "wanjiru@kilima.test",
        name: "Wanjiru Kamau",
        role: "SUPER_ADMIN",
        status: "ACTIVE",
      }),
    ]);
    await expect(
      verifyCredentials(company.id, { email: "wanjiru@kilima.test", password: "Kilima-fibre-2026" }, "10.4.0.1"),
    ).resolves.toMatchObject({
      mustEnrolTwoFactor: true,
    });

    const audit = await withTenant(company.id, (tx) => tx.auditEntry.findMany({ orderBy: { action: "asc" } }));
    expect(audit.map((e) => [e.action, e.entityId, e.actorId])).toEqual([
      ["company.register", company.id, users[0].id],
      ["user.create", users[0].id, users[0].id],
    ]);
    expect(JSON.stringify(audit)).not.toContain("Kilima-fibre-2026");
  });

  it.each([
    ["www", /reserved/],
    ["admin", /reserved/],
    ["My ISP!", /lowercase letters, digits and hyphens/],
    ["-edge", /lowercase letters, digits and hyphens/],
    ["under_score", /lowercase letters, digits and hyphens/],
    ["ab", /at least 3/],
  ])("refuses the address %j with a message on the slug field", async (slug, message) => {
    const before = await countAll("Company");
    const f = await failure(rootSite().companies.register(signup({ slug, adminEmail: `x-${Math.random()}@x.test` })));
    expect(f).toMatchObject({ code: "BAD_REQUEST", fields: { slug: expect.stringMatching(message) } });
    expect(await countAll("Company")).toBe(before);
  });

  it("reports every bad field at once", async () => {
    const f = await failure(
      rootSite().companies.register(
        signup({
          slug: "fields-isp",
          currency: "XYZ1",
          timeZone: "Mars/Olympus",
          country: "Kenya",
          adminEmail: "nope",
          password: "short",
        }),
      ),
    );
    expect(Object.keys(f.fields ?? {}).sort()).toEqual(["adminEmail", "country", "currency", "password", "timeZone"]);
  });

  it("a taken address is a conflict on the slug field, and nothing is half-written", async () => {
    await makeCompany("taken-isp");
    const [companies, users, audit] = [await countAll("Company"), await countAll("User"), await countAll("AuditEntry")];

    // Upper case is the same address.
    const f = await failure(
      rootSite().companies.register(signup({ slug: "Taken-ISP", adminEmail: "second-owner@taken.test" })),
    );
    expect(f).toMatchObject({ code: "CONFLICT", fields: { slug: "That address is already taken." } });

    expect({
      companies: await countAll("Company"),
      users: await countAll("User"),
      audit: await countAll("AuditEntry"),
    }).toEqual({ companies, users, audit });
    expect(await countAll("User", `email = $1`, ["second-owner@taken.test"])).toBe(0);
  });

  it("is refused on a company's own address", async () => {
    const { company } = await makeCompany("host-isp");
    expect((await failure(anonymousCaller(company).companies.register(signup({ slug: "sneaky-isp" })))).code).toBe(
      "BAD_REQUEST",
    );
    expect(await findBySlug("sneaky-isp")).toBeNull();
  });
});

describe("company settings", () => {
  let co: Awaited<ReturnType<typeof makeCompany>>;
  let admin: Awaited<ReturnType<typeof callerAs>>;
  const valid = { name: "Settings ISP", currency: "USD", timeZone: "America/New_York", country: "US" };

  beforeAll(async () => {
    co = await makeCompany("settings-isp", "Settings ISP");
    admin = await callerAs(co.company, (await makeUser(co.company.id, "SUPER_ADMIN")).id);
  });

  it("refuses an unknown time zone or currency, per field, and keeps the old values", async () => {
    expect(await failure(admin.companies.update({ ...valid, timeZone: "Mars/Olympus" }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { timeZone: expect.stringMatching(/valid time zone/) },
    });
    expect(await failure(admin.companies.update({ ...valid, currency: "DOGE" }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { currency: expect.stringMatching(/valid ISO currency/) },
    });
    expect(await admin.companies.current()).toMatchObject({ timeZone: "America/New_York", currency: "USD" });
  });

  it("saves valid settings (normalising case) and records before and after in the audit log", async () => {
    const saved = await admin.companies.update({
      name: "Settings ISP Kenya",
      currency: "kes",
      timeZone: "Africa/Nairobi",
      country: "ke",
    });
    expect(saved).toMatchObject({
      name: "Settings ISP Kenya",
      currency: "KES",
      timeZone: "Africa/Nairobi",
      country: "KE",
      slug: "settings-isp",
    });
    expect(await admin.companies.current()).toMatchObject({ currency: "KES", timeZone: "Africa/Nairobi" });
    // The subdomain lookup (used on every request) sees the new values, not a stale cache.
    expect(await findBySlug("settings-isp")).toMatchObject({
      currency: "KES",
      timeZone: "Africa/Nairobi",
      name: "Settings ISP Kenya",
    });

    const [entry] = await withTenant(co.company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "company.update" } }),
    );
    expect(entry).toMatchObject({
      actorId: admin.ctx.viewer!.userId,
      entityId: co.company.id,
      before: expect.objectContaining({
        name: "Settings ISP",
        currency: "USD",
        timeZone: "America/New_York",
        country: "US",
      }),
      after: expect.objectContaining({
        name: "Settings ISP Kenya",
        currency: "KES",
        timeZone: "Africa/Nairobi",
        country: "KE",
      }),
    });
  });
});
