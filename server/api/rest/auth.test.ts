import { beforeAll, describe, expect, it } from "vitest";
import { currentTotp, newTotpSecret } from "../../auth/totp";
import { withTenant } from "../../db/tenant";
import { seal } from "../../lib/crypto";
import { login, logout, refresh } from "../../modules/auth/rest";
import { me } from "../../modules/users/rest";
import { makeCompany, makeUser, TEST_PASSWORD } from "../../test/fixtures";
import { call, hostOf } from "./testing";

// Sign-in for integrations, as an integration sees it: HTTP statuses and JSON bodies.

const A = hostOf("a-co");
let companyId: string;

beforeAll(async () => {
  ({
    company: { id: companyId },
  } = await makeCompany("a-co"));
});

async function signIn(email: string, extra: object = {}) {
  const res = await call(login, { host: A, body: { email, password: TEST_PASSWORD, ...extra } });
  expect(res.status, res.text).toBe(200);
  return res.body as {
    accessToken: string;
    refreshToken: string;
    expiresIn: number;
    tokenType: string;
    user: { id: string; email: string };
  };
}

describe("POST /api/auth/login", () => {
  it("answers a bearer access token, a refresh token and the user", async () => {
    const user = await makeUser(companyId, "NETWORK_ADMIN", { email: "noc@a-co.test" });
    const res = await call(login, { host: A, body: { email: "NOC@a-co.test ", password: TEST_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toMatchObject({
      tokenType: "Bearer",
      expiresIn: 900,
      user: { id: user.id, email: "noc@a-co.test", role: "NETWORK_ADMIN" },
    });
    expect(res.body.accessToken.split(".")).toHaveLength(3);
    expect(res.body.refreshToken.length).toBeGreaterThan(20);
    expect(Object.keys(res.body.user).sort()).toEqual(["email", "id", "name", "role"]);

    const who = await call(me, { host: A, token: res.body.accessToken });
    expect(who.status).toBe(200);
    expect(who.body).toMatchObject({
      id: user.id,
      email: "noc@a-co.test",
      role: "NETWORK_ADMIN",
      company: { slug: "a-co", name: "ISP a-co" },
    });
    expect(who.body.permissions).toContain("profile:manage_own");
  });

  it("answers a wrong password exactly like an unknown e-mail", async () => {
    await makeUser(companyId, "TECHNICAL_SUPPORT", { email: "tech@a-co.test" });
    const wrong = await call(login, { host: A, body: { email: "tech@a-co.test", password: "not-the-password" } });
    const unknown = await call(login, { host: A, body: { email: "nobody@a-co.test", password: "not-the-password" } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ error: { code: "UNAUTHORIZED", message: "E-mail or password is incorrect." } });
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("asks for the authenticator code with TOTP_REQUIRED, then accepts it", async () => {
    const secret = newTotpSecret();
    const user = await makeUser(companyId, "BILLING_ADMIN", { email: "billing@a-co.test" });
    await withTenant(companyId, (tx) =>
      tx.user.update({ where: { id: user.id }, data: { totpSecret: seal(secret), totpEnabledAt: new Date() } }),
    );

    const noCode = await call(login, { host: A, body: { email: "billing@a-co.test", password: TEST_PASSWORD } });
    expect(noCode.status).toBe(401);
    expect(noCode.body.error.code).toBe("TOTP_REQUIRED");
    expect(noCode.body.error.message).toMatch(/6-digit code/);

    const badCode = await call(login, {
      host: A,
      body: {
        email: "billing@a-co.test",
        password: TEST_PASSWORD,
        totp: "000000" === currentTotp(secret) ? "111111" : "000000",
      },
    });
    expect(badCode.status).toBe(401);
    expect(badCode.body.error.code).toBe("UNAUTHORIZED");

    const ok = await signIn("billing@a-co.test", { totp: currentTotp(secret) });
    expect(ok.user.id).toBe(user.id);
  });

  it("refuses tokens to a role that must enrol two-factor authentication and has not", async () => {
    await makeUser(companyId, "SUPER_ADMIN", { email: "boss@a-co.test", twoFactor: false });
    const res = await call(login, { host: A, body: { email: "boss@a-co.test", password: TEST_PASSWORD } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("TWO_FACTOR_ENROLMENT_REQUIRED");
    expect(res.body.error.message).toMatch(/two-factor/);
  });

  it("answers malformed JSON and an invalid body with 400, the latter with the fields", async () => {
    const malformed = await call(login, { host: A, raw: '{"email": "x@y.z", ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ error: { code: "BAD_REQUEST", message: "The request body is not valid JSON." } });

    const invalid = await call(login, { host: A, body: { email: "not-an-email", password: "" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe("INVALID");
    expect(invalid.body.error.fields).toEqual({
      email: "Enter a valid e-mail address.",
      password: "Enter your password.",
    });

    const empty = await call(login, { host: A, raw: "" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual({ email: "Required.", password: "Required." });

    const wrongType = await call(login, { host: A, body: { email: "noc@a-co.test", password: 12345 } });
    expect(wrongType.body.error.fields).toEqual({ password: "Expected string." });

    const array = await call(login, { host: A, body: [1, 2] });
    expect(array.status).toBe(400);
    expect(array.text).not.toMatch(/at \w+ \(|node_modules|\.ts:/); // never a stack trace
  });

  it("locks the account after repeated failures, even for the right password, answering like a wrong one (401)", async () => {
    await makeUser(companyId, "FIELD_TECHNICIAN", { email: "field@a-co.test" });
    for (let i = 0; i < 5; i++) {
      const res = await call(login, {
        host: A,
        ip: "198.51.100.77",
        body: { email: "field@a-co.test", password: `wrong-${i}` },
      });
      expect(res.status).toBe(401);
    }
    const locked = await call(login, {
      host: A,
      ip: "198.51.100.77",
      body: { email: "field@a-co.test", password: TEST_PASSWORD },
    });
    expect(locked.status).toBe(401);
    expect(locked.body.error.code).toBe("UNAUTHORIZED");
  });

  it("answers 404 on an unknown subdomain and on the root domain", async () => {
    const body = { email: "noc@a-co.test", password: TEST_PASSWORD };
    const unknown = await call(login, { host: hostOf("no-such-isp"), body });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: "NOT_FOUND", message: "No company at this address." });
    const root = await call(login, { host: hostOf(null), body });
    expect(root.status).toBe(404);
    expect(root.body.error.code).toBe("NOT_FOUND");
  });
});

describe("POST /api/auth/refresh and /api/auth/logout", () => {
  it("rotates: a new pair each time, and the new access token works", async () => {
    await makeUser(companyId, "CUSTOMER_SERVICE_MANAGER", { email: "csm@a-co.test" });
    const first = await signIn("csm@a-co.test");
    const res = await call(refresh, { host: A, body: { refreshToken: first.refreshToken } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tokenType: "Bearer", expiresIn: 900 });
    expect(res.body.refreshToken).not.toBe(first.refreshToken);
    expect((await call(me, { host: A, token: res.body.accessToken })).status).toBe(200);
    // The next rotation works from the newest token.
    const again = await call(refresh, { host: A, body: { refreshToken: res.body.refreshToken } });
    expect(again.status).toBe(200);
  });

  it("reuse of a rotated refresh token revokes the whole family", async () => {
    await makeUser(companyId, "CUSTOMER_SERVICE_MANAGER", { email: "csm2@a-co.test" });
    const first = await signIn("csm2@a-co.test");
    const second = (await call(refresh, { host: A, body: { refreshToken: first.refreshToken } })).body;
    expect((await call(me, { host: A, token: second.accessToken })).status).toBe(200);

    const replay = await call(refresh, { host: A, body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("UNAUTHORIZED");

    // Whoever held the newest tokens is signed out too.
    expect((await call(refresh, { host: A, body: { refreshToken: second.refreshToken } })).status).toBe(401);
    expect((await call(me, { host: A, token: second.accessToken })).status).toBe(401);
    expect((await call(me, { host: A, token: first.accessToken })).status).toBe(401);
    // Another sign-in of the same user is a different family and unaffected.
    const other = await signIn("csm2@a-co.test");
    expect((await call(me, { host: A, token: other.accessToken })).status).toBe(200);
  });

  it("an unknown refresh token is 401 and a malformed one 400", async () => {
    expect((await call(refresh, { host: A, body: { refreshToken: "abcdefghijklmnopqrstuvwxyz" } })).status).toBe(401);
    const bad = await call(refresh, { host: A, body: { refreshToken: 42 } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(["refreshToken"]);
  });

  it("logout ends the session: access and refresh tokens stop working", async () => {
    await makeUser(companyId, "NETWORK_ADMIN", { email: "noc2@a-co.test" });
    const pair = await signIn("noc2@a-co.test");
    const res = await call(logout, { host: A, body: { refreshToken: pair.refreshToken } });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect((await call(me, { host: A, token: pair.accessToken })).status).toBe(401);
    expect((await call(refresh, { host: A, body: { refreshToken: pair.refreshToken } })).status).toBe(401);
  });

  it("a refresh token is refused on another company's address", async () => {
    await makeCompany("b-co");
    await makeUser(companyId, "NETWORK_ADMIN", { email: "noc3@a-co.test" });
    const pair = await signIn("noc3@a-co.test");
    expect((await call(refresh, { host: hostOf("b-co"), body: { refreshToken: pair.refreshToken } })).status).toBe(401);
    expect((await call(logout, { host: hostOf("b-co"), body: { refreshToken: pair.refreshToken } })).status).toBe(401);
    // …and still works at home.
    expect((await call(refresh, { host: A, body: { refreshToken: pair.refreshToken } })).status).toBe(200);
  });
});
