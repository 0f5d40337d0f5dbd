import { expect, test } from "@playwright/test";
import { companyOrigin, nairobiWallTime, registerIsp, runSetUp, signIn } from "./helpers";

// Payment arrangements on an overdue account: a subscriber suspended by dunning asks in the
// portal to pay in two instalments (amounts that do not cover what is overdue are refused); the
// ISP's billing desk sees the request in Billing → Dunning, approves it, and the service is back
// on; later staff cancel it from the customer's page, and agree a promise to pay there instead.

const run = Date.now().toString(36);
const slug = `e2e-arr-${run}`;
const origin = companyOrigin(slug);
const owner = { name: "Moses Kariuki", email: `moses.${run}@e2e-arr.example`, password: "Owner-pass-2026" };
const subscriber = { email: `achieng.${run}@e2e-arr.example`, password: "Subscriber-pass-2026" };
const CUSTOMER = "Achieng Odhiambo";

/** A calendar day `days` after today in the company's zone, as a date input takes it. */
const dayAfter = (days: number) => nairobiWallTime(new Date(Date.now() + days * 86_400_000)).slice(0, 10);
/** The same day as the portal and console show it: "12 Dec 2026". */
const shown = (day: string) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));

test("a suspended subscriber asks for instalments, the ISP approves them, then replaces them with a promise to pay", async ({
  page: console,
  browser,
}) => {
  test.setTimeout(240_000);
  // The plan's dates, fixed once: a run that crosses midnight still compares the same days.
  const [first, second, promised] = [dayAfter(7), dayAfter(21), dayAfter(3)];
  await registerIsp(console, { companyName: "Nyeri Broadband", slug, owner });
  await console.goto(`${origin}/billing/dunning`);
  await expect(console.getByText("No payment arrangements")).toBeVisible();

  // A month later the subscriber's invoice is overdue and dunning has suspended the service.
  const owed = runSetUp<{ invoiceNumber: string; totalMinor: number }>(
    "overdue-subscriber.ts",
    slug,
    subscriber.email,
    subscriber.password,
  );
  expect(owed.totalMinor).toBe(299_900);

  const portalContext = await browser.newContext();
  const portal = await portalContext.newPage();
  await signIn(portal, origin, subscriber.email, subscriber.password);
  await portal.waitForURL(/\/portal$/);
  const service = portal.getByTestId("portal-service").filter({ hasText: "Home Fibre 20" });
  await expect(service.getByText("Suspended")).toBeVisible();
  // What is overdue: an alert while the service is suspended, a plain notice once it is back on.
  const notice = portal.getByRole("alert").or(portal.getByRole("status")).filter({ hasText: owed.invoiceNumber });
  await expect(notice).toContainText("Your service is suspended for an unpaid balance");

  await notice.getByRole("button", { name: "Ask for more time to pay…" }).click();
  const ask = portal.getByRole("dialog", { name: "Ask for more time to pay" });
  await expect(ask).toContainText(/Overdue now: KES\s2,999\.00/);
  await ask.getByLabel("Kind").selectOption({ label: "Instalments" });
  await ask.getByLabel("Instalment 1 by").fill(first);
  await ask.getByLabel("Amount (KES)").first().fill("1500");
  await ask.getByRole("button", { name: "Add instalment" }).click();
  await ask.getByLabel("Instalment 2 by").fill(second);
  await ask.getByLabel("Amount (KES)").nth(1).fill("1000");
  await ask.getByRole("button", { name: "Send request" }).click();
  await expect(ask.getByText(/They must add up to KES\s2,999\.00\./)).toBeVisible();
  await ask.getByLabel("Amount (KES)").nth(1).fill("1499");
  await ask.getByLabel("Note").fill("Salary comes on the 25th.");
  await ask.getByRole("button", { name: "Send request" }).click();
  await expect(ask).toBeHidden();
  const plan = `KES 1,500.00 by ${shown(first)}, KES 1,499.00 by ${shown(second)}`;
  await expect(notice).toContainText(`Instalments (Requested): ${plan}. Nyeri Broadband will confirm it with you.`);
  await expect(notice.getByRole("button", { name: "Ask for more time to pay…" })).toHaveCount(0);

  // The billing desk's queue: the request, asked in the portal, waiting for a decision.
  await console.reload();
  const request = console.getByRole("row").filter({ hasText: CUSTOMER });
  await expect(request).toContainText(/Instalments of KES\s2,999\.00 · asked in the portal/);
  await expect(request).toContainText(plan);
  await expect(request).toContainText("“Salary comes on the 25th.”");
  await expect(request).toContainText("Requested");
  await request.getByRole("button", { name: "Approve" }).click();
  await expect(console.getByText(`Arrangement with ${CUSTOMER} approved`, { exact: true })).toBeVisible();
  await expect(request).toContainText("Active");
  await expect(request.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await console.reload();
  await expect(console.getByRole("row").filter({ hasText: CUSTOMER })).toContainText("Active");

  // While the plan is kept the service is on: the portal shows it active and the plan agreed.
  await portal.reload();
  await expect(service.getByText("Active")).toBeVisible();
  await expect(notice).toContainText(`Instalments (Active): ${plan}.`);
  await expect(notice).not.toContainText("Your service is suspended");

  // The customer's page: on a payment arrangement; staff cancel it, and dunning applies again.
  await console
    .getByRole("row")
    .filter({ hasText: CUSTOMER })
    .getByRole("link", { name: new RegExp(CUSTOMER) })
    .click();
  await console.waitForURL(/\/customers\/[^/]+$/);
  const dunning = console.locator("[data-slot=card]").filter({ hasText: "Payments and dunning" });
  await expect(dunning).toContainText("On a payment arrangement");
  await expect(dunning).toContainText(/Instalments of KES\s2,999\.00/);
  await dunning.getByRole("button", { name: "Cancel arrangement" }).click();
  await expect(console.getByText("Arrangement cancelled: dunning applies again", { exact: true })).toBeVisible();
  await expect(dunning.getByRole("button", { name: "Cancel arrangement" })).toHaveCount(0);
  await expect(dunning).not.toContainText("On a payment arrangement");
  // At once, not at the next daily run: the overdue balance is past grace, so the service is off again.
  await expect(dunning).toContainText("1 service is suspended by dunning");

  // Instead, staff agree a promise to pay the whole amount in three days.
  await dunning.getByRole("button", { name: "Agree a payment arrangement…" }).click();
  const agree = console.getByRole("dialog", { name: "Payment arrangement" });
  await expect(agree.getByLabel("Kind")).toHaveValue("PROMISE");
  await expect(agree.getByLabel("Amount (KES)")).toHaveValue("2999.00");
  await agree.getByLabel("Pay by").fill(promised);
  await agree.getByRole("button", { name: "Agree arrangement" }).click();
  await expect(console.getByText("Payment arrangement agreed", { exact: true })).toBeVisible();
  await expect(agree).toBeHidden();
  await expect(dunning).toContainText("On a payment arrangement");
  await expect(dunning).toContainText(/Promise to pay of KES\s2,999\.00/);
  await expect(dunning).toContainText(`KES 2,999.00 by ${shown(promised)}`);
  await expect(dunning).not.toContainText("suspended by dunning");
  await console.reload();
  await expect(dunning).toContainText(/Promise to pay of KES\s2,999\.00/);

  // The queue keeps the story: the cancelled instalments and the active promise.
  await console.goto(`${origin}/billing/dunning`);
  await expect(console.getByRole("row").filter({ hasText: "Instalments of" })).toContainText("Cancelled by staff");
  await expect(console.getByRole("row").filter({ hasText: "Promise to pay of" })).toContainText("Active");
  await portal.reload();
  await expect(notice).toContainText(`Promise to pay (Active): KES 2,999.00 by ${shown(promised)}.`);
  await portalContext.close();
});
