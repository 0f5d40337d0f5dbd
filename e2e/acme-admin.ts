import { readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { currentTotp } from "../server/auth/totp";
import { companyOrigin, PORT, signIn } from "./helpers";

// The demo company's super admin and billing administrator must enrol two-factor at the first
// sign-in, and sign-in refuses a code step it has already accepted. Several specs sign in as them
// in one run (one server, one database), so each person's enrolment is shared, kept in a file
// beside the run's database, and each sign-in uses a step later than the last one spent.
// e2e/serve.ts removes the files when it makes the database anew.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const STEP_MS = 30_000;
/** The demo's people who must use two-factor (prisma/seed.ts). */
const TWO_FACTOR_PEOPLE = ["admin@acme.example", "billing@acme.example"] as const;
type TwoFactorPerson = (typeof TWO_FACTOR_PEOPLE)[number];

const enrolmentFile = (email: TwoFactorPerson) =>
  path.join(os.tmpdir(), `lastmile_e2e_${PORT}_${email.replace(/[^a-z0-9]+/gi, "_")}_totp.json`);

interface Enrolment {
  secret: string;
  lastStep: number;
}

const stepNow = () => Math.floor(Date.now() / STEP_MS);

export const forgetTwoFactorEnrolments = () => {
  for (const email of TWO_FACTOR_PEOPLE) rmSync(enrolmentFile(email), { force: true });
};

/** Signs in as one of the demo's two-factor people, enrolling the first time; ends on the dashboard. */
export async function signInWithTwoFactor(page: Page, email: TwoFactorPerson): Promise<void> {
  const file = enrolmentFile(email);
  const save = (e: Enrolment) => writeFileSync(file, JSON.stringify(e));
  await signIn(page, acme, email, PASSWORD);
  const codeField = page.getByLabel("Authentication code");
  const showQr = page.getByRole("button", { name: "Show QR code" });
  await expect(codeField.or(showQr)).toBeVisible();

  if (await showQr.isVisible()) {
    await showQr.click();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    const step = stepNow();
    await page.getByLabel("Code from the app").fill(currentTotp(secret, step * STEP_MS));
    await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await page.getByRole("button", { name: "I have saved them" }).click();
    save({ secret, lastStep: step });
  } else {
    const enrolment = JSON.parse(readFileSync(file, "utf8")) as Enrolment;
    // The server also accepts the next step, so only wait when even that one is spent.
    const step = Math.max(stepNow(), enrolment.lastStep + 1);
    const wait = (step - 1) * STEP_MS - Date.now();
    if (wait > 0) await page.waitForTimeout(wait + 1_000);
    await codeField.fill(currentTotp(enrolment.secret, step * STEP_MS));
    await page.getByRole("button", { name: "Verify" }).click();
    save({ ...enrolment, lastStep: step });
  }
  await page.waitForURL(`${acme}/`);
}

/** Signs in as Acme's super admin, enrolling two-factor the first time; ends on the dashboard. */
export const signInAsAcmeAdmin = (page: Page) => signInWithTwoFactor(page, "admin@acme.example");
