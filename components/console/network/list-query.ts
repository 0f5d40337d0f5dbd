import { DEVICE_ROLES, DEVICE_STATUSES } from "@/server/modules/devices/schema";
import type { ListParams } from "../data-list/list-params";

// The devices list's URL → `devices.list` input, shared by the list and the page that
// prefetches it (see data-list/list-params.ts for why they must agree).

export function devicesListInput(p: ListParams) {
  return {
    page: p.page,
    pageSize: 25,
    q: p.search || undefined,
    role: p.oneOf("role", DEVICE_ROLES),
    status: p.oneOf("status", DEVICE_STATUSES),
  };
}

export function deviceTypesListInput(p: ListParams) {
  return { page: p.page, pageSize: 50, q: p.search || undefined, role: p.oneOf("role", DEVICE_ROLES) };
}

export function nasListInput(p: ListParams) {
  return { page: p.page, pageSize: 25, search: p.search || undefined };
}

export function onlineListInput(p: ListParams) {
  return {
    page: p.page,
    pageSize: 50,
    search: p.search || undefined,
    nasId: p.get("nas") || undefined,
    siteId: p.get("site") || undefined,
  };
}
