import { expect, test } from "@playwright/test";
import { companyOrigin, PORT, signIn, runSetUp } from "./helpers";

// Issue 13's poll results as an external poller posts them (POST /api/ingest/snmp with a server
// key), and what the network administrator then sees on the device's page: it is up over SNMP,
// and its uplink's traffic is charted from the five-minute rollups.

const acme = companyOrigin("acme");
const PASSWORD = "Lastmile-demo-2026";
const DEVICE = "agg-kilimani";

function pollerKey(): { key: string; deviceId: string } {
  return runSetUp("poller-key.ts", "acme", DEVICE);
}

test("a device's polls posted by an external poller show on its page as up, with its traffic", async ({
  page,
  request,
}) => {
  const { key, deviceId } = pollerKey();
  // Two polls five minutes apart, ending now, of counters that grow 1.25 MB a second (10 Mb/s) and an
  // uptime that follows the clock, so a later run against the same database goes on from them.
  const now = Math.floor(Date.now() / 1000);
  const poll = (secondsAgo: number, inOctets?: string) => {
    const t = now - secondsAgo;
    const octets = inOctets ?? String(t * 1_250_000);
    return {
      deviceId,
      at: new Date(t * 1000).toISOString(),
      snmp: {
        sysUpTime: (t - 1_790_000_000) * 100,
        sysDescr: "RouterOS CRS326",
        interfaces: [
          { ifIndex: 1, name: "uplink-e2e", operStatus: 1, inOctets: octets, outOctets: octets, speedMbps: 1000 },
        ],
      },
    };
  };
  const post = (body: unknown, token = key) =>
    // To the loopback address with the company's Host header (Node does not resolve *.localhost).
    request.post(`http://127.0.0.1:${PORT}/api/ingest/snmp`, {
      data: body,
      headers: { host: `acme.localhost:${PORT}`, authorization: `Bearer ${token}` },
    });
  expect((await post({ devices: [poll(0, "not a counter")] })).status()).toBe(400);
  expect((await post({ devices: [poll(0)] }, "lmr_forged")).status()).toBe(401);
  expect((await post({ devices: [poll(300)] })).status()).toBe(200);
  expect(await (await post({ devices: [poll(0)] })).json()).toMatchObject({ rated: 1 });

  await signIn(page, acme, "noc@acme.example", PASSWORD);
  await page.waitForURL(`${acme}/`);
  await page.goto(`${acme}/network/devices/${deviceId}`);
  await expect(page.getByTestId("device-reachability")).toContainText("Up (SNMP)");
  await page.getByLabel("Interface").selectOption({ label: "uplink-e2e" });
  await expect(page.getByRole("img", { name: /Traffic of uplink-e2e in megabits per second/ })).toBeVisible();
});
