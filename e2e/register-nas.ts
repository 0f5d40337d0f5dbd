// A NAS registered for a company (once: nothing happens when the address is registered already),
// made by the app's own service against the e2e server's database, so a spec's RADIUS requests
// name a known NAS (once a company has registered any NAS, requests from others are refused).
//
//   tsx e2e/register-nas.ts <company slug> <NAS IP>
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import * as nas from "../server/modules/nas/registry";
import type { Scope } from "../server/modules/scope";
import { companyOf, setUpActor } from "./sale";

const [slug, nasIp] = process.argv.slice(2);
if (!slug || !nasIp) throw new Error("Usage: register-nas.ts <slug> <NAS IP>");
const company = await companyOf(slug);
await withTenant(company.id, async (tx) => {
  const scope: Scope = { tx, companyId: company.id, actor: setUpActor };
  if (await tx.nas.findFirst({ where: { ipAddress: nasIp }, select: { id: true } })) return;
  await nas.create(scope, { name: `e2e-nas-${nasIp}`, ipAddress: nasIp, secret: "e2e-nas-shared-secret" });
});
await disconnectDb();
