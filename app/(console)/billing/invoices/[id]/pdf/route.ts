import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { invoicePdfOf } from "@/server/modules/billing/customer-view";
import { documentResponse } from "@/server/modules/billing/download";

// An invoice's PDF for the signed-in staff member with billing:read (see download.ts).
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const [{ id }, company, viewer] = await Promise.all([params, currentCompany(), currentViewer()]);
  return documentResponse(company, viewer, "staff", (scope) => invoicePdfOf(scope, id));
}
