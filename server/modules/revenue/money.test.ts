import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../lib/ids";
import { creditInvoice } from "../billing/credit";
import * as payments from "../payments/service";
import { refund } from "../payments/refunds";
import { agingSummary } from "./aging";
import { QUICKBOOKS_ACCOUNTS, QUICKBOOKS_JOURNAL_COLUMNS } from "./export-credit-notes";
import { SAGE_COLUMNS } from "./export-format";
import { QUICKBOOKS_PAYMENT_COLUMNS } from "./export-payments";
import { exportForAccounting, overview, taxes } from "./service";
import { splitByWeight } from "./tax-report";
import { as, yearlyIsp } from "./testing";

// Payments, refunds and credit notes in the reports and the accounting export. One June of a small
// ISP (America/New_York, USD, payment terms 0 days), worked out by hand:
//
//   Yearly 100: 100.00 + VAT 16 % (16.00) + excise duty 15 % (15.00) = 131.00 a year.
//   INV-00001 Pay,  1 Jun: 131.00. Paid 200.00 in cash on 10 Jun: 131.00 settles it, 69.00 goes on account.
//   INV-00002 Cred, 2 Jun: 131.00. Credit note CN-00001 on 20 Jun for 50.00 + tax 15.50 (VAT 8.00,
//             excise 7.50, as the line charged them 16 : 15) = 65.50; 65.50 still owed.
//   INV-00003 Part, 3 Jun: 131.00. Paid 31.00 by bank transfer BT-1 on 12 Jun; 100.00 still owed.

const NOW = new Date("2026-06-30T16:00:00Z");
const june = { from: "2026-06-01", to: "2026-06-30" };
let companyId: string;
const acc: Record<string, number> = {};
const invoiceOf: Record<string, string> = {};
let cashPaymentId: string;

beforeAll(async () => {
  const isp = await yearlyIsp("rev-money");
  companyId = isp.companyId;
  const invoiceOn = async (date: string, name: string) => {
    const { customerId, accountNumber, invoiceId } = await isp.invoiceOn(date, name);
    acc[name] = accountNumber;
    invoiceOf[name] = invoiceId;
    return customerId;
  };
  const pay = await invoiceOn("2026-06-01", "Pay");
  const cred = await invoiceOn("2026-06-02", "Cred");
  const part = await invoiceOn("2026-06-03", "Part");
  await as(companyId, async (scope) => {
    const cash = await payments.record(scope, {
      customerId: pay,
      method: "CASH",
      amountMinor: 20_000,
      receivedOn: "2026-06-10",
    });
    cashPaymentId = cash.id;
    await payments.record(scope, {
      customerId: part,
      method: "BANK_TRANSFER",
      reference: "BT-1",
      amountMinor: 3_100,
      receivedOn: "2026-06-12",
    });
    // A credit note as billing will issue it (its service is not in main yet): its rows, and the
    // invoice's balance reduced through billing's own function.
    const line = await scope.tx.invoiceLine.findFirstOrThrow({ where: { invoiceId: invoiceOf.Cred } });
    const noteId = newId();
    await scope.tx.creditNote.create({
      data: {
        id: noteId,
        companyId,
        customerId: cred,
        invoiceId: invoiceOf.Cred!,
        number: 1,
        prefix: "CN-",
        reason: "Outage 10 days",
        currency: "USD",
        subtotalMinor: 5_000,
        taxMinor: 1_550,
        totalMinor: 6_550,
        appliedMinor: 6_550,
        issuedAt: new Date("2026-06-20T15:00:00Z"),
        lines: {
          create: {
            id: newId(),
            companyId,
            invoiceLineId: line.id,
            description: "Outage credit, Yearly 100",
            netMinor: 5_000,
            taxMinor: 1_550,
            totalMinor: 6_550,
          },
        },
      },
    });
    await creditInvoice(scope, invoiceOf.Cred!, 6_550);
  });
});

const rowsOf = (csv: string) => Papa.parse<string[]>(csv.trim()).data;

describe("payments and credit notes in the reports", () => {
  it("age only what is still owed, after payments and credit notes", async () => {
    const aging = await as(companyId, (scope) => agingSummary(scope, "2026-06-30"));
    // INV-00001 is paid; INV-00002 (28 days) owes 65.50 and INV-00003 (27 days) 100.00.
    expect(aging.find((b) => b.bucket === "D1_30")).toEqual({ bucket: "D1_30", invoices: 2, balanceMinor: 16_550 });
    expect(aging.filter((b) => b.bucket !== "D1_30").every((b) => b.invoices === 0)).toBe(true);
  });

  it("collect paid ÷ (invoiced − credited)", async () => {
    const report = await as(companyId, (scope) => overview(scope, { from: "2026-06", to: "2026-06" }, NOW));
    // 131.00 + 31.00 paid of 393.00 − 65.50 = 327.50: 49.47 %.
    expect(report.collection).toEqual({
      invoices: 3,
      invoicedMinor: 39_300,
      creditedMinor: 6_550,
      paidMinor: 16_200,
      rateBps: 4_947,
      writtenOffInvoices: 0,
      badDebtMinor: 0,
    });
  });

  it("take credit notes off the tax of the month they were issued, split as the line was taxed", async () => {
    const report = await as(companyId, (scope) => taxes(scope, { from: "2026-06", to: "2026-06" }, NOW));
    expect(
      report.rows.map((r) => [
        r.name,
        r.invoices,
        r.invoicedTaxableMinor,
        r.invoicedTaxMinor,
        r.creditNotes,
        r.creditedTaxableMinor,
        r.creditedTaxMinor,
        r.taxableMinor,
        r.taxMinor,
      ]),
    ).toEqual([
      ["VAT", 3, 30_000, 4_800, 1, 5_000, 800, 25_000, 4_000],
      ["Excise duty", 3, 30_000, 4_500, 1, 5_000, 750, 25_000, 3_750],
    ]);
  });

  it("splits a credited tax over several taxes without losing a cent", () => {
    expect(splitByWeight(1_550, [1_600, 1_500])).toEqual([800, 750]);
    expect(splitByWeight(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitByWeight(7, [0, 0])).toEqual([4, 3]);
    expect(splitByWeight(0, [5, 5])).toEqual([0, 0]);
  });
});

describe("the accounting export of payments and credit notes", () => {
  it("gives QuickBooks each receipt as a bank line, with the invoices it paid", async () => {
    const file = await as(companyId, (scope) =>
      exportForAccounting(scope, { period: june, format: "QUICKBOOKS", document: "PAYMENTS" }),
    );
    expect(file.filename).toBe("payments-quickbooks-2026-06-01-to-2026-06-30.csv");
    expect(rowsOf(file.csv)).toEqual([
      [...QUICKBOOKS_PAYMENT_COLUMNS],
      ["10/06/2026", `Receipt RCT-00001 from Pay Otieno (${acc.Pay}) by Cash for INV-00001`, "200.00"],
      ["12/06/2026", `Receipt RCT-00002 from Part Otieno (${acc.Part}) by Bank transfer BT-1 for INV-00003`, "31.00"],
    ]);
  });

  it("gives Sage receipts against invoices (SR) and the rest on account (SA)", async () => {
    const file = await as(companyId, (scope) =>
      exportForAccounting(scope, { period: june, format: "SAGE", document: "PAYMENTS" }),
    );
    const ref = (n: number) => `C${String(n).padStart(6, "0")}`;
    expect(rowsOf(file.csv)).toEqual([
      [...SAGE_COLUMNS],
      [
        "SR",
        ref(acc.Pay!),
        "1200",
        "0",
        "10/06/2026",
        "INV-00001",
        "Receipt RCT-00001, Cash",
        "131.00",
        "T9",
        "0.00",
        "1",
        "RCT-00001",
      ],
      [
        "SA",
        ref(acc.Pay!),
        "1200",
        "0",
        "10/06/2026",
        "RCT-00001",
        "Payment on account RCT-00001, Cash",
        "69.00",
        "T9",
        "0.00",
        "1",
        "RCT-00001",
      ],
      [
        "SR",
        ref(acc.Part!),
        "1200",
        "0",
        "12/06/2026",
        "INV-00003",
        "Receipt RCT-00002, Bank transfer BT-1",
        "31.00",
        "T9",
        "0.00",
        "1",
        "RCT-00002",
      ],
    ]);
  });

  it("gives QuickBooks a credit note as a journal entry and Sage as SC lines", async () => {
    const qb = await as(companyId, (scope) =>
      exportForAccounting(scope, { period: june, format: "QUICKBOOKS", document: "CREDIT_NOTES" }),
    );
    const memo = "Credit note CN-00001 on INV-00002: Outage 10 days";
    const name = `Cred Otieno (${acc.Cred})`;
    expect(rowsOf(qb.csv)).toEqual([
      [...QUICKBOOKS_JOURNAL_COLUMNS],
      ["CN-00001", "20/06/2026", "USD", memo, QUICKBOOKS_ACCOUNTS.sales, "50.00", "", "Outage 10 days", name],
      ["CN-00001", "20/06/2026", "USD", memo, QUICKBOOKS_ACCOUNTS.tax, "15.50", "", "Outage 10 days", name],
      ["CN-00001", "20/06/2026", "USD", memo, QUICKBOOKS_ACCOUNTS.receivable, "", "65.50", "Outage 10 days", name],
    ]);
    const sage = await as(companyId, (scope) =>
      exportForAccounting(scope, { period: june, format: "SAGE", document: "CREDIT_NOTES" }),
    );
    expect(rowsOf(sage.csv)).toEqual([
      [...SAGE_COLUMNS],
      [
        "SC",
        `C${String(acc.Cred).padStart(6, "0")}`,
        "4000",
        "0",
        "20/06/2026",
        "CN-00001",
        "Outage credit, Yearly 100",
        "50.00",
        "T1",
        "15.50",
        "1",
        "INV-00002",
      ],
    ]);
  });

  it("lists a refund on the day it was paid out, as money going out", async () => {
    await as(companyId, (scope) =>
      refund(scope, { paymentId: cashPaymentId, amountMinor: 1_000, reason: "Overcharged" }),
    );
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());
    const [y, m, d] = today.split("-");
    const period = { from: today, to: today };
    const qb = await as(companyId, (scope) =>
      exportForAccounting(scope, { period, format: "QUICKBOOKS", document: "PAYMENTS" }),
    );
    expect(rowsOf(qb.csv).slice(1)).toEqual([
      [`${d}/${m}/${y}`, `Refund of RCT-00001 to Pay Otieno (${acc.Pay}): Overcharged`, "-10.00"],
    ]);
    const sage = await as(companyId, (scope) =>
      exportForAccounting(scope, { period, format: "SAGE", document: "PAYMENTS" }),
    );
    expect(rowsOf(sage.csv).slice(1)).toEqual([
      [
        "SP",
        `C${String(acc.Pay).padStart(6, "0")}`,
        "1200",
        "0",
        `${d}/${m}/${y}`,
        "RCT-00001",
        "Refund: Overcharged",
        "10.00",
        "T9",
        "0.00",
        "1",
        "RCT-00001",
      ],
    ]);
  });
});
