import { expect, test } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// The item and maintenance-plan forms both offer the network catalogue's device types: an ONT
// item opens on its model, and a plan for every device of a type is saved and listed as such.

const acme = companyOrigin("acme");
const task = `Clean the optics ${Date.now().toString(36)}`;

test("the item and maintenance-plan forms offer the network's device types", async ({ page }) => {
  await signIn(page, acme, "noc@acme.example", "Lastmile-demo-2026");
  await page.waitForURL(`${acme}/`);

  await page.goto(`${acme}/inventory/items`);
  await page.getByRole("button", { name: "Edit Huawei EchoLife HG8245H ONT" }).click();
  const item = page.getByRole("dialog", { name: "Edit Huawei EchoLife HG8245H ONT" });
  const itemType = item.getByRole("combobox", { name: "Device type" });
  await expect(itemType.locator("option:checked")).toHaveText(/EchoLife HG8245H/);
  await item.getByRole("button", { name: "Cancel" }).click();
  await expect(item).toBeHidden();

  await page.goto(`${acme}/inventory/maintenance`);
  await page.getByRole("button", { name: "Add plan" }).click();
  const plan = page.getByRole("dialog", { name: "Add a maintenance plan" });
  await plan.getByRole("textbox", { name: "Task" }).fill(task);
  const planType = plan.getByRole("combobox", { name: "or device type" });
  await expect
    .poll(() => planType.locator("option").allTextContents())
    .toContainEqual(expect.stringMatching(/EchoLife HG8245H/));
  const label = (await planType.locator("option").allTextContents()).find((t) => /EchoLife HG8245H/.test(t))!;
  await planType.selectOption({ label });
  await plan.getByRole("button", { name: "Save plan" }).click();
  await expect(plan).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: `${task} saved` })).toBeVisible();
  await page.getByLabel("Search plans").fill(task);
  // The plan's own row (its schedule), not the jobs it is about to open, which name the task too.
  const planRow = page
    .getByRole("row")
    .filter({ hasText: task })
    .filter({ hasText: /Every \d+ days/ });
  await expect(planRow).toContainText("EchoLife HG8245H");
});
