import { expect, test } from "@playwright/test";
import { signInAsAcmeAdmin } from "./acme-admin";

// A Super Admin sets how long Acme keeps its records: the form explains each floor, refuses a
// period under it beside the field, and saves "keep for ever".

test("the super admin sets data retention, within the floors", async ({ page }) => {
  await signInAsAcmeAdmin(page);

  await page.getByRole("link", { name: "Data retention" }).first().click();
  await expect(page.getByRole("heading", { name: "Data retention" })).toBeVisible();
  await expect(page.getByText(/the longest cycle is a year/)).toBeVisible();
  await expect(page.getByText("The job has not run for your company yet.", { exact: false })).toBeVisible();

  const audit = page.getByRole("spinbutton", { name: "Audit log: days kept" });
  await expect(audit).toHaveValue("2555");
  await audit.fill("30");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Audit log must be kept at least 365 days.")).toBeVisible();

  await audit.fill("400");
  await page.getByRole("group", { name: "Sent e-mail" }).getByLabel("Keep for ever").check();
  await expect(page.getByRole("spinbutton", { name: "Sent e-mail: days kept" })).toBeDisabled();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Retention settings saved")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("spinbutton", { name: "Audit log: days kept" })).toHaveValue("400");
  await expect(page.getByRole("group", { name: "Sent e-mail" }).getByLabel("Keep for ever")).toBeChecked();
});
