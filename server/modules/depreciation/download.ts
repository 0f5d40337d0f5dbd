import type { Viewer } from "../../auth/viewer";
import { toRestError } from "../../api/errors";
import { withTenant } from "../../db/tenant";
import type { CompanyRef } from "../companies/service";
import type { Scope } from "../scope";
import { exportCsv } from "./service";

// The depreciation CSV (app/api/inventory/depreciation.csv): a link the console opens, so it rides
// on the signed-in session and answers as tRPC would: 401 signed out or another company's
// session, 403 without inventory:read, 400 for a bad period. The query string is the input.

function problem(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

export async function depreciationCsvResponse(
  company: CompanyRef | null,
  viewer: Viewer | null,
  query: URLSearchParams,
): Promise<Response> {
  if (!company) return problem(404, "NOT_FOUND", "No company at this address.");
  if (!viewer || viewer.companyId !== company.id) return problem(401, "UNAUTHORIZED", "Please sign in.");
  if (viewer.mustEnrolTwoFactor) return problem(403, "FORBIDDEN", "Set up two-factor authentication first.");
  if (!viewer.permissions.includes("inventory:read"))
    return problem(403, "FORBIDDEN", "You do not have permission to do that.");
  try {
    const file = await withTenant(company.id, (tx) => {
      const scope: Scope = {
        tx,
        companyId: company.id,
        actor: { type: "USER", id: viewer.userId, label: viewer.email },
      };
      return exportCsv(scope, { from: query.get("from") ?? "", to: query.get("to") ?? "" });
    });
    return new Response(`\uFEFF${file.csv}`, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (err) {
    const { status, body } = toRestError(err);
    return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  }
}
