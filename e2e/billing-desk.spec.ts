import { expect, test, type Page } from "@playwright/test";
import { signInWithTwoFactor } from "./acme-admin";
import { companyOrigin, pickCustomer, runSetUp, signIn } from "./helpers";

// The billing desk of the demo ISP "Acme Fiber", and what its prepaid and portal customers see:
// Grace (prepaid, money in her wallet) buys a data top-up in the portal paid from her wallet;
// the billing administrator records cash at the counter as a wallet top-up and finds it in her
// wallet; imports a bank statement whose one line matches nobody, assigns it to a customer and the
// invoice it pays first, and posts it; Brian, with more reported bank transfers than one page
// shows, pages back through them in the portal; a new customer's one-off charges are added (a bad
// price refused), one cancelled and the other invoiced at once.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const GRACE = "grace.wanjiru@example.com";
const run = Date.now().toString(36).toUpperCase();

test.describe.configure({ mode: "serial" });

const walletCard = (page: Page) =>
  page.locator("[data-slot=card]").filter({ hasText: "Prepaid plans renew from your wallet" });
const moneyOf = (text: string) => Math.round(Number(text.replace(/[^\d.]/g, "")) * 100);

test("Grace buys a data top-up in the portal, paid from her wallet", async ({ page }) => {
  await signIn(page, acme, GRACE, PASSWORD);
  await page.waitForURL(/\/portal$/);
  const wallet = walletCard(page);
  await expect(wallet).toContainText(/Balance KES\s[\d,]+\.\d{2}/);
  const before = moneyOf(/Balance (KES\s[\d,]+\.\d{2})/.exec((await wallet.textContent())!)![1]!);
  expect(before).toBeGreaterThanOrEqual(5_000);

  const allowance = page.locator("[data-slot=card]").filter({ hasText: "Your data allowance" });
  await expect(allowance).toContainText("Prepaid Home 5");
  await allowance.getByRole("button", { name: "Buy a data top-up" }).click();
  const dialog = page.getByRole("dialog", { name: "Buy a data top-up" });
  await dialog.getByText("Daily boost 2 GB").click();
  await dialog.getByRole("button", { name: "Pay from wallet" }).click();
  await expect(page.getByText("2 GB added to your plan").first()).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(allowance).toContainText("Daily boost 2 GB: 2 GB for KES 50.00, paid from the wallet");
  // The wallet card on the same page shows the debit without a reload.
  await expect(wallet).toContainText(
    `Balance KES ${((before - 5_000) / 100).toLocaleString("en", { minimumFractionDigits: 2 })}`,
  );
});

test("the billing administrator records cash as a wallet top-up, and the customer's wallet shows it", async ({
  page,
}) => {
  await signInWithTwoFactor(page, "billing@acme.example");
  await page.goto(`${acme}/billing/payments`);
  await page.getByRole("button", { name: "Record a payment" }).click();
  const dialog = page.getByRole("dialog", { name: "Record a payment" });
  await pickCustomer(dialog, "Grace Wanjiru", /Grace Wanjiru/);
  await dialog.getByLabel("Wallet top-up (prepaid)").check();
  await expect(dialog.getByText("The whole amount goes to Grace Wanjiru’s wallet")).toBeVisible();
  await dialog.getByLabel("Amount (KES)").fill("300");
  await dialog.getByLabel("Reference").fill(`CASH-${run}`);
  await dialog.getByRole("button", { name: "Record payment" }).click();
  await expect(page).toHaveURL(/\/billing\/payments\/[^/]+$/);
  await expect(page.getByText(`CASH-${run}`).first()).toBeVisible();

  // Her customer page: the wallet's ledger has the top-up and the balance counts it.
  await page.goto(`${acme}/billing/payments`);
  await page
    .getByRole("row")
    .filter({ hasText: `CASH-${run}` })
    .getByRole("link", { name: "Grace Wanjiru" })
    .click();
  // A client-side navigation: wait for it, or the reload below reloads the payments list instead.
  await page.waitForURL(/\/customers\/[^/]+$/);
  const wallet = page.locator("#customer-wallet");
  // The wallet is credited by the payment's background work once it is posted.
  await expect(async () => {
    await page.reload();
    await expect(wallet.getByRole("row").filter({ hasText: `CASH-${run}` })).toContainText("KES 300.00", {
      timeout: 2_000,
    });
  }).toPass({ timeout: 30_000 });
  await expect(wallet).toContainText(/Balance KES\s[\d,]+\.\d{2}/);
});

test("an unmatched bank-statement line is given to a customer and the invoice it pays first, then posted", async ({
  page,
}) => {
  await signInWithTwoFactor(page, "billing@acme.example");
  // Kiprono (suspended for three unpaid invoices): the newest one is the one the transfer is for.
  await page.goto(`${acme}/billing/invoices`);
  await page
    .getByRole("link", { name: /Kiprono Koech/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/customers\/[^/]+$/);
  const reference = `BNK-${run}`;
  const csv = ["Date,Description,Reference,Amount", `${new Date().toISOString().slice(0, 10)},Transfer from a payer,${reference},150.00`].join("\n"); // prettier-ignore

  await page.goto(`${acme}/billing/bank-import`);
  await page.getByLabel("Bank statement (CSV)").setInputFiles({
    name: "statement.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  await page.getByRole("button", { name: "Check the lines" }).click();
  const line = page.getByRole("row").filter({ hasText: reference });
  await expect(line).toContainText("Needs a customer");
  await expect(page.getByRole("button", { name: /^Post / })).toBeDisabled();

  await pickCustomer(line, "Kiprono", /Kiprono Koech/);
  await expect(line).toContainText("Ready to post");
  const paysFirst = line.getByLabel("Pays first");
  // The oldest invoices by default; the newest unpaid invoice chosen instead. The choice appears
  // once the customer's open invoices have loaded: wait for them, then read the options.
  await expect(paysFirst.locator("option").first()).toHaveText("The oldest invoices");
  await expect.poll(() => paysFirst.locator("option").count()).toBeGreaterThan(2);
  const options = await paysFirst.locator("option").allTextContents();
  const chosen = options.at(-1)!;
  const invoiceNumber = chosen.split(" · ")[0]!;
  await paysFirst.selectOption({ label: chosen });
  await expect(line).toContainText(`invoice ${invoiceNumber} first, then oldest`);
  await page.getByRole("button", { name: "Post 1 payment (KES 150.00)" }).click();
  await expect(page.getByText("Posted 1 payment: KES 150.00")).toBeVisible();

  // The payment is Kiprono's bank transfer and paid the invoice chosen, not the oldest.
  await page.getByRole("link", { name: "See the payments" }).click();
  const row = page.getByRole("row").filter({ hasText: reference });
  await expect(row).toContainText("Kiprono Koech");
  await row.getByRole("link").first().click();
  await expect(page.getByRole("row").filter({ hasText: invoiceNumber })).toContainText("KES 150.00");
});

test("a portal customer with many reported bank transfers shows older ones on request", async ({ page }) => {
  const { newest, oldest } = runSetUp<{ newest: string; oldest: string }>(
    "transfer-proofs.ts",
    "acme",
    "brian.ouma@example.com",
    "23",
  );

  await signIn(page, acme, "brian.ouma@example.com", PASSWORD);
  await page.waitForURL(/\/portal$/);
  await page.getByRole("link", { name: "Payments", exact: true }).click();
  const list = page.getByRole("list", { name: "Bank transfers you reported" });
  await expect(list.getByRole("listitem").filter({ hasText: newest })).toBeVisible();
  await expect(list.getByRole("listitem").filter({ hasText: oldest })).toHaveCount(0);
  const shown = await list.getByRole("listitem").count();
  expect(shown).toBe(20);
  // A page of 20 at a time (an earlier run against the same database may have left more).
  for (let more = 0; more < 5 && (await list.getByRole("listitem").filter({ hasText: oldest }).count()) === 0; more++) {
    const count = await list.getByRole("listitem").count();
    await page.getByRole("button", { name: "Show older transfers" }).click();
    await expect(list.getByRole("listitem")).not.toHaveCount(count);
  }
  await expect(list.getByRole("listitem").filter({ hasText: oldest })).toBeVisible();
  // Each of this run's transfers once, the newest still first; nothing more to show.
  const texts = await list.getByRole("listitem").locator("span.font-medium").allTextContents();
  const references = texts.filter((r) => r.startsWith(newest.slice(0, -2)));
  expect(references).toHaveLength(23);
  expect(new Set(references).size).toBe(23);
  expect(references[0]).toBe(newest);
  await expect(page.getByRole("button", { name: "Show older transfers" })).toHaveCount(0);
});

test("the billing administrator puts a new data top-up on sale, then stops selling it", async ({ page }) => {
  await signInWithTwoFactor(page, "billing@acme.example");
  await page.goto(`${acme}/billing/top-ups`);
  await page.getByRole("button", { name: "New top-up" }).click();
  const dialog = page.getByRole("dialog", { name: "New data top-up" });
  const name = `Weekend boost ${run}`;
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Data (MB)").fill("10240");
  // Shillings have two decimals: a third is refused beside the price, and the dialog stays open.
  await dialog.getByLabel("Price (KES)").fill("200.005");
  await dialog.getByRole("button", { name: "Add top-up" }).click();
  await expect(dialog.getByText("Enter the price with at most 2 decimals.")).toBeVisible();
  await dialog.getByLabel("Price (KES)").fill("200");
  await dialog.getByRole("button", { name: "Add top-up" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `${name} is on sale` })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("10 GB");
  await expect(row).toContainText(/KES\s200\.00/);
  await expect(page.getByText(/Showing 1–\d+ of \d+ top-ups/)).toBeVisible();

  await row.getByRole("button", { name: "Stop selling" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${name} is no longer sold` })).toBeVisible();
  await expect(row).toContainText("Not sold");
  await expect(row.getByRole("button", { name: "Sell again" })).toBeVisible();
});

test("the billing administrator adds one-off charges to a customer, cancels one and invoices the other now", async ({
  page,
}) => {
  const { customerId } = runSetUp<{ customerId: string }>("new-customer.ts", "acme", "Nyokabi", `Mwaura ${run}`);

  await signInWithTwoFactor(page, "billing@acme.example");
  await page.goto(`${acme}/customers/${customerId}`);
  const charges = page.locator("[data-slot=card]").filter({ has: page.getByText("One-off charges", { exact: true }) });
  await expect(charges.getByText("Nothing waiting for the next invoice")).toBeVisible();
  await expect(charges.getByRole("button", { name: "Invoice now" })).toHaveCount(0);

  // A charge without a description or a price is refused beside the fields; the dialog stays open.
  await charges.getByRole("button", { name: "Add charge" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a charge" });
  await dialog.getByRole("button", { name: "Add charge" }).click();
  await expect(dialog.getByText("Say what the charge is for, e.g. the router's model.")).toBeVisible();
  await expect(dialog.getByText("Enter the unit price.")).toBeVisible();
  // The price is typed in shillings; a price of nothing, or with a fraction of a cent, is refused.
  await dialog.getByLabel("Unit price (KES)").fill("0");
  await dialog.getByRole("button", { name: "Add charge" }).click();
  await expect(dialog.getByText("The price must be above zero; a refund or discount is a credit note.")).toBeVisible();
  await dialog.getByLabel("Unit price (KES)").fill("12.345");
  await dialog.getByRole("button", { name: "Add charge" }).click();
  await expect(dialog.getByText("Enter a price such as 32.50.")).toBeVisible();
  await dialog.getByLabel("For").selectOption({ label: "Equipment sale" });
  await dialog.getByLabel("Description").fill("TP-Link Archer C6 router");
  await dialog.getByLabel("Quantity").fill("2");
  await dialog.getByLabel("Unit price (KES)").fill("3,500.00");
  await dialog.getByRole("button", { name: "Add charge" }).click();
  await expect(page.getByText("TP-Link Archer C6 router added to the next invoice")).toBeVisible();
  await expect(dialog).toBeHidden();
  const router = charges.getByRole("listitem").filter({ hasText: "TP-Link Archer C6 router" });
  await expect(router).toContainText(/2 × KES\s3,500\.00/);
  await expect(router).toContainText(/KES\s7,000\.00/);

  await charges.getByRole("button", { name: "Add charge" }).click();
  await dialog.getByLabel("For").selectOption({ label: "Installation" });
  await dialog.getByLabel("Description").fill(`Installation at Lenana Road ${run}`);
  await dialog.getByLabel("Unit price (KES)").fill("2500");
  await dialog.getByRole("button", { name: "Add charge" }).click();
  await expect(dialog).toBeHidden();
  const installation = charges.getByRole("listitem").filter({ hasText: `Installation at Lenana Road ${run}` });
  await expect(installation).toContainText(/1 × KES\s2,500\.00/);

  // Both wait for the next invoice after a reload; the installation is taken back.
  await page.reload();
  await expect(router).toBeVisible();
  await expect(installation).toBeVisible();
  await installation.getByRole("button", { name: "Cancel" }).click();
  await expect(installation).toHaveCount(0);
  await expect(router).toBeVisible();
  await page.reload();
  await expect(router).toBeVisible();
  await expect(installation).toHaveCount(0);

  // Invoiced now: nothing waits any more, the charge names its invoice, and the customer's
  // invoices and balance on the same page show it without a reload.
  const dunning = page.locator("[data-slot=card]").filter({ hasText: "Payments and dunning" });
  await expect(dunning).toContainText("No unpaid invoices.");
  await charges.getByRole("button", { name: "Invoice now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Invoice issued" })).toBeVisible();
  await expect(charges.getByText("Nothing waiting for the next invoice")).toBeVisible();
  const billed = charges.getByRole("link", { name: /^TP-Link Archer C6 router \(.+\)$/ });
  await expect(billed).toBeVisible();
  const invoiceNumber = /\((.+)\)$/.exec((await billed.textContent())!)![1]!;
  await expect(page.locator("#customer-billing").getByRole("row").filter({ hasText: invoiceNumber })).toBeVisible();
  await expect(dunning).not.toContainText("No unpaid invoices.");
  await expect(dunning).toContainText(/KES\s[\d,]+\.\d{2} open, not yet due\./);
  await expect(charges.getByText(`Installation at Lenana Road ${run}`)).toHaveCount(0);
});
