import { expect, test } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// Acme's network administrator adds an address pool, hands out its next free address, sees the
// pool fill up, and releases the address again; the pool's history tells both.

const acme = companyOrigin("acme");
// A /29 of its own per run, so the spec can run again against the same database.
const n = Date.now();
const pool = `10.${200 + (Math.floor(n / 65536) % 50)}.${Math.floor(n / 256) % 256}.${(n % 32) * 8}/29`;
const first = pool.replace(/\d+\/29$/, (last) => String(Number(last.split("/")[0]) + 1));

test("a network administrator creates a pool, allocates its next free address and releases it", async ({ page }) => {
  await signIn(page, acme, "noc@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  // The sidebar's IPAM entry opens the prefixes; the section's tabs lead to the other lists.
  await page.locator('a[href="/network/prefixes"]').first().click();
  await expect(page.getByRole("heading", { name: "IP address management" })).toBeVisible();

  // A prefix with host bits set is refused on the field, with the network it meant.
  await page.getByRole("button", { name: "New prefix" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Prefix" }).fill(first.replace(/$/, "/29"));
  await dialog.getByRole("button", { name: "Add prefix" }).click();
  await expect(dialog.getByText(`Host bits set: did you mean ${pool}?`)).toBeVisible();

  await dialog.getByRole("textbox", { name: "Prefix" }).fill(pool);
  await dialog.getByRole("checkbox", { name: /^Pool/ }).check();
  await dialog.getByLabel("Description").fill("E2E subscriber pool");
  await dialog.getByRole("button", { name: "Add prefix" }).click();

  // The new prefix's page: nothing used yet.
  await expect(page.getByRole("heading", { name: pool })).toBeVisible();
  await expect(page.getByTestId("utilization").first()).toHaveText("0%");

  await page.getByRole("button", { name: "Allocate next free address" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Allocated ${first}` })).toBeVisible();
  // One of the /29's eight addresses is taken.
  await expect(page.getByTestId("utilization").first()).toHaveText("12.5%");
  const addresses = page.getByRole("table").filter({ hasText: "DNS name" });
  await expect(addresses.getByRole("cell", { name: first, exact: true })).toBeVisible();

  // The addresses list finds it too.
  await page
    .getByRole("navigation", { name: "IP address management" })
    .getByRole("link", { name: "IP addresses" })
    .click();
  await page.getByLabel("Search addresses").fill(first);
  await expect(page.getByRole("cell", { name: first, exact: true })).toBeVisible();
  await page.getByRole("link", { name: pool }).click();

  await page.getByRole("button", { name: `Release ${first}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Release" }).click();
  await expect(page.getByTestId("utilization").first()).toHaveText("0%");
  await expect(page.getByText("No addresses in this prefix yet.")).toBeVisible();

  const history = page.getByRole("table").filter({ hasText: "Address or prefix" });
  await expect(history.getByRole("row").filter({ hasText: "Allocated" }).filter({ hasText: first })).toBeVisible();
});
