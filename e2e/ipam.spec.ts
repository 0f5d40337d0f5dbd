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

test("the demo's address plan: pools only, and a pool's history", async ({ page }) => {
  await signIn(page, acme, "noc@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/network/prefixes`);
  await expect(page.getByRole("link", { name: "10.20.0.0/16", exact: true })).toBeVisible();
  await page.getByLabel("Pools", { exact: true }).selectOption({ label: "Pools only" });
  await expect(page.getByRole("link", { name: "10.20.4.0/22", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "10.20.0.0/16", exact: true })).toHaveCount(0);
  // The business pool handed the business subscriber the first address after its gateway.
  await page.getByRole("link", { name: "203.0.113.0/24", exact: true }).click();
  const history = page.getByRole("table").filter({ hasText: "Address or prefix" });
  await expect(history.getByRole("row").filter({ hasText: "203.0.113.2" })).toBeVisible();
});

test("a network administrator imports prefixes from a CSV: a malformed line is shown and nothing is written", async ({
  page,
}) => {
  // A /28 of its own per run, so the spec can run again against the same database.
  const base = `10.${150 + (Math.floor(n / 65536) % 40)}.${Math.floor(n / 256) % 256}`;
  const good = `${base}.0/28`;
  const file = (second: string) => ({
    name: "prefixes.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`prefix,status,pool,description\n${good},active,yes,E2E import\n${second},active,no,E2E\n`),
  });
  await signIn(page, acme, "noc@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/network/prefixes`);
  await page.getByRole("link", { name: "Import" }).click();
  await expect(page.getByText("1. Choose the file")).toBeVisible();

  await page.getByLabel("CSV file").setInputFiles(file(`${base}.300/28`));
  const lines = page.getByRole("table");
  await expect(lines.getByRole("row").filter({ hasText: `"${base}.300/28" is not valid` })).toBeVisible();
  await expect(lines.getByRole("row").filter({ hasText: good }).filter({ hasText: "Would create" })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import/ })).toBeDisabled();

  // Corrected: both lines import at once, and the pool is in the list.
  await page.getByLabel("CSV file").setInputFiles(file(`${base}.16/28`));
  await expect(page.getByRole("button", { name: "Import 2 lines" })).toBeEnabled();
  await page.getByRole("button", { name: "Import 2 lines" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported 2 prefixes" })).toBeVisible();
  await page.getByRole("link", { name: "See the prefixes" }).click();
  await page.getByLabel("Search prefixes").fill(good);
  await expect(page.getByRole("link", { name: good, exact: true })).toBeVisible();
});

test("a network administrator adds a site and a VRF, then renames the VRF", async ({ page }) => {
  const stamp = n.toString(36);
  await signIn(page, acme, "noc@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/network/sites`);
  await page.getByRole("button", { name: "Add site" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(`E2E POP ${stamp}`);
  await dialog.getByLabel("Code").fill(`E${stamp}`.slice(0, 8).toUpperCase());
  await dialog.getByRole("button", { name: "Add site" }).click();
  await expect(page.getByText(`E2E POP ${stamp} added`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("cell", { name: `E2E POP ${stamp} e2e-pop-${stamp}`, exact: true })).toBeVisible();

  await page.getByRole("link", { name: "VRFs" }).click();
  await page.getByRole("button", { name: "Add VRF" }).first().click();
  await dialog.getByLabel("Name").fill(`e2e-${stamp}`);
  await dialog.getByRole("button", { name: "Add VRF" }).click();
  await expect(page.getByText(`e2e-${stamp} added`)).toBeVisible();
  await page.getByRole("button", { name: `Edit e2e-${stamp}` }).click();
  await dialog.getByLabel("Name").fill(`e2e-${stamp}-mgmt`);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`e2e-${stamp}-mgmt saved`)).toBeVisible();
  await expect(page.getByRole("cell", { name: `e2e-${stamp}-mgmt`, exact: true })).toBeVisible();
});
