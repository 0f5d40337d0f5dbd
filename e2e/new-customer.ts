// A new customer of a company with nothing billed yet and no subscription: a clean account for a
// spec to add charges to, or to sign in to the portal with (given an e-mail and a password, the
// customer gets a portal sign-in of their own). Made by the app's own services against the e2e
// server's database.
//
//   tsx e2e/new-customer.ts <company slug> <first name> <last name> [<portal e-mail> <password>]
// prints { customerId } as JSON.
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import * as customers from "../server/modules/customers/service";
import type { Scope } from "../server/modules/scope";
import { givePortalSignIn } from "./portal-sign-in";
import { companyOf, setUpActor } from "./sale";

const [slug, firstName, lastName, email, password] = process.argv.slice(2);
if (!slug || !firstName || !lastName || (email && !password))
  throw new Error("Usage: new-customer.ts <slug> <first name> <last name> [<portal e-mail> <password>]");

const company = await companyOf(slug);
const customer = await withTenant(company.id, async (tx) => {
  const scope: Scope = { tx, companyId: company.id, actor: setUpActor };
  const customer = await customers.create(scope, {
    firstName,
    lastName,
    phone: "0733 100 200",
    email: email ?? `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z0-9.]+/g, ".") + "@example.com",
    serviceAddress: "Lenana Road, Kilimani, Nairobi",
    status: "ACTIVE",
  });
  if (email && password)
    await givePortalSignIn(scope, { id: customer.id, name: `${firstName} ${lastName}` }, email, password);
  return customer;
});
console.log(JSON.stringify({ customerId: customer.id }));
await disconnectDb();
