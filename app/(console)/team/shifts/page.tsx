import type { Metadata } from "next";
import { Suspense } from "react";
import { requireStaff } from "@/server/auth/guards";
import { NoAccess } from "@/components/console/no-access";
import { ShiftPlanner } from "@/components/console/team/shift-planner";

export const metadata: Metadata = { title: "Shift planner" };

export default async function ShiftsPage() {
  const { allowed, can } = await requireStaff("staff:read");
  if (!allowed) return <NoAccess what="viewing the shift plan" />;
  return (
    <Suspense>
      <ShiftPlanner canManage={can("staff:manage")} />
    </Suspense>
  );
}
