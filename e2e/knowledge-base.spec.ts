import { expect, test, type Page } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// Knowledge-base categories, as Acme's customer service manager keeps them: two new categories
// (a taken name refused), one moved above the other (the order the portal's help centre uses,
// kept after a reload), an article moved from one category to the other, and a category deleted
// while its article stays, without a category.

const acme = companyOrigin("acme");
const stamp = Date.now().toString(36);
const billing = `Billing questions ${stamp}`;
const installs = `Fibre installs ${stamp}`;
const articleTitle = `Reading your first bill ${stamp}`;

const categoryList = (page: Page) => page.getByRole("main").getByRole("list").first();
const categoryRow = (page: Page, name: string) => categoryList(page).getByRole("listitem").filter({ hasText: name });
/** This run's two categories, in the order the list shows them. */
const ourOrder = async (page: Page) =>
  (await categoryList(page).getByRole("listitem").allTextContents()).flatMap((t) =>
    [billing, installs].filter((n) => t.includes(n)),
  );

test("a manager adds categories, moves one up, moves an article between them and deletes one", async ({ page }) => {
  await signIn(page, acme, "care@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/kb/categories`);
  await expect(page.getByRole("heading", { name: "Categories" })).toBeVisible();

  const newName = page.getByLabel("New category");
  const add = page.getByRole("button", { name: "Add category" });
  await newName.fill("B");
  await expect(add).toBeDisabled();
  for (const name of [billing, installs]) {
    await newName.fill(name);
    await add.click();
    await expect(categoryRow(page, name)).toContainText(`${name} · 0 articles`);
    await expect(newName).toHaveValue("");
  }
  // The same name in other letters is taken.
  await newName.fill(billing.toUpperCase());
  await add.click();
  await expect(page.getByText("Already used by another category.")).toBeVisible();
  await expect(categoryRow(page, billing)).toHaveCount(1);
  await newName.fill("");

  // New categories go last; the last one cannot move further down. Fibre installs moves up.
  expect(await ourOrder(page)).toEqual([billing, installs]);
  await expect(page.getByRole("button", { name: `Move ${installs} down` })).toBeDisabled();
  await page.getByRole("button", { name: `Move ${installs} up` }).click();
  await expect.poll(() => ourOrder(page)).toEqual([installs, billing]);
  await expect(page.getByRole("button", { name: `Move ${billing} down` })).toBeDisabled();
  await page.reload();
  await expect(categoryRow(page, billing)).toBeVisible();
  expect(await ourOrder(page)).toEqual([installs, billing]);

  // A draft article in Billing questions, then moved to Fibre installs.
  await page.goto(`${acme}/kb/new`);
  const category = page.getByLabel("Category");
  await expect.poll(() => category.locator("option", { hasText: billing }).count()).toBe(1);
  await page.getByLabel("Title").fill(articleTitle);
  await category.selectOption({ label: billing });
  await page.getByLabel("Article (markdown)").fill("Your first invoice covers the days from installation to the 1st.");
  await page.getByLabel(/^Published/).uncheck();
  await page.getByRole("button", { name: "Save article" }).click();
  await expect(page.getByText(`“${articleTitle}” is saved as a draft`)).toBeVisible();
  await page.waitForURL(/\/kb\/(?!new)[^/]+$/);
  const articleUrl = page.url();
  await expect(page.getByLabel("Category")).toHaveValue(/.+/);
  await page.goto(`${acme}/kb/categories`);
  await expect(categoryRow(page, billing)).toContainText(`${billing} · 1 article`);
  await expect(categoryRow(page, installs)).toContainText(`${installs} · 0 articles`);

  await page.goto(articleUrl);
  await expect(page.getByLabel("Title")).toHaveValue(articleTitle);
  await expect(page.getByLabel("Category").locator("option:checked")).toHaveText(billing);
  await page.getByLabel("Category").selectOption({ label: installs });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`“${articleTitle}” is saved as a draft`)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Category").locator("option:checked")).toHaveText(installs);
  await page.goto(`${acme}/kb/categories`);
  await expect(categoryRow(page, installs)).toContainText(`${installs} · 1 article`);
  await expect(categoryRow(page, billing)).toContainText(`${billing} · 0 articles`);

  // The knowledge base filtered by category lists the article under its new one only.
  await page.goto(`${acme}/kb`);
  const filter = page.getByLabel("Category");
  await expect.poll(() => filter.locator("option", { hasText: installs }).count()).toBe(1);
  await filter.selectOption({ label: installs });
  await expect(page.getByRole("link", { name: articleTitle })).toBeVisible();
  await filter.selectOption({ label: billing });
  await expect(page.getByText("No articles match")).toBeVisible();
  await expect(page.getByRole("link", { name: articleTitle })).toHaveCount(0);

  // Deleting a category keeps its article, without a category.
  await page.goto(`${acme}/kb/categories`);
  await page.getByRole("button", { name: `Delete ${installs}` }).click();
  const confirm = page.getByRole("alertdialog").or(page.getByRole("dialog"));
  await expect(confirm).toContainText("Its 1 article stays, without a category.");
  await confirm.getByRole("button", { name: "Delete category" }).click();
  await expect(page.getByText(`${installs} is deleted`)).toBeVisible();
  await expect(categoryRow(page, installs)).toHaveCount(0);
  await page.goto(articleUrl);
  await expect(page.getByLabel("Title")).toHaveValue(articleTitle);
  await expect(page.getByLabel("Category").locator("option:checked")).toHaveText("No category");

  await page.goto(`${acme}/kb/categories`);
  await page.getByRole("button", { name: `Delete ${billing}` }).click();
  await expect(confirm).toContainText("It has no articles.");
  await confirm.getByRole("button", { name: "Delete category" }).click();
  await expect(categoryRow(page, billing)).toHaveCount(0);
});
