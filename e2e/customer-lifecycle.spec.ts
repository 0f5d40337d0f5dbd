import { expect, test, type Page } from "@playwright/test";
import { companyOrigin, signIn, signOut } from "./helpers";
import { mailsTo } from "./mail";

// The customer lifecycle on the demo ISP "Acme Fiber": a lead becomes a subscribed, activated
// customer; a visitor signs up online and, once staff approve and activate, sees the package in
// the portal; a hotspot voucher sheet downloads as a PDF.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const stamp = Date.now().toString(36);

test.describe.configure({ mode: "serial" });

/** Picks the option whose text contains `text` (options also show speeds and prices). */
async function chooseOption(page: Page, label: string, text: string) {
  const select = page.getByRole("dialog").getByLabel(label);
  const value = await select.locator("option", { hasText: text }).first().getAttribute("value");
  await select.selectOption(value!);
}

async function activateOnCustomerPage(page: Page, packageName: string) {
  await page
    .getByRole("button", { name: new RegExp(`^Actions for ${packageName}`) })
    .first()
    .click();
  await page.getByRole("menuitem", { name: "Activate" }).click();
  await expect(page.locator("#customer-subscriptions").getByText("Active").first()).toBeVisible();
}

test("a lead is converted to a customer who is subscribed and activated", async ({ page }) => {
  await signIn(page, acme, "care@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/leads`);
  await page.getByRole("button", { name: "New lead" }).click();
  const leadName = `Halima Yusuf ${stamp}`;
  await page.getByRole("dialog").getByLabel("Contact name").fill(leadName);
  await page.getByRole("dialog").getByLabel("Phone").fill("0711 222 333");
  await page.getByRole("dialog").getByRole("button", { name: "Add lead" }).click();
  // Saving a new lead opens it.
  await page.waitForURL(/\/leads\/[^/]+$/);
  // The lead moves along the pipeline before it is won.
  await page.getByRole("button", { name: "Change stage" }).click();
  await page.getByRole("dialog").getByLabel("Stage").selectOption({ label: "Site survey" });
  await page.getByRole("dialog").getByRole("button", { name: "Save stage" }).click();
  await expect(page.getByText(`${leadName}: Site survey`)).toBeVisible();
  await expect(page.getByRole("dialog")).toBeHidden();

  await page.getByRole("button", { name: "Convert to customer" }).first().click();
  await page.getByRole("dialog").getByRole("button", { name: "Convert to customer" }).click();
  await page.waitForURL(/\/customers\/[^/]+$/);
  await expect(page.getByRole("heading", { name: new RegExp(`Halima Yusuf`) }).first()).toBeVisible();

  await page.getByRole("button", { name: "Add subscription" }).first().click();
  await chooseOption(page, "Package", "Home Fibre 20");
  await page.getByRole("dialog").getByRole("button", { name: "Add subscription" }).click();
  // The PPPoE password is shown once.
  await expect(page.getByRole("dialog").getByText("PPPoE login")).toBeVisible();
  await page.keyboard.press("Escape");
  await activateOnCustomerPage(page, "Home Fibre 20");
  // Provisioning runs after the activation commits: a moment later the line is on the network.
  await expect(async () => {
    await page.reload();
    await expect(page.locator("#customer-subscriptions").getByText("On network").first()).toBeVisible({
      timeout: 2_000,
    });
  }).toPass({ timeout: 30_000 });
});

test("a visitor signs up online and sees the package in the portal once it is activated", async ({ page }) => {
  const email = `zuri.${stamp}@example.com`;
  await page.goto(`${acme}/signup`);
  await page.getByLabel("First name").fill("Zuri");
  await page.getByLabel("Last name").fill(`Wekesa-${stamp}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Phone").fill("0722 777 111");
  await page.getByLabel("Installation address").fill("5 Lower Kabete Road, Nairobi");
  const select = page.getByLabel("Package");
  await select.selectOption(
    (await select.locator("option", { hasText: "Home Fibre 50" }).first().getAttribute("value"))!,
  );
  await page.getByLabel("Password").fill("Zuri-pass-2026");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByText("Check your inbox")).toBeVisible();

  // Signing in before confirming is refused with a clear message.
  await signIn(page, acme, email, "Zuri-pass-2026");
  await expect(page.getByText(/Confirm your e-mail address first/)).toBeVisible();

  const link = /https?:\/\/\S+\/verify-email\/[A-Za-z0-9_-]+/.exec((await mailsTo(email))[0]?.text ?? "")?.[0];
  expect(link).toBeTruthy();
  await page.goto(link!);
  await page.getByRole("button", { name: "Confirm my e-mail" }).click();
  await expect(page.getByText("Your e-mail is confirmed")).toBeVisible();

  await signIn(page, acme, email, "Zuri-pass-2026");
  await page.waitForURL(/\/portal$/);
  await expect(page.getByText(/Your services will appear here/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Your requests" })).toContainText("New service");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);

  // Staff approve the request and activate the new subscription.
  await signIn(page, acme, "care@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/service-requests`);
  const row = page.getByRole("row", { name: new RegExp(`Zuri Wekesa-${stamp}`) });
  await row.getByRole("button", { name: "Approve" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
  // Approving new service creates the subscription and shows its PPPoE login once.
  await expect(page.getByRole("dialog").getByText("PPPoE login")).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  await expect(row).toContainText(/Approved/);
  await page.goto(`${acme}/customers?q=zuri`);
  await page
    .getByRole("link", { name: new RegExp(`Zuri Wekesa-${stamp}`) })
    .first()
    .click();
  await page.waitForURL(/\/customers\/[^/]+$/);
  await activateOnCustomerPage(page, "Home Fibre 50");
  await signOut(page, "Samuel Mwangi");

  await signIn(page, acme, email, "Zuri-pass-2026");
  await page.waitForURL(/\/portal$/);
  const service = page.getByTestId("portal-service");
  await expect(service).toContainText("Home Fibre 50");
  await expect(service).toContainText("Active");
});

test("a hotspot voucher sheet downloads as a PDF", async ({ page }) => {
  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/vouchers`);
  await page.getByRole("button", { name: "Generate vouchers" }).first().click();
  await chooseOption(page, "Hotspot package", "Hotspot 1 hour");
  await page.getByRole("dialog").getByLabel("How many").fill("12");
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /Generate/ })
    .last()
    .click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const download = page.waitForEvent("download");
  // The newest batch is listed first; its download icon is labelled for screen readers.
  await page.getByRole("link", { name: /PDF/ }).first().click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^vouchers-.*\.pdf$/);
  const stream = await file.createReadStream();
  const head = await new Promise<string>((resolve) =>
    stream.once("data", (chunk) => resolve(String(chunk).slice(0, 5))),
  );
  expect(head).toBe("%PDF-");
});
