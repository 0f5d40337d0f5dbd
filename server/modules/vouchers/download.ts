import type { Viewer } from "../../auth/viewer";
import { toRestError } from "../../api/errors";
import type { CompanyRef } from "../companies/service";
import { batchPdf } from "./service";

// The voucher sheet download (app/api/vouchers/batches/[id]/pdf). It is a link the console opens
// in the browser, so it rides on the signed-in session rather than a bearer token, and answers
// the same way tRPC would: 401 signed out or another company's session, 403 without
// vouchers:read, 404 for a batch this company does not have (whoever else's it is).

function problem(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

export async function voucherSheetResponse(
  company: CompanyRef | null,
  viewer: Viewer | null,
  batchId: string,
): Promise<Response> {
  if (!company) return problem(404, "NOT_FOUND", "No company at this address.");
  if (!viewer || viewer.companyId !== company.id) return problem(401, "UNAUTHORIZED", "Please sign in.");
  if (viewer.mustEnrolTwoFactor) return problem(403, "FORBIDDEN", "Set up two-factor authentication first.");
  if (!viewer.permissions.includes("vouchers:read"))
    return problem(403, "FORBIDDEN", "You do not have permission to do that.");
  if (!batchId || batchId.length > 64) return problem(404, "NOT_FOUND", "Voucher batch not found.");
  try {
    const { filename, pdf } = await batchPdf(company.id, batchId, {
      type: "USER",
      id: viewer.userId,
      label: viewer.email,
    });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Content-Length": String(pdf.length),
        // Codes on the sheet are money: keep them out of shared caches and the browser's cache.
        "Cache-Control": "private, no-store",
      },
    });
  } catch (err) {
    const { status, body } = toRestError(err);
    return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  }
}
