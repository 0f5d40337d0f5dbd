import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInWithTwoFactor } from "./acme-admin";
import { companyOrigin, signIn } from "./helpers";

// Issue 10's wallet top-up by voucher at the demo ISP "Acme Fiber": the billing administrator
// generates a batch of recharge cards and opens them to print; Grace redeems one in the portal
// (after a mistyped PIN is refused in words) and cannot redeem it twice; the billing
// administrator redeems the other at the counter on Grace's page. Each time the wallet grows by
// exactly the card's value. Cards reported stolen are withdrawn, and then refused.

const acme = companyOrigin("acme");
const GRACE = "grace.wanjiru@example.com";
const PASSWORD = "Lastmile-demo-2026";

test.describe.configure({ mode: "serial" });

const minorOf = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, "")) * 100);
async function balanceOf(wallet: Locator): Promise<number> {
  await expect(wallet).toContainText(/Balance\s*KES\s[\d,]+\.\d{2}/);
  return minorOf(/Balance\s*(KES\s[\d,]+\.\d{2})/.exec((await wallet.textContent())!)![1]!);
}

async function redeem(page: Page, scope: Locator, button: string, pin: string) {
  await scope.getByRole("button", { name: button }).click();
  const dialog = page.getByRole("dialog", { name: "Redeem a recharge voucher" });
  await dialog.getByLabel("PIN").fill(pin);
  await dialog.getByRole("button", { name: "Redeem" }).click();
  return dialog;
}

let pins: string[] = [];

test("a billing administrator generates recharge cards and opens them to print", async ({ page }) => {
  await signInWithTwoFactor(page, "billing@acme.example");
  await page.goto(`${acme}/billing/recharge-vouchers`);
  await page.getByRole("button", { name: "Generate cards" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Generate recharge vouchers" });
  await dialog.getByLabel("Value of each card (KES)").fill("0");
  await dialog.getByLabel("How many").fill("2");
  await dialog.getByRole("button", { name: "Generate cards" }).click();
  await expect(dialog.getByText("The amount must be more than 0.").first()).toBeVisible();
  await dialog.getByLabel("Value of each card (KES)").fill("100");
  await dialog.getByRole("button", { name: "Generate cards" }).click();
  await page.getByRole("link", { name: "Open the cards to print" }).click();
  const cards = page.getByRole("list", { name: "Cards" }).getByRole("listitem");
  await expect(cards).toHaveCount(2);
  pins = (await cards.allTextContents()).map((t) => /\d{4}-\d{4}-\d{4}/.exec(t)![0]);
  await expect(cards.first()).toContainText("KES");
  // The batch is listed, none of its cards redeemed yet.
  await page.goto(`${acme}/billing/recharge-vouchers`);
  const batch = page.getByRole("row").filter({ hasText: "0 of 2" }).first();
  await expect(batch).toContainText(/KES\s100\.00/);
  await expect(batch.getByRole("link", { name: "Print cards" })).toBeVisible();
});

test("Grace redeems a card in the portal once; a wrong PIN and the same card again are refused", async ({ page }) => {
  await signIn(page, acme, GRACE, PASSWORD);
  await page.waitForURL(/\/portal$/);
  const wallet = page.locator("[data-slot=card]").filter({ hasText: "Prepaid plans renew from your wallet" });
  const before = await balanceOf(wallet);

  const wrong = await redeem(page, wallet, "Redeem a voucher", "0000-0000-0000");
  await expect(wrong.getByText("This PIN does not match any voucher.").first()).toBeVisible();
  await wrong.getByLabel("PIN").fill(pins[0]!);
  await wrong.getByRole("button", { name: "Redeem" }).click();
  await expect(page.getByRole("status").filter({ hasText: "added to the wallet" })).toBeVisible();
  await expect(async () => expect(await balanceOf(wallet)).toBe(before + 10_000)).toPass();

  const again = await redeem(page, wallet, "Redeem a voucher", pins[0]!);
  await expect(again.getByText("This voucher has already been used.").first()).toBeVisible();
  expect(await balanceOf(wallet)).toBe(before + 10_000);
});

test("at the counter, the billing administrator redeems the other card into Grace's wallet", async ({ page }) => {
  await signInWithTwoFactor(page, "billing@acme.example");
  await page.goto(`${acme}/customers?q=Grace%20Wanjiru`);
  await page
    .getByRole("link", { name: /Grace Wanjiru/ })
    .first()
    .click();
  await page.waitForURL(/\/customers\/[^/?]+$/);
  const wallet = page.locator("#customer-wallet");
  const before = await balanceOf(wallet);
  await redeem(page, wallet, "Redeem voucher", pins[1]!);
  await expect(page.getByRole("status").filter({ hasText: "added to the wallet" })).toBeVisible();
  await expect(async () => expect(await balanceOf(wallet)).toBe(before + 10_000)).toPass();
  await expect(wallet.getByRole("row").filter({ hasText: "Recharge voucher" }).first()).toBeVisible();
});

test("lost cards are withdrawn by number, and their PINs are refused in the portal", async ({ page }) => {
  await signInWithTwoFactor(page, "billing@acme.example");
  await page.goto(`${acme}/billing/recharge-vouchers`);
  await page.getByRole("button", { name: "Generate cards" }).first().click();
  const generate = page.getByRole("dialog", { name: "Generate recharge vouchers" });
  await generate.getByLabel("Value of each card (KES)").fill("50");
  await generate.getByLabel("How many").fill("3");
  await generate.getByRole("button", { name: "Generate cards" }).click();
  await page.getByRole("link", { name: "Open the cards to print" }).click();
  const cards = page.getByRole("list", { name: "Cards" }).getByRole("listitem");
  await expect(cards).toHaveCount(3);
  const stolenPin = /\d{4}-\d{4}-\d{4}/.exec((await cards.nth(2).textContent())!)![0];

  await page.goto(`${acme}/billing/recharge-vouchers`);
  const batch = page.getByRole("row").filter({ hasText: "0 of 3" }).first();
  await batch.getByRole("button", { name: "Withdraw" }).click();
  const dialog = page.getByRole("dialog", { name: /Withdraw cards of batch R\d+/ });
  await dialog.getByLabel("From card").fill("2");
  await dialog.getByRole("button", { name: "Withdraw cards" }).click();
  await expect(dialog.getByText(/Say why the cards are withdrawn/).first()).toBeVisible();
  await dialog.getByLabel("Reason").fill("Stolen from the Kitengela shop");
  await dialog.getByRole("button", { name: "Withdraw cards" }).click();
  await expect(page.getByRole("status").filter({ hasText: "2 cards of batch" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "0 of 3, 2 withdrawn" })).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, acme, GRACE, PASSWORD);
  await page.waitForURL(/\/portal$/);
  const wallet = page.locator("[data-slot=card]").filter({ hasText: "Prepaid plans renew from your wallet" });
  const before = await balanceOf(wallet);
  const refused = await redeem(page, wallet, "Redeem a voucher", stolenPin);
  await expect(refused.getByText("This voucher was withdrawn by the company").first()).toBeVisible();
  expect(await balanceOf(wallet)).toBe(before);
});

test("the revenue report reads in words: months and days, and ARPU on its own chart", async ({ page }) => {
  await signInWithTwoFactor(page, "billing@acme.example");
  await page.goto(`${acme}/reports/revenue`);
  await expect(page.getByText("Average revenue per user")).toBeVisible();
  const report = page.locator("main");
  await expect(report).toContainText(/MRR.*on \d{1,2} [A-Z][a-z]{2} \d{4}/s);
  // No ISO day or month shown as text anywhere in the report (the month pickers hold values, not text).
  expect(await report.innerText()).not.toMatch(/\b\d{4}-\d{2}(-\d{2})?\b/);
});
