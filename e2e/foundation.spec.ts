import { expect, test } from "@playwright/test";
import { companyOrigin, PORT, rootOrigin, signIn, signOut, totpFor } from "./helpers";
import { mailsTo } from "./mail";

// The platform foundation as a new ISP lives it: register, sign in on the subdomain, enrol
// two-factor authentication, invite a field technician who signs in and sees only what the
// role allows; a second company never sees the first one's people.

const slug = `e2e-${Date.now().toString(36)}`;
const origin = companyOrigin(slug);
const owner = { name: "Amina Otieno", email: "amina@e2e-isp.example", password: "Owner-pass-2026" };
const tech = { name: "Joseph Kiprono", email: "joseph@e2e-isp.example", password: "Field-pass-2026" };
let totpSecret = "";

test.describe.configure({ mode: "serial" });

test("an ISP registers on the root domain and lands on its own subdomain", async ({ page }) => {
  await page.goto(`${rootOrigin}/register`);
  await page.getByLabel("Company name").fill("Savannah Wireless");
  await page.getByLabel("Subdomain").fill(slug);
  await page.getByLabel("Your name").fill(owner.name);
  await page.getByLabel("Your e-mail").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByLabel("Currency").fill("KES");
  await page.getByLabel("Country").fill("KE");
  await page.getByLabel("Time zone").fill("Africa/Nairobi");
  await page.getByRole("button", { name: /create/i }).click();
  await expect(page.getByText("Your company is ready")).toBeVisible();
  await page.waitForURL(`${origin}/login?welcome=1`);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("Sign in with the e-mail address and password you just chose")).toBeVisible();
});

test("the same subdomain cannot be registered twice", async ({ page }) => {
  await page.goto(`${rootOrigin}/register`);
  await page.getByLabel("Company name").fill("Copycat Networks");
  await page.getByLabel("Subdomain").fill(slug);
  await page.getByLabel("Your name").fill("Copy Cat");
  await page.getByLabel("Your e-mail").fill("copy@cat.example");
  await page.getByLabel("Password").fill("Copycat-pass-1");
  await page.getByLabel("Currency").fill("USD");
  await page.getByLabel("Country").fill("US");
  await page.getByLabel("Time zone").fill("UTC");
  await page.getByRole("button", { name: /create/i }).click();
  await expect(page.getByText(/already taken/).first()).toBeVisible();
});

test("the super admin signs in and must enrol two-factor authentication first", async ({ page }) => {
  await signIn(page, origin, owner.email, "Wrong-pass-2026");
  await expect(page.getByText("E-mail or password is incorrect.")).toBeVisible();
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${origin}/two-factor/setup`);
  // Any console page sends them back until the second factor is on.
  await page.goto(`${origin}/users`);
  await page.waitForURL(`${origin}/two-factor/setup`);
  await page.getByRole("button", { name: "Show QR code" }).click();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  totpSecret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(totpFor(totpSecret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved them" }).click();
  await page.waitForURL(`${origin}/`);
  await expect(page.getByRole("link", { name: "Users" }).first()).toBeVisible();
});

test("the super admin invites a field technician, who joins and sees only what the role allows", async ({ page }) => {
  // Signing in now asks for the authenticator code (the next one: codes are single-use).
  await signIn(page, origin, owner.email, owner.password);
  await page.getByLabel("Authentication code").fill(totpFor(totpSecret, 1));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(`${origin}/`);

  await page.goto(`${origin}/users`);
  await page.getByRole("button", { name: "Invite staff" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(tech.name);
  await dialog.getByLabel("E-mail").fill(tech.email);
  await dialog.getByLabel("Role").selectOption({ label: "Field Technician" });
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("list", { name: "Pending invitations" })).toContainText(tech.email);

  // The invitation reaches the technician's inbox; the outbox keeps a copy whose link is masked.
  await expect.poll(async () => (await mailsTo(tech.email)).length).toBeGreaterThan(0);
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec((await mailsTo(tech.email))[0].text)?.[0];
  expect(link).toContain(`${origin}/invite/`);
  await page.goto(`${origin}/outbox`);
  await page
    .getByText(/Join Savannah Wireless/)
    .first()
    .click();
  await expect(page.getByRole("dialog").getByTestId("outbox-body")).toContainText(`${origin}/invite/••••••`);
  await expect(page.getByRole("dialog")).not.toContainText(link!);

  await page.goto(`${origin}/audit`);
  await expect(page.getByText("user.invite").first()).toBeVisible();

  await signOut(page, owner.name);

  await page.goto(link!);
  await expect(page.getByText(/invited you as Field Technician/)).toBeVisible();
  await page.getByLabel("New password").fill(tech.password);
  await page.getByLabel("Repeat the password").fill(tech.password);
  await page.getByRole("button", { name: "Create my account" }).click();
  await page.waitForURL(/\/login\?joined=1/);

  await page.getByLabel("E-mail").fill(tech.email);
  await page.getByLabel("Password").fill(tech.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${origin}/`);
  const nav = page.getByRole("navigation").first();
  await expect(nav.getByRole("link", { name: "My account" })).toBeVisible();
  for (const hidden of ["Users", "Audit log", "Outbox", "Settings"])
    await expect(nav.getByRole("link", { name: hidden })).toHaveCount(0);
  await page.goto(`${origin}/users`);
  await expect(page.getByText("You don't have access to this page")).toBeVisible();
  await page.goto(`${origin}/audit`);
  await expect(page.getByText("You don't have access to this page")).toBeVisible();
});

test("another company's subdomain does not accept this company's session", async ({ page }) => {
  await signIn(page, origin, tech.email, tech.password);
  await page.waitForURL(`${origin}/`);
  // The demo company "acme" exists in the seed; the technician's cookie is host-only.
  await page.goto(`${companyOrigin("acme")}/users`);
  await page.waitForURL(/acme\.localhost.*\/login/);
  await page.goto(`${companyOrigin("nobody-here")}/`);
  await expect(page.getByText("No company at this address")).toBeVisible();
});

test("the REST API signs in, refreshes and refuses another company's token", async ({ request }) => {
  // Node does not resolve *.localhost as Chromium does: call 127.0.0.1 with the company's Host.
  const api = (host: string, path: string) => ({
    url: `http://127.0.0.1:${PORT}${path}`,
    headers: { host: `${host}.localhost:${PORT}` },
  });
  const call = async (
    method: "get" | "post",
    host: string,
    path: string,
    opts: { data?: unknown; token?: string } = {},
  ) => {
    const { url, headers } = api(host, path);
    return request[method](url, {
      data: opts.data,
      headers: { ...headers, ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    });
  };
  const login = await call("post", slug, "/api/auth/login/", { data: { email: tech.email, password: tech.password } });
  expect(login.status()).toBe(200);
  const tokens = await login.json();
  const me = await call("get", slug, "/api/me", { token: tokens.accessToken });
  expect((await me.json()).email).toBe(tech.email);
  expect((await call("get", slug, "/api/users", { token: tokens.accessToken })).status()).toBe(403); // a technician's role
  expect((await call("get", "acme", "/api/me", { token: tokens.accessToken })).status()).toBe(401); // another company
  const refreshed = await call("post", slug, "/api/auth/refresh", { data: { refreshToken: tokens.refreshToken } });
  expect(refreshed.status()).toBe(200);
  const reused = await call("post", slug, "/api/auth/refresh", { data: { refreshToken: tokens.refreshToken } });
  expect(reused.status()).toBe(401);
  // Reusing a rotated refresh token ended the whole session, new tokens included.
  expect((await call("get", slug, "/api/me", { token: (await refreshed.json()).accessToken })).status()).toBe(401);
  const bad = await call("post", slug, "/api/auth/login", { data: { email: "not-an-email" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.fields).toHaveProperty("email");
});

test("a customer signs into the portal and is kept out of the staff console", async ({ page }) => {
  await signIn(page, companyOrigin("acme"), "brian.ouma@example.com", "Lastmile-demo-2026");
  await page.waitForURL(/\/portal$/);
  await expect(page.getByText("Brian", { exact: false }).first()).toBeVisible();
  await page.goto(`${companyOrigin("acme")}/users`);
  await page.waitForURL(/\/portal$/);
});
