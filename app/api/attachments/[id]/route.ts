import { attachmentOwners } from "@/server/api/attachment-owners";
import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { discardResponse, downloadResponse } from "@/server/modules/storage/http";

// Download one attachment, if the signed-in person may see it; discard one's own pending upload.
// See server/modules/storage/http.ts.
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const [{ id }, company, viewer] = await Promise.all([params, currentCompany(), currentViewer()]);
  return downloadResponse(company, viewer, id, req, attachmentOwners);
}

export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const [{ id }, company, viewer] = await Promise.all([params, currentCompany(), currentViewer()]);
  return discardResponse(company, viewer, id, req);
}
