import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { newId } from "../../lib/ids";
import { fixture, isolationCases } from "../../test/isolation";
import { expectFailure } from "../../test/trpc";
import { formatAccountNumber } from "../customers/schema";
import { customersFixture } from "../customers/isolation.cases";
import { invoiceNumber } from "../billing/schema";
import { openInvoice } from "../payments/testing";
import * as storage from "../storage/service";

// Tenant isolation of bank transfers: the statement import must never match B's customers or
// invoices, and B's proofs of transfer stay out of A's queue and decisions.
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

export const bankTransfersFixture = fixture(async (w) => {
  const c = await customersFixture(w);
  const bInvoice = await openInvoice(w.B.company.id, c.cb.customerId, { totalMinor: 7_777, dueDate: "2026-05-01" });
  const bProofId = newId();
  await withTenant(w.B.company.id, (tx) =>
    tx.transferProof.create({
      data: {
        id: bProofId,
        companyId: w.B.company.id,
        customerId: c.cb.customerId,
        amountMinor: 7_777,
        reference: "BRAVO-FT-SECRET",
        paidOn: new Date("2026-05-01"),
      },
    }),
  );
  const bAccount = await withTenant(w.B.company.id, (tx) =>
    tx.customer.findUniqueOrThrow({ where: { id: c.cb.customerId }, select: { accountNumber: true } }),
  );
  const bFile = await withTenant(w.B.company.id, (tx) =>
    storage.upload(
      { tx, companyId: w.B.company.id, actor: { type: "USER", id: w.bTech.id, label: "b" } },
      { fileName: "b.png", contentType: "image/png", bytes: PNG },
    ),
  );
  return {
    ...c,
    bt: {
      bInvoiceId: bInvoice.id,
      bInvoiceNumber: invoiceNumber("INV-", bInvoice.number),
      bAccount: formatAccountNumber(bAccount.accountNumber),
      bProofId,
      bFileId: bFile.id,
    },
  };
});

const MAPPING = { date: "Date", amount: "Amount", reference: "Reference" };

export default isolationCases({
  setup: bankTransfersFixture,
  snapshotB: async (tx) => ({
    proofs: await tx.transferProof.findMany({ orderBy: { id: "asc" } }),
    payments: await tx.payment.findMany({ orderBy: { id: "asc" } }),
    invoices: await tx.invoice.findMany({ orderBy: { id: "asc" } }),
  }),
  idsOfB: async (tx) => [
    ...(await tx.transferProof.findMany()).flatMap((p) => [p.id, p.reference]),
    ...(await tx.invoice.findMany()).map((i) => i.id),
  ],
  procedures: {
    "bankTransfers.statement.headers": async (w) => {
      const h = await w.aAdmin.bankTransfers.statement.headers({ csv: "Date,Amount,Reference\n2026-05-02,77.77,X1" });
      expect(h.headers).toEqual(["Date", "Amount", "Reference"]);
    },
    "bankTransfers.statement.preview": async (w, f) => {
      const csv = `Date,Amount,Reference\n2026-05-02,77.77,${f.bt.bInvoiceNumber} ${f.bt.bAccount}`;
      const dry = await w.aAdmin.bankTransfers.statement.preview({
        csv,
        mapping: MAPPING,
        resolutions: [],
      });
      expect(dry.lines).toHaveLength(1);
      await w.expectNoneOfB(dry);
      // Choosing B's customer for a line finds no such customer at A.
      await expectFailure(
        w.aAdmin.bankTransfers.statement.preview({
          csv,
          mapping: MAPPING,
          resolutions: [{ line: 2, customerId: f.cb.customerId }],
        }),
        "UNPROCESSABLE_CONTENT",
      );
      // Nor is B's invoice one of A's customer's unpaid invoices.
      await expectFailure(
        w.aAdmin.bankTransfers.statement.preview({
          csv,
          mapping: MAPPING,
          resolutions: [{ line: 2, customerId: f.cb.aCustomerId, invoiceId: f.bt.bInvoiceId }],
        }),
        "UNPROCESSABLE_CONTENT",
      );
    },
    "bankTransfers.statement.confirm": async (w, f) => {
      const csv = `Date,Amount,Reference\n2026-05-02,77.77,ISO-${f.bt.bInvoiceNumber}`;
      await expectFailure(
        w.aAdmin.bankTransfers.statement.confirm({
          csv,
          mapping: MAPPING,
          resolutions: [{ line: 2, customerId: f.cb.customerId }],
        }),
        "UNPROCESSABLE_CONTENT",
      );
    },
    "bankTransfers.proofs.list": async (w) => {
      const queue = await w.aAdmin.bankTransfers.proofs.list({});
      await w.expectNoneOfB(queue);
    },
    "bankTransfers.proofs.verify": async (w, f) => {
      await expectFailure(w.aAdmin.bankTransfers.proofs.verify({ id: f.bt.bProofId }), "NOT_FOUND");
    },
    "bankTransfers.proofs.reject": async (w, f) => {
      await expectFailure(
        w.aAdmin.bankTransfers.proofs.reject({ id: f.bt.bProofId, reason: "Not ours to decide" }),
        "NOT_FOUND",
      );
    },
    "bankTransfers.proofs.mine": async (w, f) => {
      const mine = await f.aCustomerPortal.bankTransfers.proofs.mine({});
      await w.expectNoneOfB(mine);
      // B's proof as the cursor shows nothing of B (nor of A: the cursor is not one of A's proofs).
      const fromB = await f.aCustomerPortal.bankTransfers.proofs.mine({ cursor: f.bt.bProofId }).catch(() => null);
      if (fromB) await w.expectNoneOfB(fromB);
    },
    "bankTransfers.proofs.submit": async (w, f) => {
      // A's customer cannot hang the proof on a file uploaded at B.
      await expectFailure(
        f.aCustomerPortal.bankTransfers.proofs.submit({
          amountMinor: 100,
          reference: "FT-ALPHA",
          paidOn: "2026-05-02",
          attachmentIds: [f.bt.bFileId],
        }),
        "UNPROCESSABLE_CONTENT",
      );
    },
  },
});
