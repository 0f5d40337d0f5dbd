import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { statementPdfOf } from "@/server/modules/billing/customer-view";
import { documentResponse, rangeOf } from "@/server/modules/billing/download";

// A customer's statement of account (?from=&to=, the last year by default) for staff with billing:read.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const [{ id }, company, viewer] = await Promise.all([params, currentCompany(), currentViewer()]);
  return documentResponse(company, viewer, "staff", (scope) =>
    statementPdfOf(scope, { customerId: id, ...rangeOf(req) }),
  );
}
