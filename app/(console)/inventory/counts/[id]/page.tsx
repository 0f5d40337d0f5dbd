import type { Metadata } from "next";
import { NoAccess } from "@/components/console/no-access";
import { CountDetail } from "@/components/console/inventory/count-detail";
import { requireStaff } from "@/server/auth/guards";

export const metadata: Metadata = { title: "Stock count" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company, allowed, can } = await requireStaff("inventory:read");
  if (!allowed) return <NoAccess what="viewing the inventory" />;
  return <CountDetail id={id} canManage={can("inventory:manage")} timeZone={company.timeZone} />;
}
