import type { Viewer } from "../../auth/viewer";
import { toRestError } from "../../api/errors";
import { withTenant } from "../../db/tenant";
import type { CompanyRef } from "../companies/service";
import type { Scope } from "../scope";

// The PDF downloads the console and the portal open as links (an invoice, a statement of
// account). They ride on the signed-in session rather than a bearer token, and answer as tRPC
// would: 401 signed out or another company's session, 403 without the permission, 404 for a
// document this company (or, in the portal, this customer) does not have.

export type Side = "staff" | "customer";

function problem(status: number, code: string, message: string) {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

export function pdfResponse({ filename, pdf }: { filename: string; pdf: Uint8Array }, inline = false): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${filename}"`,
      "Content-Length": String(pdf.length),
      // A customer's account and what they owe: not for shared caches.
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * Checks the session for `side` (staff: billing:read; customer: portal:access), then makes the
 * PDF in a transaction of the company, as the viewer.
 */
export async function documentResponse(
  company: CompanyRef | null,
  viewer: Viewer | null,
  side: Side,
  make: (scope: Scope, viewer: Viewer) => Promise<{ filename: string; pdf: Uint8Array }>,
): Promise<Response> {
  if (!company) return problem(404, "NOT_FOUND", "No company at this address.");
  if (!viewer || viewer.companyId !== company.id) return problem(401, "UNAUTHORIZED", "Please sign in.");
  if (viewer.mustEnrolTwoFactor) return problem(403, "FORBIDDEN", "Set up two-factor authentication first.");
  if (!viewer.permissions.includes(side === "staff" ? "billing:read" : "portal:access"))
    return problem(403, "FORBIDDEN", "You do not have permission to do that.");
  try {
    const file = await withTenant(company.id, (tx) =>
      make({ tx, companyId: company.id, actor: { type: "USER", id: viewer.userId, label: viewer.email } }, viewer),
    );
    return pdfResponse(file);
  } catch (err) {
    const { status, body } = toRestError(err);
    return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  }
}

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD of a statement link (checked by the statement's schema). */
export function rangeOf(req: Request): { from?: string; to?: string } {
  const q = new URL(req.url).searchParams;
  return { from: q.get("from") || undefined, to: q.get("to") || undefined };
}
