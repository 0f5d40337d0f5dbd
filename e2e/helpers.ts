import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { currentTotp } from "../server/auth/totp";
import { e2eAppEnv, e2eDatabaseName } from "./app-env";

export const PORT = Number(process.env.E2E_PORT ?? 3300);
export const companyOrigin = (slug: string) => `http://${slug}.localhost:${PORT}`;
export const rootOrigin = `http://localhost:${PORT}`;
/** The database e2e/serve.ts made for this run (one per port, so runs on two ports do not collide). */
export const e2eDatabaseUrl = `postgresql://postgres@127.0.0.1:5432/${e2eDatabaseName(PORT)}`;

/**
 * Runs one of the set-up scripts beside the specs (`tsx e2e/<script> <args…>`): the app's own
 * services against this run's database, with the server's environment. Returns the JSON of the
 * last line it prints (undefined when it prints nothing).
 */
export function runSetUp<T>(script: string, ...args: string[]): T {
  const root = path.resolve(import.meta.dirname, "..");
  const out = execFileSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "e2e", script), ...args],
    { env: { ...process.env, ...e2eAppEnv(PORT, e2eDatabaseUrl) }, encoding: "utf8" },
  );
  const last = out.trim().split("\n").at(-1);
  return (last ? JSON.parse(last) : undefined) as T;
}

export async function signIn(page: Page, origin: string, email: string, password: string) {
  await page.goto(`${origin}/login`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The code the user's authenticator app would show for `secret`, one step ahead if asked. */
export const totpFor = (secret: string, stepsAhead = 0) => currentTotp(secret, Date.now() + stepsAhead * 30_000);

export async function signOut(page: Page, name: string) {
  await page.getByRole("button", { name: `Account menu for ${name}` }).click();
  await page
    .getByRole("menuitem", { name: "Sign out" })
    .or(page.getByRole("button", { name: "Sign out" }))
    .first()
    .click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * A new ISP signs up on the platform site and its owner signs in and enrols two-factor
 * authentication (every owner must); ends on the company's console.
 */
export async function registerIsp(
  page: Page,
  isp: { companyName: string; slug: string; owner: { name: string; email: string; password: string } },
) {
  const origin = companyOrigin(isp.slug);
  await page.goto(`${rootOrigin}/register`);
  await page.getByLabel("Company name").fill(isp.companyName);
  await page.getByLabel("Subdomain").fill(isp.slug);
  await page.getByLabel("Your name").fill(isp.owner.name);
  await page.getByLabel("Your e-mail").fill(isp.owner.email);
  await page.getByLabel("Password").fill(isp.owner.password);
  await page.getByLabel("Currency").fill("KES");
  await page.getByLabel("Country").fill("KE");
  await page.getByLabel("Time zone").fill("Africa/Nairobi");
  await page.getByRole("button", { name: /create/i }).click();
  await page.waitForURL(`${origin}/login?welcome=1`);
  await signIn(page, origin, isp.owner.email, isp.owner.password);
  await page.waitForURL(`${origin}/two-factor/setup`);
  await page.getByRole("button", { name: "Show QR code" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill(totpFor(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  await page.getByRole("button", { name: "I have saved them" }).click();
  await page.waitForURL(`${origin}/`);
}

/** "2026-11-25T18:00": an instant on the demo company's wall clock (Africa/Nairobi), as a datetime-local input takes it. */
export function nairobiWallTime(at: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Africa/Nairobi",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Types into a customer picker (components/console/customers/customer-picker.tsx) inside `scope` and picks the match. */
export async function pickCustomer(scope: Locator, search: string, name: RegExp) {
  await scope.getByLabel("Customer").fill(search);
  await scope.getByRole("list", { name: "Matching customers" }).getByRole("button", { name }).click();
}

/** Peter, the demo's field technician, signs in and opens one of today's jobs on his phone view. */
export async function openTodaysJob(page: Page, origin: string, title: RegExp) {
  await signIn(page, origin, "field@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${origin}/`);
  await page.goto(`${origin}/field`);
  // "Today" is the company's today: a run that crosses its midnight finds the job under "Still open
  // from earlier days", so look in the whole page.
  await page.getByRole("main").getByRole("link", { name: title }).first().click();
  await page.waitForURL(/\/field\/[^/]+$/);
}
