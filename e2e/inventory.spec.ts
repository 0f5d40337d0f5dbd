import { expect, test } from "@playwright/test";
import { companyOrigin, openTodaysJob, signIn } from "./helpers";

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

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("the technician deploys the received unit from the van on a job and the customer's page shows it", async ({
    page,
  }) => {
    // Peter (the field technician) opens today's installation for Amina Hassan.
    await openTodaysJob(page, acme, /Installation · Amina Hassan/);
    await page.getByRole("button", { name: "On my way" }).click();
    await page.getByRole("button", { name: "Arrived on site" }).click();

    const deploy = page.getByRole("combobox", { name: "Serial to deploy" });
    await expect(deploy).toBeVisible();
    await expect(page.getByRole("button", { name: "Scan the barcode" })).toBeVisible();

    // A serial that is not in Peter's van (still on the ONT shelf) is refused and stays put.
    await deploy.fill(serials[1]);
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await expect(page.getByText(`Unit ${serials[1]} is not in your van`)).toBeVisible();

    // The unit loaded into his van is deployed: it is recorded on the job as installed.
    await deploy.fill(serials[0].toLowerCase());
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    await expect(page.getByText(`Installed · ${serials[0]}`)).toBeVisible();
    await expect(deploy).toHaveValue("");

    // Drop cable used on the job comes out of the van; more than the van holds is refused.
    const what = page.getByLabel("What did you use?");
    await expect.poll(() => what.locator("option").count()).toBeGreaterThan(1);
    await what.selectOption({ label: "Drop cable, 1 fibre G.657A2 (300 m in the van)" });
    await page.getByLabel(/How much/).fill("301");
    await page.getByRole("button", { name: "Issue to this job" }).click();
    await expect(
      page.getByText("Only 300 m of Drop cable, 1 fibre G.657A2 on hand at Van: Peter Kamau; 301 m asked."),
    ).toBeVisible();
    await page.getByLabel(/How much/).fill("45");
    await page.getByRole("button", { name: "Issue to this job" }).click();
    await expect(page.getByRole("list", { name: "Materials issued to this job" })).toContainText("45 m");
    await expect(what.locator("option", { hasText: "255 m in the van" })).toHaveCount(1);
  });
});

test("the customer's page in the console shows the unit the technician deployed", async ({ page }) => {
  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/inventory/assets?serial=${serials[0]}`);
  const unit = page.getByRole("region", { name: `Unit ${serials[0]}` });
  await expect(unit.getByText("Deployed").first()).toBeVisible();
  await unit.getByRole("link", { name: "Amina Hassan" }).click();
  await page.waitForURL(/\/customers\/[^/]+$/);
  await expect(
    page.getByRole("list", { name: "Equipment at the customer's" }).getByRole("link", { name: serials[0] }),
  ).toBeVisible();
});
