// Demo billing set-up: the company's billing settings and Kenya's taxes on internet service
// (excise duty 20 % on the price, and VAT 16 % on the price plus the excise, both on standard-rated
// packages; prices include them, as Kenyan ISPs advertise).
// prisma/seed-history.ts then writes months of invoices and payments with them.
// Idempotent: does nothing once the company has a tax rate.
import { withTenant } from "../server/db/tenant";
import * as billingSettings from "../server/modules/billing/settings";
import * as taxes from "../server/modules/billing/taxes";
import type { Scope } from "../server/modules/scope";

export async function seedBilling(companyId: string): Promise<void> {
  await withTenant(companyId, async (tx) => {
    const scope: Scope = { tx, companyId, actor: { type: "SYSTEM", label: "seed" } };
    if ((await taxes.list(scope)).length > 0) return;
    await billingSettings.update(scope, {
      invoicePrefix: "ACME-",
      paymentTermsDays: 14,
      taxMode: "INCLUSIVE",
      roundingMode: "HALF_UP",
      cycleAlignment: "CALENDAR",
      suspendedBilling: "PAUSE",
      taxRegistrationNumber: "P051234567Q",
      // What the invoice PDF prints under the name and in "How to pay" (174379 is Safaricom's
      // published test paybill, not a real business).
      invoiceAddress: "Acme Fiber Ltd, 3rd floor, Kilimani Business Centre, Kirichwa Road, Nairobi",
      mpesaPaybill: "174379",
      bankDetails: "Kenya Commercial Bank, Kilimani branch, account Acme Fiber Ltd 1234567890.",
    });
    await taxes.create(scope, { name: "VAT", rateBps: 1_600, taxCategory: "STANDARD", compound: true });
    await taxes.create(scope, { name: "Excise duty", rateBps: 2_000, taxCategory: "STANDARD" });
  });
}
