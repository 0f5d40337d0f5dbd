import type { Metadata } from "next";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { StaffProfileView } from "@/components/console/team/staff-profile";
import { HydrateClient, prefetch, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Staff profile" };

/** /team/<userId>, or /team/me for one's own profile (which every staff member may read). */
export default async function StaffProfilePage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const { viewer, can } = await requireStaff();
  const self = userId === "me" || userId === viewer.userId;
  if (!can(self ? "staff:read_own" : "staff:read")) return <NoAccess what="viewing staff profiles" />;
  await prefetch(self ? trpc.staff.me.queryOptions() : trpc.staff.get.queryOptions({ userId }));
  return (
    <HydrateClient>
      <StaffProfileView userId={self ? "me" : userId} canManage={can("staff:manage")} canReadTeam={can("staff:read")} />
    </HydrateClient>
  );
}
