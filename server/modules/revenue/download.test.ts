import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant";
import { callerAs, makeCompany, makeUser } from "../../test/fixtures";
import { expectFailure } from "../../test/trpc";
import { run } from "../billing/run";
import { activeSubscriber, makePackage, setUpBilling } from "../billing/testing";
import { csvResponse } from "./download";
import { TAX_REPORT_COLUMNS } from "./tax-report";
import { invoicedOnlyTaxRow } from "./testing";

// The CSV downloads and the procedures answer staff with billing:read of their own company only.

const staff = { type: "SYSTEM" as const, label: "test" };
type Company = Awaited<ReturnType<typeof makeCompany>>;
type Caller = Awaited<ReturnType<typeof callerAs>>;

let ours: Company;
let theirs: Company;
let accountant: Caller;
let technician: Caller;

beforeAll(async () => {
  ours = await makeCompany("rev-dl-ours");
  theirs = await makeCompany("rev-dl-theirs");
  for (const [co, tax] of [
    [ours, "Our VAT"],
    [theirs, "Their VAT"],
  ] as const) {
    await setUpBilling(co.company.id, {}, [{ name: tax, rateBps: 1_600 }]);
    const pkg = await makePackage(co.company.id, { code: "HOME", name: `${tax} Home` });
    await activeSubscriber(co.company.id, pkg.id, "2026-03-01");
    await run(co.company.id, { date: "2026-03-01", trigger: "MANUAL", actor: staff });
  }
  accountant = await callerAs(ours.company, (await makeUser(ours.company.id, "BILLING_ADMIN")).id);
  technician = await callerAs(ours.company, (await makeUser(ours.company.id, "FIELD_TECHNICIAN")).id);
});

const query = (q: Record<string, string>) => new URLSearchParams(q);

describe("the CSV downloads", () => {
  it("give staff with billing:read their own company's tax report as an attachment", async () => {
    const res = await csvResponse(
      ours.company,
      accountant.ctx.viewer,
      "tax-report",
      query({ from: "2026-03", to: "2026-03" }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="tax-report-2026-03-to-2026-03.csv"');
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const text = (await res.text()).replace(/^\uFEFF/, "");
    const rows = Papa.parse<string[]>(text.trim()).data;
    // 2,500 × 31/31 (calendar March) with 16 % VAT: 400.
    expect(rows).toEqual([
      [...TAX_REPORT_COLUMNS],
      invoicedOnlyTaxRow("2026-03", "Our VAT", "16.00", 1, "25.00", "4.00"),
    ]);
  });

  it("give the accounting export in the chosen layout, and only this company's invoices", async () => {
    const res = await csvResponse(
      ours.company,
      accountant.ctx.viewer,
      "accounting-export",
      query({ from: "2026-03-01", to: "2026-03-31", format: "QUICKBOOKS" }),
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("Our VAT Home");
    expect(text).not.toContain("Their VAT");
    // Customers' names and amounts left in bulk: who took them, and what, is in the audit log.
    const entry = await withTenant(ours.company.id, (tx) =>
      tx.auditEntry.findFirstOrThrow({ where: { action: "revenue.accounting_export" } }),
    );
    expect(entry).toMatchObject({
      actorId: accountant.ctx.viewer!.userId,
      after: { document: "INVOICES", format: "QUICKBOOKS", from: "2026-03-01", to: "2026-03-31", rows: 1 },
    });
  });

  it("refuse whoever may not read billing, and explain a bad period", async () => {
    const q = query({ from: "2026-03", to: "2026-03" });
    expect((await csvResponse(ours.company, technician.ctx.viewer, "tax-report", q)).status).toBe(403);
    expect((await csvResponse(ours.company, null, "tax-report", q)).status).toBe(401);
    // Our session replayed on their address.
    expect((await csvResponse(theirs.company, accountant.ctx.viewer, "tax-report", q)).status).toBe(401);
    expect((await csvResponse(null, accountant.ctx.viewer, "tax-report", q)).status).toBe(404);
    const bad = await csvResponse(
      ours.company,
      accountant.ctx.viewer,
      "accounting-export",
      query({ from: "2026-03-31", to: "2026-03-01", format: "SAGE" }),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: "INVALID", fields: { "period.to": "The end date must not be before the start date." } },
    });
    const unknown = await csvResponse(
      ours.company,
      accountant.ctx.viewer,
      "accounting-export",
      query({ from: "2026-03-01", to: "2026-03-31", format: "XERO" }),
    );
    expect(unknown.status).toBe(400);
  });
});

describe("the revenue procedures", () => {
  it("need billing:read", async () => {
    await expectFailure(technician.revenue.overview({}), "FORBIDDEN");
    await expectFailure(technician.revenue.agingInvoices({ bucket: "D1_30" }), "FORBIDDEN");
    await expectFailure(technician.revenue.taxReport({}), "FORBIDDEN");
  });

  it("answer in the company's zone and currency", async () => {
    const report = await accountant.revenue.overview({ from: "2026-03", to: "2026-03" });
    expect(report.range).toMatchObject({
      from: "2026-03",
      to: "2026-03",
      timeZone: "America/New_York",
      currency: "USD",
    });
    expect(report.byPackage.map((p) => p.name)).toEqual(["Our VAT Home"]);
  });
});
