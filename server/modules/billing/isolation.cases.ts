import { settleInline } from "../../jobs/emit";
import { expect } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure } from "../../test/trpc";
import { customersFixture } from "../customers/isolation.cases";
import * as invoicesRest from "./rest";
import * as storage from "../storage/service";
import { setLogo } from "./logo";
import { run } from "./run";
import { activeSubscriber, makePackage, setUpBilling, TINY_PNG } from "./testing";

// Tenant isolation of billing: B's settings, tax rates, exemptions, invoices and runs.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

const DATE = "2026-03-01";
const staff = { type: "SYSTEM" as const, label: "isolation" };
/** Run totals are BigInt, which JSON.stringify refuses: the answer as text for expectNoneOfB. */
const text = (answer: unknown) => JSON.stringify(answer, (_key, v: unknown) => (typeof v === "bigint" ? String(v) : v));

export const billingFixture = fixture(async (w) => {
  // The customers module's own customers of A and B, so A's account numbers stay as it expects.
  const { cb, aCustomerPortal } = await customersFixture(w);
  const [bVat] = await setUpBilling(w.B.company.id, { invoicePrefix: "BRAVO-" }, [
    { name: "Bravo VAT", rateBps: 1_600 },
  ]);
  const bPkg = await makePackage(w.B.company.id, { code: "BILL-B", name: "Billing B" });
  const bSub = await activeSubscriber(w.B.company.id, bPkg.id, DATE, { customerId: cb.customerId });
  const bExemption = await w.bAdmin.billing.exemptions.add({
    customerId: bSub.customerId,
    taxRateId: bVat!.id,
    certificateRef: "BRAVO-CERT-1",
  });
  const bRun = await run(w.B.company.id, { date: DATE, trigger: "MANUAL", actor: staff });
  const bInvoice = await withTenant(w.B.company.id, (tx) =>
    tx.invoice.findFirstOrThrow({ where: { billingRunId: bRun.id } }),
  );
  const bLine = await withTenant(w.B.company.id, (tx) =>
    tx.invoiceLine.findFirstOrThrow({ where: { invoiceId: bInvoice.id } }),
  );
  const bNote = await w.bAdmin.billing.creditNotes.issue({
    invoiceId: bInvoice.id,
    reason: "Bravo outage",
    lines: [{ invoiceLineId: bLine.id, amountMinor: 100 }],
  });
  const bCharge = await w.bAdmin.billing.charges.add({
    customerId: bSub.customerId,
    kind: "EQUIPMENT",
    description: "Bravo router",
    quantity: 1,
    unitPriceMinor: 5_000,
    taxCategory: "STANDARD",
  });

  // B's logo, and a second upload of B's that A might try to make its own.
  const [bLogo, bUpload] = await withTenant(w.B.company.id, async (tx) => {
    const scope = { tx, companyId: w.B.company.id, actor: staff };
    const logo = await storage.upload(scope, { fileName: "bravo.png", contentType: "image/png", bytes: TINY_PNG });
    await setLogo(scope, { attachmentId: logo.id });
    return [logo, await storage.upload(scope, { fileName: "bravo-2.png", contentType: "image/png", bytes: TINY_PNG })];
  });

  const [aVat] = await setUpBilling(w.A.company.id, {}, [{ name: "Alpha VAT", rateBps: 1_600 }]);
  const aPkg = await makePackage(w.A.company.id, { code: "BILL-A", name: "Billing A" });
  const aSub = await activeSubscriber(w.A.company.id, aPkg.id, DATE, { customerId: cb.aCustomerId });
  const aRun = await run(w.A.company.id, { date: DATE, trigger: "MANUAL", actor: staff });
  const aInvoice = await withTenant(w.A.company.id, (tx) =>
    tx.invoice.findFirstOrThrow({ where: { billingRunId: aRun.id } }),
  );
  return {
    aCustomerPortal,
    billing: {
      bVatId: bVat!.id,
      bCustomerId: bSub.customerId,
      bExemptionId: bExemption.id,
      bRunId: bRun.id,
      bChargeId: bCharge.id,
      bInvoiceId: bInvoice.id,
      bLineId: bLine.id,
      bCreditNoteId: bNote.id,
      bLogoId: bLogo.id,
      bUploadId: bUpload.id,
      aVatId: aVat!.id,
      aCustomerId: aSub.customerId,
      aRunId: aRun.id,
      aInvoiceId: aInvoice.id,
    },
  };
});

export default isolationCases({
  setup: billingFixture,
  snapshotB: async (tx) => ({
    settings: await tx.billingSettings.findMany(),
    logos: await tx.attachment.findMany({ where: { kind: "LOGO" }, orderBy: { id: "asc" } }),
    taxRates: await tx.taxRate.findMany({ orderBy: { id: "asc" } }),
    exemptions: await tx.taxExemption.findMany({ orderBy: { id: "asc" } }),
    invoices: await tx.invoice.findMany({ orderBy: { id: "asc" } }),
    lines: await tx.invoiceLine.findMany({ orderBy: { id: "asc" } }),
    lineTaxes: await tx.invoiceLineTax.findMany({ orderBy: { id: "asc" } }),
    periods: await tx.billingPeriod.findMany({ orderBy: { id: "asc" } }),
    deliveries: await tx.invoiceDelivery.findMany({ orderBy: { id: "asc" } }),
    runs: await tx.billingRun.findMany({ orderBy: { id: "asc" } }),
    creditNotes: await tx.creditNote.findMany({ orderBy: { id: "asc" } }),
    creditNoteLines: await tx.creditNoteLine.findMany({ orderBy: { id: "asc" } }),
    creditEntries: await tx.creditEntry.findMany({ orderBy: { id: "asc" } }),
    charges: await tx.pendingCharge.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.taxRate.findMany()).map((r) => r.id),
    ...(await tx.taxExemption.findMany()).flatMap((e) => [e.id, e.certificateRef]),
    ...(await tx.invoice.findMany()).map((i) => i.id),
    ...(await tx.billingRun.findMany()).map((r) => r.id),
    ...(await tx.billingPeriod.findMany()).map((p) => p.id),
    ...(await tx.invoiceLine.findMany()).map((l) => l.id),
    ...(await tx.creditNote.findMany()).map((n) => n.id),
    ...(await tx.pendingCharge.findMany()).flatMap((c) => [c.id, c.description]),
  ],
  procedures: {
    "billing.charges.forCustomer": async (w, f) => {
      await expectFailure(w.aAdmin.billing.charges.forCustomer({ customerId: f.billing.bCustomerId }), "NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.billing.charges.forCustomer({ customerId: f.billing.aCustomerId }));
    },
    "billing.charges.add": async (w, f) => {
      const input = {
        kind: "INSTALLATION" as const,
        description: "Alpha install",
        quantity: 1,
        unitPriceMinor: 1_000,
        taxCategory: "STANDARD" as const,
      };
      await expectFailure(w.aAdmin.billing.charges.add({ ...input, customerId: f.billing.bCustomerId }), "NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.billing.charges.add({ ...input, customerId: f.billing.aCustomerId }));
    },
    "billing.charges.cancel": async (w, f) => {
      await expectFailure(w.aAdmin.billing.charges.cancel({ id: f.billing.bChargeId }), "NOT_FOUND");
    },
    "billing.charges.invoiceNow": async (w, f) => {
      await expectFailure(w.aAdmin.billing.charges.invoiceNow({ customerId: f.billing.bCustomerId }), "NOT_FOUND");
    },
    "billing.settings.get": async (w) => {
      const s = await w.aAdmin.billing.settings.get();
      expect(s.companyId).toBe(w.A.company.id);
      await w.expectNoneOfB(s);
    },
    "billing.settings.update": async (w) => {
      const s = await w.aAdmin.billing.settings.update({
        invoicePrefix: "ALPHA-",
        paymentTermsDays: 30,
        taxMode: "INCLUSIVE",
        roundingMode: "HALF_EVEN",
        cycleAlignment: "ANNIVERSARY",
        suspendedBilling: "PAUSE",
      });
      expect(s.companyId).toBe(w.A.company.id);
    },
    "billing.settings.logo": async (w) => {
      const logo = await w.aAdmin.billing.settings.logo();
      expect(logo).toBeNull();
    },
    "billing.settings.setLogo": async (w, f) => {
      for (const attachmentId of [f.billing.bLogoId, f.billing.bUploadId])
        await expectFailure(w.aAdmin.billing.settings.setLogo({ attachmentId }), "NOT_FOUND");
    },
    "billing.settings.removeLogo": async (w) => {
      // A has no logo; B's stays (the snapshot of B's settings and files is compared after).
      expect(await w.aAdmin.billing.settings.removeLogo()).toBeNull();
    },
    "billing.taxRates.list": async (w, f) => {
      const rates = await w.aAdmin.billing.taxRates.list();
      expect(rates.map((r) => r.id)).toContain(f.billing.aVatId);
      await w.expectNoneOfB(rates);
    },
    "billing.taxRates.create": async (w) => {
      // Names are unique per company: B's is free at A.
      expect(
        (await w.aAdmin.billing.taxRates.create({ name: "Bravo VAT", rateBps: 1_000, taxCategory: "REDUCED" }))
          .companyId,
      ).toBe(w.A.company.id);
    },
    "billing.taxRates.update": async (w, f) => {
      await expectFailure(
        w.aAdmin.billing.taxRates.update({
          id: f.billing.bVatId,
          data: { name: "Hijacked", rateBps: 0, taxCategory: "STANDARD" },
        }),
        "NOT_FOUND",
      );
    },
    "billing.taxRates.archive": async (w, f) => {
      await expectFailure(w.aAdmin.billing.taxRates.archive({ id: f.billing.bVatId, archived: true }), "NOT_FOUND");
    },
    "billing.exemptions.list": async (w, f) => {
      await expectFailure(w.aAdmin.billing.exemptions.list({ customerId: f.billing.bCustomerId }), "NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.billing.exemptions.list({ customerId: f.billing.aCustomerId }));
    },
    "billing.exemptions.add": async (w, f) => {
      await expectFailure(
        w.aAdmin.billing.exemptions.add({
          customerId: f.billing.bCustomerId,
          taxRateId: f.billing.aVatId,
          certificateRef: "X-1",
        }),
        "NOT_FOUND",
      );
      await expectFailure(
        w.aAdmin.billing.exemptions.add({
          customerId: f.billing.aCustomerId,
          taxRateId: f.billing.bVatId,
          certificateRef: "X-2",
        }),
        "NOT_FOUND",
      );
    },
    "billing.exemptions.remove": async (w, f) => {
      await expectFailure(w.aAdmin.billing.exemptions.remove({ id: f.billing.bExemptionId }), "NOT_FOUND");
    },
    "billing.invoices.list": async (w, f) => {
      const page = await w.aAdmin.billing.invoices.list({ pageSize: 100 });
      expect(page.rows.map((r) => r.id)).toContain(f.billing.aInvoiceId);
      await w.expectNoneOfB(page);
      expect(await w.aAdmin.billing.invoices.list({ customerId: f.billing.bCustomerId })).toMatchObject({ total: 0 });
      expect(await w.aAdmin.billing.invoices.list({ search: "Bravo Subscriber" })).toMatchObject({ total: 0 });
      expect(await w.aAdmin.billing.invoices.list({ billingRunId: f.billing.bRunId })).toMatchObject({ total: 0 });
    },
    "billing.invoices.get": async (w, f) => {
      await expectFailure(w.aAdmin.billing.invoices.get({ id: f.billing.bInvoiceId }), "NOT_FOUND");
      await w.expectNoneOfB(await w.aAdmin.billing.invoices.get({ id: f.billing.aInvoiceId }));
    },
    "billing.invoices.void": async (w, f) => {
      await expectFailure(
        w.aAdmin.billing.invoices.void({ id: f.billing.bInvoiceId, reason: "Not ours" }),
        "NOT_FOUND",
      );
    },
    "billing.invoices.writeOff": async (w, f) => {
      await expectFailure(
        w.aAdmin.billing.invoices.writeOff({ id: f.billing.bInvoiceId, reason: "Not ours" }),
        "NOT_FOUND",
      );
      const still = await withTenant(w.B.company.id, (tx) =>
        tx.invoice.findUniqueOrThrow({ where: { id: f.billing.bInvoiceId } }),
      );
      expect(still).toMatchObject({ writtenOffAt: null });
      expect(still.status).not.toBe("UNCOLLECTIBLE");
    },
    "billing.creditNotes.list": async (w, f) => {
      const all = await w.aAdmin.billing.creditNotes.list({});
      await w.expectNoneOfB(all);
      expect(await w.aAdmin.billing.creditNotes.list({ invoiceId: f.billing.bInvoiceId })).toMatchObject({ total: 0 });
    },
    "billing.creditNotes.get": async (w, f) => {
      await expectFailure(w.aAdmin.billing.creditNotes.get({ id: f.billing.bCreditNoteId }), "NOT_FOUND");
    },
    "billing.creditNotes.creditable": async (w, f) => {
      expect(await w.aAdmin.billing.creditNotes.creditable({ id: f.billing.bInvoiceId })).toEqual([]);
      await w.expectNoneOfB(await w.aAdmin.billing.creditNotes.creditable({ id: f.billing.aInvoiceId }));
    },
    "billing.creditNotes.issue": async (w, f) => {
      await expectFailure(
        w.aAdmin.billing.creditNotes.issue({
          invoiceId: f.billing.bInvoiceId,
          reason: "Not ours",
          lines: [{ invoiceLineId: f.billing.bLineId, amountMinor: 100 }],
        }),
        "NOT_FOUND",
      );
      // A's invoice with B's line: refused, nothing written.
      await expectFailure(
        w.aAdmin.billing.creditNotes.issue({
          invoiceId: f.billing.aInvoiceId,
          reason: "Mixed",
          lines: [{ invoiceLineId: f.billing.bLineId, amountMinor: 100 }],
        }),
        "UNPROCESSABLE_CONTENT",
      );
    },
    "billing.credit.ofCustomer": async (w, f) => {
      expect(await w.aAdmin.billing.credit.ofCustomer({ customerId: f.billing.bCustomerId })).toMatchObject({
        balanceMinor: 0,
        entries: [],
      });
    },
    "billing.invoices.send": async (w, f) => {
      await expectFailure(w.aAdmin.billing.invoices.send({ id: f.billing.bInvoiceId }), "NOT_FOUND");
      expect(await w.aAdmin.billing.invoices.send({ id: f.billing.aInvoiceId })).toEqual({
        email: "subscriber@alpha.test",
      });
    },
    "portal.billing.summary": async (w, f) => {
      const summary = await f.aCustomerPortal.portal.billing.summary();
      expect(summary.invoices.rows.map((r) => r.id)).toEqual([f.billing.aInvoiceId]);
      await w.expectNoneOfB(summary);
    },
    "portal.billing.invoices": async (w, f) => {
      const page = await f.aCustomerPortal.portal.billing.invoices({ customerId: f.billing.bCustomerId });
      expect(page.rows.map((r) => r.id)).toEqual([f.billing.aInvoiceId]);
      await w.expectNoneOfB(page);
    },
    "portal.billing.invoice": async (w, f) => {
      await expectFailure(f.aCustomerPortal.portal.billing.invoice({ id: f.billing.bInvoiceId }), "NOT_FOUND");
      await w.expectNoneOfB(await f.aCustomerPortal.portal.billing.invoice({ id: f.billing.aInvoiceId }));
    },
    "billing.runs.preview": async (w) => {
      await w.expectNoneOfB(text(await w.aAdmin.billing.runs.preview({ date: "2026-04-01" })));
    },
    "billing.runs.run": async (w) => {
      const { id } = await w.aAdmin.billing.runs.run({ date: "2026-04-01" });
      await settleInline();
      const result = await w.aAdmin.billing.runs.get({ id });
      expect(result.invoicesCreated).toBe(1);
      await w.expectNoneOfB(text(result));
    },
    "billing.runs.list": async (w, f) => {
      const page = await w.aAdmin.billing.runs.list({});
      expect(page.rows.map((r) => r.id)).toContain(f.billing.aRunId);
      await w.expectNoneOfB(text(page));
    },
    "billing.runs.get": async (w, f) => {
      await expectFailure(w.aAdmin.billing.runs.get({ id: f.billing.bRunId }), "NOT_FOUND");
      await w.expectNoneOfB(text(await w.aAdmin.billing.runs.get({ id: f.billing.aRunId })));
    },
  },
  rest: {
    "GET /api/invoices": async (w, f) => {
      const host = hostOf(w.A.company.slug);
      const res = await call(invoicesRest.list, { host, token: w.aToken, query: { pageSize: "100" } });
      expect(res.body.rows.map((r: { id: string }) => r.id)).toContain(f.billing.aInvoiceId);
      await w.expectNoneOfB(res.body);
      const theirs = await call(invoicesRest.list, {
        host,
        token: w.aToken,
        query: { customerId: f.billing.bCustomerId },
      });
      expect(theirs.body).toMatchObject({ total: 0, rows: [] });
    },
    "GET /api/invoices/{id}": async (w, f) => {
      const host = hostOf(w.A.company.slug);
      const res = await call(invoicesRest.get, { host, token: w.aToken, params: { id: f.billing.bInvoiceId } });
      expect(res.status).toBe(404);
      await w.expectNoneOfB(res.body);
    },
    "GET /api/invoices/{id}/pdf": async (w, f) => {
      const host = hostOf(w.A.company.slug);
      const res = await call(invoicesRest.pdf, { host, token: w.aToken, params: { id: f.billing.bInvoiceId } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    },
  },
});
