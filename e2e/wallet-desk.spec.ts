import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInWithTwoFactor } from "./acme-admin";
import { companyOrigin, pickCustomer, signIn } from "./helpers";

// Issue 10's wallet screens at the billing desk of the demo ISP "Acme Fiber": the billing
// administrator records a bank transfer at the counter as a wallet top-up (after the form has
// said what was wrong with her first try) and finds exactly that amount added to Grace's
// wallet; Grace buys a data top-up from her wallet in the portal, and the billing administrator
// refunds part of it with its share of the tax, then the rest, while a refund started earlier in
// another window is refused because nothing is left; Grace sees the refund and its reason.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const GRACE = "grace.wanjiru@example.com";
const run = Date.now().toString(36).toUpperCase();

test.describe.configure({ mode: "serial" });

/** "KES 1,234.50" (with its no-break space) as minor units. */
const minorOf = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, "")) * 100);
const kes = (minor: number) =>
  `KES\u00a0${(minor / 100).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

async function balanceOf(wallet: Locator): Promise<number> {
  await expect(wallet).toContainText(/Balance KES\s[\d,]+\.\d{2}/);
  return minorOf(/Balance (KES\s[\d,]+\.\d{2})/.exec((await wallet.textContent())!)![1]!);
}

async function openGrace(page: Page) {
  await page.goto(`${acme}/customers?q=Grace%20Wanjiru`);
  await page
    .getByRole("link", { name: /Grace Wanjiru/ })
    .first()
    .click();
  // A client-side navigation: wait for it before reading or reloading the customer's page.
  await page.waitForURL(/\/customers\/[^/?]+$/);
  await expect(page.getByRole("heading", { name: "Grace Wanjiru" })).toBeVisible();
}

test("a counter top-up: the form says what is wrong, then the wallet gets exactly the amount", async ({ page }) => {
  test.setTimeout(180_000);
  await signInWithTwoFactor(page, "billing@acme.example");
  await openGrace(page);
  const wallet = page.locator("#customer-wallet");
  const before = await balanceOf(wallet);

  await page.goto(`${acme}/billing/payments`);
  await page.getByRole("button", { name: "Record a payment" }).click();
  const dialog = page.getByRole("dialog", { name: "Record a payment" });
  // Nothing filled in: each missing field says so.
  await dialog.getByRole("button", { name: "Record payment" }).click();
  await expect(dialog.getByText("Choose the customer who paid.")).toBeVisible();
  await expect(dialog.getByText("Enter the amount.")).toBeVisible();

  await pickCustomer(dialog, "Grace Wanjiru", /Grace Wanjiru/);
  await dialog.getByLabel("Wallet top-up (prepaid)").check();
  await expect(dialog.getByText("The whole amount goes to Grace Wanjiru’s wallet")).toBeVisible();
  await dialog.getByLabel("Method").selectOption({ label: "Bank transfer" });
  await dialog.getByLabel("Amount (KES)").fill("120.505");
  await dialog.getByRole("button", { name: "Record payment" }).click();
  // Both at once: an amount that is not one, and the bank's reference a transfer needs.
  await expect(dialog.getByText("Enter an amount such as 250.00.")).toBeVisible();
  await expect(dialog.getByText("Enter the transaction reference.")).toBeVisible();

  await dialog.getByLabel("Amount (KES)").fill("120.50");
  await dialog.getByLabel("Reference").fill(`TRF-${run}`);
  await dialog.getByRole("button", { name: "Record payment" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${kes(12_050)} received` })).toBeVisible();
  await expect(page).toHaveURL(/\/billing\/payments\/[^/]+$/);
  await expect(page.getByText(`TRF-${run}`).first()).toBeVisible();

  // The wallet is credited by the payment's background work once it is posted.
  await openGrace(page);
  await expect(async () => {
    await page.reload();
    await expect(wallet.getByRole("row").filter({ hasText: `TRF-${run}` })).toContainText(`+${kes(12_050)}`, {
      timeout: 2_000,
    });
  }).toPass({ timeout: 60_000 });
  expect(await balanceOf(wallet)).toBe(before + 12_050);
});

test("a data top-up bought from the wallet is refunded in part with its tax, then in full, and never twice", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  // Grace buys a data top-up in the portal, paid from her wallet.
  const portal = await browser.newContext();
  const grace = await portal.newPage();
  await signIn(grace, acme, GRACE, PASSWORD);
  await grace.waitForURL(/\/portal$/);
  const allowance = grace.locator("[data-slot=card]").filter({ hasText: "Your data allowance" });
  await allowance.getByRole("button", { name: "Buy a data top-up" }).click();
  const buy = grace.getByRole("dialog", { name: "Buy a data top-up" });
  await buy.getByText("Daily boost 2 GB").click();
  await buy.getByRole("button", { name: "Pay from wallet" }).click();
  await expect(grace.getByText("2 GB added to your plan").first()).toBeVisible();

  // The billing administrator finds the sale on Grace's wallet statement, newest first.
  await signInWithTwoFactor(page, "billing@acme.example");
  await openGrace(page);
  const wallet = page.locator("#customer-wallet");
  const saleRow = wallet.getByRole("row").filter({ has: page.getByRole("button", { name: /^Refund data-top-up:/ }) }).first(); // prettier-ignore
  await expect(saleRow).toContainText(`-${kes(5_000)}`);
  // A taxed sale: its net and tax add up to the price.
  const breakdown = /(KES\s[\d,]+\.\d{2}) \+ (KES\s[\d,]+\.\d{2}) tax/.exec((await saleRow.textContent())!);
  expect(breakdown).not.toBeNull();
  const [net, tax] = [minorOf(breakdown![1]!), minorOf(breakdown![2]!)];
  expect(tax).toBeGreaterThan(0);
  expect(net + tax).toBe(5_000);
  const reference = (await saleRow.getByRole("button", { name: /^Refund / }).getAttribute("aria-label"))!.slice(7);
  const before = await balanceOf(wallet);

  // A refund of part of it: KES 20.00, with 20/50 of the tax.
  await saleRow.getByRole("button", { name: `Refund ${reference}` }).click();
  const dialog = page.getByRole("dialog", { name: "Refund this sale into the wallet?" });
  await expect(dialog).toContainText(`it cost ${kes(5_000)}, ${kes(5_000)} of it can still be refunded`);
  await expect(dialog.getByLabel("Amount (KES)")).toHaveValue("50.00");
  await dialog.getByLabel("Amount (KES)").fill("20");
  await dialog.getByRole("button", { name: "Refund" }).click();
  await expect(dialog.getByText("Say why, for the customer's statement and the audit log.")).toBeVisible();
  const reason = `Top-up bought twice by mistake (${run})`;
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Refund" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Refunded ${kes(2_000)} into the wallet` })).toBeVisible();
  await expect(dialog).toBeHidden();

  const taxBack = Math.round((tax * 2_000) / 5_000);
  await page.reload();
  const refundRow = wallet.getByRole("row").filter({ hasText: reason });
  await expect(refundRow).toContainText(`+${kes(2_000)}`);
  await expect(refundRow).toContainText(`${kes(2_000 - taxBack)} + ${kes(taxBack)} tax back`);
  expect(await balanceOf(wallet)).toBe(before + 2_000);

  // More than is left is refused beside the amount, and nothing is refunded.
  const sale = wallet.getByRole("row").filter({ has: page.getByRole("button", { name: `Refund ${reference}` }) });
  await sale.getByRole("button", { name: `Refund ${reference}` }).click();
  await expect(dialog).toContainText(`${kes(3_000)} of it can still be refunded`);
  await dialog.getByLabel("Amount (KES)").fill("30.01");
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Refund" }).click();
  await expect(dialog.getByText(`At most ${kes(3_000)} of this sale can be refunded.`)).toBeVisible();

  // A colleague refunds the rest in another window while this dialog is still open…
  const colleague = await page.context().newPage();
  await colleague.goto(page.url());
  const theirs = colleague.locator("#customer-wallet").getByRole("row").filter({ has: colleague.getByRole("button", { name: `Refund ${reference}` }) }); // prettier-ignore
  await theirs.getByRole("button", { name: `Refund ${reference}` }).click();
  const theirDialog = colleague.getByRole("dialog", { name: "Refund this sale into the wallet?" });
  await expect(theirDialog.getByLabel("Amount (KES)")).toHaveValue("30.00");
  await theirDialog.getByLabel("Reason").fill(`The rest of it (${run})`);
  await theirDialog.getByRole("button", { name: "Refund" }).click();
  await expect(colleague.getByRole("status").filter({ hasText: `Refunded ${kes(3_000)} into the wallet` })).toBeVisible(); // prettier-ignore
  await colleague.close();

  // …so the refund of the 30.00 she still sees is refused: the sale has nothing left.
  await dialog.getByLabel("Amount (KES)").fill("30");
  await dialog.getByRole("button", { name: "Refund" }).click();
  await expect(dialog.getByText("This sale has already been refunded in full.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  // Refunded once in all: 50.00 back, the rest of the tax with the rest of the money.
  expect(await balanceOf(wallet)).toBe(before + 5_000);
  await expect(wallet.getByRole("button", { name: `Refund ${reference}` })).toHaveCount(0);
  const rest = wallet.getByRole("row").filter({ hasText: `The rest of it (${run})` });
  await expect(rest).toContainText(`+${kes(3_000)}`);
  await expect(rest).toContainText(`${kes(net - (2_000 - taxBack))} + ${kes(tax - taxBack)} tax back`);

  // Grace sees the refund and why in her portal.
  await grace.reload();
  const statement = grace.locator("[data-slot=card]").filter({ hasText: "Prepaid plans renew from your wallet" });
  await expect(statement.getByRole("row").filter({ hasText: reason })).toContainText(`+${kes(2_000)}`);
  await portal.close();
});
