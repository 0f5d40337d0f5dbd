import { beforeAll, describe, expect, it } from "vitest";
import { call, hostOf } from "../../api/rest/testing";
import { withTenant } from "../../db/tenant";
import * as apiTokens from "../../modules/auth/api-tokens";
import type { Viewer } from "../../auth/viewer";
import { permissionsOf } from "../../auth/permissions";
import type { Role } from "../../db/generated/prisma/enums";
import { makeCompany, makeUser } from "../../test/fixtures";
import type { CompanyRef } from "../companies/service";
import { invoicePdf, invoicePdfOf, ownStatementPdf } from "./customer-view";
import { documentResponse } from "./download";
import { get, list, pdf } from "./rest";
import { run } from "./run";
import { activeSubscriber, makePackage, pdfText, setUpBilling } from "./testing";

// The invoice REST endpoints and the PDF downloads: staff with billing:read see the company's
// invoices; a customer's token and a customer's portal session see only their own; anyone else's
// invoice is 404, as if it did not exist.

const HOST = hostOf("rest-bills");
let company: CompanyRef;
let manager: { id: string; token: string };
let supportToken: string;
let amina: { customerId: string; userId: string; token: string; invoiceId: string };
let baraka: { customerId: string; invoiceId: string };

const tokenFor = async (user: { id: string; role: Role; email: string }) =>
  (await apiTokens.issue(company.id, user, { ip: "203.0.113.9", userAgent: "vitest" })).accessToken;

beforeAll(async () => {
  company = (await makeCompany("rest-bills", "Rift Valley Net")).company;
  await setUpBilling(company.id);
  const pkg = await makePackage(company.id, { name: "Home 10" });
  const a = await activeSubscriber(company.id, pkg.id, "2026-04-01", { firstName: "Amina" });
  const b = await activeSubscriber(company.id, pkg.id, "2026-04-01", { firstName: "Baraka" });
  await run(company.id, { date: "2026-04-01", trigger: "MANUAL", actor: { type: "SYSTEM", label: "test" } });
  await run(company.id, { date: "2026-05-01", trigger: "MANUAL", actor: { type: "SYSTEM", label: "test" } });
  const user = await makeUser(company.id, "CUSTOMER", { email: "amina@rest-bills.test" });
  const invoices = await withTenant(company.id, async (tx) => {
    await tx.customer.update({ where: { id: a.customerId }, data: { userId: user.id } });
    return tx.invoice.findMany({ orderBy: { number: "asc" } });
  });
  const first = (customerId: string) => invoices.find((i) => i.customerId === customerId)!.id;
  amina = {
    customerId: a.customerId,
    userId: user.id,
    token: await tokenFor({ id: user.id, role: "CUSTOMER", email: "amina@rest-bills.test" }),
    invoiceId: first(a.customerId),
  };
  baraka = { customerId: b.customerId, invoiceId: first(b.customerId) };
  const csm = await makeUser(company.id, "CUSTOMER_SERVICE_MANAGER", { email: "csm@rest-bills.test" });
  manager = {
    id: csm.id,
    token: await tokenFor({ id: csm.id, role: "CUSTOMER_SERVICE_MANAGER", email: "csm@rest-bills.test" }),
  };
  const support = await makeUser(company.id, "TECHNICAL_SUPPORT", { email: "support@rest-bills.test" });
  supportToken = await tokenFor({ id: support.id, role: "TECHNICAL_SUPPORT", email: "support@rest-bills.test" });
});

describe("GET /api/invoices", () => {
  it("gives staff with billing:read the company's invoices, filtered and paged", async () => {
    const all = await call(list, { host: HOST, token: manager.token, query: { pageSize: "3", sort: "number" } });
    expect(all.status, all.text).toBe(200);
    expect(all.body).toMatchObject({ total: 4, page: 1, pageSize: 3, pageCount: 2 });
    expect(all.body.rows[0]).toMatchObject({
      number: "INV-00004",
      status: "OPEN",
      overdue: true,
      currency: "USD",
      issueDate: "2026-05-01",
      dueDate: "2026-05-15",
      periodStart: "2026-05-01",
      periodEnd: "2026-05-31",
      totalMinor: 2_900,
      amountPaidMinor: 0,
    });
    const hers = await call(list, { host: HOST, token: manager.token, query: { customerId: amina.customerId } });
    expect(hers.body.rows.map((r: { customer: { id: string } }) => r.customer.id)).toEqual([
      amina.customerId,
      amina.customerId,
    ]);
    const april = await call(list, {
      host: HOST,
      token: manager.token,
      query: { periodFrom: "2026-04-01", periodTo: "2026-04-30", status: "OPEN" },
    });
    expect(april.body.total).toBe(2);
    const bad = await call(list, { host: HOST, token: manager.token, query: { status: "LOST" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty("status");
  });

  it("answers bad filters and paging with sentences a person understands, in the usual error shape", async () => {
    const bad = await call(list, {
      host: HOST,
      token: manager.token,
      query: { status: "LATE", page: "0", pageSize: "500", sort: "amount", periodFrom: "2026-13-01", customerId: "" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: {
        code: "INVALID",
        message: "Some fields are not valid.",
        fields: {
          status: "Use DRAFT, OPEN, PARTIALLY_PAID, PAID, VOID, UNCOLLECTIBLE or OVERDUE.",
          page: "Use a number of at least 1.",
          pageSize: "Use a number of at most 100.",
          sort: "Use number, issueDate, dueDate or totalMinor.",
          periodFrom: "Enter a date as YYYY-MM-DD.",
          customerId: "Leave it out or give a value; it cannot be empty.",
        },
      },
    });
    const words = await call(list, { host: HOST, token: manager.token, query: { page: "two", direction: "up" } });
    expect(words.body.error.fields).toEqual({ page: "Use a number.", direction: "Use asc or desc." });
  });

  it("refuses staff without billing access", async () => {
    const res = await call(list, { host: HOST, token: supportToken });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });

  it("gives a customer's token only its own invoices, whatever customer it asks for", async () => {
    const res = await call(list, { host: HOST, token: amina.token, query: { customerId: baraka.customerId } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.total).toBe(2);
    expect(new Set(res.body.rows.map((r: { customer: { id: string } }) => r.customer.id))).toEqual(
      new Set([amina.customerId]),
    );
  });
});

describe("GET /api/invoices/{id} and its PDF", () => {
  it("shows staff an invoice's lines with their rules, and its PDF", async () => {
    const res = await call(get, { host: HOST, token: manager.token, params: { id: baraka.invoiceId } });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ number: "INV-00002", subtotalMinor: 2_500, taxMinor: 400, balanceMinor: 2_900 });
    expect(res.body.lines).toHaveLength(1);
    expect(res.body.lines[0]).toMatchObject({ kind: "RECURRING", totalMinor: 2_900, periodStart: "2026-04-01" });
    expect(res.body.lines[0].rule).toMatch(/VAT 16 %/);
    expect(res.body.taxSummary).toEqual([{ name: "VAT", rateBps: 1_600, taxableMinor: 2_500, taxMinor: 400 }]);

    const file = await pdfCall(manager.token, baraka.invoiceId);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="invoice-INV-00002.pdf"');
    expect(await pdfText(file.bytes)).toContain("Balance due US$29.00");
  });

  it("lets a customer's token read its own invoice and refuses another customer's as not found", async () => {
    expect((await call(get, { host: HOST, token: amina.token, params: { id: amina.invoiceId } })).status).toBe(200);
    const theirs = await call(get, { host: HOST, token: amina.token, params: { id: baraka.invoiceId } });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe("NOT_FOUND");
    expect((await pdfCall(amina.token, baraka.invoiceId)).status).toBe(404);
    const own = await pdfCall(amina.token, amina.invoiceId);
    expect(own.status).toBe(200);
    expect(await pdfText(own.bytes)).toContain("INV-00001");
  });
});

/** The PDF route, reading the body as bytes (call() reads it as text). */
async function pdfCall(token: string, id: string) {
  const res = await pdf(
    new Request(`http://${HOST}/api/invoices/${id}/pdf`, {
      headers: { host: HOST, authorization: `Bearer ${token}`, "user-agent": "vitest" },
    }),
    { params: Promise.resolve({ id }) },
  );
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe("the console and portal downloads", () => {
  const viewer = (userId: string, role: Role): Viewer => ({
    userId,
    companyId: company.id,
    sessionId: "s",
    email: "x@rest-bills.test",
    name: "X",
    role,
    permissions: permissionsOf(role),
    mustEnrolTwoFactor: false,
  });

  it("serves staff with billing:read any invoice of the company, and nobody signed out", async () => {
    const staff = await documentResponse(company, viewer(manager.id, "CUSTOMER_SERVICE_MANAGER"), "staff", (s) =>
      invoicePdfOf(s, baraka.invoiceId),
    );
    expect(staff.status).toBe(200);
    expect(staff.headers.get("cache-control")).toBe("private, no-store");
    const support = await documentResponse(company, viewer("u", "TECHNICAL_SUPPORT"), "staff", (s) =>
      invoicePdfOf(s, baraka.invoiceId),
    );
    expect(support.status).toBe(403);
    expect((await documentResponse(company, null, "staff", (s) => invoicePdfOf(s, baraka.invoiceId))).status).toBe(401);
  });

  it("serves a customer only their own invoices and statement", async () => {
    const own = await documentResponse(company, viewer(amina.userId, "CUSTOMER"), "customer", (s, v) =>
      invoicePdf(s, v.userId, amina.invoiceId),
    );
    expect(own.status).toBe(200);
    const theirs = await documentResponse(company, viewer(amina.userId, "CUSTOMER"), "customer", (s, v) =>
      invoicePdf(s, v.userId, baraka.invoiceId),
    );
    expect(theirs.status).toBe(404);
    const statement = await documentResponse(company, viewer(amina.userId, "CUSTOMER"), "customer", (s, v) =>
      ownStatementPdf(s, v.userId, { from: "2026-04-01", to: "2026-05-31" }),
    );
    expect(statement.status).toBe(200);
    const text = await pdfText(new Uint8Array(await statement.arrayBuffer()));
    expect(text).toContain("INV-00001");
    expect(text).toContain("INV-00003");
    expect(text).not.toContain("INV-00002");
    expect(text).toContain("Balance on 31 May 2026 US$58.00");
  });
});
