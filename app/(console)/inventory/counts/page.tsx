import type { Metadata } from "next";
import { NoAccess } from "@/components/console/no-access";
import { CountsView } from "@/components/console/inventory/counts-view";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Stock counts" };

export default async function Page() {
  const { company, allowed, can } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return <CountsView canManage={can("inventory:manage")} timeZone={company.timeZone} />;
}
