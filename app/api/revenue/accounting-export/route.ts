import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { csvResponse } from "@/server/modules/revenue/download";

// Invoices (and later payments and credit notes) of a period as a QuickBooks or Sage CSV, for the
// signed-in console user with billing:read (see download.ts and docs/ACCOUNTING-EXPORT.md).
export async function GET(req: Request) {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  return csvResponse(company, viewer, "accounting-export", new URL(req.url).searchParams);
}
