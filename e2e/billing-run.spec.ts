import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { signInWithTwoFactor } from "./acme-admin";
import { companyOrigin, signIn } from "./helpers";

// Billing on the demo ISP "Acme Fiber": its billing administrator previews what a run for today
// would invoice (nothing is written), runs it, reads the result, opens an invoice of the run with
// its lines, tax summary and PDF, and sees that running the same day again bills nothing twice.
// A customer service manager sees the runs but can neither preview nor run billing.
//
// Today (in the company's zone) always has something due in the demo: its subscribers start
// today, or, with a billing history, were billed up to last month. The demo may hold any number
// of invoices already, so the journey counts what changes and looks at what its run produced.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const TIME_ZONE = "Africa/Nairobi"; // the demo company's (prisma/seed.ts)
// formatMoney separates the currency with a no-break space.
const MONEY = /^KES\s\d{1,3}(,\d{3})*\.\d{2}$/;

const today = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date()); // YYYY-MM-DD
// Billing dates are calendar dates: shown as they are, "3 Dec 2026".
const todayShown = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(
  new Date(`${today}T00:00:00Z`),
);

test.describe.configure({ mode: "serial" });

/** How many invoices the company has, from the invoices list's footer (or its empty state). */
async function invoiceCount(page: Page): Promise<number> {
  await page.goto(`${acme}/billing/invoices`);
  const empty = page.getByText("No invoices yet");
  const footer = page.getByText(/^(1 invoice|Showing \d+–\d+ of \d+ invoices)$/);
  await expect(empty.or(footer)).toBeVisible();
  if (await empty.isVisible()) return 0;
  const text = (await footer.textContent())!;
  return text === "1 invoice" ? 1 : Number(/of (\d+) invoices/.exec(text)![1]);
}

const moneyOf = (text: string) => Number(text.replace(/[^\d.]/g, ""));

let runInvoices = 0;

test("a billing administrator previews and runs billing, then reads an invoice of the run", async ({ page }) => {
  test.setTimeout(180_000); // a long journey, with two billing runs
  await signInWithTwoFactor(page, "billing@acme.example");
  const before = await invoiceCount(page);

  await page.getByRole("link", { name: "Runs", exact: true }).click();
  await expect(page).toHaveURL(`${acme}/billing/runs`);
  await expect(page.getByRole("heading", { name: "Preview or run billing" })).toBeVisible();
  await page.getByLabel("Billing date").fill(today);
  const runButton = page.getByRole("button", { name: `Run billing for ${todayShown}` });
  await expect(runButton).toBeVisible();

  // Preview: what would be invoiced, customer by customer, and nothing written.
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const summary = page.getByRole("status").filter({ hasText: `On ${todayShown}:` });
  await expect(summary).toContainText("Nothing is written until you run it.");
  const [, invoices, periods, total] =
    /(\d+) invoices? for (\d+) periods?, total (KES [\d,]+\.\d{2})/.exec(
      (await summary.textContent())!.replace(/\s+/g, " "),
    ) ?? [];
  expect(Number(invoices)).toBeGreaterThan(0);
  expect(Number(periods)).toBeGreaterThan(0);
  const previewRows = page
    .getByRole("table")
    .getByRole("row")
    .filter({ hasText: /ACC-\d+/ });
  await expect(previewRows).toHaveCount(Math.min(Number(invoices), 100));
  // Each planned invoice lists its lines (the subscription's package and period) and its amounts.
  await expect(page.getByRole("table").first()).toContainText(
    /(Home Fibre|PPPoE Lite) \d+, \d{1,2} \w{3} \d{4}–\d{1,2} \w{3} \d{4}: KES\s[\d,]+\.\d{2}/,
  );
  for (const cell of (await previewRows.first().getByRole("cell").all()).slice(-2))
    await expect(cell).toHaveText(MONEY);
  expect(await invoiceCount(page)).toBe(before);

  // Run it: the run works in the background; its card shows the result when it is done. Here the
  // invoices' e-mails (each with its PDF) are made in the server's own process, which can keep
  // it busy for a while on a loaded machine: the wait for the result is generous.
  await page.goto(`${acme}/billing/runs`);
  await page.getByLabel("Billing date").fill(today);
  await runButton.click();
  const result = page.getByRole("region", { name: `Run of ${todayShown}` });
  await expect(result).toContainText("finished", { timeout: 60_000 });
  const figure = (label: string) =>
    result
      .locator("dl > div")
      .filter({ has: page.getByRole("term").filter({ hasText: label }) })
      .getByRole("definition");
  await expect(figure("Invoices issued")).toHaveText(invoices!);
  await expect(figure("Periods billed")).toHaveText(periods!);
  await expect(figure("Total invoiced")).toHaveText(total!);
  await expect(figure("Customers failed")).toHaveText("0");
  await expect(
    page.getByText(`${invoices} ${Number(invoices) === 1 ? "invoice" : "invoices"} issued for ${total}`),
  ).toBeVisible();
  // The list of runs has it too, completed, with the same count and total.
  const listed = page.getByRole("row").filter({ hasText: todayShown }).filter({ hasText: "Run by staff" }).first();
  await expect(listed).toContainText("Completed");
  await expect(listed).toContainText(total!);
  runInvoices = Number(invoices);
  expect(await invoiceCount(page)).toBe(before + runInvoices);

  // The run's invoices, and one of them in full.
  await page.goBack();
  await result.getByRole("link", { name: /^See the \d+ invoices? of this run$/ }).click();
  await expect(page.getByRole("status").filter({ hasText: "Only the invoices of the" })).toContainText(
    `billing run of ${todayShown}`,
  );
  const runRows = page.getByRole("row").filter({ hasText: /ACME-\d+/ });
  await expect(runRows).toHaveCount(Math.min(runInvoices, 25));
  for (const row of (await runRows.all()).slice(0, 3)) {
    // Issued and owed, unless the customer's credit (an overpayment, a credit note) paid it at once.
    await expect(row).toContainText(/Open|Partially paid|Paid/);
    await expect(row).toContainText(todayShown);
    await expect(row.getByRole("cell").last()).toHaveText(MONEY);
  }
  // A home subscriber's invoice: not the demo's metered subscriber (overage lines) nor its
  // corporate account (six links at once), which the seed's history adds to this run.
  const homeRow = runRows.filter({ hasNotText: /Daniel Kiptoo|Rift Valley Hotels/ }).first();
  const number = (await homeRow.getByRole("link").first().textContent())!.trim();
  await homeRow.getByRole("link", { name: number }).click();

  await expect(page.getByRole("heading", { name: `Invoice ${number}` })).toBeVisible();
  await expect(page.getByText(`Issued ${todayShown}`)).toBeVisible();
  const lines = page.getByRole("table").first();
  for (const head of ["What", "Period", "Qty", "Unit price", "Discount", "Tax", "Amount"])
    await expect(lines.getByRole("columnheader", { name: head, exact: true })).toBeVisible();
  const service = lines
    .getByRole("row")
    .filter({ hasText: /Home Fibre|PPPoE Lite/ })
    .first();
  const cells = service.getByRole("cell");
  await expect(cells.nth(1)).toHaveText(/^\d{1,2} \w{3} \d{4}–\d{1,2} \w{3} \d{4}$/); // the period billed
  await expect(cells.nth(2)).toHaveText("1");
  await expect(cells.nth(3)).toHaveText(MONEY);
  await expect(cells.nth(4)).toHaveText(/^(—|−KES\s[\d,]+\.\d{2})$/); // no discount on home packages
  await expect(cells.nth(5)).toHaveText(MONEY);
  await expect(cells.nth(6)).toHaveText(MONEY);
  await expect(service).toContainText("Rule:");

  const taxSummary = page.locator("[data-slot=card]").filter({ has: page.getByText("Tax summary", { exact: true }) });
  await expect(taxSummary).toContainText(/VAT 16 % on KES\s[\d,]+\.\d{2}/);
  await expect(taxSummary).toContainText("Our tax number: P051234567Q");
  const totals = page.locator("[data-slot=card]").filter({ has: page.getByText("Totals", { exact: true }) });
  const amount = async (label: string) =>
    moneyOf(
      (await totals.getByText(label, { exact: true }).locator("xpath=following-sibling::span[1]").textContent())!,
    );
  // Prices include tax in the demo: the subtotal without tax plus the tax is the total.
  expect(Math.round((await amount("Subtotal (without tax)")) * 100 + (await amount("Tax")) * 100)).toBe(
    Math.round((await amount("Total")) * 100),
  );
  await expect(page.getByText(`billing run of ${todayShown}`)).toBeVisible();

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download PDF" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  expect((await readFile((await file.path())!)).subarray(0, 5).toString()).toBe("%PDF-");

  // The same day again: every period is billed already, so nothing is billed twice.
  await page.goto(`${acme}/billing/runs`);
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page.getByText(`Nothing is due on ${todayShown}`)).toBeVisible();
  await runButton.click();
  await expect(result).toContainText("Nothing was due: every subscription was already billed up to", {
    timeout: 60_000,
  });
  await expect(figure("Invoices issued")).toHaveText("0");
  await expect(figure("Total invoiced")).toHaveText("KES 0.00");
  await expect(page.getByText("Nothing was due: no invoices issued")).toBeVisible();
  expect(await invoiceCount(page)).toBe(before + runInvoices);
});

test("a customer service manager reads billing runs but cannot preview or run one", async ({ page }) => {
  await signIn(page, acme, "care@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  const before = await invoiceCount(page);

  await page.goto(`${acme}/billing/runs`);
  await expect(page.getByText("Billing administrators preview and run billing")).toBeVisible();
  await expect(page.getByRole("button", { name: /Run billing|Preview/ })).toHaveCount(0);
  const listed = page.getByRole("row").filter({ hasText: todayShown }).filter({ hasText: "Run by staff" }).first();
  await expect(listed).toContainText("Completed");
  await listed.getByRole("link", { name: todayShown }).click();
  await expect(page.getByRole("region", { name: `Run of ${todayShown}` })).toContainText("Invoices issued");

  // Asked directly (from the signed-in page, with its session), the server refuses both.
  const refused = await page.evaluate(async (date) => {
    const input = encodeURIComponent(JSON.stringify({ 0: { json: { date } } }));
    const [run, preview] = [
      await fetch("/api/trpc/billing.runs.run?batch=1", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ 0: { json: { date } } }),
      }),
      await fetch(`/api/trpc/billing.runs.preview?batch=1&input=${input}`),
    ];
    return [run.status, preview.status, await run.text()];
  }, today);
  expect(refused.slice(0, 2)).toEqual([403, 403]);
  expect(refused[2]).toContain("You do not have permission to do that.");
  expect(await invoiceCount(page)).toBe(before);
});
