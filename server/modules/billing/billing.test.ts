import pg from "pg";
import { describe, expect, it } from "vitest";
import type { Role } from "../../db/generated/prisma/enums";
import { withTenant } from "../../db/tenant";
import { settleInline } from "../../jobs/emit";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure } from "../../test/trpc";
import { parseDate, toDateString, todayIn } from "../subscriptions/dates";
import { addDays } from "./periods";
import { activeSubscriber, makePackage } from "./testing";

// The billing procedures as staff use them: who may do what, bad input, voiding, and the rule
// that an issued invoice is never edited.

async function company(slug: string) {
  const { company } = await makeCompany(slug);
  const as = async (role: Role) => callerAs(company, (await makeUser(company.id, role)).id);
  return { company, as };
}

/** Staff "Run now": queued, run in the background (inline in tests), then read back as the console does. */
async function runNow(caller: Awaited<ReturnType<typeof callerAs>>, date: string) {
  const { id } = await caller.billing.runs.run({ date });
  await settleInline();
  const run = await caller.billing.runs.get({ id });
  expect(run.status).toBe("COMPLETED");
  return run;
}

const SETTINGS = {
  invoicePrefix: "INV-",
  paymentTermsDays: 7,
  taxMode: "EXCLUSIVE",
  roundingMode: "HALF_UP",
  cycleAlignment: "CALENDAR",
  suspendedBilling: "BILL",
  taxRegistrationNumber: "P051234567X",
} as const;

describe("billing permissions", () => {
  it("billing administrators manage, customer service managers read, everyone else sees nothing", async () => {
    const { as } = await company("bill-perms");
    const billing = await as("BILLING_ADMIN");
    const csm = await as("CUSTOMER_SERVICE_MANAGER");
    await billing.billing.settings.update(SETTINGS);
    const vat = await billing.billing.taxRates.create({ name: "VAT", rateBps: 1_600, taxCategory: "STANDARD" });
    await billing.billing.runs.preview({ date: "2026-03-01" });

    expect((await csm.billing.settings.get()).paymentTermsDays).toBe(7);
    expect((await csm.billing.taxRates.list()).map((r) => r.name)).toEqual(["VAT"]);
    expect((await csm.billing.invoices.list({})).total).toBe(0);
    expect((await csm.billing.runs.list({})).total).toBe(0);
    await expectFailure(csm.billing.settings.update(SETTINGS), "FORBIDDEN");
    await expectFailure(
      csm.billing.taxRates.create({ name: "Excise", rateBps: 1_500, taxCategory: "STANDARD" }),
      "FORBIDDEN",
    );
    await expectFailure(csm.billing.taxRates.archive({ id: vat.id, archived: true }), "FORBIDDEN");
    await expectFailure(csm.billing.runs.preview({ date: "2026-03-01" }), "FORBIDDEN");
    await expectFailure(csm.billing.runs.run({ date: "2026-03-01" }), "FORBIDDEN");

    for (const role of ["NETWORK_ADMIN", "TECHNICAL_SUPPORT", "FIELD_TECHNICIAN", "CUSTOMER"] as const) {
      const other = await as(role);
      await expectFailure(other.billing.settings.get(), "FORBIDDEN");
      await expectFailure(other.billing.invoices.list({}), "FORBIDDEN");
      await expectFailure(other.billing.runs.list({}), "FORBIDDEN");
      await expectFailure(other.billing.taxRates.list(), "FORBIDDEN");
    }
  });
});

describe("tax rates and settings", () => {
  it("refuses a negative or 250 % rate and a bad prefix with a clear message, and changes nothing", async () => {
    const { as } = await company("bill-bad-input");
    const admin = await as("SUPER_ADMIN");
    const tooHigh = await expectFailure(
      admin.billing.taxRates.create({ name: "Silly", rateBps: 25_000, taxCategory: "STANDARD" }),
      "BAD_REQUEST",
    );
    expect(tooHigh.fields?.rateBps).toContain("between 0 % and 100 %");
    await expectFailure(
      admin.billing.taxRates.create({ name: "Negative", rateBps: -100, taxCategory: "STANDARD" }),
      "BAD_REQUEST",
    );
    await expectFailure(admin.billing.settings.update({ ...SETTINGS, invoicePrefix: "INV #" }), "BAD_REQUEST");
    expect(await admin.billing.taxRates.list()).toEqual([]);
    expect((await admin.billing.settings.get()).invoicePrefix).toBe("INV-");

    await admin.billing.taxRates.create({ name: "VAT", rateBps: 1_600, taxCategory: "STANDARD" });
    await expectFailure(
      admin.billing.taxRates.create({ name: "VAT", rateBps: 800, taxCategory: "REDUCED" }),
      "CONFLICT",
    );
  });

  it("exempts a customer from one tax with a certificate, once", async () => {
    const { company: co, as } = await company("bill-exempt");
    const admin = await as("BILLING_ADMIN");
    await admin.billing.settings.update(SETTINGS);
    const vat = await admin.billing.taxRates.create({ name: "VAT", rateBps: 1_600, taxCategory: "STANDARD" });
    const pkg = await makePackage(co.id);
    const { customerId } = await activeSubscriber(co.id, pkg.id, "2026-03-01");
    const exemption = await admin.billing.exemptions.add({
      customerId,
      taxRateId: vat.id,
      certificateRef: "EXM-2026-001",
    });
    await expectFailure(
      admin.billing.exemptions.add({ customerId, taxRateId: vat.id, certificateRef: "EXM-2026-002" }),
      "CONFLICT",
    );
    expect(await admin.billing.exemptions.list({ customerId })).toMatchObject([
      { id: exemption.id, certificateRef: "EXM-2026-001", taxRate: { name: "VAT" } },
    ]);
    await runNow(admin, "2026-03-01");
    const [invoice] = (await admin.billing.invoices.list({ customerId })).rows;
    const detail = await admin.billing.invoices.get({ id: invoice!.id });
    expect(detail).toMatchObject({ subtotalMinor: 2_500, taxMinor: 0, totalMinor: 2_500, taxSummary: [] });
    expect(detail.lines[0]!.rule).toContain("exempt from VAT");
  });
});

describe("the customer's tax id on an invoice", () => {
  it("is printed on the invoice as issued but stored sealed, like the customer's own", async () => {
    const { company: co, as } = await company("bill-taxid");
    const admin = await as("BILLING_ADMIN");
    await admin.billing.settings.update(SETTINGS);
    const pkg = await makePackage(co.id);
    const csm = await as("CUSTOMER_SERVICE_MANAGER");
    const customer = await csm.customers.create({
      firstName: "Amina",
      lastName: "Taxed",
      phone: "+254 722 555 111",
      contactChannel: "PHONE",
      taxId: "A009988776Z",
    });
    await activeSubscriber(co.id, pkg.id, "2026-03-01", { customerId: customer.id });
    await runNow(admin, "2026-03-01");
    const [invoice] = (await admin.billing.invoices.list({ customerId: customer.id })).rows;
    const detail = await admin.billing.invoices.get({ id: invoice!.id });
    expect(detail).toMatchObject({ customerTaxNumber: "A009988776Z", customer: { taxId: "A009988776Z" } });
    expect(JSON.stringify(detail)).not.toContain("Sealed");

    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query(`SELECT row_to_json(i)::text AS row FROM "Invoice" i WHERE id = $1`, [
      invoice!.id,
    ]);
    await client.end();
    expect(rows[0].row).toContain("customerTaxNumberSealed");
    expect(rows[0].row).not.toContain("A009988776Z");
  });
});

describe("invoices", () => {
  it("are listed and found by number, customer, status and overdue; voided once, keeping the number", async () => {
    const { company: co, as } = await company("bill-invoices");
    const admin = await as("BILLING_ADMIN");
    await admin.billing.settings.update(SETTINGS);
    await admin.billing.taxRates.create({ name: "VAT", rateBps: 1_600, taxCategory: "STANDARD" });
    const pkg = await makePackage(co.id);
    const first = await activeSubscriber(co.id, pkg.id, "2026-03-01", { firstName: "Wanjiru" });
    await activeSubscriber(co.id, pkg.id, "2026-03-01", { firstName: "Otieno" });
    const result = await runNow(admin, "2026-03-01");
    expect(result).toMatchObject({ status: "COMPLETED", invoicesCreated: 2 });

    const all = await admin.billing.invoices.list({});
    expect(all.rows.map((r) => r.number)).toEqual(["INV-00002", "INV-00001"]);
    // Due 8 March 2026, long past: both are overdue.
    expect((await admin.billing.invoices.list({ status: "OVERDUE" })).total).toBe(2);
    expect((await admin.billing.invoices.list({ search: "INV-00001" })).rows.map((r) => r.number)).toEqual([
      "INV-00001",
    ]);
    expect((await admin.billing.invoices.list({ search: "wanjiru" })).total).toBe(1);
    expect((await admin.billing.invoices.list({ periodFrom: "2026-04-01" })).total).toBe(0);
    expect((await admin.billing.invoices.list({ billingRunId: result.id })).total).toBe(2);

    const mine = (await admin.billing.invoices.list({ customerId: first.customerId })).rows[0]!;
    const detail = await admin.billing.invoices.get({ id: mine.id });
    expect(detail).toMatchObject({
      displayNumber: mine.number,
      overdue: true,
      balanceMinor: 2_900,
      taxSummary: [{ name: "VAT", rateBps: 1_600, taxableMinor: 2_500, taxMinor: 400 }],
    });

    const voided = await admin.billing.invoices.void({ id: mine.id, reason: "Customer was never connected" });
    expect(voided).toMatchObject({ status: "VOID", displayNumber: mine.number, balanceMinor: 0, overdue: false });
    await expectFailure(admin.billing.invoices.void({ id: mine.id, reason: "Again" }), "CONFLICT");
    expect((await admin.billing.invoices.list({ status: "VOID" })).total).toBe(1);
    // Voiding released its period: the next run bills it again, once, under a new number.
    const rebill = await runNow(admin, "2026-03-02");
    expect(rebill.invoicesCreated).toBe(1);
    const again = (await admin.billing.invoices.list({ customerId: first.customerId, sort: "number" })).rows;
    expect(again.map((r) => [r.number, r.status, r.totalMinor])).toEqual([
      ["INV-00003", "OPEN", 2_900],
      ["INV-00001", "VOID", 2_900],
    ]);
    expect((await runNow(admin, "2026-03-03")).invoicesCreated).toBe(0);

    const audit = await withTenant(co.id, (tx) =>
      tx.auditEntry.findMany({ where: { action: { startsWith: "billing." } }, select: { action: true } }),
    );
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set([
        "billing.settings_update",
        "billing.tax_rate_create",
        "billing.run_request",
        "billing.invoice_issue",
        "billing.run_finish",
        "billing.invoice_void",
      ]),
    );
  });

  it("an issued invoice cannot be edited, even by a query that skips the service", async () => {
    const { company: co, as } = await company("bill-final");
    const admin = await as("BILLING_ADMIN");
    await admin.billing.settings.update(SETTINGS);
    const pkg = await makePackage(co.id);
    await activeSubscriber(co.id, pkg.id, "2026-03-01");
    await runNow(admin, "2026-03-01");
    const [row] = (await admin.billing.invoices.list({})).rows;
    await expect(
      withTenant(co.id, (tx) => tx.invoice.update({ where: { id: row!.id }, data: { totalMinor: 1 } })),
    ).rejects.toThrow(/issued invoice cannot be edited/);
    await expect(
      withTenant(co.id, (tx) => tx.invoiceLine.updateMany({ where: { invoiceId: row!.id }, data: { netMinor: 1 } })),
    ).rejects.toThrow(/permission denied/);
    expect((await admin.billing.invoices.get({ id: row!.id })).totalMinor).toBe(2_500);
  });

  it("refuses a run date more than a year away", async () => {
    const { as } = await company("bill-far");
    const admin = await as("BILLING_ADMIN");
    const ahead = await expectFailure(admin.billing.runs.preview({ date: "2040-01-01" }), "UNPROCESSABLE_CONTENT");
    expect(ahead.message).toContain("within a year");
    const back = await expectFailure(admin.billing.runs.run({ date: "2020-01-01" }), "UNPROCESSABLE_CONTENT");
    expect(back.message).toContain("within a year");
  });

  it("previews a day still to come but runs only today or earlier, writing nothing when refused", async () => {
    const { company: co, as } = await company("bill-ahead");
    const admin = await as("BILLING_ADMIN");
    const tomorrow = toDateString(addDays(parseDate(todayIn(co.timeZone)), 1));
    await expect(admin.billing.runs.preview({ date: tomorrow })).resolves.toMatchObject({ date: tomorrow });
    const refused = await expectFailure(admin.billing.runs.run({ date: tomorrow }), "UNPROCESSABLE_CONTENT");
    expect(refused.message).toContain("today or an earlier day");
    expect(await withTenant(co.id, (tx) => tx.billingRun.count())).toBe(0);
  });
});
