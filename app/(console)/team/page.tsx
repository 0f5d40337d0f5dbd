import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { TeamView } from "@/components/console/team/team-view";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const { company, viewer, allowed } = await requireStaff("staff:read");
  if (!allowed) {
    // Everyone on the staff may see their own profile, even without the team list.
    if (viewer.permissions.includes("staff:read_own")) redirect("/team/me");
    return <NoAccess what="viewing the team" />;
  }
  return (
    <Suspense>
      <TeamView timeZone={company.timeZone} canManage={viewer.permissions.includes("staff:manage")} />
    </Suspense>
  );
}
