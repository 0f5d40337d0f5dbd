// A poller key for posting poll results, and the id of one of the company's devices, made by the
// app's own services against the e2e server's database (the spec then posts like an external poller).
//
//   tsx e2e/poller-key.ts <company slug> <device name>
// prints { key, deviceId } as JSON.
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import * as companies from "../server/modules/companies/service";
import * as radiusKeys from "../server/modules/radius/keys";

const [slug, deviceName] = process.argv.slice(2);
if (!slug || !deviceName) throw new Error("Usage: poller-key.ts <slug> <device name>");
const company = await companies.findBySlug(slug);
if (!company) throw new Error(`No company ${slug}`);
const out = await withTenant(company.id, async (tx) => {
  const scope = { tx, companyId: company.id, actor: { type: "SYSTEM" as const, label: "e2e set-up" } };
  const made = await radiusKeys.create(scope, { name: `e2e poller ${Date.now().toString(36)}`, use: "POLLER" });
  const device = await tx.device.findFirstOrThrow({ where: { name: deviceName }, select: { id: true } });
  return { key: made.secret, deviceId: device.id };
});
console.log(JSON.stringify(out));
await disconnectDb();
