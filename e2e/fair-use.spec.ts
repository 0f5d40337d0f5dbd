import { expect, test, type Page } from "@playwright/test";
import { companyOrigin, registerIsp, runSetUp } from "./helpers";

// The fair-use check on demand (Settings → RADIUS servers, "Check fair use now"), as a new ISP's
// owner uses it: with no capped subscriber it finds nothing; a subscriber who used more than the
// 1 GB of the plan this cycle is found over the cap once (a second check changes nothing); a top-up
// bought for him on his page lifts the allowance, and the next check puts him back to full speed.

const run = Date.now().toString(36);
const slug = `e2e-fup-${run}`;
const origin = companyOrigin(slug);
const owner = { name: "Wanjala Barasa", email: `wanjala.${run}@e2e-fup.example`, password: "Owner-pass-2026" };

/** Runs the check and waits for what it says it did. */
async function checkFairUse(page: Page, outcome: string) {
  await page.goto(`${origin}/settings/radius`);
  const check = page.getByRole("button", { name: "Check fair use now" });
  await check.click();
  await expect(page.getByRole("status").filter({ hasText: "Fair use checked" }).filter({ hasText: outcome })).toBeVisible(); // prettier-ignore
  await expect(check).toBeEnabled();
}

test("the owner checks fair use: a subscriber over the cap is found once, and a top-up brings him back", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await registerIsp(page, { companyName: "Bungoma Net", slug, owner });
  await checkFairUse(
    page,
    "0 capped subscribers: 0 over the cap now, 0 back to full service, 0 live sessions changed.",
  );

  const { customerId, packageName, topUpName } = runSetUp<{
    customerId: string;
    packageName: string;
    topUpName: string;
  }>("capped-subscriber.ts", slug, "Simiyu", "Wekesa", "1200");

  // His page: more than the plan's gigabyte used this cycle.
  await page.goto(`${origin}/customers/${customerId}`);
  const usage = page.locator("[data-slot=card]").filter({ hasText: "Data this period" });
  await expect(usage.getByRole("meter", { name: `Data used on ${packageName}` })).toBeVisible();
  await expect(usage).toContainText(/of 1 GB used \(11[67]%\)/);

  await checkFairUse(page, "1 capped subscriber: 1 over the cap now, 0 back to full service, 0 live sessions changed.");
  // Checked again, he is already over the cap: nothing changes twice.
  await checkFairUse(page, "1 capped subscriber: 0 over the cap now, 0 back to full service, 0 live sessions changed.");

  await page.goto(`${origin}/customers/${customerId}`);
  await usage.getByRole("button", { name: "Buy a data top-up" }).click();
  const dialog = page.getByRole("dialog", { name: "Buy a data top-up" });
  await expect(dialog).toContainText("It is added to the customer's next invoice.");
  await dialog.getByRole("button", { name: "Buy" }).click();
  await expect(dialog.getByText("Choose a top-up.")).toBeVisible();
  await dialog.getByText(topUpName).click();
  await dialog.getByRole("button", { name: "Buy" }).click();
  await expect(page.getByRole("status").filter({ hasText: "1 GB added" })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(usage).toContainText(/of 2 GB used \((58|59)%\)/);
  await expect(usage).toContainText(`${topUpName}: 1 GB for KES 100.00, on the next invoice`);

  await checkFairUse(page, "1 capped subscriber: 0 over the cap now, 1 back to full service, 0 live sessions changed.");
});
