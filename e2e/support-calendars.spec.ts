import { expect, test, type Page } from "@playwright/test";
import { companyOrigin, registerIsp } from "./helpers";

// Business calendars (Settings → Support & SLA), on a new ISP, which starts with one default
// calendar: its Saturday hours changed, a second calendar refused for a missing name, an unknown
// time zone and a name in use and then added, made the default instead, holidays added to it (a
// day that already is one refused) and removed, and the calendar that is no longer the default
// deleted. Every change is still there after a reload.

const run = Date.now().toString(36);
const slug = `e2e-cal-${run}`;
const origin = companyOrigin(slug);
const owner = { name: "Halima Yusuf", email: `halima.${run}@e2e-cal.example`, password: "Owner-pass-2026" };
// Holidays next year, so that they are ahead whatever the date of the run.
const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Africa/Nairobi", year: "numeric" }).format(new Date())) + 1; // prettier-ignore
const JAMHURI = `${year}-12-12`;
const CHRISTMAS = `${year}-12-25`;

const calendar = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

test("an ISP sets up its desk's calendars: edits one, adds another, changes the default, keeps holidays and deletes one", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await registerIsp(page, { companyName: "Garissa Wireless", slug, owner });
  await page.goto(`${origin}/settings/support`);
  // A new ISP starts with one calendar, the default: it cannot be deleted or made the default again.
  const desk = calendar(page, "Support desk");
  await expect(desk).toContainText("Mon–Fri 08:00–17:00 · Sat 09:00–13:00 (Africa/Nairobi)");
  await expect(desk.getByText("Default", { exact: true })).toBeVisible();
  await expect(desk.getByRole("button", { name: "Make default" })).toHaveCount(0);
  await expect(desk.getByRole("button", { name: "Delete" })).toHaveCount(0);

  // Saturday's hours changed.
  await desk.getByRole("button", { name: "Edit hours" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Support desk" });
  await expect(edit.getByLabel("Saturday period 1 closes")).toHaveValue("13:00");
  await edit.getByLabel("Saturday period 1 closes").fill("14:00");
  await edit.getByRole("button", { name: "Save calendar" }).click();
  await expect(page.getByText("Calendar saved")).toBeVisible();
  await expect(edit).toBeHidden();
  await expect(desk).toContainText("Mon–Fri 08:00–17:00 · Sat 09:00–14:00 (Africa/Nairobi)");

  // A second calendar: refused without a name, in an unknown zone, or with a name in use.
  await page.getByRole("button", { name: "Add calendar" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a business calendar" });
  // Monday to Friday, 08:00 to 17:00, in the company's zone, until changed.
  await expect(dialog.getByLabel("Time zone")).toHaveValue("Africa/Nairobi");
  await expect(dialog.getByLabel("Monday period 1 opens")).toHaveValue("08:00");
  await dialog.getByLabel("Time zone").fill("Mars/Olympus_Mons");
  await dialog.getByRole("button", { name: "Add calendar" }).click();
  await expect(dialog.getByText("Give the calendar a name.")).toBeVisible();
  await expect(dialog.getByText("Choose a time zone from the list, e.g. Africa/Nairobi.")).toBeVisible();
  await dialog.getByLabel("Time zone").fill("Africa/Nairobi");
  await dialog.getByLabel("Name").fill("Support desk");
  await dialog.getByRole("button", { name: "Add calendar" }).click();
  await expect(dialog.getByText("Already used by another calendar.")).toBeVisible();
  await dialog.getByLabel("Name").fill("Night line");
  await dialog.getByRole("button", { name: "Remove Friday period 1" }).click();
  await dialog.getByRole("button", { name: "Add calendar" }).click();
  await expect(page.getByText("Calendar added")).toBeVisible();
  await expect(dialog).toBeHidden();
  const night = calendar(page, "Night line");
  await expect(night).toContainText("Mon–Thu 08:00–17:00 (Africa/Nairobi)");
  await expect(night.getByText("Default", { exact: true })).toHaveCount(0);

  // The night line becomes the default; the desk can now be made default again or deleted.
  await night.getByRole("button", { name: "Make default" }).click();
  await expect(page.getByText("Night line is now the default calendar")).toBeVisible();
  await expect(night.getByText("Default", { exact: true })).toBeVisible();
  await expect(night.getByRole("button", { name: "Make default" })).toHaveCount(0);
  await expect(desk.getByText("Default", { exact: true })).toHaveCount(0);
  await expect(desk.getByRole("button", { name: "Make default" })).toBeEnabled();
  await page.reload();
  await expect(night.getByText("Default", { exact: true })).toBeVisible();
  await expect(desk.getByText("Default", { exact: true })).toHaveCount(0);

  // Holidays of the default calendar.
  await expect(night.getByText("No holidays yet: add public holidays so their days do not count.")).toBeVisible();
  const holidayForm = night.getByRole("form", { name: "Add a holiday" });
  await holidayForm.getByLabel("Date").fill(JAMHURI);
  await holidayForm.getByRole("button", { name: "Add holiday" }).click();
  await expect(holidayForm.getByText("Name the holiday.")).toBeVisible();
  await holidayForm.getByLabel("Holiday").fill("Jamhuri Day");
  await holidayForm.getByRole("button", { name: "Add holiday" }).click();
  const jamhuri = night.getByRole("button", { name: `Remove holiday Jamhuri Day on ${JAMHURI}` });
  await expect(jamhuri).toBeVisible();
  await expect(holidayForm.getByLabel("Holiday")).toHaveValue("");
  await holidayForm.getByLabel("Date").fill(JAMHURI);
  await holidayForm.getByLabel("Holiday").fill("Independence Day");
  await holidayForm.getByRole("button", { name: "Add holiday" }).click();
  await expect(holidayForm.getByText("Already a holiday: Jamhuri Day.")).toBeVisible();
  await holidayForm.getByLabel("Date").fill(CHRISTMAS);
  await holidayForm.getByLabel("Holiday").fill("Christmas Day");
  await holidayForm.getByRole("button", { name: "Add holiday" }).click();
  const christmas = night.getByRole("button", { name: `Remove holiday Christmas Day on ${CHRISTMAS}` });
  await expect(christmas).toBeVisible();

  await jamhuri.click();
  await expect(jamhuri).toHaveCount(0);
  await expect(christmas).toBeVisible();
  await page.reload();
  await expect(christmas).toBeVisible();
  await expect(jamhuri).toHaveCount(0);
  await expect(desk.getByText("No holidays yet")).toBeVisible();

  // The desk, no longer the default, is deleted.
  await desk.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog").or(page.getByRole("dialog", { name: "Delete Support desk?" }));
  await confirm.getByRole("button", { name: "Delete calendar" }).click();
  await expect(page.getByText("Calendar deleted")).toBeVisible();
  await expect(desk).toHaveCount(0);
  await page.reload();
  await expect(night).toBeVisible();
  await expect(desk).toHaveCount(0);
});
