import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { TeamView } from "@/components/console/team/team-view";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const { company, allowed, can } = await requireStaff("staff:read");
  if (!allowed) {
    // Everyone on the staff may see their own profile, even without the team list.
    if (can("staff:read_own")) redirect("/team/me");
    return <NoAccess what="viewing the team" />;
  }
  return (
    <Suspense>
      <TeamView timeZone={company.timeZone} canManage={can("staff:manage")} />
    </Suspense>
  );
}
