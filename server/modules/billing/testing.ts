import { extractText, getDocumentProxy } from "unpdf";
import { withTenant } from "../../db/tenant";
import type { CreatePackageInput } from "../packages/schema";
import * as packages from "../packages/service";
import type { Scope } from "../scope";
import * as subscriptions from "../subscriptions/service";
import { makeCustomer, packageInput } from "../subscriptions/testing";
import type { BillingSettingsInput } from "./schema";
import * as settings from "./settings";
import * as taxes from "./taxes";

// Builders for billing's integration tests: a company's billing set-up and active subscribers.

const admin = (companyId: string, tx: Scope["tx"]): Scope => ({
  tx,
  companyId,
  actor: { type: "SYSTEM", label: "test" },
});

export async function setUpBilling(
  companyId: string,
  over: Partial<BillingSettingsInput> = {},
  rates: { name: string; rateBps: number }[] = [{ name: "VAT", rateBps: 1_600 }],
) {
  return withTenant(companyId, async (tx) => {
    const scope = admin(companyId, tx);
    await settings.update(scope, {
      invoicePrefix: "INV-",
      paymentTermsDays: 14,
      taxMode: "EXCLUSIVE",
      roundingMode: "HALF_UP",
      cycleAlignment: "CALENDAR",
      suspendedBilling: "BILL",
      taxRegistrationNumber: "P051234567X",
      ...over,
    });
    const created = [];
    for (const r of rates) created.push(await taxes.create(scope, { ...r, taxCategory: "STANDARD" }));
    return created;
  });
}

export async function makePackage(companyId: string, over: Partial<CreatePackageInput> = {}) {
  return withTenant(companyId, (tx) => packages.create(admin(companyId, tx), packageInput("PPPOE", over)));
}

/** An active subscriber on `packageId` from `startDate`; pass customerId to add to a customer. */
export async function activeSubscriber(
  companyId: string,
  packageId: string,
  startDate: string,
  opts: { customerId?: string; quantity?: number; firstName?: string } = {},
) {
  const customerId = opts.customerId ?? (await makeCustomer(companyId, { firstName: opts.firstName })).id;
  return withTenant(companyId, async (tx) => {
    const scope = admin(companyId, tx);
    const { subscription } = await subscriptions.create(scope, {
      customerId,
      packageId,
      startDate,
      quantity: opts.quantity ?? 1,
    });
    await subscriptions.transition(scope, "activate", { id: subscription.id });
    return { customerId, subscriptionId: subscription.id };
  });
}

/** A PDF's text as a reader sees it (parsed back with unpdf), runs of whitespace as one space. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text.replace(/\s+/g, " ");
}

/** A 1 × 1 PNG: a real image the PDF renderer can draw (the company's logo in tests). */
export const TINY_PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "base64",
  ),
);
