import { describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure } from "../../test/trpc";
import { runDaily } from "../dunning/service";
import { owingCustomer, pay } from "../dunning/testing";
import { exportForAccounting } from "../revenue/service";

// Writing an invoice off as uncollectible (bad debt): Billing Administrators only, with a reason,
// audited; dunning stops for it, it leaves the aging and overdue lists, analytics and the
// accounting export count it as bad debt, and a payment that comes later still settles it.

const statusOf = (companyId: string, ids: string[]) =>
  withTenant(companyId, async (tx) =>
    (await tx.subscription.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).map((s) => s.status),
  );

async function setting(slug: string) {
  const { company } = await makeCompany(slug);
  const admin = await callerAs(company, (await makeUser(company.id, "BILLING_ADMIN")).id);
  const csm = await callerAs(company, (await makeUser(company.id, "CUSTOMER_SERVICE_MANAGER")).id);
  // Due 16 days ago: past the 7-day grace, so dunning would suspend.
  const owing = await owingCustomer(company, 30);
  return { company, admin, csm, owing };
}

const today = () => new Date().toISOString().slice(0, 10);

describe("writing an invoice off", () => {
  it("makes it uncollectible with the reason: audited, no suspension for it, out of aging and overdue, bad debt in analytics and the export", async () => {
    const { company, admin, csm, owing } = await setting("write-off-isp");
    const before = await admin.billing.invoices.get({ id: owing.invoice.id });
    expect(before).toMatchObject({ status: "OPEN", overdue: true });
    const owed = before.balanceMinor;
    expect((await admin.billing.invoices.list({ status: "OVERDUE" })).rows.map((r) => r.id)).toContain(owing.invoice.id); // prettier-ignore

    // A read-only role is refused, and bad input changes nothing.
    await expectFailure(csm.billing.invoices.writeOff({ id: owing.invoice.id, reason: "Moved abroad" }), "FORBIDDEN");
    await expectFailure(admin.billing.invoices.writeOff({ id: owing.invoice.id, reason: "x" }), "BAD_REQUEST");
    expect(await admin.billing.invoices.get({ id: owing.invoice.id })).toMatchObject({ status: "OPEN" });

    const written = await admin.billing.invoices.writeOff({ id: owing.invoice.id, reason: "Moved abroad, unreachable" }); // prettier-ignore
    expect(written).toMatchObject({
      status: "UNCOLLECTIBLE",
      overdue: false,
      writeOffReason: "Moved abroad, unreachable",
      writtenOffMinor: owed,
      writtenOffAt: expect.any(Date),
    });
    await expectFailure(admin.billing.invoices.writeOff({ id: owing.invoice.id, reason: "Again" }), "CONFLICT");
    const audit = await withTenant(company.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: "billing.invoice_write_off", entityId: owing.invoice.id } }),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ writtenOffMinor: owed, reason: "Moved abroad, unreachable" });

    // Dunning does not suspend for it.
    expect(await runDaily(company.id)).toMatchObject({ suspended: 0 });
    await settleInline();
    expect(await statusOf(company.id, owing.subscriptionIds)).toEqual(["ACTIVE"]);

    // Not overdue, not in the receivables aging; listed under its own status.
    expect((await admin.billing.invoices.list({ status: "OVERDUE" })).rows.map((r) => r.id)).not.toContain(owing.invoice.id); // prettier-ignore
    expect((await admin.billing.invoices.list({ status: "UNCOLLECTIBLE" })).rows.map((r) => r.id)).toEqual([owing.invoice.id]); // prettier-ignore
    const overview = await admin.revenue.overview({});
    expect(overview.aging.reduce((n, b) => n + b.invoices, 0)).toBe(0);
    expect(overview.collection).toMatchObject({ writtenOffInvoices: 1, badDebtMinor: owed });

    // The accounting export books it to bad debt against the receivable.
    const period = { from: today(), to: today() };
    const file = await withTenant(company.id, (tx) =>
      exportForAccounting(
        { tx, companyId: company.id, actor: { type: "USER", id: null, label: "accountant" } },
        { period, format: "QUICKBOOKS", document: "WRITE_OFFS" },
      ),
    );
    const number = written.displayNumber;
    const money = (owed / 100).toFixed(2);
    expect(file.rows).toBe(2);
    expect(file.csv).toContain(`WO-${number},`);
    expect(file.csv).toMatch(new RegExp(`Bad debts,${money.replace(".", "\\.")},`));
    expect(file.csv).toMatch(new RegExp(`Accounts Receivable \\(A/R\\),,${money.replace(".", "\\.")}`));
    const sage = await withTenant(company.id, (tx) =>
      exportForAccounting(
        { tx, companyId: company.id, actor: { type: "USER", id: null, label: "accountant" } },
        { period, format: "SAGE", document: "WRITE_OFFS" },
      ),
    );
    expect(sage.csv).toContain(`SC,`);
    expect(sage.csv).toContain(`,8100,`);
  });

  it("takes a payment that comes later as a recovery: uncollectible until paid in full, then paid", async () => {
    const { company, admin, owing } = await setting("write-off-recovery");
    const { balanceMinor: owed } = await admin.billing.invoices.get({ id: owing.invoice.id });
    await admin.billing.invoices.writeOff({ id: owing.invoice.id, reason: "Stopped answering" });

    // Paid at the counter without choosing an invoice: there is nothing else owed, so it recovers this one.
    await admin.payments.record({ customerId: owing.customerId, method: "CASH", amountMinor: 1_000 });
    expect(await admin.billing.invoices.get({ id: owing.invoice.id })).toMatchObject({
      status: "UNCOLLECTIBLE",
      amountPaidMinor: 1_000,
      balanceMinor: owed - 1_000,
    });
    expect((await admin.revenue.overview({})).collection).toMatchObject({ badDebtMinor: owed - 1_000 });

    await pay(company.id, owing.customerId, owing.invoice.id);
    expect(await admin.billing.invoices.get({ id: owing.invoice.id })).toMatchObject({
      status: "PAID",
      balanceMinor: 0,
    });
    expect((await admin.revenue.overview({})).collection).toMatchObject({ badDebtMinor: 0 });

    const file = await withTenant(company.id, (tx) =>
      exportForAccounting(
        { tx, companyId: company.id, actor: { type: "USER", id: null, label: "accountant" } },
        { period: { from: today(), to: today() }, format: "QUICKBOOKS", document: "WRITE_OFFS" },
      ),
    );
    // The write-off and two recoveries (two journals of two rows each).
    expect(file.rows).toBe(6);
    expect(file.csv).toContain("RC-");
  });

  it("refuses a paid or void invoice", async () => {
    const { company, admin, owing } = await setting("write-off-refused");
    await pay(company.id, owing.customerId, owing.invoice.id);
    await expectFailure(admin.billing.invoices.writeOff({ id: owing.invoice.id, reason: "Too late" }), "CONFLICT");
    expect(await admin.billing.invoices.get({ id: owing.invoice.id })).toMatchObject({ status: "PAID", writtenOffAt: null }); // prettier-ignore
  });
});
