import type { Permission } from "../auth/permissions";
import type { Viewer } from "../auth/viewer";
import { withTenant } from "../db/tenant";
import type { CompanyRef } from "../modules/companies/service";
import type { Scope } from "../modules/scope";
import { toRestError } from "./errors";

// A CSV download the console opens as a plain link (tax report, accounting export, depreciation
// schedule): it rides on the signed-in session and answers the way tRPC would — 404 for no
// company, 401 signed out or another company's session, 403 without the permission or before
// two-factor enrolment, and the module's own error (400 for a bad period) from `produce`.

function problem(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

export async function sessionCsvResponse(
  company: CompanyRef | null,
  viewer: Viewer | null,
  permission: Permission,
  produce: (scope: Scope) => Promise<{ csv: string; filename: string }>,
): Promise<Response> {
  if (!company) return problem(404, "NOT_FOUND", "No company at this address.");
  if (!viewer || viewer.companyId !== company.id) return problem(401, "UNAUTHORIZED", "Please sign in.");
  if (viewer.mustEnrolTwoFactor) return problem(403, "FORBIDDEN", "Set up two-factor authentication first.");
  if (!viewer.permissions.includes(permission))
    return problem(403, "FORBIDDEN", "You do not have permission to do that.");
  try {
    const file = await withTenant(company.id, (tx) =>
      produce({ tx, companyId: company.id, actor: { type: "USER", id: viewer.userId, label: viewer.email } }),
    );
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
