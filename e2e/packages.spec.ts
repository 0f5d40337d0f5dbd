import { expect, test } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// Acme's network administrator creates a package: a speed that is not a number is refused beside
// its field, a code another package uses is refused by the server in words on the code's field,
// and once both are right the package is saved, announced and found in the list.

const acme = companyOrigin("acme");
// A name and code of their own per run, so the spec can run again against the same database.
const run = Date.now().toString(36).toUpperCase();
const name = `E2E Home ${run}`;

test("a network administrator creates a package, told in words what to fix first", async ({ page }) => {
  await signIn(page, acme, "noc@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/packages`);
  await page.getByRole("button", { name: "New package" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New package" });
  const field = (label: string) => dialog.getByRole("textbox", { name: label, exact: true });

  await field("Name").fill(name);
  await field("Code").fill("FIB-20"); // the demo's Fibre 20 has it
  await field("Download (Mbit/s)").fill("fast");
  await field("Upload (Mbit/s)").fill("5");
  await field("Price per cycle (KES)").fill("1500");
  await dialog.getByRole("button", { name: "Create package" }).click();
  await expect(dialog.getByText("Enter Mbit/s, e.g. 20 or 1.5.")).toBeVisible();

  await field("Download (Mbit/s)").fill("20");
  await dialog.getByRole("button", { name: "Create package" }).click();
  await expect(dialog.getByText("Already used by another package.")).toBeVisible();
  await expect(dialog.getByText("Enter Mbit/s, e.g. 20 or 1.5.")).toHaveCount(0);

  await field("Code").fill(`E2E-${run}`);
  await dialog.getByRole("button", { name: "Create package" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `${name} is created` })).toBeVisible();

  await page.getByLabel("Search packages").fill(name);
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText(/KES\s1,500\.00/);
});
