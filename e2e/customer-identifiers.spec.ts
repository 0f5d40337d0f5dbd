import { expect, test } from "@playwright/test";
import pg from "pg";
import { companyOrigin, e2eDatabaseUrl, signIn } from "./helpers";

// Customer care records a business customer's tax id and ID document number: both are shown on
// the customer's page, the customer is found by either exact number (spacing and case aside) and
// not by a part of it, and the database keeps neither in clear.

const acme = companyOrigin("acme");
const stamp = Date.now().toString(36);
const business = `Jua Kali Traders ${stamp}`;
const taxId = `P05${stamp.toUpperCase()}X`;
const idNumber = `ID-${stamp}-77`;

test("a customer's tax id and ID number are saved, shown and found by exact search", async ({ page }) => {
  await signIn(page, acme, "care@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/customers`);
  await page.getByRole("button", { name: "New customer" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("combobox", { name: /^Type/ }).selectOption("BUSINESS");
  await dialog.getByLabel("Business name").fill(business);
  await dialog.getByLabel("First name").fill("Otieno");
  await dialog.getByLabel("Tax ID").fill(taxId);
  await dialog.getByLabel("ID document type").fill("National ID");
  await dialog.getByLabel("ID document number").fill(idNumber);
  await dialog.getByRole("textbox", { name: "E-mail" }).fill(`accounts-${stamp}@juakali.example`);
  await dialog.getByLabel("Phone", { exact: true }).fill("0722 555 010");
  await dialog.getByRole("button", { name: "Create customer" }).click();
  await page.waitForURL(/\/customers\/[^/]+$/);
  const customerUrl = page.url();
  await expect(page.getByText(taxId)).toBeVisible();
  await expect(page.getByText(`National ID ${idNumber}`)).toBeVisible();

  // Found by the exact number, typed with other spacing and case; not by a part of it.
  const search = async (term: string) => {
    await page.goto(`${acme}/customers`);
    await page.getByLabel("Search customers").fill(term);
    await page.getByLabel("Search customers").press("Enter");
    await page.waitForURL(/[?&]q=/);
  };
  /** The list shows this customer and no other. */
  const foundAlone = async () => {
    await expect(page.getByRole("link", { name: business })).toBeVisible();
    await expect(page.getByText("1 customer", { exact: true })).toBeVisible();
  };
  await search(taxId.toLowerCase());
  await foundAlone();
  await search(idNumber.toUpperCase().replace(/-/g, " "));
  await foundAlone();
  await search(taxId.slice(0, -2));
  await expect(page.getByText("No customers match")).toBeVisible();

  // A copy of the database holds neither number in clear.
  const db = new pg.Client({ connectionString: e2eDatabaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT row_to_json(c)::text AS row FROM "Customer" c WHERE id = $1`, [
      customerUrl.split("/").pop(),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].row).not.toContain(taxId);
    expect(rows[0].row).not.toContain(idNumber);
  } finally {
    await db.end();
  }
});
