import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { withFakeCamera, writeLabelVideo } from "./fake-camera";
import { companyOrigin, openTodaysJob, PORT } from "./helpers";

// The phone view's camera scanner (components/console/field/barcode-scanner.tsx) reading a real
// label: Chromium's fake camera films the QR code of a serial from the technician's van, and the
// unit is deployed to the customer from what the camera read, nothing typed. Debian's Chromium on
// Linux has no BarcodeDetector, so this is the @zxing/browser path decoding the video frames.
// It runs on today's installation for Amina Hassan (e2e/inventory.spec.ts deploys on it first
// when both run, and leaves the technician on site).

const acme = companyOrigin("acme");
const video = path.join(os.tmpdir(), `lastmile-e2e-${PORT}-label.y4m`);
// The camera's file must exist when Chromium starts; the label filmed is written once the serial is known.
writeLabelVideo(video, "NO SERIAL YET");

test.use({
  launchOptions: withFakeCamera(video),
  permissions: ["camera"],
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
});

test("the technician scans a unit's label with the phone's camera and deploys it on the job", async ({ page }) => {
  await openTodaysJob(page, acme, /Installation · Amina Hassan/);
  const serialBox = page.getByRole("combobox", { name: "Serial to deploy" });
  const onMyWay = page.getByRole("button", { name: "On my way" });
  await expect(onMyWay.or(serialBox)).toBeVisible();
  if (await onMyWay.isVisible()) {
    await onMyWay.click();
    await page.getByRole("button", { name: "Arrived on site" }).click();
  }
  await expect(serialBox).toBeVisible();
  expect(await page.evaluate(() => "BarcodeDetector" in globalThis)).toBe(false);

  // A unit in Peter's van (the serials the field offers) is the label in front of the camera.
  const vanSerials = page.locator("#van-serials option");
  await expect.poll(() => vanSerials.count()).toBeGreaterThan(0);
  const serial = (await vanSerials.first().getAttribute("value"))!;
  writeLabelVideo(video, serial);

  await expect(serialBox).toHaveValue("");
  await page.getByRole("button", { name: "Scan the barcode" }).click();
  await expect(page.getByRole("region", { name: "Camera" })).toBeVisible();
  await expect(serialBox).toHaveValue(serial);
  await expect(page.getByRole("region", { name: "Camera" })).toBeHidden();

  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(page.getByText(`Installed · ${serial}`)).toBeVisible();
  await expect(page.locator(`#van-serials option[value="${serial}"]`)).toHaveCount(0);
});
