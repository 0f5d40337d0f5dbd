import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure, failure } from "../../test/trpc";
import { call, hostOf } from "../../api/rest/testing";
import { subscribe } from "./rest";
import { customersFixture } from "../customers/isolation.cases";
import { packagesFixture } from "../packages/isolation.cases";
import { makeCustomer as makeLifecycleCustomer } from "../subscriptions/testing";

// Tenant isolation of subscriptions, with the RADIUS rows provisioning writes for them.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** An active subscription of B on B's package (with its RADIUS password row). */
export const subscriptionsFixture = fixture(async (w) => {
  const companyId = w.B.company.id;
  const packages = (await packagesFixture(w)).sb;
  const customerId = (await makeLifecycleCustomer(companyId)).id;
  const username = "bravo-subscriber";
  const subscriptionId = newId();
  await withTenant(companyId, async (tx) => {
    await tx.subscription.create({
      data: {
        id: subscriptionId,
        companyId,
        customerId,
        packageId: packages.packageId,
        status: "ACTIVE",
        startDate: new Date("2026-11-01"),
        pppoeUsername: username,
        pppoePassword: "v1.sealed.elsewhere.x",
        provisioning: "PROVISIONED",
      },
    });
    await tx.radiusAttribute.create({
      data: {
        id: newId(),
        companyId,
        username,
        kind: "check",
        attribute: "Cleartext-Password",
        value: "bravo-secret",
        subscriptionId,
      },
    });
  });
  // A's customer from the customers module: another one would advance A's account numbers.
  const aCustomerId = (await customersFixture(w)).cb.aCustomerId;
  return { sb: { ...packages, customerId, username, subscriptionId, aCustomerId } };
});

export default isolationCases({
  setup: subscriptionsFixture,
  snapshotB: async (tx) => ({
    subscriptions: await tx.subscription.findMany({ orderBy: { id: "asc" } }),
    subscriptionEvents: await tx.subscriptionEvent.count(),
    radiusAttributes: await tx.radiusAttribute.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [...(await tx.subscription.findMany()).map((x) => x.id), "bravo-secret"],
  procedures: {
    "subscriptions.list": async (w, f) => {
      await w.aAdmin.subscriptions.create({
        customerId: f.sb.aCustomerId,
        packageId: f.sb.aPackageId,
        startDate: "2026-12-01",
      });
      const page = await w.aAdmin.subscriptions.list({ pageSize: 100 });
      expect(page.rows.length).toBeGreaterThan(0);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.subscriptions.list({ customerId: f.sb.customerId })).toMatchObject({ total: 0 });
      expect(await w.aAdmin.subscriptions.list({ search: f.sb.username })).toMatchObject({ total: 0 });
    },
    "subscriptions.get": async (w, f) => {
      expect((await failure(w.aAdmin.subscriptions.get({ id: f.sb.subscriptionId }))).code).toBe("NOT_FOUND");
    },
    "subscriptions.forCustomer": async (w, f) => {
      expect((await failure(w.aAdmin.subscriptions.forCustomer({ customerId: f.sb.customerId }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "subscriptions.create": async (w, f) => {
      await expectFailure(
        w.aAdmin.subscriptions.create({
          customerId: f.sb.customerId,
          packageId: f.sb.aPackageId,
          startDate: "2026-12-01",
        }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.subscriptions.create({
          customerId: f.sb.aCustomerId,
          packageId: f.sb.packageId,
          startDate: "2026-12-01",
        }),
        "NOT_FOUND",
      );
      // PPPoE usernames are unique per company: B's is free at A.
      const own = await w.aAdmin.subscriptions.create({
        customerId: f.sb.aCustomerId,
        packageId: f.sb.aPackageId,
        startDate: "2026-12-01",
        pppoeUsername: f.sb.username,
      });
      expect(own.subscription.pppoeUsername).toBe(f.sb.username);
    },
    "subscriptions.activate": async (w, f) => {
      expect((await failure(w.aAdmin.subscriptions.activate({ id: f.sb.subscriptionId }))).code).toBe("NOT_FOUND");
    },
    "subscriptions.suspend": async (w, f) => {
      await expectFailure(
        w.aAdmin.subscriptions.suspend({ id: f.sb.subscriptionId, reason: "Cross-tenant" }),
        "NOT_FOUND",
      );
    },
    "subscriptions.resume": async (w, f) => {
      expect((await failure(w.aAdmin.subscriptions.resume({ id: f.sb.subscriptionId }))).code).toBe("NOT_FOUND");
    },
    "subscriptions.terminate": async (w, f) => {
      await expectFailure(
        w.aAdmin.subscriptions.terminate({ id: f.sb.subscriptionId, reason: "Cross-tenant" }),
        "NOT_FOUND",
      );
    },
    "subscriptions.reprovision": async (w, f) => {
      expect((await failure(w.aAdmin.subscriptions.reprovision({ id: f.sb.subscriptionId }))).code).toBe("NOT_FOUND");
    },
    "subscriptions.setAddress": async (w, f) => {
      await expectFailure(
        w.aAdmin.subscriptions.setAddress({ id: f.sb.subscriptionId, staticIp: "192.0.2.77" }),
        "NOT_FOUND",
      );
    },
    "subscriptions.setDelegatedPrefix": async (w, f) => {
      await expectFailure(w.aAdmin.subscriptions.setDelegatedPrefix({ id: f.sb.subscriptionId }), "NOT_FOUND");
    },
    "subscriptions.network": async (w, f) => {
      await expectFailure(w.aAdmin.subscriptions.network({ id: f.sb.subscriptionId }), "NOT_FOUND");
    },
    "subscriptions.regeneratePassword": async (w, f) => {
      expect((await failure(w.aAdmin.subscriptions.regeneratePassword({ id: f.sb.subscriptionId }))).code).toBe(
        "NOT_FOUND",
      );
    },
  },
  rest: {
    "POST /api/packages/{id}/subscribe": async (w, f) => {
      const res = await call(subscribe, {
        host: hostOf(w.A.company.slug),
        token: w.aToken,
        params: { id: f.sb.packageId },
        body: { customerId: f.sb.aCustomerId, startDate: "2026-12-01" },
      });
      expect(res.status).toBe(404);
    },
  },
});
