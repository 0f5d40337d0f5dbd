import type { RouterOutputs } from "../types";

export type BatchRow = RouterOutputs["vouchers"]["listBatches"]["rows"][number];
export type BatchDetail = RouterOutputs["vouchers"]["getBatch"];
export type VoucherRow = BatchDetail["vouchers"]["rows"][number];
export type HotspotPackageOption = RouterOutputs["vouchers"]["hotspotPackages"][number];

/** The printable sheet of a batch (a session-authenticated download, see app/api/vouchers). */
export const sheetHref = (batchId: string) => `/api/vouchers/batches/${encodeURIComponent(batchId)}/pdf`;
