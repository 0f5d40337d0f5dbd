import { expect } from "vitest";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure, failure } from "../../test/trpc";
import { customersFixture } from "../customers/isolation.cases";
import { vouchersFixture } from "../vouchers/isolation.cases";

// Tenant isolation of sales leads.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

/** A lead of B (with a note), and one of A's own; both due for follow-up. */
export const leadsFixture = fixture(async (w) => {
  const followUpAt = new Date(Date.now() - 60_000);
  const leadId = (await w.bAdmin.leads.create({ name: "Bravo Prospect", phone: "0700 000 001", followUpAt })).id;
  await w.bAdmin.leads.addActivity({ leadId, body: "Bravo note" });
  const aLeadId = (await w.aAdmin.leads.create({ name: "Alpha Prospect", phone: "0700 000 002", followUpAt })).id;
  return { cb: { ...(await customersFixture(w)).cb, leadId, aLeadId }, ...(await vouchersFixture(w)) };
});

export default isolationCases({
  setup: leadsFixture,
  snapshotB: async (tx) => ({
    leads: await tx.lead.findMany({ orderBy: { id: "asc" } }),
    leadActivities: await tx.leadActivity.count(),
  }),
  idsOfB: async (tx) => (await tx.lead.findMany()).map((l) => l.id),
  procedures: {
    "leads.list": async (w, f) => {
      const page = await w.aAdmin.leads.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toContain(f.cb.aLeadId);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.leads.list({ search: "bravo" })).toMatchObject({ total: 0 });
    },
    "leads.get": async (w, f) => {
      expect((await failure(w.aAdmin.leads.get({ id: f.cb.leadId }))).code).toBe("NOT_FOUND");
    },
    "leads.followUpsDue": async (w, f) => {
      const due = await w.aAdmin.leads.followUpsDue();
      expect(due.map((l) => l.id)).toContain(f.cb.aLeadId);
      await w.expectNoneOfB(due);
    },
    "leads.conversionRates": async (w) => {
      const rates = await w.aAdmin.leads.conversionRates();
      expect(rates.bySource.reduce((n, r) => n + r.total, 0)).toBeGreaterThan(0);
      await w.expectNoneOfB(rates);
    },
    "leads.options": async (w, f) => {
      const options = await w.aAdmin.leads.options();
      expect(options.packages.map((p) => p.id)).toContain(f.vb.aPackageId);
      await w.expectNoneOfB(options);
    },
    "leads.create": async (w, f) => {
      // Neither B's package nor B's staff can be attached to A's lead.
      const failed = await failure(
        w.aAdmin.leads.create({
          name: "Cross Link",
          phone: "0700 000 003",
          interestedPackageId: f.vb.packageId,
          ownerId: w.bTech.id,
        }),
      );
      expect(failed.code).toBe("NOT_FOUND");
      expect(failed.fields).toMatchObject({ interestedPackageId: "No such package.", ownerId: expect.any(String) });
    },
    "leads.update": async (w, f) => {
      await expectFailure(
        w.aAdmin.leads.update({ id: f.cb.leadId, name: "Hijacked", phone: "0700 000 004" }),
        "NOT_FOUND",
      );
    },
    "leads.changeStage": async (w, f) => {
      await expectFailure(
        w.aAdmin.leads.changeStage({ id: f.cb.leadId, stage: "LOST", lostReason: "Sabotage" }),
        "NOT_FOUND",
      );
    },
    "leads.addActivity": async (w, f) => {
      expect((await failure(w.aAdmin.leads.addActivity({ leadId: f.cb.leadId, body: "Injected note" }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "leads.convert": async (w, f) => {
      expect((await failure(w.aAdmin.leads.convert({ id: f.cb.leadId }))).code).toBe("NOT_FOUND");
    },
  },
});
