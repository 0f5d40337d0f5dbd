import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { makeUser } from "../../test/fixtures";
import { voidInvoice } from "../billing/invoices";
import { makePackage } from "../billing/testing";
import { agingSummary } from "./aging";
import { QUICKBOOKS_INVOICE_COLUMNS, SAGE_INVOICE_COLUMNS } from "./export";
import { agingInvoices, exportForAccounting, overview, taxes, taxesCsv } from "./service";
import { TAX_REPORT_COLUMNS } from "./tax-report";
import { as, invoicedOnlyTaxRow, yearlyIsp } from "./testing";

// Aging, the tax report, revenue per package and area, and the accounting export, over one ISP's
// invoices with hand-worked amounts. Payment terms are 0 days, so each invoice is due the day it
// is issued, and "today" is 30 June 2026 (America/New_York).
//
//   Yearly 100: 100.00 a year, standard-rated: VAT 16 % = 16.00 and excise duty 15 % = 15.00, 131.00.
//   Zero 50:     50.00 a year, zero-rated: no tax, 50.00.
//   Yearly subscriptions on anniversary cycles: each customer is invoiced once, on their start date.
//
//   issued (= due)  days past due on 30 Jun   bucket
//   30 Jun          0                          not yet due
//   29 Jun          1                          1–30
//   15 Jun (Zero)   15                         1–30
//   31 May          30                         1–30
//   30 May          31                         31–60
//    1 May          60                         31–60
//   30 Apr          61                         61–90
//    1 Apr          90                         61–90
//   31 Mar          91                         over 90 (and a second one, voided: never owed)

const NOW = new Date("2026-06-30T16:00:00Z");
const TODAY = "2026-06-30";

let companyId: string;
const customers: Record<string, { customerId: string; accountNumber: number; invoiceId: string }> = {};

beforeAll(async () => {
  const isp = await yearlyIsp("rev-reports");
  companyId = isp.companyId;
  const zero = await makePackage(companyId, {
    code: "Z50",
    name: "Zero 50",
    priceMinor: 5_000,
    billingCycle: "YEARLY",
    taxCategory: "ZERO_RATED",
  });
  // Staff cover Westlands and Kilimani: customers' areas are read from their service addresses.
  const tech = await makeUser(companyId, "FIELD_TECHNICIAN", { name: "Area Tech" });
  await withTenant(companyId, (tx) =>
    tx.staffProfile.create({
      data: {
        userId: tech.id,
        companyId,
        availability: "AVAILABLE",
        areas: ["Westlands", "Kilimani"],
        maxOpenTickets: 5,
      },
    }),
  );
  const invoices: [string, string, string, string?][] = [
    ["2026-03-31", "Day91", "12 Ring Road, Westlands"],
    ["2026-03-31", "Voided", "3 Argwings Kodhek Rd, Kilimani"],
    ["2026-04-01", "Day90", "Westlands, Nairobi"],
    ["2026-04-30", "Day61", "Kilimani"],
    ["2026-05-01", "Day60", "Kilimani"],
    ["2026-05-30", "Day31", "Karen"],
    ["2026-05-31", "Day30", "Karen"],
    ["2026-06-15", "Zero", "Westlands", zero.id],
    ["2026-06-29", "Day1", "Westlands"],
    ["2026-06-30", "Day0", "Westlands"],
  ];
  for (const [date, name, serviceAddress, packageId] of invoices) {
    customers[name] = await isp.invoiceOn(date, name, { serviceAddress, packageId });
  }
  await as(companyId, (scope) => voidInvoice(scope, { id: customers.Voided!.invoiceId, reason: "Entered twice" }));
});

describe("receivables aging", () => {
  it("puts each invoice in its bucket on the boundary days", async () => {
    const rows = await as(companyId, (scope) => agingSummary(scope, TODAY));
    expect(rows).toEqual([
      { bucket: "CURRENT", invoices: 1, balanceMinor: 13_100 },
      { bucket: "D1_30", invoices: 3, balanceMinor: 13_100 + 5_000 + 13_100 },
      { bucket: "D31_60", invoices: 2, balanceMinor: 26_200 },
      { bucket: "D61_90", invoices: 2, balanceMinor: 26_200 },
      { bucket: "D90_PLUS", invoices: 1, balanceMinor: 13_100 },
    ]);
    // The overview shows the same buckets, on today's date in the company's zone.
    const report = await as(companyId, (scope) => overview(scope, {}, NOW));
    expect(report.aging).toEqual(rows);
  });

  it("lists the invoices behind a bucket, longest overdue first, a page at a time", async () => {
    const all = await as(companyId, (scope) => agingInvoices(scope, { bucket: "D1_30" }, NOW));
    expect(all.rows.map((r) => [r.customer.name, r.daysPastDue, r.balanceMinor])).toEqual([
      ["Day30 Otieno", 30, 13_100],
      ["Zero Otieno", 15, 5_000],
      ["Day1 Otieno", 1, 13_100],
    ]);
    expect(all.total).toBe(3);
    const second = await as(companyId, (scope) => agingInvoices(scope, { bucket: "D1_30", page: 2, pageSize: 2 }, NOW));
    expect(second).toMatchObject({ total: 3, page: 2, pageCount: 2 });
    expect(second.rows.map((r) => r.customer.name)).toEqual(["Day1 Otieno"]);
    const over90 = await as(companyId, (scope) => agingInvoices(scope, { bucket: "D90_PLUS" }, NOW));
    // The voided invoice of the same day is not owed.
    expect(over90.rows.map((r) => [r.customer.name, r.daysPastDue])).toEqual([["Day91 Otieno", 91]]);
    const current = await as(companyId, (scope) => agingInvoices(scope, { bucket: "CURRENT" }, NOW));
    expect(current.rows.map((r) => [r.customer.name, r.daysPastDue])).toEqual([["Day0 Otieno", 0]]);
  });
});

describe("the tax report", () => {
  it("totals taxable amounts and tax per rate and month of issue, without voided invoices", async () => {
    const report = await as(companyId, (scope) => taxes(scope, { from: "2026-03", to: "2026-06" }, NOW));
    // No credit notes here: what is declared is what was invoiced (credit notes: money.test.ts).
    expect(report.rows.every((r) => r.creditNotes === 0 && r.taxMinor === r.invoicedTaxMinor)).toBe(true);
    expect(report.rows.map((r) => [r.month, r.name, r.rateBps, r.invoices, r.taxableMinor, r.taxMinor])).toEqual([
      ["2026-03", "VAT", 1_600, 1, 10_000, 1_600],
      ["2026-03", "Excise duty", 1_500, 1, 10_000, 1_500],
      ["2026-04", "VAT", 1_600, 2, 20_000, 3_200],
      ["2026-04", "Excise duty", 1_500, 2, 20_000, 3_000],
      ["2026-05", "VAT", 1_600, 3, 30_000, 4_800],
      ["2026-05", "Excise duty", 1_500, 3, 30_000, 4_500],
      ["2026-06", "VAT", 1_600, 2, 20_000, 3_200],
      ["2026-06", "Excise duty", 1_500, 2, 20_000, 3_000],
      ["2026-06", "No tax", null, 1, 5_000, 0],
    ]);
  });

  it("downloads as CSV with decimal amounts", async () => {
    const file = await as(companyId, (scope) => taxesCsv(scope, { from: "2026-06", to: "2026-06" }, NOW));
    expect(file.filename).toBe("tax-report-2026-06-to-2026-06.csv");
    expect(Papa.parse<string[]>(file.csv.trim()).data).toEqual([
      [...TAX_REPORT_COLUMNS],
      invoicedOnlyTaxRow("2026-06", "VAT", "16.00", 2, "200.00", "32.00"),
      invoicedOnlyTaxRow("2026-06", "Excise duty", "15.00", 2, "200.00", "30.00"),
      invoicedOnlyTaxRow("2026-06", "No tax", "", 1, "50.00", "0.00"),
    ]);
  });
});

describe("revenue per package and area, and the collection rate", () => {
  it("splits what was invoiced in the months, without tax and without voided invoices", async () => {
    const report = await as(companyId, (scope) => overview(scope, { from: "2026-03", to: "2026-06" }, NOW));
    // Eight Yearly 100 invoices (the ninth was voided) and one Zero 50.
    expect(report.byPackage.map((p) => [p.name, p.revenueMinor])).toEqual([
      ["Yearly 100", 80_000],
      ["Zero 50", 5_000],
    ]);
    // Westlands: Day91, Day90, Zero, Day1, Day0; Kilimani: Day61, Day60 (Voided's is void); Karen is no staff area.
    expect(report.byArea.map((a) => [a.area, a.revenueMinor])).toEqual([
      ["Westlands", 45_000],
      ["Kilimani", 20_000],
      ["No area", 20_000],
    ]);
    // Nothing is paid yet: 0 of 8 × 131.00 + 50.00.
    expect(report.collection).toEqual({
      invoices: 9,
      invoicedMinor: 109_800,
      creditedMinor: 0,
      paidMinor: 0,
      rateBps: 0,
      writtenOffInvoices: 0,
      badDebtMinor: 0,
    });
    // A range with no invoices has no rate to show.
    const empty = await as(companyId, (scope) => overview(scope, { from: "2026-01", to: "2026-02" }, NOW));
    expect(empty.collection).toEqual({
      invoices: 0,
      invoicedMinor: 0,
      creditedMinor: 0,
      paidMinor: 0,
      rateBps: null,
      writtenOffInvoices: 0,
      badDebtMinor: 0,
    });
  });
});

describe("the accounting export", () => {
  const june = { from: "2026-06-01", to: "2026-06-30" };
  const rowsOf = (csv: string) => Papa.parse<string[]>(csv.trim()).data;

  it("writes QuickBooks Online's invoice import columns, one row per line", async () => {
    const file = await as(companyId, (scope) =>
      exportForAccounting(scope, { period: june, format: "QUICKBOOKS", document: "INVOICES" }),
    );
    expect(file.filename).toBe("invoices-quickbooks-2026-06-01-to-2026-06-30.csv");
    const [header, ...rows] = rowsOf(file.csv);
    expect(header).toEqual([...QUICKBOOKS_INVOICE_COLUMNS]);
    const descriptions = await lineDescriptions(["Zero", "Day1", "Day0"]);
    const acc = (n: string) => customers[n]!.accountNumber;
    expect(rows).toEqual([
      [
        "INV-00008",
        `Zero Otieno (${acc("Zero")})`,
        "15/06/2026",
        "15/06/2026",
        "Net 0",
        "Service 15/06/2026 to 14/06/2027",
        "Zero 50",
        descriptions[0],
        "1",
        "50.00",
        "50.00",
        "No tax",
        "0.00",
        "USD",
        "15/06/2026",
      ],
      [
        "INV-00009",
        `Day1 Otieno (${acc("Day1")})`,
        "29/06/2026",
        "29/06/2026",
        "Net 0",
        "Service 29/06/2026 to 28/06/2027",
        "Yearly 100",
        descriptions[1],
        "1",
        "100.00",
        "100.00",
        "Excise duty + VAT",
        "31.00",
        "USD",
        "29/06/2026",
      ],
      [
        "INV-00010",
        `Day0 Otieno (${acc("Day0")})`,
        "30/06/2026",
        "30/06/2026",
        "Net 0",
        "Service 30/06/2026 to 29/06/2027",
        "Yearly 100",
        descriptions[2],
        "1",
        "100.00",
        "100.00",
        "Excise duty + VAT",
        "31.00",
        "USD",
        "30/06/2026",
      ],
    ]);
  });

  it("writes Sage's transaction import columns: SI rows with net, tax code and tax", async () => {
    const file = await as(companyId, (scope) =>
      exportForAccounting(scope, {
        period: { from: "2026-03-01", to: "2026-03-31" },
        format: "SAGE",
        document: "INVOICES",
      }),
    );
    const [header, ...rows] = rowsOf(file.csv);
    expect(header).toEqual([...SAGE_INVOICE_COLUMNS]);
    const [description] = await lineDescriptions(["Day91"]);
    const n = customers.Day91!.accountNumber;
    // The voided invoice of 31 March (INV-00002) is left out.
    expect(rows).toEqual([
      [
        "SI",
        `C${String(n).padStart(6, "0")}`,
        "4000",
        "0",
        "31/03/2026",
        "INV-00001",
        description,
        "100.00",
        "T1",
        "31.00",
        "1",
        String(n),
      ],
    ]);
  });

  it("refuses a period that ends before it starts, and writes only the header for an empty one", async () => {
    await expect(
      as(companyId, (scope) =>
        exportForAccounting(scope, {
          period: { from: "2026-06-30", to: "2026-06-01" },
          format: "SAGE",
          document: "INVOICES",
        }),
      ),
    ).rejects.toThrow("The end date must not be before the start date.");
    const empty = await as(companyId, (scope) =>
      exportForAccounting(scope, {
        period: { from: "2025-01-01", to: "2025-01-31" },
        format: "QUICKBOOKS",
        document: "INVOICES",
      }),
    );
    expect(empty.rows).toBe(0);
    expect(rowsOf(empty.csv)).toEqual([[...QUICKBOOKS_INVOICE_COLUMNS]]);
  });
});

async function lineDescriptions(names: string[]) {
  return withTenant(companyId, async (tx) => {
    const out: string[] = [];
    for (const name of names) {
      const line = await tx.invoiceLine.findFirstOrThrow({
        where: { invoice: { customerId: customers[name]!.customerId } },
        orderBy: { position: "asc" },
      });
      out.push(line.description);
    }
    return out;
  });
}
