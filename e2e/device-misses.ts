// The poller's view of one device, for the outages journey: the device serving a portal customer
// (the one their line hangs off) answers once and then misses two polls, through the same
// service the SNMP/ICMP poller calls (recordReachability), against the e2e server's database.
// With the default hold-down of two missed polls, the second miss opens the outage.
//
//   tsx e2e/device-misses.ts <company slug> <portal e-mail>
// prints { deviceName, outageId, customerName } as JSON.
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import { handleEventsInline } from "../server/jobs";
import { settleInline } from "../server/jobs/emit";
import * as companies from "../server/modules/companies/service";
import { recordReachability } from "../server/modules/outages/reachability";
import type { Scope } from "../server/modules/scope";

const [slug, email] = process.argv.slice(2);
if (!slug || !email) throw new Error("Usage: device-misses.ts <slug> <portal e-mail>");

handleEventsInline();
const company = await companies.findBySlug(slug);
if (!company) throw new Error(`No company ${slug}`);
const result = await withTenant(company.id, async (tx) => {
  const scope: Scope = { tx, companyId: company.id, actor: { type: "SYSTEM", label: "e2e poller" } };
  const customer = await tx.customer.findFirstOrThrow({
    where: { user: { email } },
    select: {
      firstName: true,
      lastName: true,
      subscriptions: { select: { accessInterface: { select: { device: true } } } },
    },
  });
  const device = customer.subscriptions.map((s) => s.accessInterface?.device).find(Boolean);
  if (!device) throw new Error(`${email}'s line hangs off no device`);
  const now = Date.now();
  await recordReachability(scope, { deviceId: device.id, up: true, at: new Date(now - 3_000), latencyMs: 2.5 });
  await recordReachability(scope, { deviceId: device.id, up: false, at: new Date(now - 2_000) });
  const opened = await recordReachability(scope, { deviceId: device.id, up: false, at: new Date(now - 1_000) });
  if (!opened.changed || !opened.opened)
    throw new Error(`No outage opened for ${device.name}: ${JSON.stringify(opened)}`);
  return {
    deviceName: device.name,
    outageId: opened.opened,
    customerName: `${customer.firstName} ${customer.lastName}`,
  };
});
await settleInline();
await disconnectDb();
console.log(JSON.stringify(result));
