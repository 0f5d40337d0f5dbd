// A newly sold subscription waiting for the network team, and a fresh address pool for it: a
// customer with a pending PPPoE subscription on one of the company's packages, and a /29 pool
// of its own, made by the app's own services against the e2e server's database (the journey's
// network administrator may not sell subscriptions, so the sale happens here).
//
//   tsx e2e/new-subscriber.ts <company slug> <first name> <last name> <pool CIDR>
// prints { customerId, pppoeUsername, packageName, poolId } as JSON.
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import { handleEventsInline } from "../server/jobs";
import { settleInline } from "../server/jobs/emit";
import * as prefixes from "../server/modules/ipam/prefixes";
import type { Scope } from "../server/modules/scope";
import { companyOf, sellSubscription, setUpActor } from "./sale";

const [slug, firstName, lastName, pool] = process.argv.slice(2);
if (!slug || !firstName || !lastName || !pool)
  throw new Error("Usage: new-subscriber.ts <slug> <first name> <last name> <pool CIDR>");

handleEventsInline();
const company = await companyOf(slug);

const out = await withTenant(company.id, async (tx) => {
  const scope: Scope = { tx, companyId: company.id, actor: setUpActor };
  const { customer, subscription, pkg } = await sellSubscription(scope, {
    firstName,
    lastName,
    address: "Argwings Kodhek Road, Kilimani, Nairobi",
  });
  const made = await prefixes.create(scope, { prefix: pool, isPool: true, description: `Journey pool ${pool}` });
  return { customerId: customer.id, pppoeUsername: subscription.pppoeUsername, packageName: pkg.name, poolId: made.id };
});
await settleInline();
console.log(JSON.stringify(out));
await disconnectDb();
