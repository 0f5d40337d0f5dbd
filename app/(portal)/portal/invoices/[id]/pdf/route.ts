import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { invoicePdf } from "@/server/modules/billing/customer-view";
import { documentResponse } from "@/server/modules/billing/download";

// One of the signed-in customer's own invoices as PDF; anyone else's is 404 (see download.ts).
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const [{ id }, company, viewer] = await Promise.all([params, currentCompany(), currentViewer()]);
  return documentResponse(company, viewer, "customer", (scope, v) => invoicePdf(scope, v.userId, id));
}
