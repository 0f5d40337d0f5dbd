import { SMS_STATUSES } from "@/server/modules/sms/schema";
import type { ListParams } from "../data-list/list-params";

// The SMS log's URL → `sms.log.list` input, shared by the list and the page that prefetches it.
export const SMS_PAGE_SIZE = 25;

export function smsLogInput(p: ListParams) {
  return {
    page: p.page,
    pageSize: SMS_PAGE_SIZE,
    search: p.search || undefined,
    status: p.oneOf("status", SMS_STATUSES),
  };
}
