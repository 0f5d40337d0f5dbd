import { expect, test } from "@playwright/test";
import { companyOrigin, rootOrigin } from "./helpers";

// An address nothing answers gets the product's own "Page not found" (with a 404, so nothing
// indexes or caches it as a page) and a way back, on a company's subdomain and on the platform's
// root domain alike.

const acme = companyOrigin("acme");

test("an address nothing answers shows the product's not-found page, with a way back", async ({ page }) => {
  const response = await page.goto(`${acme}/customers-of-yesterday/42`);
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle("Page not found · Lastmile");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("There is nothing at this address.")).toBeVisible();

  // Back to the company's start: a signed-out visitor is asked to sign in there.
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(new RegExp(`^${acme}/login`));
});

test("the platform's root domain has the same not-found page", async ({ page }) => {
  const response = await page.goto(`${rootOrigin}/no-such-page`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
