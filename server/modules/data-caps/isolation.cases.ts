import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { parseDate, todayIn } from "../subscriptions/dates";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";
import { activeSubscriber, makePackage } from "../billing/testing";
import { customersFixture } from "../customers/isolation.cases";
import { sendDue } from "./notices";

// Tenant isolation of data caps: B's top-up options, purchases, rollover and notices, and B's
// subscribers, are out of A's reach whatever id A sends (staff and portal alike).
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** After the billing and revenue cases' dates (runs on 2026-03-01 and 2026-04-01, reports to June): not billed there. */
const START = "2026-07-01";

export const dataCapsFixture = fixture(async (w) => {
  const { cb, aCustomerPortal } = await customersFixture(w);
  const bPkg = await makePackage(w.B.company.id, {
    code: "CAPS-B",
    name: "Capped B",
    dataCapMb: 1_024,
    dataRollover: true,
  });
  const bSub = await activeSubscriber(w.B.company.id, bPkg.id, START, { customerId: cb.customerId });
  const bOption = await w.bAdmin.dataCaps.options.create({ name: "Bravo boost", mb: 512, priceMinor: 100 });
  await w.bAdmin.dataCaps.buy({ subscriptionId: bSub.subscriptionId, optionId: bOption.id, requestKey: "bravo-buy-1" });
  await withTenant(w.B.company.id, (tx) =>
    tx.usageDaily.create({
      data: {
        companyId: w.B.company.id,
        subscriptionId: bSub.subscriptionId,
        day: parseDate(todayIn(w.B.company.timeZone)),
        downloadBytes: 2_000n * 1_048_576n,
      },
    }),
  );
  await sendDue(w.B.company.id);

  const aPkg = await makePackage(w.A.company.id, { code: "CAPS-A", name: "Capped A", dataCapMb: 2_048 });
  const aSub = await activeSubscriber(w.A.company.id, aPkg.id, START, { customerId: cb.aCustomerId });
  const aOption = await w.aAdmin.dataCaps.options.create({ name: "Alpha boost", mb: 1_024, priceMinor: 200 });
  return {
    caps: {
      bSubscriptionId: bSub.subscriptionId,
      bCustomerId: cb.customerId,
      bOptionId: bOption.id,
      aSubscriptionId: aSub.subscriptionId,
      aCustomerId: cb.aCustomerId,
      aOptionId: aOption.id,
    },
    aCustomerPortal,
  };
});

export default isolationCases({
  setup: dataCapsFixture,
  snapshotB: async (tx) => ({
    options: await tx.dataTopUpOption.findMany({ orderBy: { id: "asc" } }),
    topUps: await tx.dataTopUp.findMany({ orderBy: { id: "asc" } }),
    rollovers: await tx.dataRollover.findMany({ orderBy: { id: "asc" } }),
    notices: await tx.dataCapNotice.findMany({ orderBy: { id: "asc" } }),
    fairUse: await tx.fairUseState.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.dataTopUpOption.findMany()).flatMap((o) => [o.id, o.name]),
    ...(await tx.dataTopUp.findMany()).map((t) => t.id),
    ...(await tx.dataCapNotice.findMany()).map((n) => n.id),
  ],
  procedures: {
    "dataCaps.options.list": async (w, { caps }) => {
      const page = await w.aAdmin.dataCaps.options.list({ includeArchived: true });
      expect(page.rows.map((r) => r.id)).toEqual([caps.aOptionId]);
      await w.expectNoneOfB(page);
    },
    "dataCaps.options.create": async (w) => {
      // B's option name is free at A: names are unique per company.
      const created = await w.aAdmin.dataCaps.options.create({ name: "Bravo boost", mb: 100, priceMinor: 10 });
      expect(created.companyId).toBe(w.A.company.id);
      await w.aAdmin.dataCaps.options.archive({ id: created.id, archived: true });
    },
    "dataCaps.options.update": async (w, { caps }) => {
      const failed = await failure(
        w.aAdmin.dataCaps.options.update({ id: caps.bOptionId, name: "Taken over", mb: 1, priceMinor: 0 }),
      );
      expect(failed.code).toBe("NOT_FOUND");
    },
    "dataCaps.options.archive": async (w, { caps }) => {
      expect((await failure(w.aAdmin.dataCaps.options.archive({ id: caps.bOptionId, archived: true }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "dataCaps.customer": async (w, { caps }) => {
      expect((await failure(w.aAdmin.dataCaps.customer({ customerId: caps.bCustomerId }))).code).toBe("NOT_FOUND");
      const mine = await w.aAdmin.dataCaps.customer({ customerId: caps.aCustomerId });
      expect(mine.subscriptions.map((s) => s.subscriptionId)).toEqual([caps.aSubscriptionId]);
      await w.expectNoneOfB(mine);
    },
    "dataCaps.buy": async (w, { caps }) => {
      // B's subscription with A's option, and A's subscription with B's option: neither exists here.
      for (const input of [
        { subscriptionId: caps.bSubscriptionId, optionId: caps.aOptionId, requestKey: "cross-tenant-1" },
        { subscriptionId: caps.aSubscriptionId, optionId: caps.bOptionId, requestKey: "cross-tenant-2" },
      ])
        expect((await failure(w.aAdmin.dataCaps.buy(input))).code).toBe("NOT_FOUND");
      expect(await withTenant(w.A.company.id, (tx) => tx.dataTopUp.count())).toBe(0);
    },
    "dataCaps.portal.usage": async (w, { caps, aCustomerPortal }) => {
      const mine = await aCustomerPortal.dataCaps.portal.usage();
      expect(mine.subscriptions.map((s) => s.subscriptionId)).toEqual([caps.aSubscriptionId]);
      expect(mine.options.map((o) => o.id)).toEqual([caps.aOptionId]);
      await w.expectNoneOfB(mine);
    },
    "dataCaps.enforceFairUse": async (w, { caps }) => {
      // B's subscriber is over its allowance; A's run looks at A's subscribers only.
      const run = await w.aAdmin.dataCaps.enforceFairUse();
      expect(run.crossed).toBe(0);
      const states = await withTenant(w.A.company.id, (tx) => tx.fairUseState.findMany());
      expect(states.map((s) => s.subscriptionId)).not.toContain(caps.bSubscriptionId);
    },
    "dataCaps.portal.buy": async (w, { caps, aCustomerPortal }) => {
      const failed = await failure(
        aCustomerPortal.dataCaps.portal.buy({
          subscriptionId: caps.bSubscriptionId,
          optionId: caps.bOptionId,
          requestKey: "cross-tenant-3",
        }),
      );
      expect(failed.code).toBe("NOT_FOUND");
    },
  },
});
