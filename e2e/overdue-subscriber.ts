// Brings a new subscriber of a company to where an ISP's customer gets after not paying: the
// service activated a month ago, that month's invoice issued by a billing run, its due date and
// the grace period passed, and the daily dunning run suspending the service. Everything goes
// through the app's own services (billing run, dunning run, their background work handled in this
// process), against the e2e server's database with its environment (e2e/app-env.ts).
//
//   tsx e2e/overdue-subscriber.ts <company slug> <portal e-mail> <portal password>
// prints { accountNumber, invoiceNumber, totalMinor } as JSON.
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import { handleEventsInline } from "../server/jobs";
import { settleInline } from "../server/jobs/emit";
import * as billingSettings from "../server/modules/billing/settings";
import { run } from "../server/modules/billing/run";
import { invoiceNumber } from "../server/modules/billing/schema";
import * as companies from "../server/modules/companies/service";
import * as customers from "../server/modules/customers/service";
import { runDaily } from "../server/modules/dunning/service";
import * as packages from "../server/modules/packages/service";
import type { Scope } from "../server/modules/scope";
import { toDateString, todayIn } from "../server/modules/subscriptions/dates";
import * as subscriptions from "../server/modules/subscriptions/service";
import { givePortalSignIn } from "./portal-sign-in";

const [slug, email, password] = process.argv.slice(2);
if (!slug || !email || !password) throw new Error("Usage: overdue-subscriber.ts <slug> <e-mail> <password>");

handleEventsInline();
const company = await companies.findBySlug(slug);
if (!company) throw new Error(`No company ${slug}`);
const actor = { type: "SYSTEM" as const, label: "e2e set-up" };
const timeZone = (await withTenant(company.id, (tx) => tx.company.findUniqueOrThrow({ where: { id: company.id } })))
  .timeZone;
// A month ago: the invoice is due 14 days later, so it is past the 7-day grace by now.
const started = toDateString(new Date(new Date(`${todayIn(timeZone)}T00:00:00Z`).getTime() - 30 * 86_400_000));

const { customerId, subscriptionId } = await withTenant(company.id, async (tx) => {
  const scope: Scope = { tx, companyId: company.id, actor };
  // Prices include tax and each period starts on the subscription's day, so the invoice is the
  // package's price in whole shillings (what M-Pesa moves).
  await billingSettings.update(scope, {
    invoicePrefix: "INV-",
    paymentTermsDays: 14,
    taxMode: "INCLUSIVE",
    roundingMode: "HALF_UP",
    cycleAlignment: "ANNIVERSARY",
    suspendedBilling: "PAUSE",
    taxRegistrationNumber: "P051234567Q",
  });
  const pkg = await packages.create(scope, {
    name: "Home Fibre 20",
    code: `HF20-${Date.now().toString(36)}`,
    type: "FIBER",
    downloadKbps: 20_000,
    uploadKbps: 10_000,
    billingCycle: "MONTHLY",
    priceMinor: 2_999_00,
  });
  const customer = await customers.create(scope, {
    firstName: "Achieng",
    lastName: "Odhiambo",
    phone: "0712 345 678",
    email,
    serviceAddress: "14 Ngong Road, Kilimani, Nairobi",
  });
  await givePortalSignIn(scope, { id: customer.id, name: "Achieng Odhiambo" }, email, password);
  const { subscription } = await subscriptions.create(scope, {
    customerId: customer.id,
    packageId: pkg.id,
    startDate: started,
    installationAddress: "14 Ngong Road, Kilimani, Nairobi",
  });
  await subscriptions.transition(scope, "activate", { id: subscription.id });
  return { customerId: customer.id, subscriptionId: subscription.id };
});
await settleInline();

await run(company.id, { date: started, trigger: "MANUAL", actor });
await runDaily(company.id);
await settleInline();

const state = await withTenant(company.id, async (tx) => ({
  customer: await tx.customer.findUniqueOrThrow({ where: { id: customerId } }),
  invoice: await tx.invoice.findFirstOrThrow({ where: { customerId } }),
  subscription: await tx.subscription.findUniqueOrThrow({ where: { id: subscriptionId } }),
}));
if (state.subscription.status !== "SUSPENDED")
  throw new Error(`Dunning left the subscription ${state.subscription.status}`);
console.log(
  JSON.stringify({
    accountNumber: state.customer.accountNumber,
    invoiceNumber: invoiceNumber(state.invoice.prefix, state.invoice.number),
    totalMinor: state.invoice.totalMinor,
  }),
);
await disconnectDb();
