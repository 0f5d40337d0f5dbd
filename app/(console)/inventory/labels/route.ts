import { withTenant } from "@/server/db/tenant";
import { toRestError } from "@/server/api/errors";
import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { labelsFor, renderLabelsPdf } from "@/server/modules/inventory/labels";

// Printable labels (PDF) for the signed-in staff member who may read the inventory:
// ?serial=…&serial=… (units), ?purchaseOrderId=… (a received order's units), ?locationId=… (bins).
export async function GET(req: Request) {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  const problem = (status: number, code: string, message: string) =>
    Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
  if (!company) return problem(404, "NOT_FOUND", "No company at this address.");
  if (!viewer || viewer.companyId !== company.id) return problem(401, "UNAUTHORIZED", "Please sign in.");
  if (viewer.mustEnrolTwoFactor) return problem(403, "FORBIDDEN", "Set up two-factor authentication first.");
  if (!viewer.permissions.includes("inventory:read"))
    return problem(403, "FORBIDDEN", "You do not have permission to do that.");
  const q = new URL(req.url).searchParams;
  try {
    const pdf = await withTenant(company.id, async (tx) => {
      const scope = {
        tx,
        companyId: company.id,
        actor: { type: "USER" as const, id: viewer.userId, label: viewer.email },
      };
      const labels = await labelsFor(scope, {
        serials: q.getAll("serial"),
        purchaseOrderId: q.get("purchaseOrderId") ?? undefined,
        locationIds: q.getAll("locationId"),
      });
      return renderLabelsPdf(labels, company.name);
    });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": 'inline; filename="labels.pdf"',
        "Cache-Control": "private, no-store",
      },
    });
  } catch (err) {
    const { status, body } = toRestError(err);
    return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
  }
}
