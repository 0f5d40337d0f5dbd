import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signInAsAcmeAdmin } from "./acme-admin";
import { companyOrigin, signIn } from "./helpers";

// Data protection on the demo ISP "Acme Fiber": a customer service manager downloads a
// customer's data, the super admin erases the customer, and a customer downloads their own data
// from the portal.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const stamp = Date.now().toString(36);

test.describe.configure({ mode: "serial" });

let customerUrl: string;
const person = `Amani Wekesa ${stamp}`;

test("a customer service manager downloads a customer's data as JSON and CSV", async ({ page }) => {
  await signIn(page, acme, "care@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/leads`);
  await page.getByRole("button", { name: "New lead" }).click();
  await page.getByRole("dialog").getByLabel("Contact name").fill(person);
  await page.getByRole("dialog").getByLabel("Phone").fill("0722 444 555");
  await page.getByRole("dialog").getByRole("button", { name: "Add lead" }).click();
  await page.waitForURL(/\/leads\/[^/]+$/);
  await page.getByRole("button", { name: "Convert to customer" }).first().click();
  await page.getByRole("dialog").getByRole("button", { name: "Convert to customer" }).click();
  await page.waitForURL(/\/customers\/[^/]+$/);
  customerUrl = page.url();

  const [json] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download data (JSON)" }).click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/^acc-\d{6}-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync((await json.path())!, "utf8"));
  expect(data.profile.phone).toBe("0722 444 555");
  expect(data.lead).toMatchObject({ stage: "WON" });

  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download data (CSV)" }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/-csv\.zip$/);
  expect(
    readFileSync((await csv.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe("PK");

  // Erasure is the super admin's.
  await expect(page.getByRole("button", { name: "Erase personal data…" })).toHaveCount(0);
});

test("the super admin erases the customer after typing the account number", async ({ page }) => {
  await signInAsAcmeAdmin(page);

  await page.goto(customerUrl);
  const accountNo = (await page
    .getByText(/ACC-\d{6}/)
    .first()
    .textContent())!.match(/ACC-\d{6}/)![0];
  await page.getByRole("button", { name: "Erase personal data…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/Type the account number/).fill("ACC-999999");
  await dialog.getByRole("button", { name: "Erase for good" }).click();
  await expect(dialog.getByText(`Type ${accountNo} exactly.`)).toBeVisible();
  await dialog.getByLabel(/Type the account number/).fill(accountNo);
  await dialog.getByRole("button", { name: "Erase for good" }).click();
  await expect(page.getByRole("heading", { name: /Erased customer/ }).first()).toBeVisible();
  await expect(page.getByText(person)).toHaveCount(0);
  await expect(page.getByText("Personal data erased").first()).toBeVisible();
});

test("a customer downloads their own data from the portal", async ({ page }) => {
  await signIn(page, acme, "brian.ouma@example.com", PASSWORD);
  await page.waitForURL(/\/portal/);
  await page.goto(`${acme}/portal/account`);
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download my data (JSON)" }).click(),
  ]);
  const data = JSON.parse(readFileSync((await file.path())!, "utf8"));
  expect(data.export.audience).toBe("customer");
  expect(data.profile.email).toBe("brian.ouma@example.com");
  expect(data).not.toHaveProperty("staffNotes");
});
