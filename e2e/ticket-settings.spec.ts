import { expect, test } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// Ticket settings on the demo ISP: the customer service manager adds a ticket category and a
// canned response, archives each (it stays listed, marked, and can be restored) and restores it.

const acme = companyOrigin("acme");
const stamp = Date.now().toString(36);

test("a manager adds, archives and restores a ticket category and a canned response", async ({ page }) => {
  await signIn(page, acme, "care@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/tickets/settings`);

  const category = `Fibre cut ${stamp}`;
  await page.getByRole("button", { name: "New category" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill(category);
  await page.getByRole("button", { name: "Save category" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  const categories = page.getByRole("list", { name: "Ticket categories" });
  const categoryRow = categories.getByRole("listitem").filter({ hasText: category });
  await expect(categoryRow).toHaveCount(1);

  await categoryRow.getByRole("button", { name: `Archive ${category}` }).click();
  await expect(page.getByText(`${category} archived`)).toBeVisible();
  await expect(categoryRow.getByText("Archived")).toBeVisible();
  await categoryRow.getByRole("button", { name: `Restore ${category}` }).click();
  await expect(page.getByText(`${category} restored`)).toBeVisible();
  await expect(categoryRow.getByText("Archived")).toBeHidden();

  const title = `Outage apology ${stamp}`;
  await page.getByRole("button", { name: "New response" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("Response").fill("We are sorry for the interruption; service is back.");
  await dialog.getByRole("button", { name: /save/i }).click();
  await expect(dialog).toBeHidden();
  const responseRow = page
    .getByRole("list", { name: "Canned responses" })
    .getByRole("listitem")
    .filter({ hasText: title });
  await responseRow.getByRole("button", { name: `Archive ${title}` }).click();
  await expect(page.getByText(`${title} archived`)).toBeVisible();
  await expect(responseRow.getByText("Archived")).toBeVisible();
  await responseRow.getByRole("button", { name: `Restore ${title}` }).click();
  await expect(responseRow.getByText("Archived")).toBeHidden();
});
