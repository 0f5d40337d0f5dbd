import { VOUCHER_STATUSES } from "@/server/modules/vouchers/schema";
import type { ListParams } from "../data-list/list-params";

// A batch page's URL → `vouchers.getBatch` input, shared by the page that prefetches it and the
// batch view (see data-list/list-params.ts for why they must agree).

export function batchInput(id: string, p: ListParams) {
  return { id, page: p.page, pageSize: 50, status: p.oneOf("status", VOUCHER_STATUSES) };
}
