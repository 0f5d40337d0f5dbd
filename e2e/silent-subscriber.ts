// A subscriber whose router fell silent: a customer with an active PPPoE subscription whose
// session's last accounting report came six hours ago, then the five-minute job's work for the
// company (close-stale-sessions) as it ran five hours ago, so that the demo's own sessions
// (reported when the database was seeded) stay online for the specs after this one. Made by the
// app's own services against the e2e server's database.
//
//   tsx e2e/silent-subscriber.ts <company slug> <first name> <last name>
// prints { customerId, pppoeUsername, closed } as JSON.
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import { handleEventsInline } from "../server/jobs";
import { settleInline } from "../server/jobs/emit";
import { account, accountingPacket } from "../server/modules/radius/accounting";
import { closeStaleSessions } from "../server/modules/radius/stale";
import type { Scope } from "../server/modules/scope";
import * as subscriptions from "../server/modules/subscriptions/service";
import { companyOf, sellSubscription, setUpActor } from "./sale";

const [slug, firstName, lastName] = process.argv.slice(2);
if (!slug || !firstName || !lastName) throw new Error("Usage: silent-subscriber.ts <slug> <first name> <last name>");

handleEventsInline();
const company = await companyOf(slug);
const made = await withTenant(company.id, async (tx) => {
  const scope: Scope = { tx, companyId: company.id, actor: setUpActor };
  const { customer, subscription } = await sellSubscription(scope, { firstName, lastName, address: "Thika Road" });
  await subscriptions.transition(scope, "activate", { id: subscription.id });
  return { customerId: customer.id, pppoeUsername: subscription.pppoeUsername! };
});
await settleInline();
// Its last Interim-Update, six hours ago (Acct-Delay-Time says how long ago it was produced).
await account(
  company.id,
  setUpActor,
  accountingPacket(
    new Map([
      ["acct-status-type", "Interim-Update"],
      ["user-name", made.pppoeUsername],
      ["acct-session-id", `e2e-silent-${Date.now().toString(36)}`],
      ["acct-delay-time", String(6 * 3600)],
      ["acct-session-time", "600"],
      ["acct-output-octets", "52428800"],
      ["acct-input-octets", "1048576"],
    ]),
  ),
);
const { closed } = await closeStaleSessions(company.id, new Date(Date.now() - 5 * 3_600_000));
console.log(JSON.stringify({ ...made, closed }));
await disconnectDb();
