// A subscriber on a capped plan who has used more than the cap this billing cycle, offline now:
// a PPPoE package of 1 GB a month that slows down to a fair-use speed once it is used up, a data
// top-up on sale, a customer whose subscription started three days ago, and one finished session
// of `mb` megabytes reported by accounting. Made by the app's own services against the e2e
// server's database, for a company of its own (it adds a package and a top-up to the catalogue).
//
//   tsx e2e/capped-subscriber.ts <company slug> <first name> <last name> <MB used>
// prints { customerId, packageName, topUpName } as JSON.
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import { handleEventsInline } from "../server/jobs";
import { settleInline } from "../server/jobs/emit";
import * as customers from "../server/modules/customers/service";
import * as topUps from "../server/modules/data-caps/catalogue";
import * as packages from "../server/modules/packages/service";
import { account, accountingPacket } from "../server/modules/radius/accounting";
import type { Scope } from "../server/modules/scope";
import { todayIn, toDateString } from "../server/modules/subscriptions/dates";
import * as subscriptions from "../server/modules/subscriptions/service";
import { companyOf, setUpActor } from "./sale";

const [slug, firstName, lastName, used] = process.argv.slice(2);
if (!slug || !firstName || !lastName || !used)
  throw new Error("Usage: capped-subscriber.ts <slug> <first name> <last name> <MB used>");

const PACKAGE = "Lite 1 GB";
const TOP_UP = "Boost 1 GB";
handleEventsInline();
const company = await companyOf(slug);

const made = await withTenant(company.id, async (tx) => {
  const scope: Scope = { tx, companyId: company.id, actor: setUpActor };
  const { timeZone } = await tx.company.findUniqueOrThrow({ where: { id: company.id } });
  // Three days into its cycle: accounting files usage under UTC days, which stay inside the cycle
  // whatever the hour of the run in the company's zone.
  const started = toDateString(new Date(new Date(`${todayIn(timeZone)}T00:00:00Z`).getTime() - 3 * 86_400_000));
  const pkg = await packages.create(scope, {
    name: PACKAGE,
    code: `LITE1G-${Date.now().toString(36)}`,
    type: "PPPOE",
    downloadKbps: 10_000,
    uploadKbps: 5_000,
    billingCycle: "MONTHLY",
    priceMinor: 1_000_00,
    dataCapMb: 1_024,
    fupDownloadKbps: 1_000,
    fupUploadKbps: 512,
    onCap: "THROTTLE",
  });
  await topUps.create(scope, { name: TOP_UP, mb: 1_024, priceMinor: 100_00 });
  const customer = await customers.create(scope, {
    firstName,
    lastName,
    phone: "0711 222 333",
    email: `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z0-9.]+/g, ".") + "@example.com",
    serviceAddress: "Moi Avenue, Nyeri",
    status: "ACTIVE",
  });
  const { subscription } = await subscriptions.create(scope, {
    customerId: customer.id,
    packageId: pkg.id,
    startDate: started,
    installationAddress: "Moi Avenue, Nyeri",
  });
  await subscriptions.transition(scope, "activate", { id: subscription.id });
  return { customerId: customer.id, pppoeUsername: subscription.pppoeUsername! };
});
await settleInline();

// One session, started and stopped: usage this cycle, nothing online to slow down.
const session = `e2e-capped-${Date.now().toString(36)}`;
for (const [status, octets] of [
  ["Start", "0"],
  ["Stop", String(Number(used) * 1_048_576)],
] as const)
  await account(
    company.id,
    setUpActor,
    accountingPacket(
      new Map([
        ["acct-status-type", status],
        ["user-name", made.pppoeUsername],
        ["acct-session-id", session],
        ["acct-session-time", status === "Stop" ? "3600" : "0"],
        ["acct-output-octets", octets],
        ["acct-input-octets", "0"],
      ]),
    ),
  );
console.log(JSON.stringify({ customerId: made.customerId, packageName: PACKAGE, topUpName: TOP_UP }));
await disconnectDb();
