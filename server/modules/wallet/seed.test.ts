import { expect, it } from "vitest";
import { seedLifecycle } from "../../../prisma/seed-lifecycle";
import { seedWallet } from "../../../prisma/seed-wallet";
import { withTenant } from "../../db/tenant";
import { makeCompany, makeUser } from "../../test/fixtures";
import { balanceOf } from "./testing";

// The demo's wallets (prisma/seed-wallet.ts): seeded once; the prepaid customer's first term is
// paid from the wallet and the portal customer has money for vouchers.

it("seeds a prepaid customer with a paid first term and a portal customer with wallet money, once", async () => {
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
  expect(terms).toHaveLength(1);
  expect(terms[0]).toMatchObject({ customerId: grace.id, amountMinor: 100_000 });
});
