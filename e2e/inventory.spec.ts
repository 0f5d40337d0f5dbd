import { expect, test } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// Inventory on the demo ISP "Acme Fiber": the network administrator orders two ONTs from the
// seeded supplier, sends the order, receives it with the units' serials onto the ONT shelf,
// loads one into Peter's van, and follows it by serial. The seeded subscribers' CPEs are
// deployed units already: one is found by serial and named on its customer's page.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const stamp = Date.now().toString(36).toUpperCase();
const serials = [`HWTC${stamp}1`, `HWTC${stamp}2`];

test.describe.configure({ mode: "serial" });

test("a purchase order is sent, received with serials and its units followed by serial", async ({ page }) => {
  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inventory" }).click();
  await page.waitForURL(`${acme}/inventory`);
  await page.getByRole("navigation", { name: "Inventory" }).getByRole("link", { name: "Purchase orders" }).click();
  await page.getByRole("button", { name: "New purchase order" }).click();

  const draft = page.getByRole("dialog", { name: "New purchase order" });
  const supplier = draft.getByRole("combobox", { name: "Supplier" });
  await expect.poll(() => supplier.locator("option").allTextContents()).toContain("Savannah Fibre Supplies");
  await supplier.selectOption({ label: "Savannah Fibre Supplies" });
  const item = draft.getByRole("combobox", { name: "Item 1" });
  await expect.poll(() => item.locator("option").count()).toBeGreaterThan(1);
  await item.selectOption({ label: "ONT-HG8245H · Huawei EchoLife HG8245H ONT" });
  await draft.getByRole("textbox", { name: "Quantity" }).fill("2");
  await draft.getByRole("button", { name: "Save draft" }).click();

  await page.waitForURL(/\/inventory\/purchase-orders\/[^/]+$/);
  await expect(page.getByRole("heading").getByText("Draft", { exact: true })).toBeVisible();
  await expect(page.getByRole("cell", { name: /KES\s9,600\.00/ }).last()).toBeVisible();
  await page.getByRole("button", { name: "Send to supplier" }).click();
  await expect(page.getByRole("heading").getByText("Sent", { exact: true })).toBeVisible();

  // Receiving more units than ordered is refused, and nothing is received.
  await page.getByRole("button", { name: "Receive goods" }).click();
  const receive = page.getByRole("dialog", { name: /Receive goods on PO-/ });
  const into = receive.getByRole("combobox", { name: "Into" });
  await expect.poll(() => into.locator("option").allTextContents()).toContain("Shelf A1 (ONTs)");
  await into.selectOption({ label: "Shelf A1 (ONTs)" });
  const serialBox = receive.getByLabel("Serials of Huawei EchoLife HG8245H ONT");
  await serialBox.fill([...serials, `HWTC${stamp}3`].join("\n"));
  await receive.getByRole("button", { name: "Receive" }).click();
  await expect(receive.getByText(/Only 2 of Huawei EchoLife HG8245H ONT are still to come/)).toBeVisible();
  await serialBox.fill(serials.join("\n"));
  await receive.getByRole("button", { name: "Receive" }).click();
  await expect(receive).toBeHidden();
  await expect(page.getByRole("heading").getByText("Received", { exact: true })).toBeVisible();

  // The store keeper loads one unit into Peter's van.
  await page.getByRole("navigation", { name: "Inventory" }).getByRole("link", { name: "Stock on hand" }).click();
  const location = page.getByRole("combobox", { name: "Location" });
  await expect.poll(() => location.locator("option").count()).toBeGreaterThan(2);
  await location.selectOption({ label: "Shelf A1 (ONTs) (Bin / shelf)" });
  await expect(page.getByRole("cell", { name: "Huawei EchoLife HG8245H ONT", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Move Huawei EchoLife HG8245H ONT" }).click();
  const move = page.getByRole("dialog", { name: "Move Huawei EchoLife HG8245H ONT" });
  const to = move.getByRole("combobox", { name: "To" });
  await expect.poll(() => to.locator("option").allTextContents()).toContain("Van: Peter Kamau");
  await to.selectOption({ label: "Van: Peter Kamau" });
  await move.getByLabel("Serials").fill(serials[0]);
  await move.getByRole("button", { name: "Move" }).click();
  await expect(move).toBeHidden();

  // Followed by serial: from the supplier's delivery into the van.
  await page.goto(`${acme}/inventory/assets?serial=${serials[0]}`);
  const unit = page.getByRole("region", { name: `Unit ${serials[0]}` });
  await expect(unit.getByText("Van: Peter Kamau").first()).toBeVisible();
  const history = unit.getByRole("list", { name: "History" });
  await expect(history.getByRole("listitem")).toHaveCount(2);
  await expect(history.getByRole("listitem").first()).toContainText("Transfer");
  await expect(history.getByRole("listitem").last()).toContainText("Received");
});

test("a seeded subscriber's CPE is a deployed unit, named on the customer's page", async ({ page }) => {
  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/inventory/assets?status=DEPLOYED`);
  const first = page.getByRole("table").getByRole("row").nth(1);
  await expect(first).toBeVisible();
  const serial = (await first.getByRole("cell").first().textContent())!.trim();
  await first.getByRole("link").click();
  await page.waitForURL(/\/customers\/[^/]+$/);
  await expect(
    page.getByRole("list", { name: "Equipment at the customer's" }).getByRole("link", { name: serial }),
  ).toBeVisible();
});
