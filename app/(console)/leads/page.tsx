import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { LeadsView } from "@/components/console/leads/leads-view";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage() {
  const { company, viewer, allowed, can } = await requireStaff("leads:read");
  if (!allowed) return <NoAccess what="viewing leads" />;
  return (
    <Suspense>
      <LeadsView timeZone={company.timeZone} viewerId={viewer.userId} canManage={can("leads:manage")} />
    </Suspense>
  );
}
