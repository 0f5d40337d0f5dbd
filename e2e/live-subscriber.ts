// A subscriber online right now behind a NAS that answers CoA: a customer with an active PPPoE
// subscription, the NAS registered at the address and port the spec's responder listens on, and
// an accounting Start for the subscriber's session from that NAS, made by the app's own services
// against the e2e server's database.
//
//   tsx e2e/live-subscriber.ts <company slug> <first name> <last name> <NAS IP> <CoA port> <secret>
// prints { customerId, pppoeUsername, acctSessionId } as JSON.
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import { handleEventsInline } from "../server/jobs";
import { settleInline } from "../server/jobs/emit";
import * as nas from "../server/modules/nas/registry";
import { account, accountingPacket } from "../server/modules/radius/accounting";
import type { Scope } from "../server/modules/scope";
import * as subscriptions from "../server/modules/subscriptions/service";
import { companyOf, sellSubscription, setUpActor } from "./sale";

const [slug, firstName, lastName, nasIp, port, secret] = process.argv.slice(2);
if (!slug || !firstName || !lastName || !nasIp || !port || !secret)
  throw new Error("Usage: live-subscriber.ts <slug> <first name> <last name> <NAS IP> <CoA port> <secret>");

handleEventsInline();
const company = await companyOf(slug);

const made = await withTenant(company.id, async (tx) => {
  const scope: Scope = { tx, companyId: company.id, actor: setUpActor };
  const { customer, subscription } = await sellSubscription(scope, {
    firstName,
    lastName,
    address: "Ngong Road, Nairobi",
  });
  await subscriptions.transition(scope, "activate", { id: subscription.id });
  await nas.create(scope, { name: `e2e-bng-${nasIp}`, ipAddress: nasIp, coaPort: Number(port), secret, type: "BNG" });
  return { customerId: customer.id, pppoeUsername: subscription.pppoeUsername! };
});
await settleInline();
const acctSessionId = `e2e-${Date.now().toString(36)}`;
await account(
  company.id,
  setUpActor,
  accountingPacket(
    new Map([
      ["acct-status-type", "Start"],
      ["user-name", made.pppoeUsername],
      ["acct-session-id", acctSessionId],
      ["nas-ip-address", nasIp],
      ["framed-ip-address", "100.64.200.7"],
    ]),
  ),
);
console.log(JSON.stringify({ ...made, acctSessionId }));
await disconnectDb();
