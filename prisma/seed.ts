// Seeds one demo ISP, "Acme Fiber" at acme.<ROOT_DOMAIN>, with a user for each of the seven
// roles, and prints the sign-ins. Idempotent: does nothing when the company exists. Its
// password is published, so production never runs it unless asked (wantsDemoSeed).
import { hashPassword } from "../server/auth/password";
import { ROLE_LABELS } from "../server/auth/permissions";
import type { Role } from "../server/db/generated/prisma/enums";
import { disconnectDb } from "../server/db/client";
import { withTenant } from "../server/db/tenant";
import { handleEventsInline } from "../server/jobs";
import { newId } from "../server/lib/ids";
import { companyUrl, rootUrl } from "../server/lib/urls";
import * as audit from "../server/modules/audit/service";
import * as companies from "../server/modules/companies/service";
import { ensureOperator } from "../server/modules/platform/service";
import { seedBilling } from "./seed-billing";
import { SUSPENDED_PORTAL_CUSTOMER, seedHistory } from "./seed-history";
import { PREPAID_PORTAL_CUSTOMER, seedWallet } from "./seed-wallet";
import { seedDataCaps } from "./seed-data-caps";
import { seedMonitoring } from "./seed-monitoring";
import { seedNetwork } from "./seed-network";
import { seedInventory } from "./seed-inventory";
import { seedAssetFinance } from "./seed-asset-finance";
import { seedAddressPlan } from "./seed-ipam";
import { seedLifecycle } from "./seed-lifecycle";
import { seedField } from "./seed-field";
import { seedSla, seedStaff, seedTickets } from "./seed-support";

export const DEMO_PASSWORD = "Lastmile-demo-2026";
export const DEMO_SLUG = "acme";

const PEOPLE: { role: Role; name: string; email: string }[] = [
  { role: "NETWORK_ADMIN", name: "Grace Otieno", email: "noc@acme.example" },
  { role: "CUSTOMER_SERVICE_MANAGER", name: "Samuel Mwangi", email: "care@acme.example" },
  { role: "TECHNICAL_SUPPORT", name: "Aisha Njeri", email: "support@acme.example" },
  { role: "FIELD_TECHNICIAN", name: "Peter Kamau", email: "field@acme.example" },
  { role: "BILLING_ADMIN", name: "Linda Achieng", email: "billing@acme.example" },
  { role: "CUSTOMER", name: "Brian Ouma", email: "brian.ouma@example.com" },
  // A subscriber who stopped paying: suspended by dunning, for paying overdue invoices in the portal.
  { role: "CUSTOMER", ...SUSPENDED_PORTAL_CUSTOMER },
  // A prepaid subscriber with money in her wallet: buys data top-ups with "Pay from wallet".
  { role: "CUSTOMER", ...PREPAID_PORTAL_CUSTOMER },
];

/** What the printed sign-ins say about a portal customer beside the portal's address. */
const PORTAL_NOTES: Record<string, string> = {
  [SUSPENDED_PORTAL_CUSTOMER.email]: "; suspended for overdue invoices",
  [PREPAID_PORTAL_CUSTOMER.email]: "; prepaid, pays data top-ups from her wallet",
};

/** `npm run dev` seeds the demo; `npm start` (production) only when SEED_DEMO=1 asks for it. */
export function wantsDemoSeed(mode: "dev" | "start", vars: Record<string, string | undefined>): boolean {
  if (vars.SKIP_SEED === "1") return false;
  return mode === "dev" || vars.SEED_DEMO === "1";
}

export async function seed(log: (line: string) => void = console.log): Promise<void> {
  // The demo's subscriptions and tickets start background work; without Inngest it runs here.
  handleEventsInline();
  const existing = await companies.findBySlug(DEMO_SLUG);
  if (!existing) {
    const { company } = await companies.register(
      {
        name: "Acme Fiber",
        slug: DEMO_SLUG,
        currency: "KES",
        timeZone: "Africa/Nairobi",
        country: "KE",
        adminName: "Wanjiku Kariuki",
        adminEmail: "admin@acme.example",
        password: DEMO_PASSWORD,
      },
      { label: "seed" },
    );
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    await withTenant(company.id, async (tx) => {
      for (const p of PEOPLE) {
        const user = await tx.user.create({
          data: { id: newId(), companyId: company.id, email: p.email, name: p.name, role: p.role, passwordHash },
        });
        await audit.record(
          { tx, companyId: company.id, actor: { type: "SYSTEM", label: "seed" } },
          {
            action: "user.create",
            entityType: "User",
            entityId: user.id,
            after: { email: p.email, name: p.name, role: p.role },
          },
        );
      }
    });
    await seedAddressPlan(company.id); // first: the business subscription's static IP comes from a pool
    await seedLifecycle(company.id);
    await seedField(company.id);
    await seedStaff(company.id);
    await seedSla(company.id);
  }
  const demoId = (existing ?? (await companies.findBySlug(DEMO_SLUG)))!.id;
  await seedTickets(demoId); // also on a demo company seeded before tickets; once
  await seedBilling(demoId); // likewise before billing; once
  await seedWallet(demoId); // likewise before wallets; once
  await seedDataCaps(demoId); // likewise before data top-ups; once
  await seedHistory(demoId); // months of invoices and payments, after the taxes; once
  await seedNetwork(demoId); // likewise before devices; once
  await seedMonitoring(demoId); // 14 days of polls, sessions and usage for the dashboards; once
  await seedInventory(demoId); // after the network: its CPEs become deployed units; once
  await seedAssetFinance(demoId); // depreciation rules and maintenance plans, after the inventory; once
  // Created once; a password the operator has changed since is kept.
  await ensureOperator({ email: "operator@lastmile.example", name: "Platform Operator", password: DEMO_PASSWORD });
  log(`\nPlatform operator (lists companies only): ${rootUrl("/operator")}  operator@lastmile.example`);
  log(`Demo company "Acme Fiber": ${companyUrl(DEMO_SLUG, "/login")}  (password for everyone: ${DEMO_PASSWORD})`);
  log(
    `  ${ROLE_LABELS.SUPER_ADMIN.padEnd(26)} admin@acme.example  (enrols two-factor authentication on first sign-in)`,
  );
  for (const p of PEOPLE)
    log(
      `  ${ROLE_LABELS[p.role].padEnd(26)} ${p.email}${p.role === "CUSTOMER" ? `  (portal: ${companyUrl(DEMO_SLUG, "/portal")}${PORTAL_NOTES[p.email] ?? ""})` : p.role === "BILLING_ADMIN" ? "  (enrols two-factor authentication on first sign-in)" : ""}`,
    );
  log("");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.env.DATABASE_URL && !process.env.APP_DATABASE_URL) {
    console.error("DATABASE_URL is not set. `npm run dev` seeds the embedded database by itself.");
    process.exit(1);
  }
  await seed();
  await disconnectDb();
}
