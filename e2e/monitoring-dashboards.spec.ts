import { expect, test } from "@playwright/test";
import { companyOrigin, signIn } from "./helpers";

// Issue 13's dashboards on the demo ISP's seeded fortnight (prisma/seed-monitoring.ts): the network
// administrator opens Network → Monitoring and sees bandwidth charted with its peak hours, sessions
// online with their trend, the top users, devices up and down with latency, and the core's WAN
// uplink heading for 80 %; then Uptime & SLA: agg-westlands' outage three days ago, the customer
// lines behind it, and the SLA credit report.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";

test("the monitoring dashboards chart the seeded network, and the uptime pages list what the outage took down", async ({
  page,
}) => {
  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Monitoring" }).click();
  await expect(page.getByRole("heading", { name: "Monitoring" })).toBeVisible();

  // Bandwidth of the whole network over the last 7 days, and its peak hours on Nairobi's clock.
  await expect(page.getByRole("img", { name: /Bandwidth of the whole network in megabits per second/ })).toBeVisible();
  await expect(
    page.getByRole("img", { name: /Average bandwidth of the whole network per hour of the day in Africa\/Nairobi/ }),
  ).toBeVisible();
  await expect(page.getByText(/Busiest at \d\d:00 \(Africa\/Nairobi\)/)).toBeVisible();
  // Narrowed to one interface.
  await expect.poll(() => page.getByLabel("Device", { exact: true }).locator("option").count()).toBeGreaterThan(1);
  await page.getByLabel("Device", { exact: true }).selectOption({ label: "core-1" });
  await page.getByLabel("Interface", { exact: true }).selectOption({ label: "ether1" });
  await expect(page.getByRole("img", { name: /Bandwidth of core-1 ether1 in megabits per second/ })).toBeVisible();

  // Sessions online now and their hourly trend.
  await expect(page.getByTestId("sessions-online-now")).toHaveText(/^[1-9]\d*$/);
  await expect(page.getByRole("img", { name: /Sessions online at each hour, last 7 days/ })).toBeVisible();

  // The top users, biggest first, with their share.
  const top = page.getByRole("table", { name: "Top users" });
  await expect(top.getByRole("row")).not.toHaveCount(1);
  await expect(top.getByRole("row").nth(1)).toContainText(/\d+\.\d %/);

  // Devices up and down, the access point's ping latency charted.
  await expect(page.getByTestId("devices-up")).toHaveText(/^[1-9]\d* up$/);
  const devices = page.getByRole("table", { name: "Latency and loss per device" });
  await expect(devices.getByRole("row", { name: /ap-kilimani-sector1/ })).toContainText(/\d+\.\d ms/);
  await expect(
    page.getByRole("img", { name: /Latency in milliseconds and packet loss in percent of ap-kilimani-sector1/ }),
  ).toBeVisible();

  // Capacity: the WAN uplink's evening peaks grow towards 80 % of 1 Gb/s, so it has a date.
  const uplinks = page.getByRole("table", { name: "Uplink capacity" });
  await expect(uplinks.getByRole("row", { name: /core-1 ether1/ })).toContainText(
    /Reaches 80 % on \d{1,2} \w{3} \d{4}/,
  );
  await expect(page.getByRole("img", { name: /Daily peak utilization in percent of core-1 ether1/ })).toBeVisible();

  // A longer period keeps the same cards.
  await page.getByRole("button", { name: "Last 30 days" }).click();
  await expect(page).toHaveURL(/period=30d/);
  await expect(page.getByRole("img", { name: /Sessions online at each hour, last 30 days/ })).toBeVisible();

  // Uptime per device: agg-westlands was down 2 h 35 min three days ago.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Uptime & SLA" }).click();
  await expect(page.getByRole("heading", { name: "Uptime & SLA" })).toBeVisible();
  await page.getByRole("button", { name: "Last 30 days" }).click();
  const agg = page.getByRole("row", { name: /agg-westlands/ });
  await expect(agg).toContainText("2 h 35 min");
  await expect(agg).toContainText(/99\.\d\d %/);
  await expect(page.getByTestId("devices-up-throughout")).toContainText(/\d+ other devices? had 100 % uptime/);

  // Per customer line, against the package's SLA.
  await page.getByRole("tab", { name: "Customers" }).click();
  await expect(page).toHaveURL(/view=lines/);
  const lines = page.getByRole("row").filter({ hasText: "2 h 35 min" });
  await expect(lines.first()).toBeVisible();
  await expect(page.getByRole("button", { name: /Only broken SLAs \(\d+\)/ })).toBeVisible();

  // The SLA credit report for business customers, with the credits due.
  await page.getByRole("tab", { name: "SLA credits" }).click();
  await expect(page.getByRole("table", { name: "SLA credit report" })).toBeVisible();
  await expect(page.getByTestId("sla-credit-total")).toHaveText(/KES\s[\d,.]+/);
});
