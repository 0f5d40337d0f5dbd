import { expect, test, type Page } from "@playwright/test";
import { startFakeDaraja, type FakeDaraja } from "../server/modules/payments/providers/fake-daraja";
import { companyOrigin, PORT, registerIsp, signIn, runSetUp } from "./helpers";
import { darajaPortFor } from "./mpesa";

// A subscriber whose service dunning suspended for an overdue invoice pays it by M-Pesa in the
// portal and is back online: the ISP switches M-Pesa on in Billing → Payment methods, the phone
// prompt goes through the fake Daraja on the port e2e/serve.ts pointed the app at, and the fake
// posts the customer's answer to the company's callback URL as Safaricom does (the app confirms
// it with the STK query before crediting). Then the same customer tops up their wallet.

const run = Date.now().toString(36);
const slug = `e2e-pay-${run}`;
const origin = companyOrigin(slug);
const owner = { name: "Otieno Wafula", email: `otieno.${run}@e2e-pay.example`, password: "Owner-pass-2026" };
const subscriber = { email: `achieng.${run}@e2e-pay.example`, password: "Subscriber-pass-2026" };
const CONSUMER = { key: "e2e-consumer-key", secret: "e2e-consumer-secret" };

// Screenshots of the journey for people reviewing it (not compared with anything).
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/e2e-portal-pay/${name}.png`, fullPage: true });

let daraja: FakeDaraja;
test.beforeAll(async () => {
  daraja = await startFakeDaraja(CONSUMER.key, CONSUMER.secret, { port: darajaPortFor(PORT) });
});
test.afterAll(async () => daraja?.close());

/**
 * A month of the ISP's life for one subscriber, by the app's own services against the run's
 * database (e2e/overdue-subscriber.ts): activated a month ago, invoiced, unpaid, suspended by dunning.
 */
function overdueSuspendedSubscriber(): { accountNumber: number; invoiceNumber: string; totalMinor: number } {
  return runSetUp("overdue-subscriber.ts", slug, subscriber.email, subscriber.password);
}

test("a suspended subscriber pays the overdue invoice by M-Pesa in the portal and is active again; then tops up the wallet", async ({
  page: console,
  browser,
}) => {
  test.setTimeout(240_000);
  await registerIsp(console, { companyName: "Kilimani Fibre", slug, owner });

  // The billing side: the ISP's Daraja app and paybill, entered once.
  await console.goto(`${origin}/billing/payment-methods`);
  await console.getByLabel("Paybill or store number").fill("174379");
  await console.getByLabel("Consumer key").fill(CONSUMER.key);
  await console.getByLabel("Consumer secret").fill(CONSUMER.secret);
  await console.getByLabel("Lipa na M-Pesa Online passkey").fill("e2e-passkey");
  await console.getByRole("button", { name: "Switch M-Pesa on" }).click();
  await expect(console.getByText("M-Pesa saved").first()).toBeVisible();
  // The company's callback address, shown for the paybill; STK results come to the same base.
  const confirmationUrl = (await console.getByText(/\/api\/mpesa\/.+\/c2b\/confirmation$/).textContent())!.trim();
  expect(confirmationUrl.startsWith(`${origin}/api/mpesa/`)).toBe(true);

  const owed = overdueSuspendedSubscriber();
  expect(owed.totalMinor).toBe(299_900);

  // The subscriber signs in: the service is suspended and the overdue invoice is named.
  const portalContext = await browser.newContext();
  const portal = await portalContext.newPage();
  await signIn(portal, origin, subscriber.email, subscriber.password);
  await portal.waitForURL(/\/portal$/);
  const service = portal.getByTestId("portal-service").filter({ hasText: "Home Fibre 20" });
  await expect(service.getByText("Suspended")).toBeVisible();
  const overdue = portal.getByRole("alert").filter({ hasText: "Your service is suspended for an unpaid balance" });
  await expect(overdue).toContainText(`Invoice ${owed.invoiceNumber}: KES 2,999.00`);
  await expect(portal.getByTestId("open-balance")).toHaveText("KES 2,999.00");
  await shot(portal, "01-portal-home-suspended");

  await portal.getByRole("link", { name: "Invoices", exact: true }).click();
  const invoiceRow = portal.getByRole("list", { name: "Invoices" }).getByRole("listitem").filter({ hasText: owed.invoiceNumber }); // prettier-ignore
  await expect(invoiceRow.getByText("Overdue")).toBeVisible();
  await shot(portal, "02-portal-invoices-overdue");

  // Paid from the notice that says what is overdue: M-Pesa, the overdue amount, the customer's phone.
  await portal.getByRole("link", { name: "Home", exact: true }).click();
  await overdue.getByRole("button", { name: "Pay KES 2,999.00 now" }).click();
  const dialog = portal.getByRole("dialog", { name: "Pay now" });
  await expect(dialog.getByLabel("Amount (KES)")).toHaveValue("2999.00");
  await expect(dialog.getByLabel("Pay with")).toHaveValue("MPESA");
  await expect(dialog.getByText("M-Pesa takes whole shillings, without cents.")).toBeVisible();
  // A number that is not a Safaricom mobile is refused in words the customer can act on.
  await dialog.getByLabel("M-Pesa phone number").fill("0201 234 567");
  await dialog.getByRole("button", { name: "Send the M-Pesa prompt" }).click();
  await expect(dialog.getByText("Enter a Safaricom number, e.g. 0712 345 678.")).toBeVisible();
  expect(daraja.stkPushes).toHaveLength(0);
  await dialog.getByLabel("M-Pesa phone number").fill("0712 345 678");
  await shot(portal, "03-pay-now");
  await dialog.getByRole("button", { name: "Send the M-Pesa prompt" }).click();

  // Waiting for the phone: the prompt went to Safaricom for whole shillings and the account.
  await expect(dialog.getByText("Check your phone")).toBeVisible();
  await expect(dialog).toContainText(
    "We sent an M-Pesa prompt to 0712 345 678 to pay KES 2,999. Unlock the phone and enter your M-Pesa PIN to confirm.",
  );
  expect(daraja.stkPushes).toHaveLength(1);
  const push = daraja.stkPushes[0];
  expect(push).toMatchObject({ amount: 2_999, phone: "254712345678", accountReference: String(owed.accountNumber) });
  expect(push.callbackUrl).toBe(confirmationUrl.replace(/c2b\/confirmation$/, "stk-callback"));
  await shot(portal, "04-pay-now-waiting");

  // The customer enters their PIN: Safaricom posts the result to the company's callback URL.
  const callback = await daraja.answerStk(push.checkoutRequestId, { paid: true, receipt: "TLM4X7Q2ZP" });
  expect(callback.status).toBe(200);
  // The app asked Safaricom itself (STK query) before believing the unsigned callback.
  expect(
    daraja.requests.some(
      (r) => r.path === "/mpesa/stkpushquery/v1/query" && r.body.CheckoutRequestID === push.checkoutRequestId,
    ),
  ).toBe(true);
  await expect(dialog.getByText("Thank you: we received KES 2,999.00.")).toBeVisible();
  const receiptLink = dialog.getByRole("link", { name: /View receipt RCT-/ });
  await expect(receiptLink).toBeVisible();
  await shot(portal, "05-pay-now-received");
  await dialog.getByRole("button", { name: "Close" }).click();

  // Back online: dunning restored the service once the payment was posted.
  await expect(service.getByText("Active")).toBeVisible();
  await expect(overdue).toHaveCount(0);
  await expect(portal.getByTestId("open-balance")).toHaveText("KES 0.00");
  await expect(portal.getByText("You are all paid up. Thank you.")).toBeVisible();
  await shot(portal, "06-portal-home-active");

  // The receipt, from the payment history.
  await portal.getByRole("link", { name: "Payments", exact: true }).click();
  const paymentRow = portal.getByRole("list", { name: "Payments" }).getByRole("listitem").first();
  await expect(paymentRow).toContainText("M-Pesa · TLM4X7Q2ZP");
  await expect(paymentRow).toContainText("KES 2,999.00");
  await shot(portal, "07-portal-payments");
  await paymentRow.getByRole("link", { name: "Receipt" }).click();
  await expect(portal.getByText(owed.invoiceNumber)).toBeVisible();
  await expect(portal.getByText("TLM4X7Q2ZP").first()).toBeVisible();
  await shot(portal, "08-portal-receipt");

  await portal.getByRole("link", { name: "Invoices", exact: true }).click();
  await expect(invoiceRow.getByText("Paid", { exact: true })).toBeVisible();

  // Staff see the subscription active again on the customer's page.
  await console.goto(`${origin}/customers`);
  await console.getByRole("link", { name: `ACC-${String(owed.accountNumber).padStart(6, "0")}` }).click();
  const subscription = console.locator("#customer-subscriptions").getByRole("row", { name: /Home Fibre 20/ });
  await expect(subscription).toContainText("Active");
  // Dunning's restore did it, once the payment was posted (RADIUS follows the subscription).
  await expect(console.getByText("suspended → active (Restored by dunning: Overdue balance settled)")).toBeVisible();
  await shot(console, "09-console-customer");

  // The wallet: topped up by M-Pesa through the same payment path, purpose wallet top-up.
  await portal.getByRole("link", { name: "Home", exact: true }).click();
  await portal.getByRole("button", { name: "Top up with M-Pesa" }).click();
  const topUp = portal.getByRole("dialog", { name: "Top up your wallet" });
  await expect(topUp.getByLabel("Amount (KES)")).toHaveValue("");
  await expect(topUp.getByLabel("M-Pesa phone number")).toHaveValue("0712 345 678");
  await topUp.getByLabel("Amount (KES)").fill("500");
  await shot(portal, "10-wallet-top-up");
  await topUp.getByRole("button", { name: "Send the M-Pesa prompt" }).click();
  await expect(topUp.getByText("Check your phone")).toBeVisible();
  expect(daraja.stkPushes).toHaveLength(2);
  expect(daraja.stkPushes[1]).toMatchObject({ amount: 500, phone: "254712345678" });
  expect((await daraja.answerStk(daraja.stkPushes[1].checkoutRequestId, { paid: true, receipt: "TLM5Y8R3AQ" })).status).toBe(200); // prettier-ignore
  await expect(
    topUp.getByText("Thank you: we received KES 500.00. It goes into your wallet in a moment."),
  ).toBeVisible();
  await topUp.getByRole("link", { name: /View receipt RCT-/ }).click();
  await expect(portal.getByText("Added to your wallet")).toBeVisible();
  await expect(portal.getByText("TLM5Y8R3AQ")).toBeVisible();
  await shot(portal, "11-wallet-top-up-receipt");
  await portal.getByRole("link", { name: "Home", exact: true }).click();
  const wallet = portal.locator("[data-slot=card]").filter({ hasText: "Prepaid plans renew from your wallet" });
  // The wallet is credited by the payment's background work just after the payment settles; until
  // then the card says the money is on its way and looks again by itself.
  await expect(wallet).toContainText("Balance KES 500.00");
  await expect(wallet.getByText("on its way to your wallet")).toHaveCount(0);
  await shot(portal, "12-wallet-after-top-up");
  await portalContext.close();
});
