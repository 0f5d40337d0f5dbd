import { createHash } from "node:crypto";
import { SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { withTenant } from "../../db/tenant";
import * as apiTokens from "../../modules/auth/api-tokens";
import { login } from "../../modules/auth/rest";
import type { CompanyRef } from "../../modules/companies/service";
import { list, me } from "../../modules/users/rest";
import { env } from "../../lib/env";
import { makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { call, hostOf } from "./testing";

// Bearer tokens on tenant endpoints: bound to one company, checked against the live session,
// the two-factor gate and the role's permissions, and scoped by row-level security.

const A = hostOf("acme");
const B = hostOf("bravo");
let acme: CompanyRef;
let bravo: CompanyRef;
let managerToken: string;
let managerId: string;

async function tokenFor(
  company: CompanyRef,
  user: { id: string; role: Parameters<typeof apiTokens.issue>[1]["role"]; email: string },
) {
  return (await apiTokens.issue(company.id, user, { ip: "203.0.113.9", userAgent: "vitest" })).accessToken;
}

beforeAll(async () => {
  acme = (await makeCompany("acme", "Acme Fibre")).company;
  bravo = (await makeCompany("bravo", "Bravo Net")).company;
  const manager = await makeUser(acme.id, "CUSTOMER_SERVICE_MANAGER", {
    email: "manager@acme.test",
    name: "Mina Manager",
  });
  managerId = manager.id;
  for (let i = 1; i <= 4; i++)
    await makeUser(acme.id, "TECHNICAL_SUPPORT", { email: `support${i}@acme.test`, name: `Support ${i}` });
  await makeUser(bravo.id, "TECHNICAL_SUPPORT", { email: "support@bravo.test", name: "Bravo Support" });
  const res = await call(login, { host: A, body: { email: "manager@acme.test", password: TEST_PASSWORD } });
  managerToken = res.body.accessToken;
});

afterEach(() => {
  vi.useRealTimers();
});

describe("GET /api/users", () => {
  it("lists only the host company's users, paged", async () => {
    const res = await call(list, { host: A, token: managerToken, query: { pageSize: "3", sort: "email" } });
    expect(res.status, res.text).toBe(200);
    // owner + manager + 4 support staff
    expect(res.body).toMatchObject({ total: 6, page: 1, pageSize: 3, pageCount: 2 });
    expect(res.body.rows.map((r: { email: string }) => r.email)).toEqual([
      "manager@acme.test",
      "owner@acme.test",
      "support1@acme.test",
    ]);
    expect(Object.keys(res.body.rows[0]).sort()).toEqual([
      "createdAt",
      "email",
      "id",
      "lastLoginAt",
      "name",
      "role",
      "status",
      "twoFactorEnabled",
    ]);
    expect(res.body.rows[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    const page2 = await call(list, {
      host: A,
      token: managerToken,
      query: { page: "2", pageSize: "3", sort: "email" },
    });
    expect(page2.body.rows.map((r: { email: string }) => r.email)).toEqual([
      "support2@acme.test",
      "support3@acme.test",
      "support4@acme.test",
    ]);

    const all = await call(list, { host: A, token: managerToken, query: { pageSize: "100" } });
    expect(all.body.rows.every((r: { email: string }) => r.email.endsWith("@acme.test"))).toBe(true);

    const search = await call(list, { host: A, token: managerToken, query: { search: "bravo" } });
    expect(search.body).toMatchObject({ total: 0, rows: [] });
  });

  it("validates the query with 400 and names the fields", async () => {
    const res = await call(list, {
      host: A,
      token: managerToken,
      query: { page: "0", pageSize: "1000", sort: "password" },
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["page", "pageSize", "sort"]);
  });

  it("answers 403 to a role without users:read", async () => {
    const support = await makeUser(acme.id, "TECHNICAL_SUPPORT");
    const token = await tokenFor(acme, support);
    expect((await call(me, { host: A, token })).status).toBe(200);
    const res = await call(list, { host: A, token });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: "FORBIDDEN", message: "You do not have permission to do that." } });
  });

  it("answers 403 to a super admin who has not enrolled two-factor authentication", async () => {
    const admin = await makeUser(acme.id, "SUPER_ADMIN", { twoFactor: false });
    const token = await tokenFor(acme, admin);
    for (const route of [list, me]) {
      const res = await call(route, { host: A, token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("TWO_FACTOR_ENROLMENT_REQUIRED");
    }
    // An enrolled super admin passes the gate.
    const enrolled = await makeUser(acme.id, "SUPER_ADMIN");
    expect((await call(list, { host: A, token: await tokenFor(acme, enrolled) })).status).toBe(200);
  });
});

describe("bearer tokens", () => {
  const INVALID = {
    code: "UNAUTHORIZED",
    message: "The access token is invalid or expired. Sign in again or refresh it.",
  };

  it("requires a token", async () => {
    const none = await call(me, { host: A });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect((await call(me, { host: A, authorization: `Basic ${btoa("manager@acme.test:x")}` })).status).toBe(401);
  });

  it("a token of company A is refused on company B's address, like a forged one", async () => {
    const res = await call(list, { host: B, token: managerToken });
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual(INVALID);
    // And it still works at home.
    expect((await call(list, { host: A, token: managerToken })).status).toBe(200);
  });

  it("refuses forged tokens: another key, a tampered payload, alg none", async () => {
    const otherKey = await new SignJWT({ cid: acme.id, sid: "x", role: "SUPER_ADMIN" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(managerId)
      .setAudience("lastmile-api")
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode("an attacker's key, not ours at all"));
    const [header, payload, signature] = managerToken.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const tampered = [
      header,
      Buffer.from(JSON.stringify({ ...claims, role: "SUPER_ADMIN" })).toString("base64url"),
      signature,
    ].join(".");
    const algNone = [Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url"), payload, ""].join(
      ".",
    );
    for (const token of [otherKey, tampered, algNone, "not-a-jwt"]) {
      const res = await call(me, { host: A, token });
      expect(res.status, token).toBe(401);
      expect(res.body.error).toEqual(INVALID);
    }
  });

  it("refuses a correctly signed token for a session that does not exist", async () => {
    // Signed with the real key (derived as api-tokens.ts does): only the session check stops it.
    const key = createHash("sha256").update(`api-access:${env().AUTH_SECRET}`).digest();
    const token = await new SignJWT({ cid: acme.id, sid: "no-such-session", role: "CUSTOMER_SERVICE_MANAGER" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(managerId)
      .setAudience("lastmile-api")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(key);
    expect((await call(me, { host: A, token })).status).toBe(401);
  });

  it("refuses an expired token", async () => {
    const token = await tokenFor(acme, { id: managerId, role: "CUSTOMER_SERVICE_MANAGER", email: "manager@acme.test" });
    expect((await call(me, { host: A, token })).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + (env().JWT_ACCESS_TTL_SECONDS + 60) * 1000);
    const res = await call(me, { host: A, token });
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual(INVALID);
  });

  it("a disabled user's token stops working at once", async () => {
    const user = await makeUser(acme.id, "NETWORK_ADMIN");
    const token = await tokenFor(acme, user);
    expect((await call(me, { host: A, token })).status).toBe(200);
    await withTenant(acme.id, (tx) => tx.user.update({ where: { id: user.id }, data: { status: "DISABLED" } }));
    expect((await call(me, { host: A, token })).status).toBe(401);
  });

  it("the role is read from the live user, not from the token", async () => {
    const user = await makeUser(acme.id, "CUSTOMER_SERVICE_MANAGER");
    const token = await tokenFor(acme, user);
    expect((await call(list, { host: A, token })).status).toBe(200);
    await withTenant(acme.id, (tx) => tx.user.update({ where: { id: user.id }, data: { role: "FIELD_TECHNICIAN" } }));
    expect((await call(list, { host: A, token })).status).toBe(403);
  });
});
