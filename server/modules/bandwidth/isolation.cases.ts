import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { fixture, isolationCases } from "../../test/isolation";
import { failure } from "../../test/trpc";
import type { PolicyInput } from "./schema";

// Tenant isolation of bandwidth policies and the walled garden: B's policies (and the packages
// using them) and B's captive settings are out of A's reach whatever id A sends.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

const policy = (name: string): PolicyInput => ({
  name,
  downloadKbps: 20_000,
  uploadKbps: 5_000,
  fupDownloadKbps: 2_000,
  fupUploadKbps: 1_000,
  addressList: "bravo-home",
  freeFromHour: 1,
  freeToHour: 6,
});

export const bandwidthFixture = fixture(async (w) => {
  const bPolicy = await w.bAdmin.bandwidth.policies.create(policy("Bravo home 20M"));
  await w.bAdmin.bandwidth.captive.save({
    suspended: "CAPTIVE",
    addressList: "bravo-captive",
    framedPool: "bravo-pool",
    portalUrl: "https://bravo.example.com/portal",
  });
  const aPolicy = await w.aAdmin.bandwidth.policies.create(policy("Alpha home 10M"));
  return { bPolicyId: bPolicy.id, aPolicyId: aPolicy.id };
});

export default isolationCases({
  setup: bandwidthFixture,
  snapshotB: async (tx) => ({
    policies: await tx.bandwidthPolicy.findMany({ orderBy: { id: "asc" } }),
    captive: await tx.captiveSettings.findMany(),
  }),
  idsOfB: async (tx) => [
    ...(await tx.bandwidthPolicy.findMany()).flatMap((p) => [p.id, p.name]),
    "bravo-captive",
    "bravo-pool",
  ],
  procedures: {
    "bandwidth.policies.list": async (w, f) => {
      const page = await w.aAdmin.bandwidth.policies.list({});
      expect(page.rows.map((r) => r.id)).toEqual([f.aPolicyId]);
      await w.expectNoneOfB(page);
    },
    "bandwidth.policies.choices": async (w, f) => {
      const choices = await w.aAdmin.bandwidth.policies.choices();
      expect(choices.map((c) => c.id)).toEqual([f.aPolicyId]);
      await w.expectNoneOfB(choices);
    },
    "bandwidth.policies.get": async (w, f) => {
      expect((await failure(w.aAdmin.bandwidth.policies.get({ id: f.bPolicyId }))).code).toBe("NOT_FOUND");
    },
    "bandwidth.policies.create": async (w) => {
      // B's policy name is free at A: names are unique per company.
      const created = await w.aAdmin.bandwidth.policies.create(policy("Bravo home 20M"));
      expect(created.companyId).toBe(w.A.company.id);
      await w.aAdmin.bandwidth.policies.delete({ id: created.id });
    },
    "bandwidth.policies.update": async (w, f) => {
      const failed = await failure(w.aAdmin.bandwidth.policies.update({ id: f.bPolicyId, data: policy("Taken over") }));
      expect(failed.code).toBe("NOT_FOUND");
    },
    "bandwidth.policies.delete": async (w, f) => {
      expect((await failure(w.aAdmin.bandwidth.policies.delete({ id: f.bPolicyId }))).code).toBe("NOT_FOUND");
    },
    "bandwidth.captive.get": async (w) => {
      const mine = await w.aAdmin.bandwidth.captive.get();
      expect(mine).toMatchObject({ companyId: w.A.company.id, suspended: "REJECT", addressList: "lastmile-captive" });
      await w.expectNoneOfB(mine);
    },
    "bandwidth.captive.save": async (w) => {
      const saved = await w.aAdmin.bandwidth.captive.save({ suspended: "REJECT", addressList: "alpha-captive" });
      expect(saved.companyId).toBe(w.A.company.id);
      expect(await withTenant(w.A.company.id, (tx) => tx.captiveSettings.count())).toBe(1);
    },
  },
});
