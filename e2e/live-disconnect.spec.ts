import { expect, test } from "@playwright/test";
import { startCoaResponder, type CoaResponder } from "../server/modules/nas/testing";
import { companyOrigin, signIn, runSetUp } from "./helpers";

// Issue 13: suspending a customer who is online cuts their session at the router. Technical
// support sees the customer online on their page, suspends the subscription, and the page shows
// the Disconnect-Request's outcome: the NAS (a UDP responder started here, checking the packet's
// authenticators with the shared secret) acknowledged it.

const slug = "acme";
const acme = companyOrigin(slug);
const PASSWORD = "Lastmile-demo-2026";
const SECRET = "e2e-coa-shared-secret";
const n = Date.now();
const customer = { firstName: "Otieno", lastName: `Live ${n.toString(36).slice(-4)}` };
// A loopback address of its own per run: NAS addresses are unique per company.
const nasIp = `127.0.${1 + (Math.floor(n / 250) % 250)}.${2 + (n % 250)}`;
let nas: CoaResponder;

test.beforeAll(async () => {
  nas = await startCoaResponder(SECRET, nasIp);
});
test.afterAll(async () => {
  await nas?.close();
});

function liveSubscriber(): { customerId: string; pppoeUsername: string; acctSessionId: string } {
  return runSetUp("live-subscriber.ts", slug, customer.firstName, customer.lastName, nasIp, String(nas.port), SECRET);
}

test("support suspends a customer who is online and sees the router acknowledge the disconnect", async ({ page }) => {
  const sub = liveSubscriber();
  await signIn(page, acme, "support@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/customers/${sub.customerId}`);

  const online = page.locator("#live-network");
  await expect(online.getByRole("cell", { name: sub.pppoeUsername, exact: true })).toBeVisible();

  await page.getByRole("button", { name: new RegExp(`^Actions for .*\\(${sub.pppoeUsername}\\)$`) }).click();
  await page.getByRole("menuitem", { name: "Suspend…" }).click();
  const dialog = page.getByRole("dialog", { name: "Suspend service?" });
  await dialog.getByLabel("Reason").fill("Unpaid since October");
  await dialog.getByRole("button", { name: "Suspend" }).click();
  await expect(dialog).toBeHidden();

  const requests = online.getByRole("region", { name: "Disconnect and CoA requests" });
  await expect(requests.getByRole("row", { name: /Suspension/ })).toContainText("Disconnect: Done (ACK)");
  expect(nas.refused).toEqual([]);

  // The online list shows the session (open until the router's accounting Stop) with the same outcome.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Online sessions" }).click();
  await page.waitForURL(`${acme}/network/sessions`);
  await page.getByLabel("Search username").fill(sub.pppoeUsername);
  await page.waitForURL(new RegExp(`[?&]q=${sub.pppoeUsername}`));
  const row = page.getByRole("row", { name: new RegExp(sub.pppoeUsername) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(`e2e-bng-${nasIp}`);
  await expect(row).toContainText("Disconnect: Done (ACK)");
  expect(nas.received.map((p) => [p.code, p.attributes["User-Name"], p.attributes["Acct-Session-Id"]])).toEqual([
    [40, sub.pppoeUsername, sub.acctSessionId],
  ]);
});
