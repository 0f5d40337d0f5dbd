import { expect, test } from "@playwright/test";
import { companyOrigin, signIn, runSetUp } from "./helpers";

// A router loses power and its sessions' Stop never arrives. The network administrator sets,
// under Settings → RADIUS servers, how long a session may stay silent; the five-minute job closes
// a session silent for longer, and the customer page shows it offline, with why it ended.

const acme = companyOrigin("acme");
const customer = { firstName: "Wanjiru", lastName: `Silent ${Date.now().toString(36).slice(-4)}` };

/** The customer, its session last heard of hours ago, and the job's run (e2e/silent-subscriber.ts). */
function silentSubscriber(): { customerId: string; pppoeUsername: string; closed: number } {
  return runSetUp("silent-subscriber.ts", "acme", customer.firstName, customer.lastName);
}

test("the network administrator sets when silent sessions close, and the customer page says why one ended", async ({
  page,
}) => {
  await signIn(page, acme, "noc@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/settings/radius`);

  const card = page.locator("form", { has: page.getByText("Sessions that fall silent") });
  const silentFor = card.getByLabel("Close sessions silent for");
  await expect(silentFor).toHaveValue("20");
  await silentFor.selectOption({ label: "30 minutes" });
  await card.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Accounting settings saved")).toBeVisible();
  await page.reload();
  await expect(
    page.locator("form", { has: page.getByText("Sessions that fall silent") }).getByLabel("Close sessions silent for"),
  ).toHaveValue("30");

  const sub = silentSubscriber();
  expect(sub.closed).toBe(1);
  await page.goto(`${acme}/customers/${sub.customerId}`);
  const live = page.locator("#live-network");
  await expect(live.getByText("No session of this customer is online now.")).toBeVisible();
  const ended = live
    .getByRole("region", { name: "Recent sessions" })
    .getByRole("row", { name: new RegExp(sub.pppoeUsername) });
  await expect(ended).toContainText("Closed: no accounting for 30 min");
  await expect(ended).toContainText("↓ 50 MB");
});
