import { expect } from "vitest";
import { withTenant } from "../../db/tenant";
import { anonymousCaller } from "../../test/fixtures";
import { isolationCases } from "../../test/isolation";
import { expectFailure, failure, outboxOf } from "../../test/trpc";
import { customersFixture } from "../customers/isolation.cases";
import { subscriptionsFixture } from "../subscriptions/isolation.cases";
import { ticketsFixture } from "../tickets/isolation.cases";
import { kbFixture } from "../kb/isolation.cases";

// Tenant isolation of the customer portal: sign-up, the customer's own account, and their tickets (portal.tickets).
// Run by server/api/tenant-isolation.test.ts (see server/test/isolation.ts).

export default isolationCases({
  setup: async (w) => ({
    ...(await customersFixture(w)),
    ...(await subscriptionsFixture(w)),
    ...(await ticketsFixture(w)),
    ...(await kbFixture(w)),
  }),
  procedures: {
    "portal.packages": async (w, f) => {
      const offered = await anonymousCaller(w.A.company).portal.packages();
      expect(offered.map((p) => p.id)).toContain(f.sb.aPackageId);
      await w.expectNoneOfB(offered);
    },
    "portal.register": async (w, f) => {
      // Signing up at A for B's package finds no such package, and writes nothing at A.
      const usersBefore = await withTenant(w.A.company.id, (tx) => tx.user.count());
      const failed = await failure(
        anonymousCaller(w.A.company).portal.register({
          firstName: "Eve",
          lastName: "Cross",
          email: "eve@cross.test",
          phone: "0700 123 456",
          serviceAddress: "1 Border Road",
          packageId: f.sb.packageId,
          password: "Cross-tenant-1",
        }),
      );
      expect(failed.code).toBe("NOT_FOUND");
      expect(await withTenant(w.A.company.id, (tx) => tx.user.count())).toBe(usersBefore);
    },
    "portal.resendVerification": async (w, f) => {
      const aMailBefore = (await outboxOf(w.A.company.id)).length;
      expect(await anonymousCaller(w.A.company).portal.resendVerification({ email: f.cb.customerEmail })).toEqual({
        sent: true,
      });
      expect((await outboxOf(w.A.company.id)).length).toBe(aMailBefore);
    },
    "portal.overview": async (w, f) => {
      const mine = await f.aCustomerPortal.portal.overview();
      expect(mine.customer.id).toBe(f.cb.aCustomerId);
      await w.expectNoneOfB(mine);
    },
    "portal.requestChange": async (w, f) => {
      const failed = await failure(
        f.aCustomerPortal.portal.requestChange({
          subscriptionId: f.sb.subscriptionId,
          kind: "TERMINATION",
          effectiveDate: "2099-01-01",
        }),
      );
      expect(failed.code).toBe("NOT_FOUND");
    },
    "portal.updateContact": async (w, f) => {
      await f.aCustomerPortal.portal.updateContact({
        phone: "0700 999 888",
        contactChannel: "SMS",
        paperlessBilling: false,
      });
      const after = await withTenant(w.A.company.id, (tx) =>
        tx.customer.findUniqueOrThrow({ where: { id: f.cb.aCustomerId } }),
      );
      expect(after).toMatchObject({ phone: "0700 999 888", contactChannel: "SMS", paperlessBilling: false });
    },
    "portal.paymentMethods": async (w, f) => {
      await w.expectNoneOfB(await f.aCustomerPortal.portal.paymentMethods());
    },
    "portal.payNow": async (w, f) => {
      // A customer of A pays only A's own account: another company's invoice is not among its open invoices.
      const bInvoice = await withTenant(w.B.company.id, (tx) => tx.invoice.findFirst({ select: { id: true } }));
      const failed = await failure(
        f.aCustomerPortal.portal.payNow({
          provider: "MPESA",
          amountMinor: 10_000,
          phone: "0708374149",
          invoiceIds: [bInvoice?.id ?? "no-such-invoice"],
        }),
      );
      expect(["UNPROCESSABLE_CONTENT", "BAD_REQUEST", "NOT_FOUND"]).toContain(failed.code);
      await w.expectNoneOfB(failed);
    },
    "portal.tickets.options": async (w, f) => {
      const options = await f.aCustomerPortal.portal.tickets.options();
      expect(options.categories.map((c) => c.id)).toContain(f.tkb.aCategoryId);
      await w.expectNoneOfB(options);
    },
    "portal.tickets.list": async (w, f) => {
      const mine = await f.aCustomerPortal.portal.tickets.list({});
      expect(mine.rows.map((r) => r.id)).toContain(f.tkb.aTicketId);
      await w.expectNoneOfB(mine);
    },
    "portal.tickets.get": async (w, f) => {
      expect((await failure(f.aCustomerPortal.portal.tickets.get({ id: f.tkb.ticketId }))).code).toBe("NOT_FOUND");
      await w.expectNoneOfB(await f.aCustomerPortal.portal.tickets.get({ id: f.tkb.aTicketId }));
    },
    "portal.tickets.create": async (w, f) => {
      await expectFailure(
        f.aCustomerPortal.portal.tickets.create({
          categoryId: f.tkb.categoryId,
          subject: "Cross category",
          description: "B's category.",
        }),
        "UNPROCESSABLE_CONTENT",
      );
      await expectFailure(
        f.aCustomerPortal.portal.tickets.create({
          categoryId: f.tkb.aCategoryId,
          subscriptionId: f.sb.subscriptionId,
          subject: "Cross line",
          description: "B's line.",
        }),
        "NOT_FOUND",
      );
      const own = await f.aCustomerPortal.portal.tickets.create({
        categoryId: f.tkb.aCategoryId,
        subject: "Alpha portal ticket",
        description: "Opened in A's portal.",
      });
      await w.expectNoneOfB(own);
    },
    "portal.tickets.reply": async (w, f) => {
      await expectFailure(
        f.aCustomerPortal.portal.tickets.reply({ ticketId: f.tkb.ticketId, body: "Injected" }),
        "NOT_FOUND",
      );
    },
    "portal.tickets.rate": async (w, f) => {
      expect((await failure(f.aCustomerPortal.portal.tickets.rate({ ticketId: f.tkb.ticketId, rating: 1 }))).code).toBe(
        "NOT_FOUND",
      );
    },
    "portal.tickets.suggestArticles": async (w, f) => {
      const found = await f.aCustomerPortal.portal.tickets.suggestArticles({ text: "zebrafruit router restart" });
      expect(found.map((a) => a.id)).not.toContain(f.kbb.publicId);
      await w.expectNoneOfB(found);
    },
  },
});
