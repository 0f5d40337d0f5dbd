import { devices, expect, test, type Page } from "@playwright/test";
import { companyOrigin, runSetUp, signIn } from "./helpers";

// A subscriber's signed-in devices (portal → Account settings → Where you are signed in): signed in
// on a laptop and a phone, she signs the phone out from the laptop, and the phone's next page asks
// it to sign in again; signed in once more on the phone, she signs out all other devices at once
// and stays signed in on the laptop.

const acme = companyOrigin("acme");
const run = Date.now().toString(36);
const subscriber = { email: `mumbua.${run}@example.com`, password: "Mumbua-pass-2026" };

const devicesList = (page: Page) => page.getByRole("list", { name: "Signed-in devices" });

test("a subscriber signs her phone out from her laptop, then signs out all other devices", async ({
  page,
  browser,
}) => {
  runSetUp("new-customer.ts", "acme", "Mumbua", `Kioko ${run}`, subscriber.email, subscriber.password);

  // The laptop (the spec's own Chrome on Windows).
  await signIn(page, acme, subscriber.email, subscriber.password);
  await page.waitForURL(/\/portal$/);
  await page.goto(`${acme}/portal/account`);
  const list = devicesList(page);
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem").first()).toContainText("Chrome on Windows");
  await expect(list.getByRole("listitem").first()).toContainText("This device");
  await expect(page.getByText("You are not signed in anywhere else.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out all other devices" })).toBeDisabled();

  // Her phone.
  const phoneContext = await browser.newContext({ ...devices["Pixel 7"] });
  const phone = await phoneContext.newPage();
  await signIn(phone, acme, subscriber.email, subscriber.password);
  await phone.waitForURL(/\/portal$/);

  await page.reload();
  await expect(list.getByRole("listitem")).toHaveCount(2);
  // This device first; the phone after it, with when it was last active.
  await expect(list.getByRole("listitem").first()).toContainText("This device");
  const phoneRow = list.getByRole("listitem").filter({ hasText: "Chrome on Android" });
  await expect(phoneRow).toContainText("Last active");
  await expect(page.getByText("You are not signed in anywhere else.")).toHaveCount(0);

  await phoneRow.getByRole("button", { name: "Revoke Chrome on Android" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Device signed out" })).toBeVisible();
  await expect(phoneRow).toHaveCount(0);
  await expect(page.getByText("You are not signed in anywhere else.")).toBeVisible();
  await page.reload();
  await expect(list.getByRole("listitem")).toHaveCount(1);

  // The phone's next page: signed out.
  await phone.goto(`${acme}/portal/account`);
  await phone.waitForURL(/\/login/);
  await expect(phone.getByRole("button", { name: "Sign in" })).toBeVisible();

  // Signed in on the phone again, then every other device signed out from the laptop.
  await signIn(phone, acme, subscriber.email, subscriber.password);
  await phone.waitForURL(/\/portal/);
  await page.reload();
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Sign out all other devices" }).click();
  const confirm = page.getByRole("alertdialog").or(page.getByRole("dialog", { name: "Sign out all other devices?" }));
  await expect(confirm).toContainText("1 other device will be signed out. You stay signed in here.");
  await confirm.getByRole("button", { name: "Sign out other devices" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Signed out 1 other device" })).toBeVisible();
  await expect(confirm).toBeHidden();
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByText("You are not signed in anywhere else.")).toBeVisible();

  await phone.goto(`${acme}/portal`);
  await phone.waitForURL(/\/login/);
  // The laptop is still signed in.
  await page.goto(`${acme}/portal/account`);
  await expect(page).toHaveURL(/\/portal\/account$/);
  await expect(devicesList(page).getByRole("listitem").first()).toContainText("This device");
  await phoneContext.close();
});
