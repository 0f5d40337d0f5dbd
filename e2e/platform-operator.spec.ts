import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eAppEnv } from "./app-env";
import { e2eDatabaseUrl, PORT, rootOrigin, totpFor } from "./helpers";

// The SaaS operator signs in on the root domain, with the authenticator that production requires,
// and sees the companies on the platform; a lost phone is replaced by a single-use recovery code.

const OPERATOR = { email: "operator@lastmile.example", password: "Lastmile-demo-2026" };

/** Gives the demo operator a new authenticator, as docs/OPERATIONS.md tells a SaaS operator to. */
function enrolAuthenticator(): { secret: string; recoveryCodes: string[] } {
  const root = path.resolve(import.meta.dirname, "..");
  const out = execFileSync(
    process.execPath,
    [path.join(root, "node_modules/tsx/dist/cli.mjs"), path.join(root, "scripts/platform-operator.ts"), "--totp", OPERATOR.email], // prettier-ignore
    { env: { ...process.env, ...e2eAppEnv(PORT, e2eDatabaseUrl) }, encoding: "utf8" },
  );
  const secret = new URL(/otpauth:\/\/\S+/.exec(out)![0]).searchParams.get("secret")!;
  const recoveryCodes = out.split("\n").filter((line) => /^[A-Za-z0-9]{4,}(-[A-Za-z0-9]{4,})+$/.test(line.trim()));
  return { secret, recoveryCodes: recoveryCodes.map((c) => c.trim()) };
}

test("the platform operator signs in with an authenticator code, then with a recovery code", async ({ page }) => {
  const { secret, recoveryCodes } = enrolAuthenticator();
  expect(recoveryCodes).toHaveLength(10);

  await page.goto(`${rootOrigin}/operator`);
  await page.waitForURL(`${rootOrigin}/operator/login`);
  await expect(page.getByText("Platform operator")).toBeVisible();
  await page.getByLabel("E-mail").fill(OPERATOR.email);
  await page.getByLabel("Password").fill("Not-the-password-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("E-mail or password is incorrect.")).toBeVisible();

  await page.getByLabel("Password").fill(OPERATOR.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Authentication code").fill(totpFor(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(`${rootOrigin}/operator`);
  await expect(page.getByRole("heading", { name: "Companies on Lastmile" })).toBeVisible();
  await expect(page.getByText(`signed in as ${OPERATOR.email}`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Acme Fiber" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(`${rootOrigin}/operator/login`);
  await page.getByLabel("E-mail").fill(OPERATOR.email);
  await page.getByLabel("Password").fill(OPERATOR.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(recoveryCodes[0]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(`${rootOrigin}/operator`);
  await expect(page.getByRole("heading", { name: "Companies on Lastmile" })).toBeVisible();
});
