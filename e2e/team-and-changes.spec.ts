import { expect, test } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// Two console dialogs that save through the shared dialog submit: the customer service manager
// plans a shift and moves it, and asks for a customer's downgrade, which then waits in Service
// requests.

const acme = companyOrigin("acme");
const stamp = Date.now().toString(36);

test("a manager plans a shift, edits it, and requests a customer's downgrade", async ({ page }) => {
  await signIn(page, acme, "care@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);

  await page.goto(`${acme}/team/shifts`);
  await page.getByRole("button", { name: "New shift" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "New shift" })).toBeVisible();
  // Saving with nobody chosen is refused on the field, and the dialog stays open.
  await dialog.getByRole("button", { name: "Add shift" }).click();
  await expect(dialog).toBeVisible();
  const person = dialog.getByLabel("Person");
  await expect.poll(() => person.locator("option").count()).toBeGreaterThan(1);
  await person.selectOption({ index: 1 });
  // An evening shift, after the seeded day shifts, so it overlaps none of that person's.
  const day = (await dialog.getByLabel("Starts").inputValue()).slice(0, 10);
  await dialog.getByLabel("Starts").fill(`${day}T19:30`);
  await dialog.getByLabel("Ends").fill(`${day}T22:00`);
  const note = `Kasarani installs ${stamp}`;
  await dialog.getByLabel("Note").fill(note);
  await dialog.getByRole("button", { name: "Add shift" }).click();
  await expect(page.getByText("Shift added")).toBeVisible();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: new RegExp(`^Edit shift — .*${note}`) }).click();
  await expect(dialog.getByLabel("Note")).toHaveValue(note);
  await dialog.getByLabel("Ends").fill(`${day}T23:00`);
  await dialog.getByRole("button", { name: "Save shift" }).click();
  await expect(page.getByText("Shift saved")).toBeVisible();
  await expect(dialog).toBeHidden();

  await page.goto(`${acme}/customers?q=mutiso`);
  await page
    .getByRole("link", { name: /Mutua Mutiso/ })
    .first()
    .click();
  await page.waitForURL(/\/customers\/[^/]+$/);
  await page
    .locator("#customer-subscriptions")
    .getByRole("button", { name: /^Actions for / })
    .first()
    .click();
  await page.getByRole("menuitem", { name: "Request a change…" }).click();
  await expect(dialog.getByRole("heading", { name: "Request a change" })).toBeVisible();
  // Home Fibre 50 is the dearest fibre package: nothing to upgrade to, a cheaper one to move down to.
  await expect(dialog.getByText("No pricier Fibre package is on sale.", { exact: false })).toBeVisible();
  await dialog.getByLabel("Change").selectOption({ label: "Downgrade" });
  const choice = dialog.getByLabel("New package");
  await expect.poll(() => choice.locator("option").count()).toBeGreaterThan(1);
  await choice.selectOption({ label: "Home Fibre 20" });
  await dialog.getByLabel("Note").fill(`Moving to a smaller plan ${stamp}`);
  await dialog.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByText("Downgrade requested")).toBeVisible();
  await expect(dialog).toBeHidden();

  await page.goto(`${acme}/service-requests`);
  await expect(page.getByRole("row").filter({ hasText: "Mutua Mutiso" }).first()).toContainText(/Downgrade/);
});
