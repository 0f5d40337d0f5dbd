import { expect, it } from "vitest";
import { seedLifecycle } from "../../../prisma/seed-lifecycle";
import { seedWallet } from "../../../prisma/seed-wallet";
import { withTenant } from "../../db/tenant";
import { makeCompany, makeUser } from "../../test/fixtures";
import { balanceOf } from "./testing";

// The demo's wallets (prisma/seed-wallet.ts): seeded once; the prepaid customer's terms since she
// started two months ago are paid from the wallet and the portal customer has money for vouchers.

it("seeds a prepaid customer with terms paid from top-ups and a portal customer with wallet money, once", async () => {
  const { company } = await makeCompany("seed-wallet");
  await makeUser(company.id, "CUSTOMER", { email: "brian.ouma@example.com", name: "Brian Ouma" });
  await seedLifecycle(company.id);
  await seedWallet(company.id);
  await seedWallet(company.id);
  const [brian, grace, terms] = await withTenant(company.id, async (tx) => [
    await tx.customer.findFirstOrThrow({ where: { email: "brian.ouma@example.com" } }),
    await tx.customer.findFirstOrThrow({ where: { email: "grace.wanjiru@example.com" } }),
    await tx.prepaidTerm.findMany(),
  ]);
  expect(await balanceOf(company.id, brian.id)).toBe(50_000);
  expect(await balanceOf(company.id, grace.id)).toBe(50_000);
  // A term a month since her start two months ago: two, or three once this month's has begun.
  expect(terms.length).toBeGreaterThanOrEqual(2);
  expect(terms.length).toBeLessThanOrEqual(3);
  expect(terms.every((t) => t.customerId === grace.id && t.amountMinor === 100_000)).toBe(true);
  const days = terms.map((t) => t.termStart.getTime()).sort();
  expect(days[1]! - days[0]!).toBeGreaterThanOrEqual(28 * 86_400_000);
});
