import { expect, test } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// Acme's network administrator registers a NAS (Network → NAS), is told what is wrong with a bad
// address, edits the NAS, and removes it after confirming.

const acme = companyOrigin("acme");
// A name and address of their own per run, so the spec can run again against the same database.
const n = Date.now() % 60_000;
const name = `e2e-nas-${n.toString(36)}`;
const ip = `198.18.${Math.floor(n / 250) % 250}.${1 + (n % 250)}`;

test("a network administrator registers a NAS, edits it and removes it", async ({ page }) => {
  await signIn(page, acme, "noc@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/network/nas`);
  await expect(page.getByRole("heading", { name: "NAS", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Add NAS" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByRole("textbox", { name: "IP address", exact: true }).fill("10.0.0.300");
  await dialog.getByLabel("RADIUS shared secret").fill("e2e-shared-secret");
  await dialog.getByRole("button", { name: "Add NAS" }).click();
  await expect(dialog.getByText(/Enter an IP address like 10\.0\.0\.1/)).toBeVisible();
  await dialog.getByRole("textbox", { name: "IP address", exact: true }).fill(ip);
  await dialog.getByRole("combobox", { name: "Vendor", exact: true }).selectOption("CISCO");
  await dialog.getByRole("button", { name: "Add NAS" }).click();
  await expect(dialog).toBeHidden();

  await page.getByLabel("Search NAS").fill(name);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText(ip);
  await expect(row).toContainText("Cisco");

  await row.getByRole("button", { name: `Edit ${name}` }).click();
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(`${name}-edge`);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await page.getByLabel("Search NAS").fill(`${name}-edge`);
  const edited = page.getByRole("row").filter({ hasText: `${name}-edge` });
  await expect(edited).toBeVisible();

  await edited.getByRole("button", { name: `Remove ${name}-edge` }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText(`Remove ${name}-edge?`);
  await confirm.getByRole("button", { name: "Remove NAS" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `${name}-edge removed` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: `${name}-edge` })).toHaveCount(0);
});
