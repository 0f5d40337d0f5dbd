import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { LeadDetailView } from "@/components/console/leads/lead-detail";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company, viewer, allowed, can } = await requireStaff("leads:read");
  if (!allowed) return <NoAccess what="viewing leads" />;
  return (
    <LeadDetailView id={id} timeZone={company.timeZone} viewerId={viewer.userId} canManage={can("leads:manage")} />
  );
}
