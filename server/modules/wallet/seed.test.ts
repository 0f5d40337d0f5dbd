import { expect, it } from "vitest";
import { seedDataCaps } from "../../../prisma/seed-data-caps";
import { seedLifecycle } from "../../../prisma/seed-lifecycle";
import { PREPAID_PORTAL_CUSTOMER, seedWallet } from "../../../prisma/seed-wallet";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { balanceOf } from "./testing";

// The demo's wallets (prisma/seed-wallet.ts): seeded once; the prepaid customer's terms since she
// started two months ago are paid from the wallet and the portal customer has money for vouchers.
// The prepaid customer signs in to the portal and pays a data top-up from her wallet.

it("seeds a prepaid customer with terms paid from top-ups and a portal customer with wallet money, once", async () => {
  const { company } = await makeCompany("seed-wallet");
  await makeUser(company.id, "CUSTOMER", { email: "brian.ouma@example.com", name: "Brian Ouma" });
  const graceUser = await makeUser(company.id, "CUSTOMER", PREPAID_PORTAL_CUSTOMER);
  await seedLifecycle(company.id);
  await seedWallet(company.id);
  await seedWallet(company.id);
  await seedDataCaps(company.id);
  const [brian, grace, terms] = await withTenant(company.id, async (tx) => [
    await tx.customer.findFirstOrThrow({ where: { email: "brian.ouma@example.com" } }),
    await tx.customer.findFirstOrThrow({ where: { email: PREPAID_PORTAL_CUSTOMER.email } }),
    await tx.prepaidTerm.findMany(),
  ]);
  expect(await balanceOf(company.id, brian.id)).toBe(50_000);
  // A term's worth left over: more than the dearest demo data top-up (KES 750).
  expect(await balanceOf(company.id, grace.id)).toBe(100_000);
  // A term a month since her start two months ago: two, or three once this month's has begun.
  expect(terms.length).toBeGreaterThanOrEqual(2);
  expect(terms.length).toBeLessThanOrEqual(3);
  expect(terms.every((t) => t.customerId === grace.id && t.amountMinor === 100_000)).toBe(true);
  const days = terms.map((t) => t.termStart.getTime()).sort();
  expect(days[1]! - days[0]!).toBeGreaterThanOrEqual(28 * 86_400_000);

  // Her portal sign-in is hers, and her capped prepaid service takes a top-up paid from the wallet.
  expect(grace.userId).toBe(graceUser.id);
  const portal = await callerAs(company, graceUser.id);
  const usage = await portal.dataCaps.portal.usage();
  expect(usage.subscriptions).toHaveLength(1);
  const [service] = usage.subscriptions;
  const saver = usage.options.find((o) => o.name === "Month saver 50 GB")!;
  await portal.dataCaps.portal.buy({
    subscriptionId: service!.subscriptionId,
    optionId: saver.id,
    requestKey: "seed-demo-1",
  });
  expect(await balanceOf(company.id, grace.id)).toBe(100_000 - saver.priceMinor);
  expect((await portal.dataCaps.portal.usage()).subscriptions[0]).toMatchObject({
    topUpMb: 50 * 1024,
    allowanceMb: service!.allowanceMb + 50 * 1024,
  });
});
