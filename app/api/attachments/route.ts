import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { uploadResponse } from "@/server/modules/storage/http";

// Upload one attachment (multipart `file`) for the signed-in person; see server/modules/storage/http.ts.
export async function POST(req: Request) {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  return uploadResponse(company, viewer, req);
}
