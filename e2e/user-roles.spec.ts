import { expect, test, type Page } from "@playwright/test";
import { signInAsAcmeAdmin } from "./acme-admin";
import { companyOrigin, signIn } from "./helpers";
import { mailsTo } from "./mail";

// Changing a team member's role on Users, as Acme's super admin does it: a new colleague joins as
// a field technician and cannot open Users; the super admin makes her a customer service manager
// (the dialog says which roles must use two-factor), the list and a reload show the new role, and
// her next page load already has what the role allows. The super admin cannot change her own role.

const acme = companyOrigin("acme");
const stamp = Date.now().toString(36);
const member = {
  name: `Wambui Njoroge ${stamp}`,
  email: `wambui.${stamp}@acme.example`,
  password: "Wambui-pass-2026",
};

const userRow = (page: Page, name: string) => page.getByRole("row").filter({ hasText: name });

test("the super admin changes a field technician's role, and her next page has what the new role allows", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signInAsAcmeAdmin(page);
  await page.goto(`${acme}/users`);

  // A colleague joins as a field technician through an invitation.
  await page.getByRole("button", { name: "Invite staff" }).click();
  const invite = page.getByRole("dialog", { name: "Invite someone" });
  await invite.getByLabel("Name").fill(member.name);
  await invite.getByLabel("E-mail").fill(member.email);
  await invite.getByLabel("Role").selectOption({ label: "Field Technician" });
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("list", { name: "Pending invitations" })).toContainText(member.email);
  await expect.poll(async () => (await mailsTo(member.email)).length).toBeGreaterThan(0);
  const link = /https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/.exec((await mailsTo(member.email))[0]!.text)![0];

  const memberContext = await browser.newContext();
  const colleague = await memberContext.newPage();
  await colleague.goto(link);
  await expect(colleague.getByText(/invited you as Field Technician/)).toBeVisible();
  await colleague.getByLabel("New password").fill(member.password);
  await colleague.getByLabel("Repeat the password").fill(member.password);
  await colleague.getByRole("button", { name: "Create my account" }).click();
  await colleague.waitForURL(/\/login\?joined=1/);
  await signIn(colleague, acme, member.email, member.password);
  await colleague.waitForURL(`${acme}/`);
  await colleague.goto(`${acme}/users`);
  await expect(colleague.getByText("You don't have access to this page")).toBeVisible();

  // The super admin finds her in the list.
  await page.reload();
  await page.getByLabel("Search users").fill(stamp);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${stamp}`));
  const row = userRow(page, member.name);
  await expect(row).toContainText("Field Technician");

  await row.getByRole("button", { name: `Actions for ${member.name}` }).click();
  await page.getByRole("menuitem", { name: "Change role…" }).click();
  const dialog = page.getByRole("dialog", { name: "Change role" });
  await expect(dialog).toContainText(member.email);
  // Her current role is chosen, and there is nothing to save until another one is.
  await expect(dialog.getByLabel("Role")).toHaveValue("FIELD_TECHNICIAN");
  await expect(dialog.getByRole("button", { name: "Change role" })).toBeDisabled();
  // Staff roles only: a customer's portal sign-in is not one a colleague can be turned into.
  await expect(dialog.getByLabel("Role").locator("option", { hasText: /^Customer$/ })).toHaveCount(0);
  await dialog.getByLabel("Role").selectOption({ label: "Billing Administrator" });
  await expect(dialog.getByText("Billing Administrators must use two-factor authentication.")).toBeVisible();
  await dialog.getByLabel("Role").selectOption({ label: "Customer Service Manager" });
  await expect(dialog.getByText("must use two-factor authentication")).toBeHidden();
  await dialog.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText(`${member.name} is now Customer Service Manager`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("Customer Service Manager");

  // Saved: a reload shows it, and the role filter finds her under the new role only.
  await page.reload();
  await expect(userRow(page, member.name)).toContainText("Customer Service Manager");
  await page.getByLabel("Show").selectOption({ label: "Field Technician" });
  await expect(page.getByText("No users match your filters")).toBeVisible();
  await page.getByLabel("Show").selectOption({ label: "Customer Service Manager" });
  await expect(userRow(page, member.name)).toContainText("Customer Service Manager");

  // Her session is the same one: the next page she opens already follows the new role.
  await colleague.goto(`${acme}/users?q=${stamp}`);
  await expect(colleague.getByRole("heading", { name: "Users" })).toBeVisible();
  await expect(userRow(colleague, member.name)).toBeVisible();
  await expect(colleague.getByText("You don't have access to this page")).toHaveCount(0);
  await memberContext.close();

  // Nobody changes their own role, not even a super admin: the refusal is said in the dialog.
  await page.goto(`${acme}/users?q=admin%40acme.example`);
  const own = page.getByRole("row").filter({ hasText: "admin@acme.example" });
  await own.getByRole("button", { name: /^Actions for / }).click();
  await page.getByRole("menuitem", { name: "Change role…" }).click();
  await expect(dialog).toContainText("This is your own account.");
  await dialog.getByLabel("Role").selectOption({ label: "Network Administrator" });
  await dialog.getByRole("button", { name: "Change role" }).click();
  await expect(dialog.getByText("You cannot change your own role.")).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "admin@acme.example" })).toContainText("Super Admin");
});
