import { expect, test, type Page } from "@playwright/test";
import { companyOrigin, signIn, runSetUp } from "./helpers";

// Issue 13's outage journey on the demo ISP: the device a portal customer's line hangs off stops
// answering the poller (two missed polls, through the poller's own service: e2e/device-misses.ts);
// the network administrator sees it down on the device board and the outage listing its customers,
// posts a status update, and the customer sees it as a banner in the portal (and above the
// new-ticket form). Resolving it with the root cause takes the banner away.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const CUSTOMER = "brian.ouma@example.com";
const run = Date.now().toString(36).slice(-5);
const update = `Engineers are on site; back by 14:00 (${run}).`;

function deviceMissesPolls(): { deviceName: string; outageId: string; customerName: string } {
  return runSetUp("device-misses.ts", "acme", CUSTOMER);
}

const toast = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });
const banner = (page: Page) => page.getByRole("alert", { name: "Known outage" });

test("a device stops answering: the board shows it down, the outage lists its customers, and they see the update", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const down = deviceMissesPolls();

  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.getByRole("link", { name: "Outages", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Outages" })).toBeVisible();

  // The device board: the device is down, in the open outage.
  await page.getByRole("link", { name: "Device board" }).click();
  await expect(page.getByRole("heading", { name: "Device board" })).toBeVisible();
  await page.getByLabel("Search devices").fill(down.deviceName);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: down.deviceName, exact: true }) });
  await expect(row.getByText("Down", { exact: true })).toBeVisible();
  await row.getByRole("link", { name: /^OUT-\d+$/ }).click();

  // The outage: opened by the poller, with the customers behind the device.
  await page.waitForURL(`${acme}/network/outages/${down.outageId}`);
  await expect(page.getByRole("heading", { name: new RegExp(`${down.deviceName} is not answering`) })).toBeVisible();
  const customers = page.getByRole("table", { name: "Customers behind the outage" });
  const brian = customers.getByRole("row").filter({ hasText: down.customerName });
  await expect(brian.getByText("Affected")).toBeVisible();

  // A status update goes to every affected customer.
  await page.getByLabel("Post an update").fill(update);
  await page.getByRole("button", { name: "Post update" }).click();
  await expect(toast(page, /^Update posted: sending it to \d+ affected customer/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Timeline" }).getByText(update)).toBeVisible();

  // The customer sees it on the portal home and before writing a ticket.
  const portal = await browser.newPage();
  await signIn(portal, acme, CUSTOMER, PASSWORD);
  await portal.waitForURL(/\/portal$/);
  await expect(banner(portal)).toContainText("Known outage at your site");
  await expect(banner(portal)).toContainText(update);
  await portal.goto(`${acme}/portal/support/new`);
  await expect(banner(portal)).toContainText("no need to open a ticket");

  // Resolved with the root cause: the outage says so and the banner is gone.
  await page.getByRole("button", { name: "Resolve" }).click();
  const dialog = page.getByRole("dialog", { name: /^Resolve OUT-\d+$/ });
  await dialog.getByRole("button", { name: "Resolve" }).click();
  await expect(dialog.getByText("Say what caused the outage.")).toBeVisible();
  await dialog.getByLabel("Root cause").fill("Power supply failed at the site");
  await dialog.getByRole("button", { name: "Resolve" }).click();
  await expect(toast(page, /OUT-\d+ resolved/)).toBeVisible();
  await expect(page.getByText("Power supply failed at the site")).toBeVisible();
  await portal.goto(`${acme}/portal`);
  await expect(portal.getByRole("heading", { name: /^Hello/ })).toBeVisible();
  await expect(banner(portal)).toHaveCount(0);
  await portal.close();
});

test("staff open an outage on a whole site: its customers are listed, and it is resolved with the root cause", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const title = `Power cut at Kilimani (${run})`;
  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/network/outages`);
  await page.getByRole("button", { name: "Open outage" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Open an outage" });
  await dialog.getByRole("button", { name: "Open outage" }).click();
  await expect(dialog.getByText("Choose the device or the site that is down.")).toBeVisible();
  await expect(dialog.getByText("Enter a title customers will understand.")).toBeVisible();
  // The sites load when the dialog opens.
  await expect.poll(() => dialog.getByLabel("Site").locator("option").count()).toBeGreaterThan(1);
  await dialog.getByLabel("Site").selectOption({ label: "Kilimani POP" });
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByRole("button", { name: "Open outage" }).click();
  await expect(toast(page, /^OUT-\d+ opened: \d+ customers? affected/)).toBeVisible();
  await expect(page.getByRole("heading", { name: new RegExp(title.replace(/[()]/g, "\\$&")) })).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Customers behind the outage" }).getByText("Affected").first(),
  ).toBeVisible();

  // Listed, found by its title; then resolved.
  await page.getByRole("link", { name: "Outages", exact: true }).first().click();
  await page.getByLabel("Search outages").fill(run);
  await expect(
    page.getByRole("link", { name: new RegExp(`^OUT-\\d+ · ${title.replace(/[()]/g, "\\$&")}$`) }),
  ).toBeVisible();
  await page.getByRole("link", { name: new RegExp(title.replace(/[()]/g, "\\$&")) }).click();
  await page.getByRole("button", { name: "Resolve" }).click();
  const resolve = page.getByRole("dialog", { name: /^Resolve OUT-\d+$/ });
  await resolve.getByLabel("Root cause").fill("Grid power cut; generator failed to start");
  await resolve.getByRole("button", { name: "Resolve" }).click();
  await expect(toast(page, /OUT-\d+ resolved/)).toBeVisible();
  await expect(page.getByText("Grid power cut; generator failed to start")).toBeVisible();
});
