import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { companyOrigin, PORT, signIn, runSetUp } from "./helpers";

// Issue 11's journey: a subscriber's address comes from a pool without anyone typing it. Acme's
// network administrator takes a newly sold subscription, allocates it the next free address of
// a pool and attaches it to the Kilimani access point in the browser; the address shows on the
// IP address list as the customer's, the customer shows behind the access point on the map, and
// FreeRADIUS (the authorize route, with a RADIUS server key she creates) hands the allocated
// address to the subscriber's router as Framed-IP-Address.

const slug = "acme";
const acme = companyOrigin(slug);
const PASSWORD = "Lastmile-demo-2026";
// A /29 pool of its own per run (the database may be reused between local runs).
const n = Date.now();
const pool = `10.${100 + (Math.floor(n / 65536) % 50)}.${Math.floor(n / 256) % 256}.${(n % 32) * 8}/29`;
const base = pool.split("/")[0]!.split(".").map(Number);
const host = (i: number) => [...base.slice(0, 3), base[3]! + i].join(".");
const firstFree = host(1);
const customer = { firstName: "Wanjiru", lastName: `Kariuki ${n.toString(36).slice(-4)}` };
const customerName = `${customer.firstName} ${customer.lastName}`;
const ACCESS_DEVICE = "ap-kilimani-sector1";

/** The sale the journey starts from (e2e/new-subscriber.ts): a pending subscription and a fresh pool. */
function newSubscriber(): { customerId: string; pppoeUsername: string; packageName: string } {
  return runSetUp("new-subscriber.ts", slug, customer.firstName, customer.lastName, pool);
}

/** The NAS the journey's logins come from, registered (once a company has NAS, others are refused). */
const NAS_IP = "192.0.2.254";
function registerNas() {
  runSetUp("register-nas.ts", slug, NAS_IP);
}

/** A POST as FreeRADIUS's rlm_rest makes it from the journey's NAS, with the company's Host header. */
function radiusPost(
  key: string,
  pathname: string,
  attributes: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = JSON.stringify(
    Object.fromEntries([
      ...Object.entries(attributes).map(([name, value]) => [name, { type: "string", value: [value] }]),
      ["NAS-IP-Address", { type: "ipaddr", value: [NAS_IP] }],
    ]),
  );
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port: PORT,
        path: pathname,
        method: "POST",
        headers: {
          Host: `${slug}.localhost:${PORT}`,
          Authorization: `Bearer ${key}`,
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(payload),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function openRowMenu(page: Page, pppoeUsername: string) {
  await page.getByRole("button", { name: new RegExp(`^Actions for .*\\(${pppoeUsername}\\)$`) }).click();
}

test("the network administrator allocates an address to a new subscription and finds the customer from the map", async ({
  page,
}) => {
  // Nine steps through a production build on a shared, loaded machine.
  test.setTimeout(300_000);
  const sale = newSubscriber();
  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);

  // The new customer's page: the subscription is pending, with no address yet.
  await page.goto(`${acme}/customers/${sale.customerId}`);
  await expect(page.getByRole("heading", { name: customerName })).toBeVisible();
  await openRowMenu(page, sale.pppoeUsername);
  await page.getByRole("menuitem", { name: "Address and access…" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: `Address and access: ${sale.pppoeUsername}` })).toBeVisible();
  await expect(dialog.getByTestId("current-address")).toHaveText("None");

  // The pool is offered; an address typed outside it is refused with the reason, and nothing is assigned.
  await dialog.getByLabel("Address pool").selectOption({ label: `${pool} · Journey pool ${pool}` });
  await dialog.getByLabel("Or a specific address").fill("192.0.2.10");
  await dialog.getByRole("button", { name: "Assign this address" }).click();
  await expect(dialog.getByText(`192.0.2.10 is outside the pool ${pool}.`)).toBeVisible();
  await expect(dialog.getByTestId("current-address")).toHaveText("None");

  // Nobody types it: the pool's next free address.
  await dialog.getByRole("button", { name: "Allocate next free" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Assigned ${firstFree}` })).toBeVisible();
  await expect(dialog.getByTestId("current-address")).toHaveText(firstFree);
  await expect(dialog.getByRole("button", { name: `Release ${firstFree}` })).toBeVisible();

  // The access point it is installed on: found by name, its radio port.
  await dialog.getByLabel("Find the access device").fill("kilimani");
  await dialog
    .getByRole("combobox", { name: "Access device", exact: true })
    .selectOption({ label: `${ACCESS_DEVICE} (Rocket 5AC Prism)` });
  await dialog.getByRole("combobox", { name: "Port", exact: true }).selectOption({ label: "ath0" });
  await dialog.getByRole("button", { name: "Attach" }).click();
  await expect(dialog.getByTestId("current-access-port")).toHaveText(`${ACCESS_DEVICE} ath0`);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  // The subscription row shows the address; activating it puts the login on the network.
  const row = page.getByRole("row").filter({ hasText: sale.pppoeUsername });
  await expect(row.getByText(firstFree)).toBeVisible();
  await openRowMenu(page, sale.pppoeUsername);
  await page.getByRole("menuitem", { name: "Activate" }).click();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();

  // The IP address list: the allocated address, assigned to this customer.
  await page.goto(`${acme}/network/ip-addresses`);
  await page.getByLabel("Search addresses").fill(firstFree);
  const addressRow = page.getByRole("row").filter({ has: page.getByRole("cell", { name: firstFree, exact: true }) });
  await expect(addressRow.getByRole("link", { name: customerName })).toBeVisible();
  await expect(addressRow.getByRole("link", { name: pool })).toBeVisible();

  // The map: find the access point, open it, and the customer is behind it.
  await page.goto(`${acme}/network/map`);
  await expect(page.getByRole("heading", { name: "Network map" })).toBeVisible();
  await page.getByLabel("Find a device or customer").fill(ACCESS_DEVICE);
  await page
    .getByRole("option", { name: new RegExp(ACCESS_DEVICE) })
    .first()
    .click();
  const map = page.getByTestId("network-map");
  const ap = map.getByRole("group", { name: new RegExp(`^${ACCESS_DEVICE},`) });
  await expect(ap).toHaveAttribute("aria-current", "true");
  await ap.click();
  await expect(page).toHaveURL(/\/network\/devices\/[^/]+$/);
  await expect(page.getByRole("heading", { name: ACCESS_DEVICE })).toBeVisible();
  const behind = page.getByRole("region", { name: "Customers behind this device" });
  await behind.getByRole("link", { name: new RegExp(customerName) }).click();
  await expect(page).toHaveURL(`${acme}/customers/${sale.customerId}`);
  await expect(page.getByRole("heading", { name: customerName })).toBeVisible();

  // FreeRADIUS asks about the subscriber's login with a key made for it: the reply carries the address.
  registerNas();
  await page.goto(`${acme}/settings/radius`);
  await page.getByRole("button", { name: "Create key" }).first().click();
  await page.getByRole("dialog").getByLabel("Server name").fill(`radius-journey-${n}`);
  await page.getByRole("dialog").getByRole("button", { name: "Create key" }).click();
  const env = await page.getByLabel("Environment for FreeRADIUS").textContent();
  const key = /LASTMILE_RADIUS_KEY=(\S+)/.exec(env ?? "")?.[1];
  expect(key).toBeTruthy();
  await expect
    .poll(async () => {
      const answer = await radiusPost(key!, "/api/radius/authorize", { "User-Name": sale.pppoeUsername });
      return answer.status === 200 ? answer.body["reply:Framed-IP-Address"] : answer;
    })
    .toMatchObject({ value: firstFree });

  // Its first accounting packet: the RADIUS servers page shows it per source address, with the rate.
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  const keyRow = page.getByRole("row").filter({ hasText: `radius-journey-${n}` });
  await expect(keyRow).toContainText("None received yet");
  const start = await radiusPost(key!, "/api/radius/accounting", {
    "User-Name": sale.pppoeUsername,
    "Acct-Session-Id": `journey-${n}`,
    "Acct-Status-Type": "Start",
  });
  expect(start.status).toBe(204);
  await page.reload();
  await expect(keyRow).not.toContainText("None received yet");
  await expect(keyRow).toContainText(/127\.0\.0\.1: .*\/s/);
});
