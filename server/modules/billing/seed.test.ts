import { expect, it } from "vitest";
import { seedBilling } from "../../../prisma/seed-billing";
import { seedLifecycle } from "../../../prisma/seed-lifecycle";
import { withTenant } from "../../db/tenant";
import { makeCompany, makeUser } from "../../test/fixtures";
import { todayIn } from "../subscriptions/dates";
import { preview } from "./run";

// The demo's billing set-up (prisma/seed-billing.ts): seeded once, and a run previewed on the
// demo's subscribers invoices them with VAT and excise duty included in the price.

it("seeds the demo's billing settings and taxes once, ready for a first run", async () => {
  const { company } = await makeCompany("seed-billing");
  await makeUser(company.id, "CUSTOMER", { email: "brian.ouma@example.com", name: "Brian Ouma" });
  await seedLifecycle(company.id);
  await seedBilling(company.id);
  await seedBilling(company.id);
  const rates = await withTenant(company.id, (tx) => tx.taxRate.findMany({ orderBy: { name: "asc" } }));
  expect(rates.map((r) => [r.name, r.rateBps])).toEqual([
    ["Excise duty", 1_500],
    ["VAT", 1_600],
  ]);
  const shown = await preview(company.id, todayIn(company.timeZone));
  expect(shown.invoiceCount).toBeGreaterThan(0);
  const line = shown.invoices[0]!.lines[0]!;
  // Inclusive: the line's total is its price after discount, and the taxes are inside it.
  expect(line.totalMinor).toBe(line.grossMinor - line.discountMinor);
  expect(line.taxes.map((t) => t.name)).toEqual(["VAT", "Excise duty"]);
});
