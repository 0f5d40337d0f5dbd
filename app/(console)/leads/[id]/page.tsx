import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { LeadDetailView } from "@/components/console/leads/lead-detail";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { company, viewer, allowed, can } = await requireStaff("leads:read");
  if (!allowed) return <NoAccess what="viewing leads" />;
  await prefetch(trpc.leads.get.queryOptions({ id }));
  return (
    <HydrateClient>
      <LeadDetailView id={id} timeZone={company.timeZone} viewerId={viewer.userId} canManage={can("leads:manage")} />
    </HydrateClient>
  );
}
