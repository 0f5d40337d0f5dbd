import { expect, test } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// The network administrator of the demo ISP "Acme Fiber" is asked about a customer's line: she
// finds the customer on the network map, the map focuses the customer's CPE, and opening it shows
// the device with the customer behind it (prisma/seed-network.ts gives Brian Ouma's subscription,
// CPE serial ZTE100999, a CPE on the Kilimani access point).

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";

test("the network administrator finds a customer on the map and opens the device behind them", async ({ page }) => {
  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);

  await page.goto(`${acme}/network/map`);
  await expect(page.getByRole("heading", { name: "Network map" })).toBeVisible();
  const map = page.getByTestId("network-map");
  await expect(map.getByRole("group", { name: /^core-1,/ })).toBeVisible();

  await page.getByLabel("Find a device or customer").fill("brian ouma");
  await page.getByRole("option", { name: /Brian Ouma/ }).click();

  const cpe = map.getByRole("group", { name: /zte100999/ });
  await expect(cpe).toHaveAttribute("aria-current", "true");
  await expect(cpe).toBeInViewport();

  await cpe.click();
  await expect(page).toHaveURL(/\/network\/devices\/[^/]+$/);
  await expect(page.getByRole("heading", { name: /zte100999/ })).toBeVisible();
  const behind = page.getByRole("region", { name: "Customers behind this device" });
  await expect(behind.getByRole("link", { name: /Brian Ouma/ })).toBeVisible();
});
