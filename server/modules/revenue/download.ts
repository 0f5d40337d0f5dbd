import { sessionCsvResponse } from "../../api/csv-download";
import type { Viewer } from "../../auth/viewer";
import type { CompanyRef } from "../companies/service";
import { exportForAccounting, taxesCsv } from "./service";

// The CSV downloads (app/api/revenue/tax-report and app/api/revenue/accounting-export) for
// readers of billing; the query string is the procedure's input.

export type CsvKind = "tax-report" | "accounting-export";

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

export function csvResponse(company: CompanyRef | null, viewer: Viewer | null, kind: CsvKind, query: URLSearchParams) {
  return sessionCsvResponse(company, viewer, "billing:read", (scope) => {
    const input = inputOf(kind, query);
    return kind === "tax-report"
      ? taxesCsv(scope, input as Parameters<typeof taxesCsv>[1])
      : exportForAccounting(scope, input as Parameters<typeof exportForAccounting>[1]);
  });
}
