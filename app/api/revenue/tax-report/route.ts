import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { csvResponse } from "@/server/modules/revenue/download";

// The tax report as CSV, for the signed-in console user with billing:read (see download.ts).
export async function GET(req: Request) {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  return csvResponse(company, viewer, "tax-report", new URL(req.url).searchParams);
}
