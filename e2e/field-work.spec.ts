import { deflateSync } from "node:zlib";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { companyOrigin, nairobiWallTime, signIn } from "./helpers";

// Field operations on the demo ISP "Acme Fiber": a dispatcher schedules an installation for
// today and assigns it to the field technician; the technician works it on a phone (on the way,
// arrived, checklist, an optical power reading, the ONT's serial, a photo, the customer's
// signature) and completes it; the dispatcher sees it completed with everything recorded.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const stamp = Date.now().toString(36);
const PHONE = { width: 390, height: 844 };

const job = {
  title: `Fibre installation ${stamp}`,
  address: "Plot 12, Argwings Kodhek Road, Kilimani, Nairobi",
  instructions: "Gate code 4471. Ask for the caretaker.",
  serial: `hwtc${stamp}`,
  signer: "Mary Wambui",
  photo: "ont-installed.png",
};
let jobUrl = "";

const REQUIRED_ITEMS = [
  "Confirm the customer and the installation address",
  "Mount and connect the ONT / CPE",
  "Measure optical power or signal at the CPE",
  "Configure PPPoE and Wi-Fi; test browsing",
  "Run a speed test with the customer",
];

test.describe.configure({ mode: "serial" });

/** A small solid-colour PNG, as a phone camera's photo would be a (much larger) image. */
function pngImage(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A finger drawing a squiggle across the pad (touch events, as on a phone). */
async function signWithFinger(page: Page, pad: Locator) {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const points = Array.from({ length: 16 }, (_, i) => ({
    x: box.x + box.width * (0.1 + 0.05 * i),
    y: box.y + box.height * (0.5 + 0.3 * Math.sin(i / 1.5)),
  }));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [points[0]] });
  for (const p of points.slice(1)) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [p] });
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

/** Nothing sticks out sideways: the page never scrolls horizontally on the phone. */
async function expectNoHorizontalOverflow(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

test("a dispatcher schedules an installation for today and assigns it to the field technician", async ({ page }) => {
  await signIn(page, acme, "care@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/work-orders`);
  await page.getByRole("button", { name: "New work order" }).first().click();

  const dialog = page.getByRole("dialog", { name: "New work order" });
  // A window from the start of the current hour, so the job is on today's list wherever the day is.
  const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  await dialog.getByRole("combobox", { name: "Kind", exact: true }).selectOption({ label: "Installation" });
  await dialog.getByRole("combobox", { name: "Technician", exact: true }).selectOption({ label: "Peter Kamau" });
  await dialog.getByRole("textbox", { name: "Title", exact: true }).fill(job.title);
  await dialog.getByLabel(/^Window starts/).fill(nairobiWallTime(new Date(hour)));
  await dialog.getByLabel(/^Window ends/).fill(nairobiWallTime(new Date(hour + 2 * 3_600_000)));
  await dialog.getByRole("textbox", { name: "Address", exact: true }).fill(job.address);
  await dialog.getByLabel("Instructions for the technician").fill(job.instructions);
  // The installation's default checklist comes with the kind.
  await expect(dialog.getByLabel("Checklist item 1")).toHaveValue(REQUIRED_ITEMS[0]);
  await dialog.getByRole("button", { name: "Schedule job" }).click();

  // Saving opens the new work order.
  await page.waitForURL(/\/work-orders\/[^/]+$/);
  jobUrl = page.url();
  await expect(page.getByRole("heading", { name: new RegExp(job.title) })).toBeVisible();
  await expect(page.getByText("Scheduled", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Peter Kamau").first()).toBeVisible();
});

test.describe("on a phone", () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

  test("a field technician completes the work order on a phone-sized viewport", async ({ page }) => {
    expect(jobUrl, "the dispatcher's test scheduled the job").toBeTruthy();
    await signIn(page, acme, "field@acme.example", PASSWORD);
    await page.waitForURL(`${acme}/`);

    // The menu folds away on a phone.
    await page.getByRole("button", { name: "Open menu" }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My jobs" }).click();
    await page.waitForURL(`${acme}/field`);
    await expect(page.getByRole("heading", { name: "Hello, Peter" })).toBeVisible();
    const today = page.getByRole("region", { name: "Today" });
    await expectNoHorizontalOverflow(page);
    await today.getByRole("link", { name: new RegExp(job.title) }).click();

    await page.waitForURL(/\/field\/[^/]+$/);
    expect(page.url().split("/").pop()).toBe(jobUrl.split("/").pop());
    await expect(page.getByRole("heading", { name: job.title })).toBeVisible();
    await expect(page.getByText(job.instructions)).toBeVisible();
    await expect(page.getByText(/open once you tap “Arrived on site”/)).toBeVisible();

    await page.getByRole("button", { name: "On my way" }).click();
    await expect(page.getByText("En route", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Arrived on site" }).click();
    await expect(page.getByText("On site", { exact: true })).toBeVisible();

    // Before anything is done the page says what completing still needs.
    const missing = page.getByRole("status").filter({ hasText: "Before you can complete:" });
    await expect(missing).toContainText("Tick the required checklist items");
    await expect(missing).toContainText("Get the customer's signature");

    // Checklist: every required item ticked; the optional ones may stay open.
    for (const item of REQUIRED_ITEMS) {
      const box = page.getByRole("checkbox", { name: item, exact: true });
      await box.click();
      await expect(box).toBeChecked();
    }
    await expect(page.getByRole("heading", { name: /^Checklist/ })).toContainText("5/7");
    await expect(missing).not.toContainText("checklist");

    // An optical power reading. Phone keypads often lack a minus: the ± button adds it.
    await expect(page.getByLabel("What did you measure?")).toHaveValue("OPTICAL_POWER_DBM");
    const value = page.getByLabel(/^Value in dBm/);
    await value.fill("19.45");
    await page.getByRole("button", { name: "Change sign" }).click();
    await expect(value).toHaveValue("-19.45");
    await page.getByLabel("Note (optional)").fill("At the ONT, living room");
    await page.getByRole("button", { name: "Save reading" }).click();
    await expect(page.getByText("Optical power: -19.45 dBm", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Remove Optical power -19.45" })).toBeVisible();
    await expect(value).toHaveValue("");

    // The ONT fitted, by its serial (stored in capitals, as printed on the label).
    await expect(page.getByRole("radio", { name: "Installed" })).toHaveAttribute("aria-checked", "true");
    await page.getByLabel("Device").fill("Huawei HG8245H ONT");
    await page.getByLabel("Serial number").fill(job.serial);
    await page.getByRole("button", { name: "Record equipment" }).click();
    await expect(page.getByRole("button", { name: `Remove ${job.serial.toUpperCase()}` })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Huawei HG8245H ONT" })).toContainText(
      `Installed · ${job.serial.toUpperCase()}`,
    );

    // A photo from the camera.
    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Take a photo" }).click();
    await (await chooser).setFiles({ name: job.photo, mimeType: "image/png", buffer: pngImage(48, 32, [34, 139, 34]) });
    const photo = page.getByRole("img", { name: job.photo });
    await expect(photo).toBeVisible();
    // The thumbnail really loads from the (signed-in) attachment download.
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(48);

    // The customer signs on the glass with a finger.
    await expect(page.getByRole("radio", { name: "Customer signs" })).toHaveAttribute("aria-checked", "true");
    await page.getByLabel("Name of the person signing").fill(job.signer);
    const save = page.getByRole("button", { name: "Save signature" });
    await expect(save).toBeDisabled();
    await signWithFinger(page, page.getByRole("img", { name: /Customer's signature: draw with your finger/ }));
    await expect(page.getByText("Signed", { exact: true })).toBeVisible();
    await save.click();
    await expect(page.getByRole("img", { name: `Signature of ${job.signer}` })).toBeVisible();
    await expect(page.getByText(`Signed by ${job.signer}`)).toBeVisible();
    await expect(missing).toHaveCount(0);

    await page
      .getByLabel("Notes for the office (optional)")
      .fill("ONT mounted in the living room; customer shown the Wi-Fi settings.");
    await expectNoHorizontalOverflow(page);
    await page.getByRole("button", { name: "Complete job" }).click();

    await expect(page.getByText(/^Completed \d/)).toBeVisible();
    await expect(page.getByText(`Signed by ${job.signer}.`)).toBeVisible();
    await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible();
    // Nothing left to tap: the on-site steps give way to what was recorded.
    await expect(page.getByRole("button", { name: "Complete job" })).toHaveCount(0);
    const records = page.getByText("Recorded on site").locator("xpath=ancestor::*[@data-slot='card'][1]");
    await expect(records).toContainText("-19.45 dBm");
    await expect(records).toContainText(job.serial.toUpperCase());
    await expect(records.getByRole("img", { name: job.photo })).toBeVisible();
    await expectNoHorizontalOverflow(page);

    // Back on the list the job shows as done.
    await page.getByRole("link", { name: "My jobs" }).first().click();
    await page.waitForURL(`${acme}/field`);
    await expect(
      page.getByRole("region", { name: "Today" }).getByRole("link", { name: new RegExp(job.title) }),
    ).toContainText("Completed");
  });
});

test("the dispatcher sees the work order completed with everything recorded on site", async ({ page }) => {
  await signIn(page, acme, "care@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/work-orders`);
  await page.getByLabel("Search", { exact: true }).fill(job.title);
  // The search lands in the URL after a pause in typing; a click before that would be undone by it.
  await page.waitForURL(/[?&]q=Fibre/);
  const row = page.getByRole("row", { name: new RegExp(job.title) });
  await expect(row).toContainText("Completed");
  await expect(row).toContainText("Peter Kamau");
  await row.getByRole("link", { name: job.title }).click();

  await page.waitForURL(jobUrl);
  await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(`Signed by ${job.signer}`)).toBeVisible();
  const records = page.getByText("Recorded on site").locator("xpath=ancestor::*[@data-slot='card'][1]");
  await expect(records).toContainText("Optical power");
  await expect(records).toContainText("-19.45 dBm");
  await expect(records).toContainText(`Huawei HG8245H ONT · ${job.serial.toUpperCase()}`);
  await expect(records.getByRole("img", { name: job.photo })).toBeVisible();
  // Completed jobs are no longer edited or cancelled.
  await expect(page.getByRole("button", { name: "Cancel job" })).toHaveCount(0);
});
