import { expect, test } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// Acme's network administrator adds a bandwidth policy from the packages page, is told what is
// wrong with a fair-use speed faster than the plan, finds the policy by searching, and picks it
// in a package's form.

const acme = companyOrigin("acme");
// A name of its own per run, so the spec can run again against the same database.
const name = `E2E ${Date.now().toString(36)} 20M`;

test("a network administrator adds a bandwidth policy and a package picks it", async ({ page }) => {
  await signIn(page, acme, "noc@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/packages`);
  await page.getByRole("link", { name: "Bandwidth policies" }).click();
  await expect(page.getByRole("heading", { name: "Bandwidth policies", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "New policy" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await dialog.getByRole("textbox", { name: "Download (Mbit/s)", exact: true }).fill("20");
  await dialog.getByRole("textbox", { name: "Upload (Mbit/s)", exact: true }).fill("5");
  await dialog.getByRole("textbox", { name: "Fair-use download (Mbit/s)", exact: true }).fill("30");
  await dialog.getByRole("button", { name: "Add policy" }).click();
  await expect(dialog.getByText("Fair-use download must be slower than the download speed.")).toBeVisible();

  await dialog.getByRole("textbox", { name: "Fair-use download (Mbit/s)", exact: true }).fill("2");
  await dialog.getByRole("textbox", { name: "Free from (hour)", exact: true }).fill("1");
  await dialog.getByRole("textbox", { name: "Free until (hour)", exact: true }).fill("6");
  await dialog.getByRole("button", { name: "Add policy" }).click();
  await expect(dialog).toBeHidden();

  await page.getByLabel("Search policies").fill(name);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText("01:00–06:00");

  // The package form offers it (loaded when the dialog opens).
  await page.goto(`${acme}/packages`);
  await page.getByRole("button", { name: "New package" }).first().click();
  const policy = page.getByRole("dialog").getByRole("combobox", { name: "Bandwidth policy", exact: true });
  await expect
    .poll(async () => policy.locator("option").allTextContents())
    .toContainEqual(expect.stringContaining(name));
});

test("a network administrator lets suspended subscribers into the walled garden, and back to refusing", async ({
  page,
}) => {
  await signIn(page, acme, "noc@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/settings/radius`);
  const card = page.locator("form").filter({ hasText: "Walled garden" });
  const suspended = card.getByRole("combobox", { name: "Suspended subscribers", exact: true });
  await expect(suspended).toHaveValue("REJECT");
  await suspended.selectOption("CAPTIVE");
  await card.getByRole("textbox", { name: "IP pool", exact: true }).fill("bad pool");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(card.getByText(/Pool: letters, digits/)).toBeVisible();
  await card.getByRole("textbox", { name: "IP pool", exact: true }).fill("captive-pool");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Walled garden saved" })).toBeVisible();
  await page.reload();
  await expect(suspended).toHaveValue("CAPTIVE");
  await expect(card.getByRole("textbox", { name: "IP pool", exact: true })).toHaveValue("captive-pool");

  await suspended.selectOption("REJECT");
  await card.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Walled garden saved" }).first()).toBeVisible();
});
