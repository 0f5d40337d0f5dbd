import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { depreciationCsvResponse } from "@/server/modules/depreciation/download";

// The depreciation schedule as CSV for the accounting package (see depreciation/download.ts).
export async function GET(req: Request) {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  return depreciationCsvResponse(company, viewer, new URL(req.url).searchParams);
}
