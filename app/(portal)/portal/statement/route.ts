import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { ownStatementPdf } from "@/server/modules/billing/customer-view";
import { documentResponse, rangeOf } from "@/server/modules/billing/download";

// The signed-in customer's own statement of account (?from=&to=, the last year by default).
export async function GET(req: Request) {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  return documentResponse(company, viewer, "customer", (scope, v) => ownStatementPdf(scope, v.userId, rangeOf(req)));
}
