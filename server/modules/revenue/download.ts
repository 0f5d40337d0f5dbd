import type { Viewer } from "../../auth/viewer";
import { withTenant } from "../../db/tenant";
import { toRestError } from "../../api/errors";
import type { CompanyRef } from "../companies/service";
import type { Scope } from "../scope";
import { exportForAccounting, taxesCsv } from "./service";

// The CSV downloads (app/api/revenue/tax-report and app/api/revenue/accounting-export): links the
// console opens in the browser, so they ride on the signed-in session like the voucher sheet, and
// answer the way tRPC would: 401 signed out or another company's session, 403 without
// billing:read, 400 for a bad period. The query string is the procedure's input.

export type CsvKind = "tax-report" | "accounting-export";

function problem(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

function inputOf(kind: CsvKind, query: URLSearchParams) {
  const text = (key: string) => query.get(key) ?? undefined;
  return kind === "tax-report"
    ? { from: text("from"), to: text("to") }
    : {
        period: { from: text("from"), to: text("to") },
        format: text("format"),
        document: text("document") ?? "INVOICES",
      };
}

export async function csvResponse(
  company: CompanyRef | null,
  viewer: Viewer | null,
  kind: CsvKind,
  query: URLSearchParams,
): Promise<Response> {
  if (!company) return problem(404, "NOT_FOUND", "No company at this address.");
  if (!viewer || viewer.companyId !== company.id) return problem(401, "UNAUTHORIZED", "Please sign in.");
  if (viewer.mustEnrolTwoFactor) return problem(403, "FORBIDDEN", "Set up two-factor authentication first.");
  if (!viewer.permissions.includes("billing:read"))
    return problem(403, "FORBIDDEN", "You do not have permission to do that.");
  try {
    const file = await withTenant(company.id, (tx) => {
      const scope: Scope = {
        tx,
        companyId: company.id,
        actor: { type: "USER", id: viewer.userId, label: viewer.email },
      };
      const input = inputOf(kind, query);
      return kind === "tax-report"
        ? taxesCsv(scope, input as Parameters<typeof taxesCsv>[1])
        : exportForAccounting(scope, input as Parameters<typeof exportForAccounting>[1]);
    });
    // A byte-order mark, so spreadsheet programs read the file as UTF-8 (customer names with accents).
    return new Response(`\uFEFF${file.csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        // Customers' names and amounts: not for shared caches.
        "Cache-Control": "private, no-store",
      },
    });
  } catch (err) {
    const { status, body } = toRestError(err);
    return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  }
}
