import { expect, test } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// A cycle count of the demo's main store by the network administrator: one spare CPE the sheet
// lists is not on the shelf, and an ONT the sheet does not list (booked on Shelf A1) is found
// there and added by its serial (components/console/inventory/count-found.tsx). Posting brings
// the ONT onto the store's books and writes the CPE off, and finance sees it as lost at its book
// value on the depreciation page.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const CPE = "Ubiquiti LiteBeam 5AC Gen2";
const MISSING = "F09FC2D4E504";
const FOUND = "48575443A1B20012";

test("a count adds a unit found that the sheet did not list, and posts what it did not find as a loss", async ({
  page,
}) => {
  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  // What the spare CPE is worth on the books before the count.
  await page.goto(`${acme}/inventory/assets?serial=${MISSING}`);
  const book = page.getByRole("region", { name: `Unit ${MISSING}` }).getByTestId("book-value");
  await expect(book).toHaveText(/^KES\s[\d,]+\.\d\d$/);
  const bookValue = (await book.textContent())!.replace(/\s/g, " ");

  await page.goto(`${acme}/inventory/counts`);
  const place = page.getByRole("combobox", { name: "Place to count" });
  await expect.poll(() => place.locator("option").allTextContents()).toContain("Westlands main store");
  await place.selectOption({ label: "Westlands main store" });
  await page.getByRole("button", { name: "Start a count" }).click();
  await page.waitForURL(/\/inventory\/counts\/[^/]+$/);

  // The sheet lists the store's spare CPEs, and no ONT (those are on Shelf A1 and in the vans).
  const sheet = page.getByRole("table");
  const cpeRow = sheet.getByRole("row").filter({ hasText: CPE });
  await expect(cpeRow).toContainText(MISSING);
  await expect(sheet.getByRole("row").filter({ hasText: "Huawei EchoLife HG8245H ONT" })).toHaveCount(0);

  // Found here, not on the sheet: an ONT, by its serial.
  const found = page.getByLabel("Serial of a unit found here");
  await found.fill(FOUND.toLowerCase());
  await page.getByRole("button", { name: "Add the unit" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Unit ${FOUND} added to the count` })).toBeVisible();
  const ontRow = sheet.getByRole("row").filter({ hasText: "Huawei EchoLife HG8245H ONT" });
  await expect(ontRow.getByLabel("Serials counted of Huawei EchoLife HG8245H ONT")).toHaveValue(FOUND);
  await expect(found).toHaveValue("");
  // A serial the inventory has never seen is refused with what to do instead.
  await found.fill("NOSUCHSERIAL1");
  await page.getByRole("button", { name: "Add the unit" }).click();
  await expect(page.getByText(/NOSUCHSERIAL1/).last()).toBeVisible();

  // Everything else is where the books say, but for one spare CPE.
  for (const row of await sheet.getByRole("row").all()) {
    const quantity = row.getByRole("textbox", { name: /^Counted / });
    if (await quantity.count()) {
      const expected = (await row.getByRole("cell").nth(1).textContent())!.trim();
      await quantity.fill(expected);
    }
  }
  const cpeSerials = cpeRow.getByLabel(`Serials counted of ${CPE}`);
  const listed = (await cpeRow.getByRole("cell").first().locator("p").textContent())!.trim().split(/\s+/);
  expect(listed).toContain(MISSING);
  await cpeSerials.fill(listed.filter((s) => s !== MISSING).join("\n"));
  await page.getByRole("button", { name: "Save the counted quantities" }).click();
  await expect(cpeRow).toContainText(`Not found: ${MISSING}`);
  await expect(ontRow).toContainText(`Found here: ${FOUND}`);

  await page.getByLabel("Reason for the adjustments").fill("Quarterly count");
  await page.getByRole("button", { name: "Post the variance" }).click();
  await expect(page.getByRole("heading", { name: /· Westlands main store/ })).toBeVisible();
  await expect(page.getByText(/Posted .* Quarterly count/)).toBeVisible();

  // The ONT is on the store's books now, moved there by the count.
  await page.goto(`${acme}/inventory/assets?serial=${FOUND}`);
  const ont = page.getByRole("region", { name: `Unit ${FOUND}` });
  await expect(ont.getByText("Westlands main store").first()).toBeVisible();
  await expect(ont.getByRole("list", { name: "History" }).getByRole("listitem").first()).toContainText(
    "Quarterly count (found here)",
  );

  // The CPE is written off, and finance sees it lost at its book value, with nothing received for it.
  await page.goto(`${acme}/inventory/assets?serial=${MISSING}`);
  const cpe = page.getByRole("region", { name: `Unit ${MISSING}` });
  await expect(cpe.getByText("Not in stock (last at Westlands main store)")).toBeVisible();
  await expect(cpe.getByText(`Lost on`)).toContainText(/for KES\s0\.00: book value then/);
  const money = (text: string) => new RegExp(text.replace(/[.]/g, "\\.").replace(/ /g, "\\s"));
  await expect(cpe.getByText(`Lost on`)).toContainText(money(`book value then ${bookValue}, loss ${bookValue}`));

  await page.goto(`${acme}/inventory/depreciation`);
  const losses = page.getByRole("table", { name: "Disposals and losses" });
  const lost = losses.getByRole("row").filter({ hasText: MISSING });
  await expect(lost).toContainText("Lost");
  await expect(lost).toContainText("Quarterly count (not found)");
  await expect(lost.getByRole("cell").nth(4)).toHaveText(money(bookValue));
  await expect(lost.getByRole("cell").nth(5)).toHaveText(/KES\s0\.00/);
  await expect(lost.getByRole("cell").nth(6)).toHaveText(money(`Loss ${bookValue}`));
});
