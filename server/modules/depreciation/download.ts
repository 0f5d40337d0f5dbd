import { sessionCsvResponse } from "../../api/csv-download";
import type { Viewer } from "../../auth/viewer";
import type { CompanyRef } from "../companies/service";
import { exportCsv } from "./service";

// The depreciation CSV (app/api/inventory/depreciation.csv) for readers of inventory costs; the
// query string (from, to: YYYY-MM) is the input.
export function depreciationCsvResponse(company: CompanyRef | null, viewer: Viewer | null, query: URLSearchParams) {
  return sessionCsvResponse(company, viewer, "inventory:read", (scope) =>
    exportCsv(scope, { from: query.get("from") ?? "", to: query.get("to") ?? "" }),
  );
}
