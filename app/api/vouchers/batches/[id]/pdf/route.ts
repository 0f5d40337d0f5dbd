import { currentCompany, currentViewer } from "@/server/auth/viewer";
import { voucherSheetResponse } from "@/server/modules/vouchers/download";

// The printable voucher sheet of a batch, for the signed-in console user (see download.ts).
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const [{ id }, company, viewer] = await Promise.all([params, currentCompany(), currentViewer()]);
  return voucherSheetResponse(company, viewer, id);
}
