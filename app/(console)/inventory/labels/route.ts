import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { labelsResponse } from "@/server/modules/inventory/labels";

// Printable labels (PDF): ?serial=…&serial=… (units), ?purchaseOrderId=… (a received order's
// units), ?locationId=… (bins). The rules are in server/modules/inventory/labels.tsx.
export async function GET(req: Request) {
  const [company, viewer] = await Promise.all([currentCompany(), currentViewer()]);
  return labelsResponse(company, viewer, new URL(req.url).searchParams);
}
