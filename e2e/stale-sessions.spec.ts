import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { e2eAppEnv } from "./app-env";
import { companyOrigin, e2eDatabaseUrl, PORT, signIn } from "./helpers";

// A router loses power and its sessions' Stop never arrives. The network administrator sets,
// under Settings → RADIUS servers, how long a session may stay silent; the five-minute job closes
// a session silent for longer, and the customer page shows it offline, with why it ended.

const acme = companyOrigin("acme");
const customer = { firstName: "Wanjiru", lastName: `Silent ${Date.now().toString(36).slice(-4)}` };

/** The customer, its session last heard of hours ago, and the job's run (e2e/silent-subscriber.ts). */
function silentSubscriber(): { customerId: string; pppoeUsername: string; closed: number } {
  const root = path.resolve(import.meta.dirname, "..");
  const out = execFileSync(
    process.execPath,
    [
      path.join(root, "node_modules/tsx/dist/cli.mjs"),
      path.join(root, "e2e/silent-subscriber.ts"),
      "acme",
      customer.firstName,
      customer.lastName,
    ],
    { env: { ...process.env, ...e2eAppEnv(PORT, e2eDatabaseUrl) }, encoding: "utf8" },
  );
  return JSON.parse(out.trim().split("\n").at(-1)!);
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
